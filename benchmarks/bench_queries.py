"""Time every question command on the generated 10k map, printing to a file: the whole command
(a new process, start-up and loading included) and, in-process, the command alone after the map
is read (its query and its printing).

    python benchmarks/bench_queries.py                  # the 10k map, 3 runs of each
    python benchmarks/bench_queries.py --size 1000      # another generated map
    python benchmarks/bench_queries.py --maps /tmp/b    # read map-<n>.yaml from there
    python benchmarks/bench_queries.py --only show,list --no-in-process

What is timed:

* ``argmap CMD MAP ... > file``: every read command (``show`` with and without ``--eval``,
  ``list``, ``why``, ``objections``, ``unanswered``, ``unsupported``, ``path``, ``stats``,
  ``eval`` with ``--critical``, ``--assume`` and ``--semantics preferred``, ``explain``,
  ``sources``, ``diff``, and ``--json`` of the biggest answers), each run in a process of its
  own with its standard output to a file, as ``run.run_child`` runs commands: the target is
  1.5 s for the whole command;
* the same commands in this process, after reading the map once: the CLI runs with
  ``load_map`` answering with that map, standard output to a file, best of the runs (target
  0.5 s: what the command adds to start-up and loading).

The ids asked about are the map's thesis, its first argument and the first claim that is a
premise and has no reason of its own (for ``path`` and ``eval --assume``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import OUT, Failure, argmap_command, fmt_size, report, row, run_child, say  # noqa: E402

SIZE = 10_000
WHOLE = 1.5  # seconds for the whole command, to a file
ALONE = 0.5  # seconds for the command after the map is read (in-process)


def commands(path: Path, thesis: str, argument: str, leaf: str) -> dict[str, list[str]]:
    """Name -> arguments of each read command on the map at ``path``."""
    m = str(path)
    return {
        "show": ["show", m],
        "show --eval": ["show", m, "--eval"],
        "show --json": ["show", m, "--json"],
        "list": ["list", m],
        "list --json": ["list", m, "--json"],
        "why THESIS": ["why", m, thesis],
        "why ARGUMENT": ["why", m, argument],
        "why --json": ["why", m, thesis, "--json"],
        "objections THESIS": ["objections", m, thesis],
        "unanswered": ["unanswered", m],
        "unanswered --json": ["unanswered", m, "--json"],
        "unsupported": ["unsupported", m],
        "path LEAF THESIS": ["path", m, leaf, thesis],
        "stats": ["stats", m],
        "eval": ["eval", m],
        "eval --json": ["eval", m, "--json"],
        "eval --critical": ["eval", m, "--critical"],
        "eval --assume": ["eval", m, "--assume", f"{leaf}=out"],
        "eval --semantics preferred": ["eval", m, "--semantics", "preferred"],
        "explain THESIS": ["explain", m, thesis],
        "sources": ["sources", m],
        "diff MAP MAP": ["diff", m, m],
    }


def the_map(n: int, maps: Path | None) -> Path:
    """The generated map of ``n`` claims (seed 0), written first if it is not there."""
    path = (maps or OUT) / f"map-{n}.yaml"
    if not path.is_file():
        from generate import generate

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(n, 0), encoding="utf-8")
    return path


def ids(amap) -> tuple[str, str, str]:
    """(thesis, first argument, first premise that nothing supports)."""
    g = amap.graph
    thesis = amap.thesis or amap.roots()[0]
    argument = next(amap.arguments())
    leaf = next(c for c in amap.claims() if g.succ[c] and not g.pred[c])
    return thesis, argument, leaf


def time_whole(argmap: list[str], cmds: dict[str, list[str]], n: int, repeat: int,
               rows: list[dict], failures: list[str], say: Callable[[str], None]) -> None:
    """Each command in a process of its own, its standard output to a file."""
    out = OUT / "query-output.txt"
    for name, args in cmds.items():
        say(f"  argmap {name} > file, {fmt_size(n)} claims ({repeat} runs) ...")
        times, peaks = [], []
        for _ in range(repeat):
            try:
                t, peak = run_child(argmap + args, out)
            except Failure as e:
                failures.append(str(e))
                print(f"FAILED: {e}", file=sys.stderr, flush=True)
                break
            times.append(t)
            peaks.append(peak)
        if times:
            rows.append(row(f"argmap {name} > file", n, times, peaks, WHOLE))


def time_alone(amap, cmds: dict[str, list[str]], n: int, repeat: int, rows: list[dict],
               failures: list[str], say: Callable[[str], None]) -> None:
    """Each command in this process after the map is read: its query and its printing."""
    import argmap.cli as cli

    out = OUT / "query-output.txt"
    load_map = cli.load_map
    cli.load_map = lambda *args, **kwargs: amap  # the map read once, for every command
    try:
        for name, args in cmds.items():
            say(f"  {name}, after loading (in-process, {repeat} runs) ...")
            times = []
            for _ in range(repeat):
                stdout = sys.stdout
                with open(out, "w", encoding="utf-8") as f:
                    sys.stdout = f
                    t0 = time.perf_counter()
                    try:
                        code = cli.cli.main(args, prog_name="argmap", standalone_mode=False)
                    except SystemExit as e:
                        code = e.code
                    finally:
                        sys.stdout = stdout
                    times.append(time.perf_counter() - t0)
                if code not in (0, None):
                    failures.append(f"argmap {' '.join(args)} (in-process): exit status {code}")
                    break
            rows.append(row(f"{name} after loading (in-process)", n, times, (), ALONE))
    finally:
        cli.load_map = load_map


def run(argmap_cmd: list[str], rows: list[dict], failures: list[str],
        say: Callable[[str], None], size: int = SIZE, repeat: int = 3,
        maps: Path | None = None, only: list[str] | None = None,
        in_process: bool = True) -> None:
    """Append the query rows: every read command on the ``size``-claim map, whole and alone."""
    import argmap

    path = the_map(size, maps)
    say(f"queries on {path} ({fmt_size(size)} claims):")
    amap = argmap.load(path)
    cmds = commands(path, *ids(amap))
    if only:
        unknown = [o for o in only if o not in cmds]
        if unknown:
            raise SystemExit(f"--only: no command {unknown[0]!r}; choose from: "
                             + ", ".join(cmds))
        cmds = {k: v for k, v in cmds.items() if k in only}
    time_whole(argmap_cmd, cmds, size, repeat, rows, failures, say)
    if in_process:
        time_alone(amap, cmds, size, repeat, rows, failures, say)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=SIZE, help="claims in the generated map (10000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each command (default 3)")
    ap.add_argument("--maps", type=Path, help="where map-<n>.yaml are (default benchmarks/out)")
    ap.add_argument("--only", help="comma-separated command names, as in the table")
    ap.add_argument("--no-in-process", action="store_true",
                    help="only the whole commands, not the in-process times")
    a = ap.parse_args(argv)
    rows: list[dict] = []
    failures: list[str] = []

    only = [o.strip() for o in a.only.split(",")] if a.only else None
    OUT.mkdir(parents=True, exist_ok=True)
    run(argmap_command(), rows, failures, say, a.size, max(1, a.repeat), a.maps, only,
        not a.no_in_process)
    return report("queries", rows, failures)


if __name__ == "__main__":
    sys.exit(main())
