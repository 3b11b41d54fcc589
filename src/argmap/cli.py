"""The command line: click commands only. Parse options, call the library, choose the output.

Heavy modules (networkx, yaml, rich, graphviz, pygraphviz) are imported inside the commands that
need them, so ``argmap --help`` starts fast.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from .model import ArgumentMap

PAGE_DPI = 144  # resolution of PNG pages (export --page)
SHOWN_ERRORS = 20  # errors a command other than `check` lists before it stops
BIG_DIAGRAM = 300  # claims beyond which `export` suggests drawing a part
LAYOUT_SECONDS = 120.0  # the default time budget for laying out a big diagram
PROGRESS_AFTER = 3.0  # seconds of layout after which `export` says how far it has got
TROUBLE = "argmap.trouble_exit"  # ctx.meta key: the exit status for a map that cannot be used


class ArgmapGroup(click.Group):
    """Turns library errors into ``Error: ...`` on stderr with exit 1; usage errors stay exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        # A command runs for seconds at most and makes few reference cycles; the cyclic garbage
        # collector would rescan the hundreds of thousands of objects of a big map again and
        # again (a third of the time of `check` on 100k claims), so it is paused while the
        # command runs, and restored after it (for callers that run commands in-process).
        from .console import degrade_to_ascii
        from .errors import ArgmapError, MapError

        degrade_to_ascii()  # a cp1252 console or an ASCII pipe gets stand-ins, not an error
        if sys.stdout is None:  # started with stdout closed (>&-): fail on the first write
            sys.stdout = _ClosedStream()
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return super().invoke(ctx)
        except MapError as e:
            # the first errors are enough to start fixing; `check` lists every one
            errors = [d for d in e.diagnostics if d.is_error]
            shown = errors[:SHOWN_ERRORS] if len(errors) > SHOWN_ERRORS else e.diagnostics
            try:
                err_console().print(_diagnostics(shown), soft_wrap=True)
            except OSError:
                pass
            n = len(errors)
            more = ""
            if len(shown) < len(e.diagnostics):
                import shlex

                name = shlex.quote(e.diagnostics[0].file or "MAP")
                more = f"\nThe other {n - len(shown)} are not shown: argmap check {name} lists them all."
            _say(f"Error: the map has {n} error{'s' * (n != 1)}; nothing was done.{more}")
            ctx.exit(ctx.meta.get(TROUBLE, 1))
        except ArgmapError as e:
            _say(f"Error: {e.message}" + (f"\nHint: {e.hint}" if e.hint else ""))
            ctx.exit(ctx.meta.get(TROUBLE, 1))
        except KeyboardInterrupt:
            _say("Interrupted.")
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # e.g. `argmap show | head`: stop quietly, as other Unix tools do.
            _silence_stdout()
            ctx.exit(0)
        except OSError as e:
            # the environment, not argmap: a full disk (>/dev/full), a closed stream, ...
            _silence_stdout()
            where = "standard output" if e.filename is None else e.filename
            _say(f"Error: {where}: {e.strerror or e} (a problem of the system, not of the map)")
            ctx.exit(1)
        except Exception as e:  # a bug in argmap: say so plainly, keep the traceback for debugging
            if os.environ.get("ARGMAP_DEBUG"):
                raise
            click.echo(f"Error: argmap hit an internal error ({type(e).__name__}: {e}).\n"
                       "This is a bug in argmap, not in your map; please report it with the "
                       "command you ran. Set ARGMAP_DEBUG=1 to see the traceback.", err=True)
            ctx.exit(1)
        finally:
            if was_enabled:
                gc.enable()


class _ClosedStream:
    """Stands in for a closed standard output: every write fails with EBADF."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, s: str) -> int:
        raise OSError(9, "it is closed (the command was started with >&-)")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(9, "it is closed (the command was started with >&-)")


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends


def _say(message: str) -> None:
    """A last message on stderr; if stderr itself cannot be written, only the exit code says it."""
    try:
        click.echo(message, err=True)
    except (OSError, ValueError):
        pass


@functools.cache
def out_console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@functools.cache
def err_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _diagnostics(diagnostics):
    from .render.terminal import diagnostics_table

    return diagnostics_table(diagnostics)


def json_option(f):
    """The shared ``--json`` flag of every read command."""
    return click.option("--json", "as_json", is_flag=True,
                        help="Print machine-readable JSON on stdout instead.")(f)


NO_PAGER = "argmap.no_pager"  # ctx.meta key: --no-pager was given


def _remember_no_pager(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[NO_PAGER] = True


def pager_option(f):
    """``--no-pager``, for every read command that prints an answer for people."""
    return click.option("--no-pager", is_flag=True, expose_value=False,
                        callback=_remember_no_pager,
                        help="At a terminal, print a long answer in full instead of showing "
                             "it in a pager ($PAGER, else less).")(f)


FROM = "argmap.from"  # ctx.meta key: the format that --from names


def _remember_from(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta[FROM] = value


def from_option(f):
    """``--from FORMAT``, for every command that reads a map: the format of MAP when its
    extension and content do not say (AIF JSON, Argdown JSON, Kialo, brat, argmap YAML)."""
    from .formats import names

    return click.option("--from", "from_format", type=click.Choice(names("read")),
                        expose_value=False, callback=_remember_from, metavar="FORMAT",
                        help="The format of MAP (" + ", ".join(names("read")) + "); by "
                             "default its extension or content says.")(f)


def _format_names(mode: str) -> list[str]:
    from .formats import names

    return names(mode)


def map_argument(f):
    f = from_option(f)
    return click.argument("map_path", metavar="[MAP]", required=False,
                          type=click.Path(dir_okay=True, allow_dash=True))(f)


def _from_format() -> str | None:
    ctx = click.get_current_context(silent=True)
    return None if ctx is None else ctx.meta.get(FROM)


def read_map_text(map_path: str | None) -> tuple[str, str]:
    """(text, name) for MAP: a file, ``-`` for stdin, or the bundled map when omitted."""
    from .loader import bundled_map_path, read_stdin, read_text

    if map_path == "-":
        return read_stdin(), "<stdin>"
    path = bundled_map_path() if map_path is None else map_path
    return read_text(path), str(path)


def load_map(map_path: str | None, fmt: str | None = None, quiet: bool = False) -> ArgumentMap:
    """The map MAP names, in any readable format; a map with errors raises MapError. A map
    read from another tool's format gets one line on stderr when the reader had warnings."""
    text, name = read_map_text(map_path)
    fmt = fmt or _from_format()
    from .errors import MapError
    from .formats import parse

    parsed = parse(text, name, fmt)
    if parsed.note and not quiet:
        click.echo(f"Note: {parsed.note}", err=True)
    if any(d.is_error for d in parsed.diagnostics):
        raise MapError(parsed.diagnostics)
    # a malformed part left out is worth a line; what the format has and a map does not
    # (timestamps, the dialogue layer) is for `check` and `convert` to list
    odd = [d for d in parsed.diagnostics if d.code == "format-oddity"]
    if odd and not quiet:
        import shlex

        click.echo(f"Note: {name}: {len(odd)} malformed part{'s' * (len(odd) != 1)} of the "
                   f"{parsed.format.title} left out (argmap check {shlex.quote(name)} lists "
                   "them).", err=True)
    return parsed.map


def _completion_map(ctx: click.Context) -> ArgumentMap | None:
    """The map named on the command line being completed (or the bundled one), if it loads."""
    try:
        # positionals already parsed, or still pending while an option's value is completed
        given = [*(ctx.params.get("args") or ()), *ctx.args]
        args = [a for a in given if os.path.isfile(a)]
        return load_map(ctx.params.get("map_path") or (args[0] if args else None), quiet=True)
    except Exception:  # completion must never fail loudly
        return None


def complete_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion: the claim and argument ids of the map named on the command line."""
    amap = _completion_map(ctx)
    return [] if amap is None else [i for i in amap.graph if i.startswith(incomplete)]


def complete_claims(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion for commands that take only a claim: the claim ids."""
    amap = _completion_map(ctx)
    return [] if amap is None else [i for i in amap.claims() if i.startswith(incomplete)]


