"""Time the argmap command line and library on generated maps of 1k, 10k and 100k claims.

    python benchmarks/run.py                 # everything (the 100k steps take a few minutes)
    python benchmarks/run.py --quick         # 1k and 10k claims only
    python benchmarks/run.py --sizes 1000,10000 --big-svg

Maps and outputs go to benchmarks/out/ (git-ignored), the results to benchmarks/out/results.json.
Every command runs as a fresh child process of the installed ``argmap``; its wall time is measured
around the whole process (start-up included) and its peak memory is the child's own maximum
resident set size (``os.wait4``). See benchmarks/README.md for the targets.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 100_000)
BIG = 100_000  # from this size on, every step runs once

# name -> (description, limit, unit); checked against the best time (or peak MB / ratio)
TARGETS = {
    "startup ratio": 1.5,
    ("check", 10_000): 1.0,
    ("check", 100_000): 10.0,
    ("loads+validate", 10_000): 1.0,
    ("loads+validate", 100_000): 10.0,
    ("check peak MB", 100_000): 1024.0,
    ("export svg", 1_000): 3.7,
}


def argmap_command() -> list[str]:
    """The installed ``argmap`` script next to this Python, else ``python -m argmap``."""
    script = Path(sys.executable).with_name("argmap")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "argmap"]


class Failure(Exception):
    pass


# A small launcher runs each measured command, so the command's peak RSS is its own: a child
# forked straight from this (large) process would start with this process's RSS, which Linux
# keeps in ru_maxrss across exec. The launcher times the child and reads its rusage (wait4).
LAUNCHER = r"""
import json, os, subprocess, sys, time
out = sys.argv[1]
with open(os.devnull if out == "-" else out, "wb") as f:
    t0 = time.perf_counter()
    p = subprocess.Popen(sys.argv[2:], stdout=f)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t0
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
print(json.dumps({"elapsed": elapsed, "rc": os.waitstatus_to_exitcode(status),
                  "peak_mb": usage.ru_maxrss * scale / 2**20}))
