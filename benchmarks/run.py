"""Time the argmap command line and library on generated maps of 1k, 10k and 100k claims.

    python benchmarks/run.py                 # everything (the 100k steps take a few minutes)
    python benchmarks/run.py --quick         # 1k and 10k claims only
    python benchmarks/run.py --sizes 1000,10000 --big-svg
    python benchmarks/run.py --sizes 1000 --argdown node_modules/.bin/argdown   # vs Argdown
    python benchmarks/run.py --sources-only  # only the source checks (quotes against a text)
    python benchmarks/run.py --brief-only    # only the brief: 1k claims, Chromium, watch

Maps and outputs go to benchmarks/out/ (git-ignored), the results to benchmarks/out/results.json.
Every command runs as a fresh child process of the installed ``argmap``; its wall time is measured
around the whole process (start-up included) and its peak memory is the child's own maximum
resident set size (``os.wait4``). See benchmarks/README.md for the targets.

With the Argdown CLI at hand (``--argdown PATH``, ``$ARGDOWN`` or ``argdown`` on PATH), the 1k map
is also written as an ``.argdown`` file and ``argdown map --format svg`` is timed beside
``argmap export MAP -o map.svg``; without it that step is skipped with a note.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
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
    "startup ratio": 1.3,  # `argmap show` over `python -c 'import networkx, yaml, rich, click'`
    ("check", 10_000): 1.0,
    ("check", 100_000): 6.0,
    ("loads+validate", 10_000): 1.0,
    ("loads+validate", 100_000): 6.0,
    ("check peak MB", 100_000): 600.0,
    ("export svg", 1_000): 3.7,
    "argdown ratio": 3.0,  # Argdown's time over argmap's for the 1k map to SVG: at least this
    ("convert yaml->aif", "50 MB"): 10.0,
    ("convert aif->yaml", "50 MB"): 10.0,
    "aif show ratio": 1.2,  # `show` on a 500 KB AIF nodeset over `show` on the same map in YAML
    # quotes against their source text (time_sources)
    ("check_sources (in-process)", "1k quotes, 1 MB"): 1.0,
    ("argmap check", "1k quotes, 1 MB"): 1.0,
    ("suggest_quotes (in-process)", "200 claims, 50 paras"): 2.0,
    ("argmap sources --suggest", "200 claims, 50 paras"): 2.0,
    # the brief (time_brief)
    ("argmap brief", 1_000): 10.0,
    ("the brief's own load time", 1_000): 2.0,  # Chromium's whole run less a blank page's
    ("watch: save to brief written", "bundled"): 1.0,
}
ARGDOWN_SIZE = 1_000  # the map drawn by both tools


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


def run_child(cmd: list[str], stdout: Path | None = None, codes: tuple[int, ...] = (0,)
              ) -> tuple[float, float | None]:
    """Run ``cmd`` once: (wall seconds, peak RSS in MB of that child). Raise Failure on an exit
    status not in ``codes`` (`argmap check` exits with 1 on a map with errors).

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
        if rc not in codes:
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


def say(msg: str) -> None:
    """A progress line, on stderr."""
    print(msg, file=sys.stderr, flush=True)


