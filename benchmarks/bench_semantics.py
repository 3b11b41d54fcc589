"""Time the semantics in-process, after loading: the labellings and strengths of generated maps,
and Dung's grounded labelling side by side with the PyPI package formal-argumentation.

    python benchmarks/bench_semantics.py                    # everything (loading 100k: ~20 s)
    python benchmarks/bench_semantics.py --sizes 10000      # a smaller generated map only
    python benchmarks/bench_semantics.py --dung-only        # only the side by side
    python benchmarks/bench_semantics.py --maps /tmp/b      # read map-<n>.yaml from there

What is timed:

* grounded and DF-QuAD on the generated maps (``benchmarks/generate.py``, seed 0), loaded once:
  each *with the index built* (``Framework.forget`` first, so the call builds the map's compact
  index, as the first evaluation of a freshly loaded map does) and *with the index kept* (a
  later call on the same map); ``critical`` on the maps below 100k;
* a random pure-attack framework of 100k arguments, each attacking 2 others: (a) from the list of
  attacks, argmap's ``Framework.from_attacks`` + ``grounded`` (every argument labelled IN, OUT or
  UNDEC) against formal-argumentation's ``ArgumentationFramework`` + ``grounded_extension`` (the
  IN set only), alternated run by run; (b) the same attacks as an ArgumentMap (every argument one
  premise; building the map through networkx is timed on its own row), ``grounded(map)`` with its
  index built, against the same formal-argumentation run. Ratios are formal-argumentation's time
  over argmap's: best over best, and the median of the run-by-run ratios;
* preferred on the bundled map.

Every result is checked too: argmap's grounded IN set must equal formal-argumentation's.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import OUT, fmt_size, report, row, say  # noqa: E402

SIZES = (10_000, 100_000)
DUNG_SIZE = 100_000
DUNG_ATTACKS = 2  # attacks made by each argument
TARGETS = {
    ("grounded, index built (in-process)", 100_000): 1.0,
    ("dfquad, index built (in-process)", 100_000): 1.0,
    ("grounded, index kept (in-process)", 100_000): 1.0,
    ("dfquad, index kept (in-process)", 100_000): 1.0,
    ("preferred (in-process)", "bundled"): 0.1,
    "dung ratio": 2.0,  # formal-argumentation's time over argmap's, build included: at least
}


def random_attacks(n: int, k: int = DUNG_ATTACKS, seed: int = 0
                   ) -> tuple[list[str], list[tuple[str, str]]]:
    """``n`` arguments ``c0``..; each attacks ``k`` others, drawn at random (no self-attacks)."""
    rnd = random.Random(seed)
    names = [f"c{i}" for i in range(n)]
    attacks = []
    for i in range(n):
        for j in rnd.sample(range(n - 1), k):
            attacks.append((names[i], names[j + (j >= i)]))
    return names, attacks


def attack_map(names: list[str], attacks: list[tuple[str, str]]):
    """The ArgumentMap of a Dung framework: a claim per argument, an attack per pair, its
    attacker as the one premise."""
    from argmap.model import ArgumentMap

    amap = ArgumentMap()
    amap.add_claims([(c, f"Claim {c}.", {}) for c in names])
    amap.add_arguments([(f"a{i}", "attack", b, [a], {}) for i, (a, b) in enumerate(attacks)])
    return amap


def _timed(fn: Callable[..., object], *args: object) -> tuple[float, Any]:
    """Seconds of ``fn(*args)`` (after a collection, so none falls inside), and its result."""
    gc.collect()
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def _ratio_row(name: str, size: int | str, theirs: list[float], ours: list[float]) -> dict:
    limit = TARGETS["dung ratio"]
    best = min(theirs) / min(ours)
    median = statistics.median(t / o for t, o in zip(theirs, ours, strict=True))
    return {"name": name, "size": size, "runs": len(ours), "best_s": round(best, 3),
            "median_s": round(median, 3), "peak_mb": None, "target": limit,
            "target_on": "ratio", "target_op": ">=", "ok": min(best, median) >= limit}


def time_maps(sizes: tuple[int, ...], repeat: int, rows: list[dict], failures: list[str],
              say: Callable[[str], None], maps: Path | None = None) -> None:
    """Grounded and DF-QuAD on each generated map, the index built and kept."""
    from generate import generate

    from argmap.loader import load

    for n in sizes:
        path = (maps or OUT) / f"map-{n}.yaml"
        if not path.is_file():
            say(f"  generating {fmt_size(n)} claims -> {path}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(generate(n, 0), encoding="utf-8")
        say(f"  loading {path} ...")
        load_t, amap = _timed(load, str(path))
        rows.append(row("load (in-process, not a target here)", n, [load_t]))
        _time_map(amap, n, repeat, rows, failures, say)
        del amap
        gc.collect()


def _time_map(amap: Any, n: int, repeat: int, rows: list[dict], failures: list[str],
              say: Callable[[str], None]) -> None:
    from argmap import semantics
    from argmap.framework import Framework

    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}  # this process's CPU seconds: less moved by a busy machine

    def note(name: str, fn: Callable[..., object], forget: bool = False) -> Any:
        if forget:
            Framework.forget(amap)
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        out = fn(amap)
        times.setdefault(name, []).append(time.perf_counter() - t0)
        cpu.setdefault(name, []).append(time.process_time() - c0)
        return out

    runs = max(1, repeat)
    say(f"  grounded and dfquad on {fmt_size(n)} claims ({runs} runs) ...")
    for _ in range(runs):
        lab = note("grounded, index built (in-process)", semantics.grounded, forget=True)
        note("dfquad, index kept (in-process)", semantics.dfquad)
        note("grounded, index kept (in-process)", semantics.grounded)
        note("dfquad, index built (in-process)", semantics.dfquad, forget=True)
        note("index build (Framework.from_map)", Framework.from_map, forget=True)
    if len(lab) != len(amap.graph):
        failures.append(f"grounded on map-{n}: {len(lab)} labels, {len(amap.graph)} nodes")
    if n < 100_000:
        say(f"  critical on {fmt_size(n)} claims ...")
        note("critical, index kept (in-process)", semantics.critical)
    for name, ts in times.items():
        rows.append({**row(name, n, ts, (), TARGETS.get((name, n))),
                     "cpu_best_s": round(min(cpu[name]), 4),
                     "cpu_median_s": round(statistics.median(cpu[name]), 4)})


def time_dung(n: int, runs: int, rows: list[dict], failures: list[str],
              say: Callable[[str], None]) -> None:
    """Dung's grounded labelling: argmap and formal-argumentation, alternated run by run."""
    from argmap import semantics
    from argmap.framework import Framework

    try:
        from argumentation.core.dung import ArgumentationFramework, grounded_extension
    except ImportError:
        say("  formal-argumentation is not installed (pip install 'formal-argumentation>=0.3; "
            "python 3.11+'): the side by side is skipped")
        return
    size = f"{fmt_size(n)} args, {DUNG_ATTACKS} attacks each"
    names, attacks = random_attacks(n)

    def theirs():
        t0 = time.perf_counter()
        af = ArgumentationFramework(arguments=frozenset(names), defeats=frozenset(attacks))
        t1 = time.perf_counter()
        ext = grounded_extension(af)
        return t1 - t0, time.perf_counter() - t1, ext

    def ours_framework():
        t0 = time.perf_counter()
        fw = Framework.from_attacks(names, attacks)
        t1 = time.perf_counter()
        lab = semantics.grounded(fw)
        return t1 - t0, time.perf_counter() - t1, lab

    say(f"  pure-attack map as an ArgumentMap ({size}) ...")
    build_t, amap = _timed(attack_map, names, attacks)
    rows.append(row("pure-attack ArgumentMap build (networkx, not argmap's grounded)", size,
                    [build_t]))

    def ours_map():
        Framework.forget(amap)
        t0 = time.perf_counter()
        Framework.from_map(amap)
        t1 = time.perf_counter()
        lab = semantics.grounded(amap)
        return t1 - t0, time.perf_counter() - t1, lab

    say(f"  Dung grounded, argmap vs formal-argumentation ({size}, {runs} runs each, "
        "alternated) ...")
    t: dict[str, list[tuple[float, float]]] = {"theirs": [], "framework": [], "map": []}
    for r in range(runs):
        for key, fn in (("theirs", theirs), ("framework", ours_framework), ("map", ours_map)):
            gc.collect()
            build, label, result = fn()
            t[key].append((build, label))
            if r == 0:
                got = (set(result) if key == "theirs" else
                       {c for c in names if result[c] == semantics.IN})
                if key == "theirs":
                    want = got
                elif got != want:
                    failures.append(f"Dung grounded ({key}): argmap's IN set differs from "
                                    f"formal-argumentation's ({len(got)} vs {len(want)})")
    total = {k: [b + lab for b, lab in v] for k, v in t.items()}
    rows.append(row("Dung grounded: formal-argumentation 0.3 (build + IN set)", size,
                    total["theirs"]))
    rows.append(row("  formal-argumentation: build", size, [b for b, _ in t["theirs"]]))
    rows.append(row("  formal-argumentation: grounded_extension", size,
                    [lab for _, lab in t["theirs"]]))
    rows.append(row("Dung grounded: argmap Framework.from_attacks (build + labels)", size,
                    total["framework"]))
    rows.append(row("  argmap: Framework.from_attacks", size, [b for b, _ in t["framework"]]))
    rows.append(row("  argmap: grounded(framework)", size, [lab for _, lab in t["framework"]]))
    rows.append(_ratio_row("Dung ratio formal-argumentation/argmap (framework)", size,
                           total["theirs"], total["framework"]))
    rows.append(row("Dung grounded: argmap ArgumentMap (index build + labels)", size,
                    total["map"]))
    rows.append(row("  argmap: index build (Framework.from_map)", size, [b for b, _ in t["map"]]))
    rows.append(row("  argmap: grounded(map), index kept", size, [lab for _, lab in t["map"]]))
    rows.append(_ratio_row("Dung ratio formal-argumentation/argmap (map)", size,
                           total["theirs"], total["map"]))