"""


def run_child(cmd: list[str], stdout: Path | None = None) -> tuple[float, float | None]:
    """Run ``cmd`` once: (wall seconds, peak RSS in MB of that child). Raise Failure on exit != 0.

    The time is taken by the launcher around the child alone, without the launcher's start-up.
    """
    with tempfile.TemporaryFile() as err:
        if hasattr(os, "wait4"):
            p = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(stdout or "-"), *cmd],
                               stdout=subprocess.PIPE, stderr=err, cwd=OUT)
            try:
                res = json.loads(p.stdout.decode().strip().splitlines()[-1])
            except (ValueError, IndexError):
                res = {"rc": p.returncode or 1, "elapsed": 0.0, "peak_mb": None}
            rc, elapsed, peak = res["rc"], res["elapsed"], res["peak_mb"]
        else:  # no wait4 (Windows): time only
            with open(stdout or os.devnull, "wb") as out:
                t0 = time.perf_counter()
                rc = subprocess.run(cmd, stdout=out, stderr=err, cwd=OUT).returncode
                elapsed, peak = time.perf_counter() - t0, None
        if rc != 0:
            err.seek(0)
            msg = err.read().decode(errors="replace")
            raise Failure(f"exit status {rc}: {' '.join(cmd)}\n{msg}")
    return elapsed, peak


def row(name: str, size: int | str, times: list[float], peaks: list[float | None] = (),
        target: float | None = None, target_on: str = "best") -> dict:
    best = min(times)
    peaks = [p for p in peaks if p is not None]
    r = {"name": name, "size": size, "runs": len(times), "best_s": round(best, 4),
         "median_s": round(statistics.median(times), 4),
         "peak_mb": round(max(peaks), 1) if peaks else None, "target": target}
    if target is not None:
        value = r["peak_mb"] if target_on == "peak" else best
        r["target_on"] = target_on
        r["ok"] = value is not None and value < target
    return r


def fmt_size(size: int | str) -> str:
    if isinstance(size, int):
        return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)
    return size


def print_table(rows: list[dict]) -> None:
    head = ("benchmark", "input", "runs", "best s", "median s", "peak MB", "target", "")
    lines = []
    for r in rows:
        target = ""
        if r.get("target") is not None:
            unit = {"peak": " MB", "ratio": "x"}.get(r.get("target_on"), " s")
            target = f"< {r['target']:g}{unit}"
        lines.append((r["name"], fmt_size(r["size"]), str(r["runs"]), f"{r['best_s']:.3f}",
                      f"{r['median_s']:.3f}", "" if r["peak_mb"] is None else f"{r['peak_mb']:.0f}",
                      target, {True: "ok", False: "MISSED"}.get(r.get("ok"), "")))
    widths = [max(len(x) for x in col) for col in zip(head, *lines, strict=True)]
    right = {2, 3, 4, 5}

    def fmt(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    print(fmt(head))
    print("  ".join("-" * w for w in widths))
    for line in lines:
        print(fmt(line))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark argmap on generated maps.")
    ap.add_argument("--sizes", help="comma-separated claim counts (default 1000,10000,100000)")
    ap.add_argument("--quick", action="store_true", help="1k and 10k claims only")
    ap.add_argument("--big-svg", action="store_true", help="also render 10k claims to SVG")
    ap.add_argument("--repeat", type=int, default=3, help="runs per step below 100k (default 3)")
    ap.add_argument("--queries-all", action="store_true",
                    help="time the queries on every size, not only on 10k claims")
    ap.add_argument("--seed", type=int, default=0, help="seed of the generated maps")
    a = ap.parse_args(argv)
    if a.sizes:
        try:
            sizes = sorted({int(s.replace("_", "")) for s in a.sizes.split(",") if s.strip()})
        except ValueError:
            ap.error(f"--sizes: not a list of numbers: {a.sizes!r}")
        if not sizes or min(sizes) < 1:
            ap.error("--sizes: claim counts must be at least 1")
    elif a.quick:
        sizes = [1_000, 10_000]
    else:
        sizes = list(DEFAULT_SIZES)
    OUT.mkdir(parents=True, exist_ok=True)
    argmap = argmap_command()
    rows: list[dict] = []
    failures: list[str] = []

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    def timed(name: str, size: int | str, args: list[str], repeat: int,
              stdout: Path | None = None, target_key=None) -> dict | None:
        times, peaks = [], []
        say(f"  {name} {fmt_size(size)} ...")
        for _ in range(repeat):
            try:
                t, peak = run_child(argmap + args, stdout)
            except Failure as e:
                failures.append(str(e))
                print(f"FAILED: {e}", file=sys.stderr, flush=True)
                return None
            times.append(t)
            peaks.append(peak)
        r = row(name, size, times, peaks, TARGETS.get(target_key or (name, size)))
        rows.append(r)
        return r

    say(f"argmap: {' '.join(argmap)}; sizes: {', '.join(map(fmt_size, sizes))}")

    # -- start-up: `argmap show` on the bundled map vs importing its dependencies -------------
    say("  start-up: argmap show (bundled map) vs python -c 'import networkx, yaml, rich, click'")
    show_t, import_t, show_peak = [], [], []
    try:
        for _ in range(5):  # interleaved, so drift hits both alike
            t, peak = run_child(argmap + ["show"], OUT / "show-bundled.txt")
            show_t.append(t)
            show_peak.append(peak)
            import_t.append(run_child([sys.executable, "-c",
                                       "import networkx, yaml, rich, click"])[0])
    except Failure as e:
        failures.append(str(e))
        print(f"FAILED: {e}", file=sys.stderr, flush=True)
    if show_t and import_t:
        rows.append(row("show (bundled map)", "bundled", show_t, show_peak))
        rows.append(row("import networkx,yaml,rich,click", "-", import_t))
        ratio = min(show_t) / min(import_t)
        r = {"name": "startup ratio show/import", "size": "-", "runs": 5,
             "best_s": round(ratio, 3), "median_s": round(
                 statistics.median(show_t) / statistics.median(import_t), 3),
             "peak_mb": None, "target": TARGETS["startup ratio"], "target_on": "ratio",
             "ok": ratio < TARGETS["startup ratio"]}
        rows.append(r)

    # -- generated maps -------------------------------------------------------------------------
    texts: dict[int, str] = {}
    for n in sizes:
        say(f"generating {fmt_size(n)} claims ...")
        t0 = time.perf_counter()
        text = generate(n, a.seed)
        gen_t = time.perf_counter() - t0
        path = OUT / f"map-{n}.yaml"
        path.write_text(text, encoding="utf-8")
        texts[n] = text
        rows.append(row("generate (in-process)", n, [gen_t]))
        rows[-1]["bytes"] = len(text.encode())

    for n in sizes:
        repeat = 1 if n >= BIG else max(1, a.repeat)
        path = str(OUT / f"map-{n}.yaml")
        say(f"{fmt_size(n)} claims ({repeat} run{'s' * (repeat != 1)} per step):")
        r = timed("check", n, ["check", path], repeat)
        if r is not None and n in (100_000,):
            key = ("check peak MB", n)
            rows.append({**r, "name": "check (peak memory)", "target": TARGETS[key],
                         "target_on": "peak", "ok": r["peak_mb"] is not None
                         and r["peak_mb"] < TARGETS[key]})
        timed("show --json", n, ["show", path, "--json"], repeat)
        if n <= 10_000:
            timed("export dot", n, ["export", path, "-o", str(OUT / f"map-{n}.dot")], repeat)
        if n <= 1_000 or (a.big_svg and n <= 10_000):
            timed("export svg", n, ["export", path, "-o", str(OUT / f"map-{n}.svg")], repeat)

    # -- in-process: parse + check, without interpreter start-up and imports ----------------------
    from argmap.loader import loads
    from argmap.validate import validate

    for n in sizes:
        repeat = 1 if n >= BIG else 3
        say(f"in-process loads + validate, {fmt_size(n)} claims ({repeat} run(s)) ...")
        load_t, val_t, total_t = [], [], []
        for _ in range(repeat):
            gc.collect()
            t0 = time.perf_counter()
            amap = loads(texts[n], f"map-{n}.yaml")
            t1 = time.perf_counter()
            diagnostics = validate(amap)
            t2 = time.perf_counter()
            load_t.append(t1 - t0)
            val_t.append(t2 - t1)
            total_t.append(t2 - t0)
            if diagnostics:
                say(f"  note: {len(diagnostics)} warning(s), e.g. {diagnostics[0]}")
            del amap, diagnostics
        rows.append(row("loads (in-process)", n, load_t))
        rows.append(row("validate (in-process)", n, val_t))
        rows.append(row("loads+validate", n, total_t, (), TARGETS.get(("loads+validate", n))))
        if n == 10_000 or a.queries_all:
            rows.extend(time_queries(texts[n], n, repeat))
        rows.extend(time_semantics(texts[n], n, repeat))
    rows.extend(time_semantics(None, "bundled", 5))

    print()
    print_table(rows)
    try:
        from importlib.metadata import version
        argmap_version = version("argmap")
    except Exception:  # pragma: no cover - not installed as a distribution
        argmap_version = None
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": sys.version.split()[0], "platform": platform.platform(),
        "machine": platform.machine(), "cpus": os.cpu_count(), "argmap": argmap_version,
        "command": argmap, "sizes": sizes, "seed": a.seed, "rows": rows, "failures": failures,
    }
    (OUT / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {OUT / 'results.json'}")
    missed = [f"{r['name']} {fmt_size(r['size'])}" for r in rows if r.get("ok") is False]
    if missed:
        print("targets missed: " + "; ".join(missed))
    if failures:
        print(f"{len(failures)} command(s) failed", file=sys.stderr)
        return 1
    return 0


def time_semantics(text: str | None, n: int | str, repeat: int) -> list[dict]:
    """Grounded labelling and DF-QuAD on a loaded map; preferred on the bundled map."""
    from argmap import semantics
    from argmap.loader import load, loads

    amap = load() if text is None else loads(text, f"map-{n}.yaml")
    steps = {"grounded": lambda: semantics.grounded(amap),
             "dfquad": lambda: semantics.dfquad(amap)}
    if text is None:
        steps["preferred"] = lambda: semantics.preferred(amap)
    if n != 100_000:
        steps["critical"] = lambda: semantics.critical(amap)
    out = []
    for name, fn in steps.items():
        print(f"  {name} on {fmt_size(n) if isinstance(n, int) else n} ...", file=sys.stderr,
              flush=True)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        target = 2.0 if n == 100_000 else (0.1 if name == "preferred" else None)
        out.append(row(f"{name} (in-process)", n, times, (), target))
    return out


def time_queries(text: str, n: int, repeat: int) -> list[dict]:
    """Each question command's library function on a loaded map (the map is loaded once)."""
    from argmap import queries
    from argmap.loader import loads

    amap = loads(text, f"map-{n}.yaml")
    thesis = amap.thesis
    leaf = next(c for c in amap.claims() if amap.graph.succ[c] and not amap.graph.pred[c])
    steps = {
        "list": lambda: queries.list_nodes(amap, role="objection", sort="para"),
        "why": lambda: queries.support_tree(amap, thesis),
        "objections": lambda: queries.objections_to(amap, thesis),
        "unanswered": lambda: queries.unanswered_objections(amap),
        "unsupported": lambda: queries.unsupported_claims(amap),
        "path": lambda: queries.chains(amap, leaf, thesis),
        "path, unreachable": lambda: queries.chains(amap, thesis, leaf),
        "stats": lambda: queries.map_stats(amap),
    }
    out = []
    for name, fn in steps.items():
        print(f"  query {name} on {fmt_size(n)} claims ...", file=sys.stderr, flush=True)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        out.append(row(f"query {name} (in-process)", n, times, (), 0.5))
    return out


if __name__ == "__main__":
    sys.exit(main())