def report(name: str, rows: list[dict], failures: list[str]) -> int:
    """Print the table, write ``out/<name>.json``, list the failures; the exit status."""
    print_table(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps({"rows": rows, "failures": failures},
                                                 indent=2) + "\n", encoding="utf-8")
    for f in failures:
        print(f"FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


def print_table(rows: list[dict]) -> None:
    head = ("benchmark", "input", "runs", "best s", "median s", "peak MB", "target", "")
    lines = []
    for r in rows:
        target = ""
        if r.get("target") is not None:
            unit = {"peak": " MB", "ratio": "x"}.get(r.get("target_on"), " s")
            target = f"{r.get('target_op', '<')} {r['target']:g}{unit}"
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
    ap.add_argument("--seed", type=int, default=0, help="seed of the generated maps")
    ap.add_argument("--formats-only", action="store_true",
                    help="only the conversions (a 50 MB AIF file to YAML and back, show on AIF)")
    ap.add_argument("--no-formats", action="store_true",
                    help="skip the conversions (a 50 MB AIF file to YAML and back, show on AIF)")
    ap.add_argument("--argdown", metavar="PATH",
                    help="the Argdown CLI to time beside argmap on the 1k map to SVG (default: "
                         "$ARGDOWN, else `argdown` on PATH; the step is skipped without one)")
    ap.add_argument("--sources-only", action="store_true",
                    help="only the source checks (1k quotes against a 1 MB text, --suggest)")
    ap.add_argument("--no-sources", action="store_true",
                    help="skip the source checks (1k quotes against a 1 MB text, --suggest)")
    ap.add_argument("--brief-only", action="store_true",
                    help="only the brief (1k claims; opening it in Chromium; watch's latency)")
    ap.add_argument("--no-brief", action="store_true", help="skip the brief")
    ap.add_argument("--semantics-only", action="store_true",
                    help="only the semantics (bench_semantics.py: 10k/100k maps, 100k Dung "
                         "framework beside formal-argumentation)")
    ap.add_argument("--queries-only", action="store_true",
                    help="only the question commands on the 10k map (bench_queries.py)")
    ap.add_argument("--export-only", action="store_true",
                    help="only start-up and export (bench_export.py: vs Argdown, the 10k map)")
    a = ap.parse_args(argv)
    import bench_export  # they import this module: here, not at its top
    import bench_queries
    import bench_semantics

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
    parts = {"formats": (a.formats_only, lambda: time_formats(
                 argmap, rows, failures, say, a.seed, max(1, a.repeat))),
             "brief": (a.brief_only, lambda: time_brief(
                 argmap, rows, failures, say, a.seed, max(3, a.repeat))),
             "sources": (a.sources_only, lambda: time_sources(
                 argmap, rows, failures, say, a.seed, max(5, a.repeat))),
             "semantics": (a.semantics_only, lambda: bench_semantics.run(
                 argmap, rows, failures, say, repeat=max(1, a.repeat))),
             "queries": (a.queries_only, lambda: bench_queries.run(
                 argmap, rows, failures, say, repeat=max(1, a.repeat))),
             "export": (a.export_only, lambda: bench_export.run(
                 argmap, rows, failures, say, repeat=max(1, a.repeat), argdown=a.argdown))}
    for name, (only, run) in parts.items():  # --formats-only, --brief-only, ... --export-only
        if only:
            run()
            return report(name, rows, failures)

    # -- start-up: `argmap show` on the bundled map vs importing its dependencies, in pairs ----
    bench_export.startup(argmap, rows, failures, say, 7)

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

    # -- side by side: the 1k map to one SVG with argmap and with the Argdown CLI ---------------
    argdown_info = compare_argdown(a.argdown or bench_export.default_argdown(), sizes,
                                   max(1, a.repeat), argmap, rows, failures, say)
    if 10_000 in sizes:  # the 10k map to SVG: its progress, and its time budget
        bench_export.big_export(argmap, rows, failures, say)

    # -- the question commands on the 10k map, whole and in-process --------------------------
    if 10_000 in sizes:
        bench_queries.run(argmap, rows, failures, say, repeat=max(1, a.repeat), maps=OUT)

    # -- formats: a 50 MB AIF file to YAML and back; show on a 500 KB AIF nodeset vs YAML ---------
    if not a.no_formats:
        time_formats(argmap, rows, failures, say, a.seed, max(1, a.repeat))

    # -- sources: 1k quotes against a 1 MB text; --suggest for 200 claims -------------------------
    if not a.no_sources:
        time_sources(argmap, rows, failures, say, a.seed, max(5, a.repeat))

    # -- the brief: 1k claims; opening it in Chromium; a save to the brief written by watch ------
    if not a.no_brief:
        time_brief(argmap, rows, failures, say, a.seed, max(3, a.repeat))

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

    # -- semantics in-process: generated maps, and a Dung framework beside formal-argumentation
    bench_semantics.run(argmap, rows, failures, say,
                        sizes=tuple(n for n in sizes if n >= 10_000), repeat=3)

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
        "argdown": argdown_info,
    }
    (OUT / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {OUT / 'results.json'}")
    print(argdown_summary(argdown_info))
    missed = [f"{r['name']} {fmt_size(r['size'])}" for r in rows if r.get("ok") is False]
    if missed:
        print("targets missed: " + "; ".join(missed))
    if failures:
        print(f"{len(failures)} command(s) failed", file=sys.stderr)
        return 1
    return 0


def _aif_of(n: int, seed: int) -> tuple[Path, Path]:
    """A generated map of ``n`` claims in YAML and, converted by argmap, in AIF JSON."""
    yaml_path, aif_path = OUT / f"formats-{n}.yaml", OUT / f"formats-{n}.json"
    yaml_path.write_text(generate(n, seed), encoding="utf-8")
    run_child(argmap_command() + ["convert", str(yaml_path), str(aif_path)])
    return yaml_path, aif_path


def time_formats(argmap: list[str], rows: list[dict], failures: list[str], say, seed: int,
                 repeat: int) -> None:
    """The conversion figures of issue 10.

    * A 50 MB AIF file: a generated map (benchmarks/generate.py) converted to AIF by argmap,
      with the claim count scaled until the file is 50 MB or more; then that AIF file to YAML,
      and the YAML back to AIF, each timed as a whole command.
    * `argmap show` on a 500 KB AIF nodeset beside `show` on the same map in YAML, interleaved
      runs; the ratio of the best times.
    """
    try:
        say("formats: sizing a 50 MB AIF file ...")
        probe_yaml, probe_aif = _aif_of(2_000, seed)
        per_claim = probe_aif.stat().st_size / 2_000
        n = int(50 * 2**20 / per_claim) + 1
        yaml_path, aif_path = _aif_of(n, seed)
        while aif_path.stat().st_size < 50 * 2**20:
            n = int(n * 1.05) + 1
            yaml_path, aif_path = _aif_of(n, seed)
        size = aif_path.stat().st_size
        say(f"  {n:,} claims: {size / 2**20:.1f} MB of AIF")
        back = OUT / "formats-back.yaml"
        t, peak = run_child(argmap + ["convert", str(aif_path), str(back)])
        r = row("convert aif->yaml", "50 MB", [t], [peak], TARGETS[("convert aif->yaml", "50 MB")])
        r.update(bytes=size, claims=n)
        rows.append(r)
        again = OUT / "formats-again.json"
        t, peak = run_child(argmap + ["convert", str(back), str(again)])
        r = row("convert yaml->aif", "50 MB", [t], [peak], TARGETS[("convert yaml->aif", "50 MB")])
        r.update(bytes=again.stat().st_size, claims=n)
        rows.append(r)
        for p in (probe_yaml, probe_aif, yaml_path, aif_path, back, again):
            p.unlink(missing_ok=True)

        say("formats: show on a 500 KB AIF nodeset vs the same map in YAML ...")
        m = max(1, int(500 * 1024 / per_claim))
        yaml_small, aif_small = _aif_of(m, seed)
        as_yaml = OUT / "formats-small-back.yaml"  # the AIF's own claims, as argmap YAML
        run_child(argmap + ["convert", str(aif_small), str(as_yaml)])
        t_aif, t_yaml = [], []
        for _ in range(max(5, repeat)):
            t_aif.append(run_child(argmap + ["show", str(aif_small)], OUT / "show-aif.txt")[0])
            t_yaml.append(run_child(argmap + ["show", str(as_yaml)], OUT / "show-yaml.txt")[0])
        rows.append({**row("show AIF", f"{aif_small.stat().st_size // 1024} KB", t_aif),
                     "claims": m})
        rows.append({**row("show YAML (same map)", f"{as_yaml.stat().st_size // 1024} KB",
                           t_yaml), "claims": m})
        ratio = min(t_aif) / min(t_yaml)
        rows.append({"name": "aif show ratio AIF/YAML", "size": "-", "runs": len(t_aif),
                     "best_s": round(ratio, 3), "median_s": round(
                         statistics.median(t_aif) / statistics.median(t_yaml), 3),
                     "peak_mb": None, "target": TARGETS["aif show ratio"], "target_on": "ratio",
                     "ok": ratio < TARGETS["aif show ratio"]})
    except Failure as e:
        failures.append(str(e))
        print(f"FAILED: {e}", file=sys.stderr, flush=True)


# -- sources: quotes checked against their text ------------------------------------------------
SOURCE_BYTES = 2**20  # the text the 1k quotes are checked against
SOURCE_QUOTES = 1_000
SOURCE_MOVED = 20  # quotes citing the paragraph after their own: quote-moved
SOURCE_TYPOS = 10  # quotes with two letters swapped: quote-not-found, and the closest passage
SOURCE_GAPS = 20  # quotes that leave words out with "...", verified
SUGGEST_PARAS = 50
SUGGEST_CLAIMS = 200


def _vocabulary() -> list[str]:
    """The distinct words of the bundled op-ed, in order of first use (the same on every run)."""
    text = (HERE.parent / "data" / "north_korea_oped.txt").read_text(encoding="utf-8")
    return list(dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)))