def time_bundled(repeat: int, rows: list[dict], say: Callable[[str], None]) -> None:
    from argmap import semantics
    from argmap.loader import load

    amap = load()
    say("  preferred on the bundled map ...")
    times = [_timed(semantics.preferred, amap)[0] for _ in range(max(5, repeat))]
    rows.append(row("preferred (in-process)", "bundled", times, (),
                    TARGETS[("preferred (in-process)", "bundled")]))


def run(argmap_cmd: list[str], rows: list[dict], failures: list[str],
        say: Callable[[str], None], sizes: tuple[int, ...] = SIZES, repeat: int = 3,
        dung_size: int = DUNG_SIZE, dung_runs: int = 5, maps: Path | None = None,
        dung_only: bool = False) -> None:
    """Append the semantics rows (in-process: ``argmap_cmd`` is not used)."""
    say("semantics (in-process):")
    if not dung_only:
        time_maps(sizes, repeat, rows, failures, say, maps)
    time_dung(dung_size, dung_runs, rows, failures, say)
    if not dung_only:
        time_bundled(repeat, rows, say)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)),
                    help="generated map sizes (default 10000,100000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per map step (default 3)")
    ap.add_argument("--dung-size", type=int, default=DUNG_SIZE)
    ap.add_argument("--dung-runs", type=int, default=5)
    ap.add_argument("--dung-only", action="store_true")
    ap.add_argument("--maps", type=Path, help="where map-<n>.yaml are (default benchmarks/out)")
    a = ap.parse_args(argv)
    rows: list[dict] = []
    failures: list[str] = []

    sizes = tuple(int(s) for s in a.sizes.split(",") if s.strip())
    run([], rows, failures, say, sizes, a.repeat, a.dung_size, a.dung_runs, a.maps, a.dung_only)
    for r in rows:
        if "cpu_best_s" in r:
            print(f"  CPU seconds, {r['name']} {fmt_size(r['size'])}: best {r['cpu_best_s']:.3f}, "
                  f"median {r['cpu_median_s']:.3f}")
    return report("semantics", rows, failures)


if __name__ == "__main__":
    sys.exit(main())