def complete_themes(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion for ``--theme``: the map's theme ids."""
    amap = _completion_map(ctx)
    if amap is None:
        return []
    themes = dict.fromkeys([*amap.themes, *(t for _, t in amap.graph.nodes(data="theme") if t)])
    return [t for t in themes if t.startswith(incomplete)]


def map_and_ids(args: tuple[str, ...], names: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """Split ``[MAP] ID...``: the optional map comes first, the ids after it."""
    if len(args) == len(names):
        return None, list(args)
    if len(args) == len(names) + 1:
        return args[0], list(args[1:])
    usage = " ".join(["[MAP]", *names])
    raise click.UsageError(f"expected {usage}, got {len(args)} argument(s)")


def require(amap: ArgumentMap, ident: str, kind: str = "claim", command: str = "") -> str:
    """``ident`` if the map has such a claim (or node), else a "did you mean" error (exit 1)."""
    from .errors import UnknownIdError

    if kind == "claim" and ident in amap and amap.is_argument(ident):
        raise UnknownIdError(f"{ident!r} is an argument; {command or 'this command'} takes a claim",
                             hint=f"argmap why {ident} explains an argument")
    if ident not in amap or (kind == "claim" and not amap.is_claim(ident)):
        raise UnknownIdError(amap.unknown_id_message(ident, kind=kind))
    return ident


def filter_options(f):
    """``--focus`` and ``--theme``, for the commands that can narrow their answer."""
    f = click.option("--theme", "theme_id", metavar="THEME", shell_complete=complete_themes,
                     help="Only this theme: its claims, the arguments about them or made of "
                          "them, and the answers to its objections.")(f)
    return click.option("--focus", metavar="ID", shell_complete=complete_ids,
                        help="Only this claim's case: what lies under it.")(f)


def stdout_is_terminal() -> bool:
    """Whether the answer goes to a terminal, as rich decides (``FORCE_COLOR`` and
    ``TTY_COMPATIBLE`` count); a plain pipe or file is told apart without importing rich."""
    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty and os.environ.get("FORCE_COLOR") is None \
            and os.environ.get("TTY_COMPATIBLE") is None:
        return False
    return bool(out_console().is_terminal)


def plain_width() -> int:
    """The width a pipe's answer is laid out for (where a branch too deep continues below):
    ``COLUMNS``, else 80, as rich assumes for a stream that is not a terminal."""
    try:
        return max(int(os.environ.get("COLUMNS", "")), 1)
    except ValueError:
        return 80


def print_answer(view: Any, lines: Any) -> None:
    """An answer for people. At a terminal, the rich ``view()``, in a pager when it is longer
    than the screen (see :func:`page`). To a pipe or a file, ``lines()``, plain and as they are
    made: one item (a row, a claim) per line, never wrapped, measured or cut, so ``grep`` sees
    whole rows (tab-separated, as ``gh`` does, for the tables) and ``| head`` stops early."""
    if stdout_is_terminal():
        page(view())
    else:
        from .console import write_lines

        write_lines(lines())


def page(renderable: Any) -> None:
    """Print ``renderable`` at the terminal; one longer than the screen is shown in the pager
    (``$PAGER``, else ``less``, with ``LESS=-FRX`` unless ``LESS`` is set, as git does), drawn
    only as far as it is read, so the first screen of a huge answer appears at once.
    ``--no-pager``, ``TERM=dumb`` or a standard input that is not a terminal print it in full."""
    console = out_console()
    ctx = click.get_current_context(silent=True)
    if (ctx is not None and ctx.meta.get(NO_PAGER)) or not can_page():
        console.print(renderable)
        return
    from itertools import islice

    from .console import styled_lines

    height = max(console.height - 1, 1)
    drawn = styled_lines(console, renderable)
    first = list(islice(drawn, height))
    if len(first) < height:  # it fits: print it as rich does
        console.print(renderable)
        return
    if "LESS" not in os.environ:
        os.environ["LESS"] = "-FRX"  # quit if one screen, colours, keep the text after quitting

    def chunks() -> Any:
        yield "\n".join(first) + "\n"
        while True:
            more = list(islice(drawn, 200))
            if not more:
                return
            yield "\n".join(more) + "\n"

    click.echo_via_pager(chunks())


def can_page() -> bool:
    """Whether a pager can run: standard input and output are terminals (a pager reads its keys
    there) and the terminal is not ``TERM=dumb``."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def emit_json(data: Any) -> None:
    """JSON on stdout: indented for a person at a terminal, compact (and much faster) for a pipe."""
    from .jsonout import dumps

    # written as it is: JSON escapes every control character, so there is no colour code for
    # click.echo to strip (a pass over the whole text)
    text = dumps(data, indent=2 if sys.stdout.isatty() else None)
    sys.stdout.write(text + "\n")


@click.group(cls=ArgmapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def cli() -> None:
    """argmap: argument maps as plain YAML, checked, explored and drawn.

    \b
    Examples:
      argmap show                      the bundled op-ed map as a tree
      argmap check my-map.yaml         errors and warnings, file:line:col
      argmap export my-map.yaml -o map.svg
    """


MAP_SUFFIXES = (".yaml", ".yml")  # what `check FOLDER` looks for


def map_files(paths: tuple[str, ...]) -> list[str | None]:
    """The maps that ``check PATH...`` reads: files as given, folders searched for maps (sorted),
    the bundled map when no path is given. A folder with no map is a usage error."""
    if not paths:
        return [None]
    out: list[str | None] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            found = sorted(os.path.join(root, f) for root, dirs, files in os.walk(p)
                           for f in files if f.endswith(MAP_SUFFIXES)
                           and not f.startswith("."))
            if not found:
                raise click.BadParameter(f"no map in folder {p!r} (looked for "
                                         + ", ".join("*" + x for x in MAP_SUFFIXES) + ")",
                                         param_hint="MAP")
            out.extend(found)
        else:
            out.append(p)
    return out


def check_one(map_path: str | None) -> tuple[str, list]:
    """(name, diagnostics) for one map, ignored warnings included and marked; a file that cannot
    be read gives one ``read-error`` diagnostic instead of stopping the other files."""
    from .errors import MapReadError
    from .validate import check_text

    name = "<stdin>" if map_path == "-" else map_path or "<bundled>"
    try:
        text, name = read_map_text(map_path)
        return name, check_text(text, name, include_ignored=True, fmt=_from_format())
    except MapReadError as e:
        return name, [e.diagnostic(name)]


def github_annotation(d) -> str:
    """A diagnostic as a GitHub Actions workflow command (an annotation on the file and line)."""
    def esc(value: str, prop: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if prop else value

    where = [f"file={esc(d.file or '', True)}"]
    if d.line is not None:
        where.append(f"line={d.line}")
        if d.col is not None:
            where.append(f"col={d.col}")
    where.append(f"title={esc(d.code, True)}")
    message = d.message + (f" (hint: {d.hint})" if d.hint else "")
    level = "notice" if d.severity == "note" else d.severity
    return f"::{level} {','.join(where)}::{esc(message)}"


@cli.command()
@from_option
@click.argument("paths", nargs=-1, metavar="[MAP|FOLDER]...",
                type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text",
              show_default=True,
              help="text: FILE:LINE:COL lines; github: GitHub Actions annotations; json: as --json.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also list the warnings the map silences with 'ignore:', and their reasons.")
@json_option
def check(paths: tuple[str, ...], strict: bool, fmt: str, verbose: bool, as_json: bool) -> None:
    """Load each MAP (or every *.yaml map in FOLDER) and report errors and warnings.

    Findings go to stdout, one per line as FILE:LINE:COL: severity code: message (with a hint
    below), then one summary line per file. Exit status: 0 when every map is usable, 1 when any
    has errors (or warnings, with --strict), 2 for a usage error.

    \b
    Examples:
      argmap check data/north_korea_oped.yaml --strict
      argmap check maps/ --format github
      argmap check a.yaml b.yaml --json
    """
    results = []
    for path in map_files(paths):
        name, found = check_one(path)
        shown = [d for d in found if not d.is_ignored]
        errors = sum(d.is_error for d in shown)
        warnings = sum(d.severity == "warning" for d in shown)
        results.append({"file": name, "ok": not (errors or (strict and warnings)),
                        "errors": errors, "warnings": warnings,
                        "ignored": [d for d in found if d.is_ignored], "diagnostics": shown})
    failed = not all(r["ok"] for r in results)
    if as_json or fmt == "json":
        def record(r: dict) -> dict:
            out = dict(r, diagnostics=[d.to_dict() for d in r["diagnostics"]])
            out["ignored"] = [d.to_dict() for d in r["ignored"]]
            return out

        if len(results) == 1:
            emit_json(record(results[0]))
        else:
            emit_json({"ok": not failed, "errors": sum(r["errors"] for r in results),
                       "warnings": sum(r["warnings"] for r in results),
                       "files": [record(r) for r in results]})
        sys.exit(1 if failed else 0)
    from .render.terminal import diagnostics_table, diagnostics_text

    console = out_console()
    for r in results:
        found = r["diagnostics"] + (r["ignored"] if verbose else [])
        if fmt == "github":
            lines = [github_annotation(d) for d in r["diagnostics"]]
            if lines:
                click.echo("\n".join(lines))
        elif found and console.is_terminal:
            # soft_wrap: one diagnostic per line, never broken, so editors can parse them
            console.print(diagnostics_table(found), soft_wrap=True)
        elif found:
            click.echo(diagnostics_text(found))
        click.echo(_check_summary(r))
    if len(results) > 1:
        bad = sum(not r["ok"] for r in results)
        click.echo(f"{len(results)} maps checked, {bad} with problems" if bad
                   else f"{len(results)} maps checked, all ok")
    sys.exit(1 if failed else 0)


def _check_summary(r: dict) -> str:
    e, w, n = r["errors"], r["warnings"], len(r["ignored"])
    ignored = f", {n} ignored" if n else ""
    if not (e or w):
        return f"{r['file']}: ok, no problems found{ignored}"
    return f"{r['file']}: {e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}{ignored}"


@cli.command()
@map_argument
@click.option("--depth", type=click.IntRange(min=0), default=None,
              help="Expand at most N levels of reasons below the root.")
@click.option("--focus", metavar="ID", shell_complete=complete_ids,
              help="Start the tree at this claim or argument.")
@click.option("--ids/--no-ids", default=True, show_default=True, help="Show claim ids.")
@click.option("--eval", "with_eval", is_flag=True,
              help="Show each claim's label (IN/OUT/UNDEC) and strength.")
@json_option
@pager_option
def show(map_path: str | None, depth: int | None, focus: str | None, ids: bool,
         with_eval: bool, as_json: bool) -> None:
    """Draw MAP as a tree: the thesis, its reasons and the objections to them.

    \b
    Markers: + reason   − objection   ⊘ undercut (denies that a reason supports its claim)
    A claim used twice is shown in full once, then as "↑ id (shown above)".

    \b
    Examples:
      argmap show
      argmap show --focus collapse-more-dangerous --depth 2
      argmap show --eval
      argmap show my-map.yaml --json
    """
    from .outline import outline

    amap = load_map(map_path)
    tree = outline(amap, focus=focus, depth=depth)
    if with_eval:
        from . import semantics
        from .outline import annotate

        strengths = semantics.dfquad(amap)
        annotate(tree, semantics.grounded(amap), strengths.values, {
            "semantics": "grounded",
            "strengths": {"method": "DF-QuAD", "converged": strengths.converged,
                          "iterations": strengths.iterations, "cyclic": strengths.cyclic}})
    if as_json:
        emit_json(tree)
        return
    from .render.terminal import outline_lines, outline_tree

    print_answer(lambda: outline_tree(tree, ids=ids, width=out_console().width),
                 lambda: outline_lines(tree, ids=ids, width=plain_width()))


@cli.command()
@map_argument
@click.option("-o", "--output", required=True, metavar="FILE",
              help="Where to write; the format follows the extension. '-' writes to stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(["svg", "png", "pdf", "dot", "json"]),
              help="Output format (default: from the extension of FILE).")
@click.option("--focus", metavar="ID", shell_complete=complete_ids,
              help="Only this claim and what lies under it.")
@click.option("--depth", type=click.IntRange(min=0), default=None,
              help="At most N levels of reasons below --focus (or below the thesis).")
@click.option("--theme", "theme_id", metavar="THEME", shell_complete=complete_themes,
              help="Only this theme: its claims, the arguments about them or made of them, "
                   "and the answers to its objections.")
@click.option("--direction", type=click.Choice(["auto", "BT", "TB", "LR", "RL"],
                                               case_sensitive=False),
              default="auto", show_default=True,
              help="BT: thesis on top, reasons below; RL: thesis on the left, reasons to the right; "
                   "auto: whichever suits the map's shape.")
@click.option("--ids/--no-ids", default=False, show_default=True, help="Print claim ids in boxes.")
@click.option("--eval", "with_eval", is_flag=True,
              help="Mark each claim IN/OUT/UNDEC with its strength (style survives greyscale).")
@click.option("--engine", type=click.Choice(["auto", "bundled", "system"]), default="auto",
              show_default=True,
              help="'bundled': pygraphviz's own Graphviz; 'system': a `dot` on PATH; 'auto': the "
                   "bundled one where installed, else the system one.")
@click.option("--page", metavar="SIZE",
              help="Fit the diagram to pages: a4, a4-landscape, letter, letter-landscape, "
                   "slide, or WxH in mm or in. A map too big for one page at --min-font becomes "
                   "an overview and a page per branch (PDF: one file; SVG, PNG, DOT: NAME-1, "
                   "NAME-2, ...).")
@click.option("--min-font", type=click.FloatRange(min=1), default=7.0, show_default=True,
              help="With --page: the smallest type on paper, in points.")
@click.option("--themes", "theme_style", type=click.Choice(["bands", "clusters", "none"]),
              default="bands", show_default=True,
              help="Show themes as a named tab on each box, as clusters, or not at all.")
@click.option("--timeout", type=click.FloatRange(min=0), default=LAYOUT_SECONDS,
              show_default=True, metavar="SECONDS",
              help=f"Time allowed for laying out a diagram of more than {BIG_DIAGRAM} claims "
                   "(0: no limit).")
@click.option("--layout", "layout_name", type=click.Choice(["auto", "dot", "fast"]),
              default="auto", show_default=True,
              help="dot: Graphviz's layout, fewest crossings (minutes for 10,000 claims); fast: "
                   "the map's tree, straight edges, seconds at any size; auto: fast from "
                   "2,500 claims (not with --page).")
def export(map_path: str | None, output: str, fmt: str | None, focus: str | None,
           depth: int | None, theme_id: str | None, direction: str, ids: bool,
           with_eval: bool, engine: str, page: str | None, min_font: float,
           theme_style: str, timeout: float, layout_name: str) -> None:
    """Export MAP as a diagram (SVG, PNG, PDF), DOT source or node-link JSON.

    The file is written atomically: if anything fails, an existing FILE is left as it was.

    \b
    Examples:
      argmap export -o map.svg
      argmap export my-map.yaml -o map.png --focus collapse-more-dangerous --depth 2
      argmap export -o judged.svg --eval
      argmap export -o map.dot --direction LR
      argmap export -o brief.pdf --page a4-landscape
      argmap export big-map.yaml -o big.svg --layout fast
    """
    if fmt is None:
        ext = os.path.splitext(output)[1].lower().lstrip(".")
        if output == "-" or ext not in ("svg", "png", "pdf", "dot", "gv", "json"):
            raise click.UsageError(
                f"cannot tell the format from {output!r}; use --format svg|png|pdf|dot|json")
        fmt = "dot" if ext == "gv" else ext
    if page is not None and fmt == "json":
        raise click.UsageError("--page lays out a diagram; JSON has no pages")
    if output == "-" and fmt in ("png", "pdf") and sys.stdout.isatty():
        raise click.UsageError(f"refusing to write binary {fmt.upper()} to a terminal")
    amap = load_map(map_path)
    from .queries import subset
    from .render import graphviz as gv

    nodes = subset(amap, focus=focus, theme=theme_id, depth=depth)
    drawn = sum(1 for n in nodes if amap.graph.nodes[n]["kind"] == "claim")
    if fmt == "json":
        from .formats import node_link

        data = json.dumps(node_link.data(amap, nodes), indent=2, ensure_ascii=False).encode()
    else:
        status = None
        eval_note = None
        if with_eval:
            from . import semantics
            from .render.evaluation import convergence_note

            labels, found = semantics.grounded(amap), semantics.dfquad(amap)
            status = {n: (labels[n], found.values[n]) for n in nodes}
            eval_note = convergence_note({"converged": found.converged,
                                          "iterations": found.iterations})
            if eval_note:
                click.echo(eval_note, err=True)
        if page is not None:
            _export_pages(amap, nodes, map_path, output, fmt, page, min_font, engine,
                          (timeout or None) if drawn > BIG_DIAGRAM else None,
                          ids=ids, status=status, eval_note=eval_note, themes=theme_style)
            return
        from .errors import ExportError
        from .render.engine import bounded_layout_attrs, layout_tier, render
        from .render.tidy import FAST_LAYOUT_FROM

        big = drawn > BIG_DIAGRAM
        fast = layout_name == "fast" or (layout_name == "auto" and drawn >= FAST_LAYOUT_FROM)
        if fast and theme_style == "clusters":
            click.echo("Note: the fast layout shows themes as bands, not clusters (--layout dot "
                       "draws clusters).", err=True)
        if big:
            click.echo(f"Drawing {drawn:,} claims ...", err=True)
        dot = gv.to_dot(amap, nodes, direction=direction.upper().replace("AUTO", "auto"), ids=ids,
                        status=status, eval_note=eval_note, themes=theme_style, fast=fast,
                        layout=None if fast else bounded_layout_attrs(
                            len(nodes), clusters=theme_style == "clusters"))
        if fmt == "dot":
            data = dot.encode()
        else:
            budget = (timeout or None) if big else None
            if big:
                how = ("the fast layout (the map's tree, straight edges; --layout dot for "
                       "Graphviz's own)" if fast else "Graphviz's dot" + {
                           "bounded": " (a shorter search for few crossings, for a map this "
                                      "big; --layout fast takes seconds)",
                           "full": ""}[layout_tier(len(nodes))])
                limit = f"at most {budget:g} s" if budget is not None else "no time limit"
                click.echo(f"Laying out {drawn:,} claims with {how}, {limit} (--timeout changes "
                           "it) ...", err=True)
            began = [0.0, 0]  # when a line was last printed, for which step

            def say(p: Any) -> None:  # a line a step, and one every 10 s, once it takes a while
                if p.elapsed >= PROGRESS_AFTER and (p.step != began[1]
                                                    or p.elapsed - began[0] >= 10):
                    began[:] = [p.elapsed, p.step]
                    click.echo(f"  {p.elapsed:3.0f} s: {p.what}"
                               + (f": {p.detail}" if p.detail else "") + " ...", err=True)

            try:
                data = render(dot, fmt, engine=engine, timeout=budget,
                              progress=say if big else None)
            except ExportError as e:
                if budget is None or not e.message.startswith("Graphviz did not finish"):
                    raise
                raise ExportError(f"{e.message}; nothing was written", hint=e.hint) from None
            if fmt == "svg":
                data = gv.portable_svg(data)
    _write_output(output, data, map_path)
    click.echo(f"Wrote {output} ({fmt.upper()}, {len(data):,} bytes)", err=True)
    if fmt in ("svg", "png", "pdf") and drawn > BIG_DIAGRAM and not (focus or theme_id):
        click.echo(f"Note: {drawn:,} claims in one diagram make a very large picture; for "
                   "print use --page a4 (an overview and a page per branch), or draw a part "
                   "with --focus ID --depth N or --theme THEME.", err=True)


@cli.command()
@click.option("--path", "as_path", is_flag=True, help="Print the schema file's path instead.")
def schema(as_path: bool) -> None:
    """Print the JSON Schema of the map format, for editors (or its path, with --path).

    With the YAML language server (VS Code, Neovim, ...), put this first line in a map:
    # yaml-language-server: $schema=<the path argmap schema --path prints>

    \b
    Examples:
      argmap schema > argmap.schema.json
      argmap schema --path
    """
    from .schema import schema_path, schema_text

    click.echo(str(schema_path()) if as_path else schema_text().rstrip("\n"))


# -- questions ---------------------------------------------------------------------------------


@cli.command("list")
@map_argument
@click.option("--kind", type=click.Choice(["claim", "argument"]), help="Only claims or arguments.")
@click.option("--tag", help="Only claims with this tag.")
@click.option("--text", "text", metavar="SUBSTRING", help="Only text containing this (any case).")
@click.option("--role", type=click.Choice(["thesis", "reason", "objection", "reply", "undercut",
                                           "basis premise"]), help="Only this role.")
@click.option("--sort", type=click.Choice(["id", "theme", "para", "file"]), default="id",
              show_default=True, help="Order of the rows ('file': as written).")
@filter_options
@json_option
@pager_option
def list_(map_path, kind, tag, text, role, sort, focus, theme_id, as_json) -> None:
    """List the claims and arguments of MAP as a table, with their roles.

    \b
    Examples:
      argmap list --role objection
      argmap list --theme collapse --sort para
      argmap list --text sanctions --json
    """
    from .queries import list_nodes

    amap = load_map(map_path)
    rows = list_nodes(amap, kind=kind, theme=theme_id, tag=tag, text=text, role=role, focus=focus,
                      sort=sort)
    if as_json:
        emit_json({"count": len(rows), "items": rows})
        return
    from .render.answers import node_lines, node_table

    print_answer(lambda: node_table(rows, width=out_console().width), lambda: node_lines(rows))


@cli.command()
@from_option
@click.argument("args", nargs=-1, metavar="[MAP] ID", shell_complete=complete_ids)
@click.option("--depth", type=click.IntRange(min=0), help="At most N levels of reasons.")
@json_option
@pager_option
def why(args, depth, as_json) -> None:
    """Why believe claim ID: every line of support under it, down to the basis premises.

    Linked premises are grouped under one reason; objections met along the way are marked
    [answered] or [OPEN]. For an argument ID: its premises, what backs its inference and what
    undercuts it.

    \b
    Examples:
      argmap why direct-talks
      argmap why my-map.yaml build-tram --depth 2 --json
    """
    from .queries import support_tree

    map_path, (claim,) = map_and_ids(args, ("ID",))
    amap = load_map(map_path)
    tree = support_tree(amap, require(amap, claim, "claim or argument"), depth=depth)
    if as_json:
        emit_json(tree)
        return
    from .render.answers import why_lines, why_tree

    print_answer(lambda: why_tree(amap, tree, width=out_console().width),
                 lambda: why_lines(amap, tree, width=plain_width()))


@cli.command()
@from_option
@click.argument("args", nargs=-1, metavar="[MAP] ID", shell_complete=complete_claims)
@json_option
@pager_option
def objections(args, as_json) -> None:
    """Everything that attacks claim ID, and whether each has been answered.

    Rebuttals of the claim itself, undercuts of the arguments for it and attacks on their
    premises, at any depth below it. An attack is answered when something attacks it in turn.

    \b
    Examples:
      argmap objections direct-talks
      argmap objections my-map.yaml build-tram --json
    """
    from .queries import objections_to

    map_path, (claim,) = map_and_ids(args, ("ID",))
    amap = load_map(map_path)
    items = objections_to(amap, require(amap, claim, command="objections"))
    if as_json:
        emit_json({"claim": claim, "objections": items})
        return
    from .render.answers import objection_lines, objection_list

    empty = f"Nothing attacks {claim}."
    print_answer(lambda: objection_list(amap, items, empty),
                 lambda: objection_lines(amap, items, empty))


@cli.command()
@map_argument
@filter_options
@json_option
@pager_option
def unanswered(map_path, focus, theme_id, as_json) -> None:
    """The open flanks: attacks on the thesis's case that nothing answers.

    An attack counts when it helps the other side (it attacks the thesis, a reason for it, or a
    premise or inference under them, at any depth); a reply to an objection is on the
    thesis's side and never counts.

    \b
    Examples:
      argmap unanswered
      argmap unanswered my-map.yaml --focus build-tram --json
    """
    from .queries import unanswered_objections

    amap = load_map(map_path)
    items = unanswered_objections(amap, focus=focus, theme=theme_id)
    if as_json:
        emit_json({"case": focus or amap.thesis, "unanswered": items})
        return
    from .render.answers import objection_lines, objection_list

    empty = "No open flanks: every objection to the case is answered."
    print_answer(lambda: objection_list(amap, items, empty),
                 lambda: objection_lines(amap, items, empty))


@cli.command()
@map_argument
@filter_options
@json_option
@pager_option
def unsupported(map_path, focus, theme_id, as_json) -> None:
    """Premises taken on faith: used in arguments, with no support and no source quote.

    \b
    Examples:
      argmap unsupported
      argmap unsupported my-map.yaml --theme cost --json
    """
    from .queries import unsupported_claims

    amap = load_map(map_path)
    rows = unsupported_claims(amap, focus=focus, theme=theme_id)
    if as_json:
        emit_json({"count": len(rows), "claims": rows})
        return
    from .render.answers import unsupported_lines, unsupported_table

    print_answer(lambda: unsupported_table(rows), lambda: unsupported_lines(rows))


@cli.command()
@from_option
@click.argument("args", nargs=-1, metavar="[MAP] FROM TO", shell_complete=complete_ids)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="At most N chains, shortest first.")
@json_option
@pager_option
def path(args, limit, as_json) -> None:
    """How FROM bears on TO: the chains of arguments between them, with their net effect.

    An attack on an attack supports: `x attacks an objection to t` shows as `x supports t`.

    \b
    Examples:
      argmap path sk-financial-shock direct-talks
      argmap path my-map.yaml fixed-price build-tram --json
    """
    from .queries import chains

    map_path, (source, target) = map_and_ids(args, ("FROM", "TO"))
    amap = load_map(map_path)
    found = chains(amap, require(amap, source, "claim or argument"),
                   require(amap, target, "claim or argument"), limit=limit)
    if as_json:
        emit_json({"from": source, "to": target, "chains": found})
        return
    from .render.answers import chain_lines, chain_list

    print_answer(lambda: chain_list(amap, found, source, target),
                 lambda: chain_lines(amap, found, source, target))


def _write_output(output: str, data: bytes, map_path: str | None) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from .files import write_atomic
    from .loader import bundled_map_path

    read = () if map_path == "-" else (map_path or bundled_map_path(),)
    write_atomic(output, data, inputs=read)


def _export_pages(amap: ArgumentMap, nodes: set[str], map_path: str | None, output: str,
                  fmt: str, page: str, min_font: float, engine: str, budget: float | None,
                  **draw_options: Any) -> None:
    """``export --page``: the map laid out for pages, an overview and a page per branch when
    it does not fit one; within ``budget`` seconds (None: no limit)."""
    from .errors import ExportError
    from .render import graphviz as gv
    from .render.engine import bbox, merge_pdf, render
    from .render.pages import lay_out_pages, page_size

    try:
        size = page_size(page)
    except ExportError as e:
        raise click.BadParameter(f"{e.message}; {e.hint}", param_hint="--page") from None
    title = amap.title or "Argument map"

    def draw(p: Any, direction: str, wrap: int) -> str:
        # while pages are planned, a heading as wide as the final one ("p. 12 of 30")
        heading = (title if p.of == 1 else f"{title} · p. {p.number} of {p.of}" if p.of
                   else f"{title} · p. 00 of 00")
        return gv.to_dot(amap, p.nodes, direction=direction, stubs=p.stub_views(),
                         legend=p.number <= 1, title=heading, layout=gv.PAGE_LAYOUT,
                         wrap=wrap, **draw_options)

    import time

    began, said = time.monotonic(), [0.0]

    def say(what: str) -> None:  # a line every 10 s, once it takes a while; and the budget
        elapsed = time.monotonic() - began
        if budget is not None and elapsed > budget:
            raise ExportError(f"the pages were not laid out in {budget:g} s ({what}); nothing "
                              "was written", hint="draw a part (--focus ID --depth N, or --theme "
                              "THEME), or one diagram with the fast layout (--layout fast, "
                              "without --page), or allow more time (--timeout SECONDS; 0 for no "
                              "limit)")
        if elapsed >= PROGRESS_AFTER and elapsed - said[0] >= 10:
            said[0] = elapsed
            click.echo(f"  {elapsed:3.0f} s: {what} ...", err=True)

    laid = lay_out_pages(amap, nodes, size, draw, lambda dot: bbox(dot, engine=engine), min_font,
                         progress=say)
    for lp in laid:
        if lp.type_pt < min_font:
            click.echo(f"Note: page {lp.page.number} has type of {lp.type_pt:.1f} pt, below "
                       f"--min-font {min_font:g}: its top claim has too many direct reasons "
                       "and objections for the page; try a larger --page.", err=True)
    if fmt == "pdf":
        drawn = []
        for lp in laid:
            say(f"drawing page {lp.page.number} of {len(laid)}")
            drawn.append(render(lp.dot, "pdf", engine=engine))
        data = merge_pdf(drawn)
        _write_output(output, data, map_path)
        click.echo(f"Wrote {output} (PDF, {len(laid)} page{'s' * (len(laid) != 1)}, "
                   f"{len(data):,} bytes)", err=True)
        return
    if output == "-" and len(laid) > 1:
        raise click.UsageError(f"the map takes {len(laid)} pages; write {fmt.upper()} pages "
                               "to files (-o map.svg gives map-1.svg, ...) or PDF to -")
    stem, ext = os.path.splitext(output)
    pages = []  # every page drawn before any is written: a budget spent writes none
    for lp in laid:
        dot = lp.dot
        if fmt == "png":  # a page is for print: twice the screen's 72 dpi
            dot = dot.rstrip().rstrip("}") + f'\tdpi="{PAGE_DPI}"\n}}\n'
        if fmt != "dot":
            say(f"drawing page {lp.page.number} of {len(laid)}")
        data = dot.encode() if fmt == "dot" else render(dot, fmt, engine=engine)
        pages.append(gv.portable_svg(data) if fmt == "svg" else data)
    for lp, data in zip(laid, pages, strict=True):
        name = output if len(laid) == 1 else f"{stem}-{lp.page.number}{ext}"
        _write_output(name, data, map_path)
        claims = sum(1 for n in lp.page.nodes if amap.is_claim(n))
        click.echo(f"Wrote {name} (page {lp.page.number} of {len(laid)}, {claims} "
                   f"claim{'s' * (claims != 1)}, "
                   f"type {lp.type_pt:.1f} pt and up)", err=True)


@cli.command()
@map_argument
@filter_options
@json_option
@pager_option
def stats(map_path, focus, theme_id, as_json) -> None:
    """Counts that describe MAP: kinds, roles, themes, depth, quotes, most-used premises.

    \b
    Examples:
      argmap stats
      argmap stats my-map.yaml --theme cost --json
    """
    from .queries import map_stats, subset
    from .sourcecheck import check_sources

    amap = load_map(map_path)
    keep = subset(amap, focus=focus, theme=theme_id) if (focus or theme_id) else None
    report = check_sources(amap)
    verified = None if report.unverified_reason() is not None else report.verified_claims()
    data = map_stats(amap, nodes=keep, verified=verified)
    if as_json:
        emit_json(data)
        return
    from .render.answers import stats_lines, stats_view

    print_answer(lambda: stats_view(data), lambda: stats_lines(data))


@cli.command()
@map_argument
@click.option("--suggest", is_flag=True,
              help="Propose a quote for each claim without one: the sentence of the source that "
                   "best matches it, with its paragraph and a score (0-100).")
@click.option("--fix", is_flag=True,
              help="Write the paragraph numbers found (and, with --suggest, the quotes scoring "
                   "at least --min-score) into MAP, keeping its comments and layout; the diff "
                   "is shown first.")
@click.option("--dry-run", is_flag=True, help="Show what --fix would change; write nothing.")
@click.option("-y", "--yes", is_flag=True, help="With --fix: write without asking.")
@click.option("--min-score", type=click.FloatRange(0, 100), default=60, show_default=True,
              help="The lowest score of a suggestion that --fix writes.")
@json_option
@pager_option
def sources(map_path, suggest, fix, dry_run, yes, min_score, as_json) -> None:
    """Check MAP's quotes against its source text, and show what the map covers.

    For each claim: its quote's status (verified, moved, not-found, no-quote, or unverified
    when the text is not at hand) with the paragraph cited and the one found and the
    character offsets; for each paragraph of the source: the claims that map it, so the
    paragraphs nothing covers stand out. The text is the file that the map's source names
    with 'file:' (docs/format.md says how paragraphs are numbered).

    \b
    Examples:
      argmap sources
      argmap sources essay.yaml --suggest
      argmap sources essay.yaml --fix --dry-run
      argmap sources essay.yaml --suggest --fix --min-score 70 --yes
    """
    from .sourcecheck import check_sources
    from .sourcefix import planned_fixes, suggest_quotes

    fixing = fix or dry_run
    if fixing and map_path in (None, "-"):
        raise click.UsageError("--fix edits the map file it is given: pass its path "
                               "(the bundled map and standard input cannot be edited)")
    amap = load_map(map_path)
    report = check_sources(amap)
    data = report.to_json()
    found = suggest_quotes(report) if suggest else []
    if suggest:
        data["suggestions"] = [{"claim": s.claim, **s.to_dict()} for s in found]
    if fixing:
        _fix_sources(map_path, planned_fixes(report, [s for s in found if s.score >= min_score]),
                     data, dry_run, yes, as_json)
        return
    if as_json:
        emit_json(data)
        return
    from .render.sources import sources_lines, sources_view, suggestions_lines, suggestions_view

    def view() -> Any:
        from .console import rich_kit

        found = [suggestions_view(data["suggestions"], min_score)] if suggest else []
        return rich_kit().Group(sources_view(data), *found)

    def lines() -> Any:
        yield from sources_lines(data)
        if suggest:
            yield from suggestions_lines(data["suggestions"])

    print_answer(view, lines)


def _fix_sources(map_path: str, fixes: list, data: dict, dry_run: bool, yes: bool,
                 as_json: bool) -> None:
    """Show the fixes as a diff of MAP, then write them (asking first at a terminal)."""
    from .errors import ExportError
    from .formats import choose
    from .loader import parse, read_text
    from .sourcefix import FixError, apply_fixes, unified_diff

    text = read_text(map_path)
    fmt = choose(text, map_path, _from_format())[0]
    if fmt.name != "yaml":
        raise click.UsageError(f"--fix edits argmap YAML maps; {map_path} is {fmt.title}: "
                               f"argmap convert {map_path} map.yaml, then fix map.yaml")
    try:
        new = apply_fixes(text, fixes) if fixes else text
    except FixError as e:  # say what to change by hand, claim by claim
        lines = []
        amap = load_map(map_path, quiet=True)
        for f in fixes:
            at = amap.position(f.claim)
            what = [] if not f.paras else ["para: " + (str(f.paras[0]) if len(f.paras) == 1
                                                       else str(list(f.paras)))]
            what += [] if f.quote is None else [f"quote: {json.dumps(f.quote)}"]
            lines.append(f"{map_path}:{at.line if at else '?'}: claim {f.claim!r}: "
                         f"{', '.join(what)} ({f.why})")
        raise FixError(e.message, hint="make these corrections by hand:\n  " +
                       "\n  ".join(lines)) from None
    if new != text and any(d.is_error for d in parse(new, map_path)[1]):
        raise ExportError(f"{map_path}: the fixed map would not load, so nothing was written",
                          hint="make the corrections by hand: argmap sources lists them")
    change = unified_diff(text, new, map_path)
    if as_json:
        data["fixes"] = [{"claim": f.claim, "para": list(f.paras), "quote": f.quote,
                          "why": f.why} for f in fixes]
        data["diff"] = change
    elif change:
        click.echo(change, nl=False)
    if not change:
        if as_json:
            data["written"] = False
            emit_json(data)
        else:
            click.echo("Nothing to fix: every quote found is where the map cites it.")
        return
    if not dry_run and not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("--fix asks before it writes: pass --yes to write without "
                                   "asking, or --dry-run to only see the diff")
        if not click.confirm(f"Write these {len(fixes)} fixes to {map_path}?", default=False,
                             err=True):
            click.echo("Nothing written.", err=True)
            return
    if not dry_run:
        from .files import write_atomic

        write_atomic(map_path, new.encode("utf-8"))
    if as_json:
        data["written"] = not dry_run
        emit_json(data)
    elif not dry_run:
        click.echo(f"Wrote {len(fixes)} fix{'es' * (len(fixes) != 1)} to {map_path}.", err=True)


@cli.command()
@map_argument
@click.option("-o", "--output", required=True, metavar="FILE",
              type=click.Path(dir_okay=False, allow_dash=True),
              help="The brief to write: FILE.html (one self-contained page) or FILE.md "
                   "(Markdown, with the map as an SVG file beside it).")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "json"]), default=None,
              help="html, md, or json: what the brief says, as data (default: from FILE's "
                   "extension, else html).")
@click.option("--page", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="The paper the page prints on, and a big map's diagrams are cut for.")
@click.option("--pdf", is_flag=True,
              help="Also print the page to FILE.pdf with a headless Chromium or Chrome.")
@click.option("--engine", type=click.Choice(["auto", "bundled", "dot"]), default="auto",
              show_default=True, help="The Graphviz that draws the map.")
def brief(map_path, output, fmt, page, pdf, engine) -> None:
    """Write a brief of MAP: a page a decision-maker reads in five minutes.

    The title and source, the thesis with its verdict and why, the map (zoomable, every claim
    linked to its entry), the reasons by theme with their quotes (marked verified where the
    source text confirms them), the objections and how each is answered, what the case rests
    on and the open questions. The HTML page is one file that makes no network request: it
    opens from an e-mail attachment on an offline laptop, and prints well (A4 or Letter).

    \b
    Examples:
      argmap brief -o brief.html
      argmap brief my-map.yaml -o brief.html --pdf
      argmap brief my-map.yaml -o brief.md
      argmap brief -o - --format json
    """
    from .briefing import write_brief

    fmt = fmt or ("md" if output.lower().endswith((".md", ".markdown")) else
                  "json" if output.lower().endswith(".json") else "html")
    if pdf and (fmt != "html" or output == "-"):
        raise click.UsageError("--pdf prints the HTML brief: write it to a .html file")
    if fmt == "md" and output == "-":
        raise click.UsageError("a Markdown brief has its map in an SVG file beside it: "
                               "write it to a file, not '-'")
    amap = load_map(map_path)
    inputs = () if map_path == "-" else (map_path or str(_bundled()),)
    for name, size in write_brief(amap, output, fmt=fmt, page=page, pdf=pdf, engine=engine,
                                  inputs=inputs):
        click.echo(f"Wrote {name} ({size:,} bytes)", err=True)


def _bundled() -> Any:
    from .loader import bundled_map_path

    return bundled_map_path()


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("map_path", metavar="MAP", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, metavar="FILE",
              type=click.Path(dir_okay=False),
              help="What to keep up to date: a brief (.html, .md) or any export (.svg, .png, "
                   ".pdf, .dot, .json).")
@click.argument("options", nargs=-1, type=click.UNPROCESSED, metavar="[-- OPTIONS]")
def watch(map_path, output, options) -> None:
    """Re-export MAP to FILE each time MAP or its source text is saved.

    FILE is written by 'argmap brief' (.html, .md) or 'argmap export' (other extensions),
    with the OPTIONS given after '--'. Each save prints one line: the time taken, or the
    map's errors (the old FILE stays; the next save tries again). Stop with Ctrl-C.

    \b
    Examples:
      argmap watch essay.yaml -o brief.html
      argmap watch essay.yaml -o map.svg -- --eval --direction LR
      argmap watch essay.yaml -o brief.html -- --pdf
    """
    import time

    from .watch import Status
    from .watch import watch as watch_files

    gc.enable()  # a command that runs for hours: its cycles must be collected (see ArgmapGroup)

    command = "brief" if output.lower().endswith((".html", ".htm", ".md", ".markdown")) \
        else "export"
    args = [command, map_path, "-o", output, *[o for o in options if o != "--"]]
    folder = os.path.dirname(os.path.abspath(map_path))

    def inputs() -> list[str]:
        """The map and the texts it names (found again after each save: it may name others)."""
        paths = [map_path]
        try:
            amap = _quiet_load(map_path)
        except Exception:  # the map does not load now: watch what it named before
            return watched
        for keys in (amap.source, *amap.sources.values()):
            if keys.get("file"):
                paths.append(os.path.join(folder, keys["file"]))
        return paths

    def rebuild() -> Status:
        start = time.perf_counter()
        code, said = _run_in_process(args)
        seconds = time.perf_counter() - start
        lines = [ln for ln in said.splitlines() if ln.strip()]
        if code == 0:
            wrote = [ln for ln in lines if ln.startswith("Wrote ")]
            rest = [ln for ln in lines if not ln.startswith("Wrote ")]
            what = wrote[-1][len("Wrote "):] if wrote else output
            return Status(True, seconds, f"wrote {what} in {seconds:.2f} s", rest, [])
        head = next((ln for ln in reversed(lines) if ln.startswith("Error:")), "Error: failed")
        head = head[len("Error: "):].replace("; nothing was done.", "").rstrip(".")
        return Status(False, seconds, f"{head}: {output} not changed; waiting for the next save",
                      [ln for ln in lines if not ln.startswith(("Error:", "Hint:"))][:10], [])

    def report(status: Status) -> None:
        stamp = time.strftime("%H:%M:%S")
        why = f" ({', '.join(os.path.basename(p) for p in status.trigger)} saved)" \
            if status.trigger else ""
        click.echo(f"[{stamp}] {'✓' if status.ok else '✗'} {status.message}{why}", err=True)
        for line in status.details:
            click.echo(f"    {line}", err=True)

    watched = [map_path]
    watched = inputs()
    click.echo(f"Watching {', '.join(watched)}; writing {output} on each save (Ctrl-C stops).",
               err=True)
    try:
        watch_files(watched, rebuild, report, rewatch=inputs)
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)


def _quiet_load(map_path: str) -> ArgumentMap:
    from .formats import parse
    from .loader import read_text

    return parse(read_text(map_path), map_path).map


def _run_in_process(args: list[str]) -> tuple[int, str]:
    """Run ``argmap ARGS`` here (no new interpreter: fast) and return its exit status and what
    it said on stderr."""
    import contextlib
    import io

    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        try:  # without standalone mode, click returns the exit status of ctx.exit(N)
            returned = cli.main(args, prog_name="argmap", standalone_mode=False)
            code = returned if isinstance(returned, int) else 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except click.exceptions.Exit as e:
            code = e.exit_code
        except click.ClickException as e:
            e.show(said)
            code = e.exit_code
    return code, said.getvalue()


@cli.command()
@click.argument("source_file", metavar="SOURCE", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, metavar="MAP",
              type=click.Path(dir_okay=False, allow_dash=True),
              help="The map to write (- for standard output).")
@click.option("--title", help="The map's title (default: the text's first heading or line).")
@click.option("--start", metavar="WORDS",
              help="The first words of paragraph 1: the text before them is not numbered.")
@click.option("--stop", metavar="WORDS",
              help="The first words after the text: they and what follows are not numbered.")
@click.option("--paragraphs", type=click.Choice(["auto", "blocks", "lines"]), default="auto",
              show_default=True, help="blocks: blank lines between paragraphs; lines: one per "
                                      "line.")
@click.option("--force", is_flag=True, help="Replace MAP if it exists.")
def init(source_file, output, title, start, stop, paragraphs, force) -> None:
    """Start a new map from a source text (plain text, Markdown or HTML).

    The map names the text, has a thesis to write, and one commented section per paragraph
    with each sentence as a candidate claim that quotes itself: keep what matters, delete the
    rest, link the claims. It passes 'argmap check' as written.

    \b
    Examples:
      argmap init essay.txt -o essay.yaml
      argmap init page.txt -o page.yaml --start "Now that the North" --stop "Subscribe"
    """
    from .loader import read_text
    from .scaffold import body_start, scaffold
    from .schema import schema_path
    from .sourcetext import parse_source

    if output != "-" and os.path.exists(output) and not force:
        raise click.UsageError(f"{output} exists: pass --force to replace it, or choose "
                               "another name with -o")
    folder = os.path.dirname(os.path.abspath(output)) if output != "-" else os.getcwd()
    raw = read_text(source_file)
    text = parse_source(raw, source_file, start=start, stop=stop, layout=paragraphs)
    if start is None and body_start(text):  # a title line: the body's paragraphs count from 1
        start = body_start(text)
        text = parse_source(raw, source_file, start=start, stop=stop, layout=paragraphs)
    rel = os.path.relpath(os.path.abspath(source_file), folder)
    try:  # relative when the schema is inside the map's folder, else where it is installed
        schema = os.path.relpath(schema_path(), folder)
    except ValueError:  # another drive, on Windows
        schema = str(schema_path())
    if schema.startswith(".."):
        schema = str(schema_path())
    data = scaffold(text, rel.replace(os.sep, "/"), title=title, schema=schema, start=start,
                    stop=stop, layout=paragraphs).encode("utf-8")
    if output == "-":
        sys.stdout.buffer.write(data)
        return
    from .files import write_atomic

    write_atomic(output, data, inputs=(source_file,))
    n = len(text.paragraphs)
    begins = " ".join(text.paragraphs[0].text.split()[:8])
    click.echo(f"Wrote {output}: {n} paragraph{'s' * (n != 1)}, "
               f"{_count(len(text.sentences()), 'candidate claim')}; paragraph 1 begins "
               f"{begins!r}" + ("" if start else " (--start WORDS numbers from another)")
               + f". Next: argmap check {output}; argmap sources {output}", err=True)


@cli.command()
@click.argument("old", metavar="OLD", type=click.Path(dir_okay=True, allow_dash=True))
@click.argument("new", metavar="NEW", type=click.Path(dir_okay=True, allow_dash=True))
@from_option
@json_option
@pager_option
def diff(old, new, as_json) -> None:
    """What changed between two versions of a map, by id.

    Claims added, removed or reworded (word by word), arguments added, removed or changed
    (target, premises, relation), themes and metadata. Exit status, as for GNU diff: 0 when the
    maps say the same thing, 1 when they differ, 2 when one cannot be read or is invalid.

    \b
    Examples:
      argmap diff briefing-v1.yaml briefing-v2.yaml
      git show HEAD~1:map.yaml | argmap diff - map.yaml --json
    """
    from .diff import diff_maps

    if old == "-" and new == "-":
        raise click.UsageError("only one of OLD and NEW can be '-' (standard input)")
    # like GNU diff: 0 the same, 1 different, 2 trouble (a missing file, an invalid map)
    click.get_current_context().meta[TROUBLE] = 2
    before, after = load_map(old), load_map(new)
    result = diff_maps(before, after)
    if as_json:
        emit_json(result)
    else:
        from .render.diffview import diff_lines, diff_view

        print_answer(lambda: diff_view(result, before.path, after.path),
                     lambda: diff_lines(result, before.path, after.path))
    sys.exit(0 if result["equal"] else 1)


@cli.command()
@click.argument("source", metavar="IN", type=click.Path(dir_okay=False, allow_dash=True))
@click.argument("output", metavar="OUT", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--from", "from_format", metavar="FORMAT",
              type=click.Choice(_format_names("read")),
              help="The format of IN; by default its extension or content says.")
@click.option("--to", "to_format", metavar="FORMAT", type=click.Choice(_format_names("write")),
              help="The format of OUT; by default its extension says (argmap YAML for -).")
@json_option
def convert(source: str, output: str, from_format: str | None, to_format: str | None,
            as_json: bool) -> None:
    """Convert a map between formats: IN is read, OUT written (atomically), nothing lost unsaid.

    Reads argmap YAML, AIF JSON (AIFdb, OVA), Argdown JSON, Kialo text exports and brat
    standoff (.ann beside its .txt); writes argmap YAML, AIF JSON, Argdown, GraphML, Mermaid
    and node-link JSON. What the input had that the map cannot hold, and what the output
    format cannot hold, is listed as a warning on stderr (and under "warnings" with --json).
    `-` is standard input or output. docs/formats.md says what each format keeps.

    \b
    Examples:
      argmap convert nodeset6361.json map.yaml
      argmap convert map.yaml map.mmd
      argmap convert discussion.txt - --from kialo --to aif
      argmap convert map.yaml map.argdown --json
    """
    from .errors import MapError
    from .formats import by_extension, by_name, conversion_header, parse
    from .formats import write as write_format

    if as_json and output == "-":
        raise click.UsageError("--json reports on stdout; write OUT to a file, not '-'")
    if to_format is not None:
        target = by_name(to_format, "write")
    elif output == "-":
        target = by_name("yaml", "write")
    else:
        found = by_extension(output, "write")
        if found is None:
            raise click.UsageError(f"cannot tell the format from {output!r}; use --to "
                                   + "|".join(_format_names("write")))
        target = found
    text, name = read_map_text(source)
    parsed = parse(text, name, from_format)
    if parsed.note:
        click.echo(f"Note: {parsed.note}", err=True)
    if any(d.is_error for d in parsed.diagnostics):
        raise MapError(parsed.diagnostics)
    amap = parsed.map
    if target.reads:  # a map that argmap reads again still finds its texts
        _rebase_files(amap, source, output)
    warned = [d for d in parsed.diagnostics if d.code.startswith("format-")]
    if target.name == "yaml" and parsed.format.name != "yaml":
        amap.graph.graph["header"] = conversion_header(name, parsed.format, warned)
    written = write_format(amap, target)
    data = written.data.encode() if isinstance(written.data, str) else written.data
    _write_output(output, data, source)
    losses = [d.to_dict() for d in warned] + [
        {"code": "format-loss", "severity": "warning", "message": m, "file": output}
        for m in written.losses]
    n_claims = sum(1 for _ in amap.claims())
    n_arguments = len(amap) - n_claims
    if as_json:
        emit_json({"input": name, "from": parsed.format.name, "output": output,
                   "to": target.name, "claims": n_claims, "arguments": n_arguments,
                   "rephrases": len(amap.rephrases), "bytes": len(data), "warnings": losses})
        return
    for d in warned:
        click.echo(d.format(), err=True)
    for m in written.losses:
        click.echo(f"{output}: warning format-loss: {m}", err=True)
    where = "standard output" if output == "-" else output
    click.echo(f"Wrote {where} ({target.title}: {_count(n_claims, 'claim')}, "
               f"{_count(n_arguments, 'argument')}) "
               f"from {name} ({parsed.format.title})"
               + (f"; {len(losses)} warning{'s' * (len(losses) != 1)} above" if losses else ""),
               err=True)


# -- evaluation ---------------------------------------------------------------------------------


def _rebase_files(amap: ArgumentMap, source: str, output: str) -> None:
    """Make each document's ``file:`` (relative to the map read) relative to the map written,
    so that the converted map still finds its texts."""
    if source == "-" or output == "-":
        return
    old, new = (os.path.dirname(os.path.abspath(p)) for p in (source, output))
    if old == new:
        return
    for keys in (amap.source, *amap.sources.values()):
        name = keys.get("file")
        if name and not os.path.isabs(name):
            try:
                keys["file"] = os.path.relpath(os.path.join(old, name), new).replace(os.sep, "/")
            except ValueError:  # another drive, on Windows
                keys["file"] = os.path.join(old, name)


def _count(n: int, noun: str) -> str:
    """``1 claim``, ``2,500 claims``."""
    return f"{n:,} {noun}{'s' * (n != 1)}"


def parse_assumptions(values: tuple[str, ...]) -> dict[str, str]:
    """``ID=in|out`` pairs from ``--assume``; one id assumed both IN and OUT is a usage error."""
    out: dict[str, str] = {}
    for v in values:
        ident, sep, label = v.partition("=")
        if not sep or label.strip().lower() not in ("in", "out"):
            raise click.BadParameter(f"{v!r}: write ID=in or ID=out", param_hint="--assume")
        ident, label = ident.strip(), label.strip().upper()
        if out.get(ident, label) != label:
            raise click.BadParameter(f"{ident!r} is assumed both {out[ident]} and {label}; "
                                     "keep one", param_hint="--assume")
        out[ident] = label
    return out


@cli.command("eval")
@map_argument
@click.option("--semantics", type=click.Choice(["grounded", "preferred", "stable"]),
              default="grounded", show_default=True,
              help="grounded: the sceptical core; preferred/stable: every maximal view.")
@click.option("--assume", multiple=True, metavar="ID=in|out", shell_complete=complete_ids,
              help="What if: fix a claim's (or an argument's) label and show what changes "
                   "(repeatable).")
@click.option("--critical", "show_critical", is_flag=True,
              help="What the thesis rests on: claims whose rejection alone, and objections "
                   "whose acceptance alone, change its label.")
@json_option
@pager_option
def eval_(map_path, semantics, assume, show_critical, as_json) -> None:
    """Which claims stand (IN), fall (OUT) or stay contested (UNDEC), and how strong each is.

    Two measures: the label is the verdict of the rules in docs/semantics.md; the strength is
    a DF-QuAD degree in [0, 1] from each claim's weight and the arguments for and against it.

    \b
    Examples:
      argmap eval
      argmap eval --assume kim-only-dealmaker=out
      argmap eval --assume small-price-reply=out
      argmap eval --critical
      argmap eval my-map.yaml --semantics preferred --json
    """
    from . import semantics as sem

    amap = load_map(map_path)
    assumed = parse_assumptions(assume)
    for ident in assumed:  # a claim, or an argument: assumed OUT, its inference is undercut
        require(amap, ident, "claim or argument")
    if show_critical:
        crit = sem.critical(amap, semantics=semantics, assume=assumed or None)
        if as_json:
            emit_json(crit)
            return
        from .console import PLAIN
        from .render.evaluation import critical_view

        print_answer(lambda: critical_view(amap, crit),
                     lambda: critical_view(amap, crit, kit=PLAIN).lines())
        return
    result = sem.evaluate(amap, semantics, assumed or None)
    if assumed:
        base = sem.grounded(amap)
        now = sem.grounded(amap, assumed)
        changed = {n: (base[n], now[n]) for n in amap.graph
                   if base[n] != now[n] and n not in assumed}
        result["assumed"] = assumed
        result["changed"] = {n: {"from": a, "to": b} for n, (a, b) in changed.items()}
    if as_json:
        emit_json(result)
        return
    from .render.evaluation import changes_view, eval_lines, eval_table

    if stdout_is_terminal():
        from .console import rich_kit

        kit = rich_kit()  # what changed, then the table, in one view (one pager)
        parts = [changes_view(amap, assumed, changed), kit.Text()] if assumed else []
        page(kit.Group(*parts, eval_table(amap, result)))
        return
    if assumed:  # the rows go to the pipe; what changed is said beside them, on stderr
        if sys.stderr.isatty():
            err_console().print(changes_view(amap, assumed, changed))
        else:
            from .console import PLAIN, write_lines

            write_lines(changes_view(amap, assumed, changed, kit=PLAIN).lines(), sys.stderr)
    from .console import write_lines
    from .render.evaluation import convergence_note

    note = convergence_note(result.get("strengths"))
    if note:
        click.echo(note, err=True)
    write_lines(eval_lines(amap, result))


@cli.command()
@from_option
@click.argument("args", nargs=-1, metavar="[MAP] ID", shell_complete=complete_ids)
@json_option
@pager_option
def explain(args, as_json) -> None:
    """Why claim (or argument) ID has its label, following the rules back step by step.

    \b
    Examples:
      argmap explain direct-talks
      argmap explain my-map.yaml build-tram --json
    """
    from . import semantics as sem

    map_path, (ident,) = map_and_ids(args, ("ID",))
    amap = load_map(map_path)
    require(amap, ident, "claim or argument")
    lab = sem.grounded(amap)
    steps = sem.explain(amap, ident, lab)
    strengths = sem.dfquad(amap)
    strength = round(strengths.values[ident], 4)
    from .render.evaluation import explanation_sentences, explanation_view

    if as_json:
        emit_json({"id": ident, "label": lab[ident], "strength": strength,
                   "strengths_converged": strengths.converged, "steps": steps,
                   "explanation": explanation_sentences(amap, steps)})
        return
    from .console import PLAIN

    how = {"converged": strengths.converged, "iterations": strengths.iterations}
    print_answer(lambda: explanation_view(amap, steps, strength, how),
                 lambda: explanation_view(amap, steps, strength, how, kit=PLAIN).lines())