def source_paragraphs(rng, words: list[str], *, size: int | None = None,
                      count: int | None = None) -> list[list[str]]:
    """Paragraphs of 3-8 sentences of 8-28 words (from ``words``) until ``size`` characters of
    text or ``count`` paragraphs: each paragraph a list of sentences."""
    paras: list[list[str]] = []
    total = 0
    while (size is not None and total < size) or (count is not None and len(paras) < count):
        para = []
        for _ in range(rng.randint(3, 8)):
            sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 28)))
            para.append(sentence[0].upper() + sentence[1:] + ".")
        paras.append(para)
        total += len(" ".join(para)) + 2
    return paras


def _source_map(title: str, file: str, claims: list[tuple[str, dict | None]]) -> str:
    """A map of ``claims`` (text, source or None) citing ``file``: the first claim is the thesis,
    and claim k supports claim (k-1)//5, so every claim is used."""
    lines = [f"title: {title}", "source:", f"  title: {title}", f"  file: {file}",
             "  paragraphs: blocks", "thesis: c0000", "claims:"]
    for k, (text, source) in enumerate(claims):
        lines.append(f"  c{k:04d}:")
        lines.append(f"    text: {json.dumps(text)}")
        if source is not None:
            lines.append(f"    source: {json.dumps(source)}")
    lines.append("arguments:")
    lines += [f"  - {{supports: c{(k - 1) // 5:04d}, premises: [c{k:04d}]}}"
              for k in range(1, len(claims))]
    return "\n".join(lines) + "\n"


