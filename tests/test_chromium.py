"""Finding a Chromium and printing HTML to PDF with it (argmap.render.chromium).

Fake browsers (shell scripts in ``tmp_path``) test the search, the flags, the failures and the
timeout; the real prints skip when no Chromium is installed (``apt-get install chromium``).
"""

import io
import os
import shlex
import shutil
import stat
import sys
import textwrap
import time

import pytest

from argmap.errors import ExportError
from argmap.render import chromium
from argmap.render.chromium import find_chromium, print_pdf

posix_only = pytest.mark.skipif(os.name != "posix", reason="the fake browsers are shell scripts")

needs_chromium = pytest.mark.skipif(
    os.name != "posix" or find_chromium() is None,
    reason="no Chromium or Chrome installed (apt-get install chromium, or set ARGMAP_CHROMIUM)")

SLEEP = shutil.which("sleep") or "/bin/sleep"  # found before a test empties PATH

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>
<style>@page { size: %s; margin: 15mm }</style></head>
<body><h1>A tiny page</h1><p>printed by headless Chromium</p></body></html>
"""


def fake(folder, name="chromium", body="exit 0"):
    """An executable shell script ``folder/name`` running ``body``."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body).strip() + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


# A browser that "prints" a minimal PDF to the --print-to-pdf=FILE it is given and records its
# arguments, one a line, in $ARGS_LOG.
PRINTS = """
for a in "$@"; do
  printf '%s\\n' "$a" >> "$ARGS_LOG"
  case "$a" in --print-to-pdf=*) printf '%%PDF-1.4 fake\\n' > "${a#--print-to-pdf=}" ;; esac
done
"""


@pytest.fixture
def no_browser(monkeypatch, tmp_path):
    """An environment with no browser: no ARGMAP_CHROMIUM, an empty PATH, not macOS."""
    monkeypatch.delenv("ARGMAP_CHROMIUM", raising=False)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(sys, "platform", "linux")


@pytest.fixture
def page(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(PAGE % "A4", encoding="utf-8")
    return p


# finding one

@posix_only
def test_argmap_chromium_comes_first(no_browser, monkeypatch, tmp_path):
    on_path = fake(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(on_path.parent))
    mine = fake(tmp_path / "elsewhere", "my-browser")
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(mine))
    assert find_chromium() == str(mine)


@posix_only
def test_argmap_chromium_may_be_a_command_name(no_browser, monkeypatch, tmp_path):
    mine = fake(tmp_path / "bin", "my-browser")
    monkeypatch.setenv("PATH", str(mine.parent))
    monkeypatch.setenv("ARGMAP_CHROMIUM", "my-browser")
    assert find_chromium() == str(mine)


@posix_only
def test_an_argmap_chromium_that_is_not_executable_is_passed_over(no_browser, monkeypatch, tmp_path):
    on_path = fake(tmp_path / "bin", "google-chrome")
    monkeypatch.setenv("PATH", str(on_path.parent))
    plain = tmp_path / "not-a-program"
    plain.write_text("hello")
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(plain))
    assert find_chromium() == str(on_path)
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(tmp_path / "missing"))
    assert find_chromium() == str(on_path)


@posix_only
def test_the_names_on_path_are_tried_in_order(no_browser, monkeypatch, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    fake(first, "msedge")
    fake(second, "chromium-browser")
    fake(second, "google-chrome-stable")
    monkeypatch.setenv("PATH", os.pathsep.join([str(first), str(second)]))
    assert find_chromium() == str(second / "chromium-browser")  # the name's rank, not PATH's
    (second / "chromium-browser").unlink()
    assert find_chromium() == str(second / "google-chrome-stable")
    (second / "google-chrome-stable").unlink()
    assert find_chromium() == str(first / "msedge")


def test_no_browser_is_none(no_browser):
    assert find_chromium() is None


def test_no_browser_says_what_to_install(no_browser, page, tmp_path):
    with pytest.raises(ExportError) as e:
        print_pdf(page, tmp_path / "out.pdf")
    assert str(e.value) == "no Chromium or Chrome found to print the PDF"
    assert e.value.hint == ("apt-get install chromium (Debian/Ubuntu), brew install --cask chromium "
                            "(macOS), or set ARGMAP_CHROMIUM to the browser's path")
    assert not (tmp_path / "out.pdf").exists()


def test_a_wrong_argmap_chromium_is_named(no_browser, monkeypatch, page, tmp_path):
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(tmp_path / "nowhere" / "chrome"))
    with pytest.raises(ExportError, match=r"ARGMAP_CHROMIUM=.*nowhere.* is not an executable") as e:
        print_pdf(page, tmp_path / "out.pdf")
    assert "apt-get install chromium" in e.value.hint


