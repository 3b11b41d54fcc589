"""Printing a local HTML page to PDF with a headless Chromium (or Chrome, or Edge).

argmap ships no browser: :func:`find_chromium` looks for one the system has, and
:func:`print_pdf` runs it headless, offline and with a throwaway profile, to print the HTML brief.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import ExportError
from ..files import write_atomic

__all__ = ["CHROMIUM_FLAGS", "INSTALL_HINT", "find_chromium", "print_pdf"]

# The executables looked for on PATH, in this order.
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge",
          "msedge")
# Where the browsers live when they are not on PATH.
_MACOS = ("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
          "/Applications/Chromium.app/Contents/MacOS/Chromium")

INSTALL_HINT = ("apt-get install chromium (Debian/Ubuntu), brew install --cask chromium (macOS), or set "
                "ARGMAP_CHROMIUM to the browser's path")

# Headless, and quiet on the network: no sandbox (it needs privileges a container or CI lacks), no
# GPU, and none of the background fetches (updates, sync, safe browsing lists) a profile starts.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--no-default-browser-check", "--disable-extensions")

# Virtual milliseconds the page's scripts get to settle before it is printed. Virtual time runs as
# fast as the page lets it, so an idle page costs nothing like this much.
_SETTLE_MS = 2000


def find_chromium() -> str | None:
    """The path of a Chromium-family browser to run headless, or ``None`` when there is none.

    In order: ``$ARGMAP_CHROMIUM`` (a path or a command name) when it names an executable; the
    first of ``chromium``, ``chromium-browser``, ``google-chrome``, ``google-chrome-stable``,
    ``microsoft-edge`` and ``msedge`` on PATH; on macOS, Google Chrome or Chromium in
    ``/Applications``.
    """
    given = os.environ.get("ARGMAP_CHROMIUM")
    if given:
        found = shutil.which(given)
        if found is not None:
            return found
    for name in _NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    if sys.platform == "darwin":
        for path in _MACOS:
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
    return None


def print_pdf(html_path: str | Path, pdf_path: str | Path, *, timeout: float = 60) -> None:
    """Print the local HTML file ``html_path`` to the PDF file ``pdf_path`` with headless Chromium.

    The paper size and margins are the page's own: Chromium honours the CSS ``@page`` rule (``size:
    A4``, ``size: letter``, ...) when it prints with ``--print-to-pdf``, and uses Letter only for a
    page that sets none. No header or footer is added. The browser runs with a fresh profile in a
    temporary folder (removed afterwards), with its background networking off; the page's scripts
    get a short virtual-time budget to settle first.

    The PDF is written with :func:`~argmap.files.write_atomic`: when anything fails, an existing
    ``pdf_path`` is left as it was. Raises :class:`~argmap.errors.ExportError` when no browser is
    found (the hint says what to install), when it runs longer than ``timeout`` seconds (its whole
    process group is killed), or when it prints no PDF (with the end of its error output).
    """
    exe = find_chromium()
    if exe is None:
        given = os.environ.get("ARGMAP_CHROMIUM")
        why = f" (ARGMAP_CHROMIUM={given} is not an executable)" if given else ""
        raise ExportError(f"no Chromium or Chrome found to print the PDF{why}", hint=INSTALL_HINT)
    page = Path(html_path)
    if not page.is_file():
        raise ExportError(f"{page}: no such file to print")
    with tempfile.TemporaryDirectory(prefix="argmap-chromium-", ignore_cleanup_errors=True) as tmp:
        printed = Path(tmp) / "printed.pdf"
        log = Path(tmp) / "stderr.txt"
        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
               "--no-pdf-header-footer", f"--virtual-time-budget={_SETTLE_MS}",
               f"--print-to-pdf={printed}", page.resolve().as_uri()]
        code = _run(cmd, log, timeout, page)
        data = printed.read_bytes() if printed.is_file() else b""
        if not data.startswith(b"%PDF"):
            tail = _tail(log.read_text(encoding="utf-8", errors="replace") if log.is_file() else "")
            said = f": {tail}" if tail else ""
            raise ExportError(f"{exe} printed no PDF of {page} (exit {code}){said}",
                              hint="run the same browser by hand to see why, or set ARGMAP_CHROMIUM "
                                   "to another one")
    write_atomic(pdf_path, data, inputs=[page])


def _run(cmd: list[str], log: Path, timeout: float, page: Path) -> int:
    """Run the browser in its own process group, its stderr to ``log``; its exit code.

    stderr goes to a file, not a pipe: a helper process that outlives the browser would hold a
    pipe open. Whatever is left of the group afterwards is killed.
    """
    posix = os.name == "posix"
    try:
        with open(log, "wb") as err:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=err, start_new_session=posix)
    except OSError as e:
        raise ExportError(f"cannot run {cmd[0]}: {e.strerror or e}", hint=INSTALL_HINT) from None
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ExportError(f"{cmd[0]} did not finish printing {page} within {timeout:g} s; stopped it",
                          hint="try again with a longer timeout, or check that the browser runs "
                               "headless on this machine") from None
    finally:
        _kill(proc, posix)


def _kill(proc: subprocess.Popen, posix: bool) -> None:
    """End the process and, on POSIX, every process of its group; reap it."""
    if posix:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    elif proc.poll() is None:
        proc.kill()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _tail(stderr: str, lines: int = 3) -> str:
    """The last few lines of the browser's stderr that say something: without the D-Bus noise a
    headless browser prints on a machine with no session bus."""
    said = [line.strip() for line in stderr.splitlines()
            if line.strip() and "dbus" not in line.lower() and "unexpected operator" not in line]
    return " | ".join(said[-lines:])
