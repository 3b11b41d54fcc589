"""Export and start-up beside their yardsticks: `argmap show` against importing its
dependencies, the 1k map to SVG against Argdown, and the 10k map to SVG with its progress and
its time budget.

    python benchmarks/bench_export.py                     # everything, 7 start-up pairs, 3 runs
    python benchmarks/bench_export.py --argdown PATH      # the Argdown CLI to time beside argmap
    python benchmarks/bench_export.py --repeat 5 --no-10k

What is timed (each command a process of its own, as ``run.run_child`` runs it):

* start-up: ``argmap show`` (the bundled map, its output to a file) and
  ``python -c 'import networkx, yaml, rich, click'``, one after the other, ``--pairs`` times;
  the ratio of each pair, so that the machine's drift hits both alike. Target: the median
  ratio at most 1.3 (``run.TARGETS["startup ratio"]``).
* the 1k map to SVG, ``argmap export`` beside ``argdown map --format svg`` of the same map
  (``run.compare_argdown``: the runs alternate; the Argdown text is ``run.argdown_text``'s).
  Target: Argdown at least 3x slower. Skipped, with the reason, without an Argdown CLI:
  ``--argdown``, else ``$ARGDOWN``, else ``$ARGDOWN_CLI`` or the CI's install (``.ci/run``
  puts it in ``${TMPDIR:-/tmp}/argmap-ci-node``), else ``argdown`` on PATH.
* the 10k map to SVG with the defaults (the fast layout, chosen by size): the whole command,
  target under a minute, and what it says on stderr: the layout it chose and how far it has
  got (a line a step once it takes over 3 s).
* the 10k map with Graphviz's dot and a budget (``--layout dot --timeout 15``): it must stop
  once the budget is spent, exit 1 with a message that names the cheaper choices, and leave
  the file that was there as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import (  # noqa: E402
    LAUNCHER,
    OUT,
    TARGETS,
    Failure,
    argmap_command,
    compare_argdown,
    fmt_size,
    report,
    row,
    run_child,
    say,
)

IMPORTS = "import networkx, yaml, rich, click"
BIG = 10_000
BIG_SECONDS = 60.0  # the 10k map to SVG, whole command
BUDGET = 15.0  # the --timeout given to the 10k dot layout, which takes minutes
CHOICES = ("--page a4", "--focus ID --depth N", "--theme THEME", "--layout fast", "--timeout")


def the_map(n: int, seed: int = 0) -> Path:
    """benchmarks/out/map-<n>.yaml, generated (seed 0) when it is not there yet."""
    path = OUT / f"map-{n}.yaml"
    if not path.is_file():
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(n, seed), encoding="utf-8")
    return path


def default_argdown() -> str | None:
    """$ARGDOWN, else $ARGDOWN_CLI or the CI's install of Argdown 1.7.5 (for find_argdown)."""
    if os.environ.get("ARGDOWN"):
        return None  # find_argdown reads it
    ci = Path(os.environ.get("TMPDIR", "/tmp")) / "argmap-ci-node/argdown/node_modules/.bin/argdown"
    for candidate in (os.environ.get("ARGDOWN_CLI"), str(ci)):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def run_logged(cmd: list[str], stdout: Path | None = None) -> tuple[int, float, float | None, str]:
    """``cmd`` once, as run_child runs it: (exit status, wall seconds, peak MB, its stderr)."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(stdout or "-"), *cmd],
                           stdout=subprocess.PIPE, stderr=err, cwd=OUT)
        err.seek(0)
        text = err.read().decode(errors="replace")
    try:
        res = json.loads(p.stdout.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        return p.returncode or 1, 0.0, None, text
    return res["rc"], res["elapsed"], res["peak_mb"], text


def startup(argmap_cmd: list[str], rows: list[dict], failures: list[str], say, pairs: int) -> None:
    say(f"  start-up: argmap show vs python -c '{IMPORTS}' ({pairs} pairs) ...")
    show_t, import_t, peaks = [], [], []
    try:
        run_child(argmap_cmd + ["show"], OUT / "show-bundled.txt")  # a warm-up of both
        run_child([sys.executable, "-c", IMPORTS])
        for _ in range(pairs):
            t, peak = run_child(argmap_cmd + ["show"], OUT / "show-bundled.txt")
            show_t.append(t)
            peaks.append(peak)
            import_t.append(run_child([sys.executable, "-c", IMPORTS])[0])
    except Failure as e:
        failures.append(str(e))
        return
    ratios = [s / i for s, i in zip(show_t, import_t, strict=True)]
    limit = TARGETS["startup ratio"]
    rows.append(row("show (bundled map)", "bundled", show_t, peaks))
    rows.append(row(f"python -c '{IMPORTS}'", "-", import_t))
    median = statistics.median(ratios)
    rows.append({"name": "startup ratio show/import (paired)", "size": "-", "runs": pairs,
                 "best_s": round(min(ratios), 3), "median_s": round(median, 3), "peak_mb": None,
                 "target": limit, "target_on": "ratio", "ok": median <= limit})


def big_export(argmap_cmd: list[str], rows: list[dict], failures: list[str], say) -> None:
    path = the_map(BIG)
    svg = OUT / f"map-{BIG}.svg"
    say(f"  export svg {fmt_size(BIG)} (defaults) ...")
    rc, t, peak, err = run_logged(argmap_cmd + ["export", str(path), "-o", str(svg)])
    if rc != 0:
        failures.append(f"argmap export {path} -o {svg}: exit status {rc}\n{err}")
        return
    r = row("export svg (defaults)", BIG, [t], [peak], BIG_SECONDS)
    r["layout"] = next((ln.split(" with ", 1)[1].split(" (")[0].split(",")[0]
                        for ln in err.splitlines() if ln.startswith("Laying out ")), None)
    steps = [ln.strip() for ln in err.splitlines() if ln.startswith("  ") and " s: " in ln]
    r["progress_lines"] = len(steps)
    rows.append(r)
    if r["layout"] is None:
        failures.append(f"export of {fmt_size(BIG)} claims: no 'Laying out ...' line on stderr")
    if t > 5 and not steps:
        failures.append(f"export of {fmt_size(BIG)} claims ran {t:.0f} s without saying how far")
    say(f"    {t:.1f} s with {r['layout']}; {len(steps)} progress lines")

    kept = OUT / f"map-{BIG}-kept.svg"
    kept.write_bytes(b"kept")
    say(f"  export svg {fmt_size(BIG)} --layout dot --timeout {BUDGET:g} (must stop) ...")
    cmd = argmap_cmd + ["export", str(path), "-o", str(kept), "--layout", "dot",
                        "--timeout", f"{BUDGET:g}"]
    rc, t, peak, err = run_logged(cmd)
    r = row(f"export svg --layout dot --timeout {BUDGET:g} (stopped)", BIG, [t], [peak])
    missing = [c for c in CHOICES if c not in err]
    r["ok"] = rc == 1 and "nothing was written" in err and not missing \
        and kept.read_bytes() == b"kept"
    r["note"] = "stopped, named the cheaper choices, kept the file" if r["ok"] else err[-400:]
    rows.append(r)
    if not r["ok"]:
        failures.append(f"{' '.join(cmd)}: exit status {rc}, choices not named: {missing}\n{err}")
    kept.unlink(missing_ok=True)


def run(argmap_cmd: list[str], rows: list[dict], failures: list[str],
        say: Callable[[str], None], pairs: int = 7, repeat: int = 3, argdown: str | None = None,
        big: bool = True) -> None:
    """Append the rows of export and start-up (see the module's docstring)."""
    OUT.mkdir(parents=True, exist_ok=True)
    say("export and start-up:")
    startup(argmap_cmd, rows, failures, say, pairs)
    the_map(1_000)
    # its rows, or a line that says why it was skipped
    compare_argdown(argdown or default_argdown(), [1_000], repeat, argmap_cmd, rows, failures, say)
    if big:
        big_export(argmap_cmd, rows, failures, say)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=7, help="start-up pairs (default 7)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each 1k export (default 3)")
    ap.add_argument("--argdown", metavar="PATH", help="the Argdown CLI (see above)")
    ap.add_argument("--no-10k", action="store_true", help="skip the 10k map")
    a = ap.parse_args(argv)
    rows: list[dict] = []
    failures: list[str] = []

    run(argmap_command(), rows, failures, say, max(1, a.pairs), max(1, a.repeat), a.argdown,
        not a.no_10k)
    return report("export", rows, failures)


if __name__ == "__main__":
    sys.exit(main())