# printing with a fake browser

@posix_only
def test_the_browser_is_run_headless_offline_with_a_fresh_profile(no_browser, monkeypatch, page,
                                                                   tmp_path):
    log = tmp_path / "args.txt"
    monkeypatch.setenv("ARGS_LOG", str(log))
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(fake(tmp_path / "bin", body=PRINTS)))
    print_pdf(page, tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == b"%PDF-1.4 fake\n"
    args = log.read_text().splitlines()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--no-pdf-header-footer"):
        assert flag in args
    assert any(a.startswith("--virtual-time-budget=") for a in args)
    assert args[-1] == page.resolve().as_uri()
    profile = next(a.split("=", 1)[1] for a in args if a.startswith("--user-data-dir="))
    printed = next(a.split("=", 1)[1] for a in args if a.startswith("--print-to-pdf="))
    assert not os.path.exists(profile) and not os.path.exists(printed)  # the temp folder is gone
    assert str(tmp_path) not in printed  # printed elsewhere, then written atomically


@posix_only
def test_a_failing_browser_leaves_the_old_pdf_and_shows_its_stderr(no_browser, monkeypatch, page,
                                                                    tmp_path):
    browser = fake(tmp_path / "bin", body="""
        echo "[1:2:ERROR:dbus/bus.cc:405] Failed to connect to the bus" >&2
        echo "cannot open display: the browser is broken" >&2
        echo "[1:2:ERROR:dbus/bus.cc:405] Failed to connect to the bus" >&2
        exit 1
    """)
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(browser))
    out = tmp_path / "out.pdf"
    out.write_bytes(b"%PDF-1.7 the old one")
    with pytest.raises(ExportError) as e:
        print_pdf(page, out)
    message = str(e.value)
    assert "printed no PDF" in message and "(exit 1)" in message
    assert "cannot open display: the browser is broken" in message and "dbus" not in message
    assert out.read_bytes() == b"%PDF-1.7 the old one"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@posix_only
def test_output_that_is_not_a_pdf_is_refused(no_browser, monkeypatch, page, tmp_path):
    browser = fake(tmp_path / "bin", body="""
        for a in "$@"; do
          case "$a" in --print-to-pdf=*) echo "<html>not a pdf</html>" > "${a#--print-to-pdf=}" ;; esac
        done
    """)
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(browser))
    with pytest.raises(ExportError, match=r"printed no PDF .*\(exit 0\)"):
        print_pdf(page, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


@posix_only
def test_a_browser_that_hangs_is_killed_with_its_children(no_browser, monkeypatch, page, tmp_path):
    pids = tmp_path / "pids.txt"
    browser = fake(tmp_path / "bin", body=f"""
        {shlex.quote(SLEEP)} 60 &
        echo $! >> {shlex.quote(str(pids))}
        echo $$ >> {shlex.quote(str(pids))}
        wait
    """)
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(browser))
    started = time.monotonic()
    with pytest.raises(ExportError, match=r"did not finish printing .*page\.html within 1 s") as e:
        print_pdf(page, tmp_path / "out.pdf", timeout=1)
    assert time.monotonic() - started < 10
    assert "timeout" in e.value.hint
    for pid in map(int, pids.read_text().split()):
        for _ in range(50):  # the killed sleep is reaped by init, soon
            if not _alive(pid):
                break
            time.sleep(0.05)
        assert not _alive(pid), f"process {pid} of the browser's group still runs"
    assert not (tmp_path / "out.pdf").exists()


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purpose
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


def test_a_missing_page_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(chromium, "find_chromium", lambda: "/usr/bin/true")
    with pytest.raises(ExportError, match=r"nope\.html: no such file to print"):
        print_pdf(tmp_path / "nope.html", tmp_path / "out.pdf")


# printing with the real browser

@needs_chromium
@pytest.mark.parametrize("size, points", [("A4", (595.28, 841.89)), ("letter", (612, 792))])
def test_a_real_print_is_one_page_of_the_css_paper_size(tmp_path, size, points):
    import pypdf

    page = tmp_path / "page.html"
    page.write_text(PAGE % size, encoding="utf-8")
    out = tmp_path / "out.pdf"
    print_pdf(page, out)
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - points[0]) < 2 and abs(float(box.height) - points[1]) < 2
    assert "A tiny page" in reader.pages[0].extract_text()