def source_check_files(seed: int) -> tuple[Path, Path, dict[str, int]]:
    """The 1 MB text and the map of 1k claims quoting it, written to benchmarks/out/, and the
    statuses the check must come to.

    The quotes are whole sentences (the claims' texts too), spread evenly over the text, each
    citing its paragraph; SOURCE_MOVED of them cite the next paragraph instead, SOURCE_TYPOS
    have two letters of a word swapped, SOURCE_GAPS leave words out with "...".
    """
    import random

    rng = random.Random(seed)
    paras = source_paragraphs(rng, _vocabulary(), size=SOURCE_BYTES)
    txt = OUT / "sources-1mb.txt"
    txt.write_text("\n\n".join(" ".join(p) for p in paras) + "\n", encoding="utf-8")
    places = [(n, i) for n, p in enumerate(paras, 1) for i in range(len(p))]
    chosen = [places[k * len(places) // SOURCE_QUOTES] for k in range(SOURCE_QUOTES)]
    kinds = ["moved"] * SOURCE_MOVED + ["typo"] * SOURCE_TYPOS + ["gap"] * SOURCE_GAPS
    kinds += ["plain"] * (SOURCE_QUOTES - len(kinds))
    rng.shuffle(kinds)
    first = kinds.index("plain")  # the thesis gets a plain quote
    kinds[0], kinds[first] = kinds[first], kinds[0]
    claims = []
    for (n, i), kind in zip(chosen, kinds, strict=True):
        sentence = paras[n - 1][i]
        words = sentence.split()
        quote, para = sentence, n
        if kind == "moved":
            para = n + 1 if n < len(paras) else n - 1
        elif kind == "typo":
            k = max(range(len(words)), key=lambda j: len(words[j]))
            w = words[k]
            j = next(j for j in range(1, len(w) - 1) if w[j] != w[j + 1])  # a change
            words[k] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
            quote = " ".join(words)
        elif kind == "gap":
            quote = " ".join(words[:3]) + " ... " + " ".join(words[-3:])
        claims.append((sentence, {"para": para, "quote": quote}))
    path = OUT / "sources-1mb.yaml"
    path.write_text(_source_map("1k quotes of a 1 MB text", txt.name, claims), encoding="utf-8")
    expected = {"moved": SOURCE_MOVED, "not-found": SOURCE_TYPOS,
                "verified": SOURCE_QUOTES - SOURCE_MOVED - SOURCE_TYPOS}
    return path, txt, expected


def paraphrase(rng, sentence: str) -> str:
    """A claim in other words: a quarter of the words dropped, two neighbours swapped."""
    words = sentence.rstrip(".").lower().split()
    kept = [w for w in words if rng.random() >= 0.25] or words[:1]
    if len(kept) > 2:
        k = rng.randrange(len(kept) - 1)
        kept[k], kept[k + 1] = kept[k + 1], kept[k]
    return kept[0].capitalize() + " " + " ".join(kept[1:]) + "."


def suggest_files(seed: int) -> tuple[Path, list[tuple[int, str]]]:
    """A text of SUGGEST_PARAS paragraphs and a map of SUGGEST_CLAIMS claims without quotes,
    each a paraphrase of a sentence of the text (half of them citing its paragraph); and, per
    claim, the paragraph and sentence it paraphrases."""
    import random

    rng = random.Random(seed + 1)
    paras = source_paragraphs(rng, _vocabulary(), count=SUGGEST_PARAS)
    txt = OUT / "sources-suggest.txt"
    txt.write_text("\n\n".join(" ".join(p) for p in paras) + "\n", encoding="utf-8")
    places = [(n, s) for n, p in enumerate(paras, 1) for s in p]
    picked = rng.sample(places, SUGGEST_CLAIMS)
    claims, texts = [], set()
    for k, (n, sentence) in enumerate(picked):
        text = paraphrase(rng, sentence)
        while text in texts:
            text = paraphrase(rng, sentence)
        texts.add(text)
        claims.append((text, {"para": n} if k % 2 else None))
    path = OUT / "sources-suggest.yaml"
    path.write_text(_source_map("200 paraphrases of a 50-paragraph text", txt.name, claims),
                    encoding="utf-8")
    return path, picked


def time_sources(argmap: list[str], rows: list[dict], failures: list[str], say, seed: int,
                 repeat: int) -> None:
    """The source-check figures.

    * 1k quotes against a 1 MB text (plain text, paragraphs between blank lines): a generated
      map whose claims quote sentences of a generated text, with a few quotes citing the wrong
      paragraph, a few with a typo (so `closest` searches the whole text) and a few that leave
      words out; `check_sources` in-process (the text read and numbered each run), and the
      whole `argmap check MAP` command (exit status 1: the moved and misspelt quotes are errors).
    * `--suggest` for 200 claims without quotes (paraphrases of sentences) against a text of 50
      paragraphs: `suggest_quotes` in-process (after `check_sources`, which it needs), and the
      whole `argmap sources MAP --suggest` command.
    """
    from argmap.loader import load
    from argmap.sourcecheck import check_sources
    from argmap.sourcefix import suggest_quotes
    from argmap.sourcetext import parse_source

    def command(name: str, size: str, cmd: list[str], stdout: Path, codes=(0,)) -> None:
        times, peaks = [], []
        for _ in range(repeat):
            t, peak = run_child(argmap + cmd, stdout, codes)
            times.append(t)
            peaks.append(peak)
        rows.append(row(name, size, times, peaks, TARGETS.get((name, size))))

    try:
        size = "1k quotes, 1 MB"
        say(f"sources: {size} ...")
        path, txt, expected = source_check_files(seed)
        text = txt.read_text(encoding="utf-8")
        amap = load(path)
        times, parse_t = [], []
        for _ in range(repeat):
            gc.collect()
            t0 = time.perf_counter()
            parse_source(text, txt.name, layout="blocks")
            parse_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            report = check_sources(amap)
            times.append(time.perf_counter() - t0)
        counts = {k: v for k, v in report.counts().items() if v}
        if counts != expected:
            raise Failure(f"check_sources on {path.name}: {counts}, expected {expected}")
        paras = len(report.documents[None].text.paragraphs)
        rows.append({**row("parse_source (in-process)", f"{len(text) / 2**20:.1f} MB, {paras} "
                           "paras", parse_t), "bytes": len(text.encode())})
        rows.append({**row("check_sources (in-process)", size, times, (),
                           TARGETS[("check_sources (in-process)", size)]), "statuses": counts})
        command("argmap check", size, ["check", str(path)], OUT / "sources-check.txt", (0, 1))

        size = "200 claims, 50 paras"
        say(f"sources: --suggest, {size} ...")
        path, picked = suggest_files(seed)
        amap = load(path)
        times = []
        for _ in range(repeat):
            gc.collect()
            report = check_sources(amap)
            t0 = time.perf_counter()
            found = suggest_quotes(report)
            times.append(time.perf_counter() - t0)
        sentences = {(s.para, s.text) for s in report.documents[None].text.sentences()}
        assert all(p in sentences for p in picked)  # each paraphrase's sentence, as split here
        hits = sum((s.sentence.para, s.sentence.text) == picked[int(s.claim[1:])] for s in found)
        rows.append({**row("suggest_quotes (in-process)", size, times, (),
                           TARGETS[("suggest_quotes (in-process)", size)]),
                     "suggestions": len(found), "right_sentence": hits})
        say(f"  {len(found)} suggestions, {hits} of them the sentence the claim paraphrases")
        command("argmap sources --suggest", size, ["sources", str(path), "--suggest"],
                OUT / "sources-suggest-out.txt")
    except Failure as e:
        failures.append(str(e))
        print(f"FAILED: {e}", file=sys.stderr, flush=True)


def time_brief(argmap: list[str], rows: list[dict], failures: list[str], say, seed: int,
               repeat: int) -> None:
    """``argmap brief`` on the generated 1k-claim map; the brief opened in headless Chromium
    (whole process, beside a blank page: Chromium's own start-up); and ``argmap watch``: the
    time from a save of the bundled map to the brief written again."""
    from argmap.loader import bundled_map_path
    from argmap.render.chromium import find_chromium

    path = OUT / "map-1000.yaml"
    if not path.exists():
        path.write_text(generate(1_000, seed), encoding="utf-8")
    out = OUT / "brief-1000.html"
    say("brief: 1k claims ...")
    times, peaks = [], []
    for _ in range(repeat):
        t, peak = run_child(argmap + ["brief", str(path), "-o", str(out)])
        times.append(t)
        peaks.append(peak)
    rows.append(row("argmap brief", 1_000, times, peaks, TARGETS[("argmap brief", 1_000)]))
    chromium = find_chromium()
    if chromium is None:
        say("  no Chromium: opening the brief is not timed")
    else:
        blank = OUT / "blank.html"
        blank.write_text("<!doctype html><title>blank</title>", encoding="utf-8")
        opened, empty = [], []
        for _ in range(repeat):  # interleaved
            for page, into in ((out, opened), (blank, empty)):
                profile = tempfile.mkdtemp(prefix="argmap-bench-chromium-")
                t, _ = run_child([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                  "--disable-background-networking", "--disable-component-update",
                                  "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                                  "--dump-dom", page.resolve().as_uri()], OUT / "dom.html")
                shutil.rmtree(profile, ignore_errors=True)
                into.append(t)
        rows.append(row("chromium opens the brief", 1_000, opened, []))
        rows.append(row("chromium opens a blank page", "-", empty, []))
        # the page's own time: each run of the brief less the blank page run beside it
        rows.append(row("the brief's own load time", 1_000,
                        [a - b for a, b in zip(opened, empty, strict=True)], [],
                        TARGETS[("the brief's own load time", 1_000)]))
    say("watch: a save of the bundled map to the brief written again ...")
    folder = Path(tempfile.mkdtemp(prefix="argmap-bench-watch-"))
    for f in (bundled_map_path(), bundled_map_path().with_suffix(".txt")):
        shutil.copy(f, folder / f.name)
    the_map, brief = folder / bundled_map_path().name, folder / "brief.html"
    proc = subprocess.Popen(argmap + ["watch", str(the_map), "-o", str(brief)],
                            stderr=subprocess.PIPE, text=True)
    latencies = []
    try:
        line = proc.stderr.readline()  # "Watching ..."
        while "wrote" not in line and "✗" not in line and line:
            line = proc.stderr.readline()
        for k in range(repeat + 2):
            time.sleep(0.5)
            text = the_map.read_text(encoding="utf-8")
            t0 = time.perf_counter()
            the_map.write_text(text + f"\n# save {k}\n", encoding="utf-8")
            line = proc.stderr.readline()
            while line and "wrote" not in line and "✗" not in line:
                line = proc.stderr.readline()
            latencies.append(time.perf_counter() - t0)
            if "wrote" not in line:
                failures.append(f"watch: {line.strip() or 'no status line'}")
                break
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
    if latencies:
        rows.append(row("watch: save to brief written", "bundled", latencies, [],
                        TARGETS[("watch: save to brief written", "bundled")]))


def find_argdown(option: str | None) -> tuple[str | None, str]:
    """The Argdown CLI to run: ``--argdown``, else ``$ARGDOWN``, else ``argdown`` on PATH.

    Returns (path or None, where it came from or why there is none).
    """
    for given, origin in ((option, "--argdown"), (os.environ.get("ARGDOWN"), "$ARGDOWN")):
        if given:
            found = shutil.which(given)
            if found is None:
                return None, f"{origin} {given!r} is not an executable file"
            return os.path.abspath(found), origin  # the commands run in benchmarks/out/
    found = shutil.which("argdown")
    if found is None:
        return None, ("no Argdown CLI: give --argdown PATH or $ARGDOWN, or put `argdown` on PATH "
                      "(npm install @argdown/cli@1.7.5)")
    return os.path.abspath(found), "PATH"


# Characters that mean something inside an Argdown statement's text: escapes, brackets of
# statement and argument titles, mentions, tags, bold/italic, data, comments; and a `.` or `:`
# that could open a special character such as `.cross.` or `:smile:`.
_ARGDOWN_SPECIAL = re.compile(r"[\\\[\]<>@#*_{}/]|[.:](?=\S)")


def _argdown_escape(text: str) -> str:
    """Claim text as one line of Argdown statement text: whitespace collapsed, specials escaped."""
    return _ARGDOWN_SPECIAL.sub(r"\\\g<0>", " ".join(text.split()))


def argdown_text(amap) -> tuple[str, dict]:
    """Write a loaded map as Argdown statements and statement relations, for this benchmark only.

    Not an exporter of argmap: it keeps just what both diagrams draw. Every claim becomes a
    statement ``[id]: text`` (whitespace collapsed, Argdown's special characters escaped), and
    below it, indented, one outgoing relation per argument it is a premise of: ``+> [target]``
    for support, ``-> [target]`` for attack. So a linked argument becomes one relation per
    premise, and the arguments themselves (titles, schemes, themes, sources) are not written.
    An argument whose target is another argument (an undercut) has no equivalent among
    statement relations: it is left out and counted.

    Returns the text and counts: statements, relations, undercuts skipped, and the statements
    left with no relation at all (Argdown's map leaves those out by default).
    """
    outgoing: dict[str, list[str]] = {}
    related: set[str] = set()
    skipped = relations = 0
    for aid in amap.arguments():
        node = amap.graph.nodes[aid]
        target = node["target"]
        if amap.is_argument(target):
            skipped += 1
            continue
        arrow = "+>" if node["relation"] == "support" else "->"
        for premise in node["premises"]:
            outgoing.setdefault(premise, []).append(f"  {arrow} [{target}]")
            related.update((premise, target))
            relations += 1
    lines: list[str] = []
    statements = 0
    for cid in amap.claims():
        lines.append(f"[{cid}]: {_argdown_escape(amap.text(cid))}")
        lines.extend(outgoing.get(cid, ()))
        lines.append("")  # a blank line ends the statement
        statements += 1
    counts = {"statements": statements, "relations": relations, "undercuts_skipped": skipped,
              "statements_without_relations": statements - len(related)}
    return "\n".join(lines), counts


def svg_node_count(path: Path) -> int:
    """Graphviz node groups in an SVG file (both tools draw with Graphviz)."""
    return len(re.findall(r'<g id="[^"]*" class="node"', path.read_text(encoding="utf-8")))


def compare_argdown(option: str | None, sizes: list[int], repeat: int, argmap: list[str],
                    rows: list[dict], failures: list[str], say) -> dict:
    """Time ``argmap export MAP -o map.svg`` and ``argdown map --format svg`` on the same 1k map.

    The runs alternate, so drift hits both alike. Appends three rows (argmap, Argdown, the ratio
    of their times) and returns what results.json keeps about the step. A missing or failing
    Argdown skips the step with a reason: it never fails the benchmark. A failing argmap export
    is a failure like any other.
    """
    n = ARGDOWN_SIZE
    if n not in sizes:
        say(f"Argdown comparison skipped: it needs the {fmt_size(n)} map (add {n} to --sizes)")
        return {"skipped": f"needs the {fmt_size(n)} map (add {n} to --sizes)"}
    exe, origin = find_argdown(option)
    if exe is None:
        say(f"Argdown comparison skipped: {origin}")
        return {"skipped": origin}
    import argmap as argmap_lib

    path = OUT / f"map-{n}.yaml"
    text, counts = argdown_text(argmap_lib.load(path))
    adpath = OUT / f"map-{n}.argdown"
    adpath.write_text(text, encoding="utf-8")
    info: dict = {"argdown": exe, "found_by": origin, **counts}
    try:
        info["version"] = subprocess.run([exe, "--version"], capture_output=True, text=True,
                                         timeout=60).stdout.strip() or None
        # `argdown FILE` checks the file: exit status 1 and the messages when it is invalid
        check = subprocess.run([exe, str(adpath)], capture_output=True, text=True, timeout=300,
                               cwd=OUT, env={**os.environ, "FORCE_COLOR": "0"})
    except (OSError, subprocess.SubprocessError) as e:
        say(f"Argdown comparison skipped: {exe} does not run: {e}")
        return {**info, "skipped": f"{exe} does not run: {e}"}
    messages = re.sub(r"\x1b\[[0-9;]*m", "", check.stdout + check.stderr).strip()  # colours
    if check.returncode != 0 or re.search(r"error|warning", messages, re.IGNORECASE):
        say(f"Argdown comparison skipped: {adpath.name} is not accepted by Argdown "
            f"(exit status {check.returncode}):\n{messages}")
        return {**info, "skipped": f"{adpath.name} not accepted by Argdown", "check": messages}
    info["check"] = messages  # "Successfully checked 1 file."

    svg = OUT / f"map-{n}.svg"
    addir = OUT / "argdown"
    adsvg = addir / f"map-{n}.svg"
    commands = {"argmap": argmap + ["export", str(path), "-o", str(svg)],
                "argdown": [exe, "map", "--format", "svg", str(adpath), str(addir)]}
    info["commands"] = commands
    say(f"  export svg {fmt_size(n)}: argmap vs {' '.join(commands['argdown'])} "
        f"({repeat} runs each, alternating) ...")
    times: dict[str, list[float]] = {"argmap": [], "argdown": []}
    peaks: dict[str, list[float | None]] = {"argmap": [], "argdown": []}
    for _ in range(repeat):
        for tool, cmd in commands.items():
            if tool == "argdown":
                adsvg.unlink(missing_ok=True)
            log = OUT / f"{tool}-map-{n}.log"
            try:
                t, peak = run_child(cmd, log)
            except Failure as e:
                if tool == "argmap":
                    failures.append(str(e))
                    print(f"FAILED: {e}", file=sys.stderr, flush=True)
                    return {**info, "skipped": "argmap export failed"}
                msg = f"{e}{log.read_text(errors='replace')}"  # Argdown reports on stdout
                say(f"Argdown comparison skipped: Argdown failed: {msg}")
                return {**info, "skipped": f"Argdown failed: {msg}"}
            times[tool].append(t)
            peaks[tool].append(peak)
    if not adsvg.is_file():
        say(f"Argdown comparison skipped: Argdown wrote no {adsvg}")
        return {**info, "skipped": f"Argdown wrote no {adsvg}"}
    rows.append(row("export svg, argmap (beside Argdown)", n, times["argmap"], peaks["argmap"]))
    rows.append(row("argdown map --format svg", n, times["argdown"], peaks["argdown"]))
    limit = TARGETS["argdown ratio"]
    best = min(times["argdown"]) / min(times["argmap"])
    median = statistics.median(times["argdown"]) / statistics.median(times["argmap"])
    rows.append({"name": "svg time ratio Argdown/argmap", "size": n, "runs": repeat,
                 "best_s": round(best, 3), "median_s": round(median, 3), "peak_mb": None,
                 "target": limit, "target_on": "ratio", "target_op": ">=", "ok": best >= limit})
    info.update({
        "argmap_best_s": round(min(times["argmap"]), 4),
        "argmap_median_s": round(statistics.median(times["argmap"]), 4),
        "argdown_best_s": round(min(times["argdown"]), 4),
        "argdown_median_s": round(statistics.median(times["argdown"]), 4),
        "ratio_best": round(best, 3), "ratio_median": round(median, 3),
        "target_ratio": limit, "ok": best >= limit,
        # Argdown draws statements only; argmap also draws a node per linked argument or
        # undercut, and a legend
        "argdown_svg_nodes": svg_node_count(adsvg), "argmap_svg_nodes": svg_node_count(svg),
        "argdown_svg": str(adsvg),
    })
    expected = counts["statements"] - counts["statements_without_relations"]
    if info["argdown_svg_nodes"] != expected:
        say(f"  note: Argdown's SVG has {info['argdown_svg_nodes']} nodes, expected {expected}")
    return info


def argdown_summary(info: dict) -> str:
    """One paragraph on the Argdown comparison, for the end of the report."""
    if "skipped" in info:
        return f"Argdown comparison skipped: {info['skipped']}"
    verdict = "met" if info["ok"] else "MISSED"
    return (f"Argdown {info.get('version') or '?'} ({info['argdown']}): "
            f"{info['statements']} statements, {info['relations']} relations, "
            f"{info['undercuts_skipped']} undercuts skipped (no statement equivalent), "
            f"{info['statements_without_relations']} statements left without relations; "
            f"`argdown FILE`: {info['check'] or 'no messages'}\n"
            f"SVG nodes: Argdown {info['argdown_svg_nodes']}, argmap {info['argmap_svg_nodes']} "
            f"(argmap also draws linked arguments, undercuts and a legend)\n"
            f"1k map to SVG: argmap best {info['argmap_best_s']:.3f} s / median "
            f"{info['argmap_median_s']:.3f} s, Argdown best {info['argdown_best_s']:.3f} s / "
            f"median {info['argdown_median_s']:.3f} s; Argdown/argmap {info['ratio_best']:.2f}x "
            f"best, {info['ratio_median']:.2f}x median; target argmap at least "
            f"{info['target_ratio']:g}x faster: {verdict}")


if __name__ == "__main__":
    sys.exit(main())
