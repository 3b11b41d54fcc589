"""Time the build step and the checks in-process: records -> ArgumentMap (``records.build``) and
the lints (``validate.validate``) on the generated maps, as ``argmap check`` runs them.

    python benchmarks/bench_build.py                     # 10k and 100k claims (~1 min)
    python benchmarks/bench_build.py --sizes 10000       # one size
    python benchmarks/bench_build.py --maps /tmp/b       # read map-<n>.yaml from there

Each size runs in a child process of its own, so that what one size leaves behind does not
weigh on the next. The child reads the map's records once (the reader is not timed here: it is
the loader's benchmark), keeps them pickled, and for each run unpickles a fresh copy (the build
step consumes its records), then times:

* ``build`` under ``loader.no_gc``, as ``loader.parse`` runs it;
* ``validate(amap, include_ignored=True)``, as ``argmap check`` calls it after the build;
* the first collection of the cyclic GC after both (``gc.collect()``): what the process pays for
  every object made while the collector was off, the next time it runs.

Times are CPU seconds of the child (``time.process_time``; wall time is noisier on a shared
machine). A last run under ``tracemalloc`` gives the peak memory above the records that the
build and the checks each take (MB), on the ``peak MB`` column.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import OUT, print_table, row  # noqa: E402

SIZES = (10_000, 100_000)
TARGETS = {
    ("build (in-process)", 100_000): 1.5,
    ("validate (in-process)", 100_000): 1.5,
}


def child(path: Path, repeat: int) -> dict:
    """In the child: the figures of one map (see the module's docstring)."""
    import gc
    import tracemalloc

    from argmap.loader import no_gc, read_records
    from argmap.records import build
    from argmap.validate import validate

    text = path.read_text(encoding="utf-8")
    with no_gc():
        blob = pickle.dumps(read_records(text, str(path)), protocol=pickle.HIGHEST_PROTOCOL)
    del text
    out: dict = {"build": [], "validate": [], "gc": []}
    for _ in range(repeat):
        recs = pickle.loads(blob)
        gc.collect()
        t = time.process_time()
        with no_gc():
            amap, diagnostics = build(recs)
        t1 = time.process_time()
        found = validate(amap, include_ignored=True)
        t2 = time.process_time()
        gc.collect()
        t3 = time.process_time()
        out["build"].append(t1 - t)
        out["validate"].append(t2 - t1)
        out["gc"].append(t3 - t2)
        out["claims"] = sum(1 for _ in amap.claims())
        out["errors"], out["warnings"] = len(diagnostics), len(found)
        del recs, amap, diagnostics, found
    recs = pickle.loads(blob)
    gc.collect()
    tracemalloc.start()
    with no_gc():
        amap, _ = build(recs)
    out["build_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    validate(amap, include_ignored=True)
    out["validate_peak_mb"] = (tracemalloc.get_traced_memory()[1] - before) / 2**20
    tracemalloc.stop()
    return out


def map_path(size: int, maps: Path | None) -> Path:
    if maps is not None:
        return maps / f"map-{size}.yaml"
    path = OUT / f"map-{size}.yaml"
    if not path.exists():
        from generate import generate

        OUT.mkdir(exist_ok=True)
        path.write_text(generate(size, 0), encoding="utf-8")
    return path


def run(argmap_cmd: list[str], rows: list[dict], failures: list[str],
        say: Callable[[str], None], sizes: tuple[int, ...] = SIZES, repeat: int = 3,
        maps: Path | None = None) -> None:
    """Append the build and check rows (in-process: ``argmap_cmd`` is not used)."""
    say("build and checks (in-process):")
    for size in sizes:
        path = map_path(size, maps)
        say(f"  {size:,} claims: {path}")
        p = subprocess.run([sys.executable, __file__, "--child", str(path), str(repeat)],
                           capture_output=True, text=True)
        if p.returncode:
            failures.append(f"bench_build {size}: {p.stderr.strip()[-2000:]}")
            continue
        got = json.loads(p.stdout.strip().splitlines()[-1])
        for name, key, peak in (("build (in-process)", "build", got["build_peak_mb"]),
                                ("validate (in-process)", "validate", got["validate_peak_mb"]),
                                ("first GC after build+validate", "gc", None)):
            r = row(name, size, got[key], [peak], TARGETS.get((name, size)))
            r.update(claims=got["claims"], warnings=got["warnings"], clock="cpu")
            rows.append(r)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)),
                    help="generated map sizes (default 10000,100000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per map (default 3)")
    ap.add_argument("--maps", type=Path, help="where map-<n>.yaml are (default benchmarks/out)")
    ap.add_argument("--child", nargs=2, metavar=("MAP", "REPEAT"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(child(Path(a.child[0]), int(a.child[1]))))
        return 0
    rows: list[dict] = []
    failures: list[str] = []

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    sizes = tuple(int(s) for s in a.sizes.split(",") if s.strip())
    run([], rows, failures, say, sizes, a.repeat, a.maps)
    print_table(rows)
    for f in failures:
        print(f"FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
