"""Writing outputs (argmap.files.write_atomic) and the export command's use of it."""

import os
import signal
import stat
import subprocess
import sys
import textwrap

import pytest

from argmap.errors import ArgmapError, ExportError
from argmap.files import write_atomic


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file_with_the_umask_mode(tmp_path):
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "out.txt", b"hello")
    finally:
        os.umask(old)
    assert (tmp_path / "out.txt").read_bytes() == b"hello"
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_replaced_file_keeps_its_mode(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old")
    out.chmod(0o604)
    write_atomic(out, b"new")
    assert out.read_bytes() == b"new" and stat.S_IMODE(out.stat().st_mode) == 0o604


def test_a_read_only_file_is_refused_even_for_root(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("precious")
    out.chmod(0o444)
    with pytest.raises(ExportError, match="read-only") as e:
        write_atomic(out, b"new")
    assert "chmod u+w" in e.value.hint
    assert out.read_text() == "precious" and leftovers(tmp_path) == []


def test_a_symlink_is_kept_and_its_target_replaced(tmp_path):
    real = tmp_path / "real.svg"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.svg"
    link.symlink_to("real.svg")
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == "real.svg"
    assert real.read_bytes() == b"new" and stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.svg"
    link.symlink_to("made.svg")
    write_atomic(link, b"new")
    assert link.is_symlink() and (tmp_path / "made.svg").read_bytes() == b"new"


def test_a_symlink_to_a_read_only_file_is_refused(tmp_path):
    real = tmp_path / "real.svg"
    real.write_text("precious")
    real.chmod(0o444)
    (tmp_path / "link.svg").symlink_to(real)
    with pytest.raises(ExportError, match="read-only"):
        write_atomic(tmp_path / "link.svg", b"new")
    assert real.read_text() == "precious"


def test_a_character_device_is_refused(tmp_path):
    dev = tmp_path / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    with pytest.raises(ExportError, match="is a character device") as e:
        write_atomic(dev, b"data")
    assert "-o -" in e.value.hint
    assert stat.S_ISCHR(os.lstat(dev).st_mode) and leftovers(tmp_path) == []


def test_a_fifo_and_a_link_to_dev_null_are_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="named pipe"):
        write_atomic(fifo, b"data")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    with pytest.raises(ExportError, match="character device"):
        write_atomic(link, b"data")
    assert link.is_symlink()


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="no /proc/self/fd")
def test_a_link_to_proc_self_fd_of_a_pipe_is_refused(tmp_path):
    link = tmp_path / "out"
    r, w = os.pipe()
    try:
        link.symlink_to(f"/proc/self/fd/{w}")
        with pytest.raises(ExportError, match="named pipe"):
            write_atomic(link, b"data")
    finally:
        os.close(r)
        os.close(w)
    assert link.is_symlink() and leftovers(tmp_path) == []


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(ExportError, match="is a directory"):
        write_atomic(tmp_path, b"data")


def test_an_input_is_never_overwritten_also_through_a_link_or_hard_link(tmp_path):
    src = tmp_path / "map.yaml"
    src.write_text("claims: {a: A.}\n")
    (tmp_path / "link.yaml").symlink_to(src)
    os.link(src, tmp_path / "hard.yaml")
    for out in ("map.yaml", "link.yaml", "hard.yaml"):
        with pytest.raises(ExportError, match="is the map being read"):
            write_atomic(tmp_path / out, b"{}", inputs=[src])
    assert src.read_text() == "claims: {a: A.}\n"
    write_atomic(tmp_path / "other.json", b"{}", inputs=[src, tmp_path / "missing.yaml"])


def test_a_long_name_gets_a_short_temporary_name(tmp_path):
    name = "m" * 250 + ".svg"  # 254 characters: allowed, but not with a suffix added
    write_atomic(tmp_path / name, b"data")
    assert (tmp_path / name).read_bytes() == b"data"


def test_every_error_is_an_argmap_error(tmp_path):
    assert issubclass(ExportError, ArgmapError)
    with pytest.raises(ArgmapError, match="does not exist"):
        write_atomic(tmp_path / "no" / "out.svg", b"data")


def test_sigterm_during_the_write_removes_the_temporary_file(tmp_path):
    out = tmp_path / "out.svg"
    out.write_text("precious")
    code = textwrap.dedent(f"""
        import os, signal, time
        import argmap.files as files
        def fsync(fd):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        files.os.fsync = fsync
        files.write_atomic({str(out)!r}, b"x" * 1_000_000)
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert r.returncode == 128 + signal.SIGTERM, r.stderr
    assert out.read_text() == "precious" and leftovers(tmp_path) == []


def test_the_sigterm_handler_is_restored(tmp_path):
    before = signal.getsignal(signal.SIGTERM)
    write_atomic(tmp_path / "out.txt", b"x")
    assert signal.getsignal(signal.SIGTERM) == before


# the export command


def test_export_refuses_to_overwrite_its_map(run, tea):
    r = run("export", tea, "-o", tea, "-f", "json")
    assert r.exit_code == 1
    assert f"Error: {tea}: is the map being read ({tea})" in r.output
    assert open(tea).read().startswith("\ntitle: Tea")


def test_export_onto_a_device_is_an_error_not_a_wrote(run, tea, tmp_path):
    dev = tmp_path / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    r = run("export", tea, "-o", dev, "-f", "dot")
    assert r.exit_code == 1 and "Wrote" not in r.output
    assert "is a character device" in r.output and "Hint:" in r.output
    assert stat.S_ISCHR(os.lstat(dev).st_mode)


def test_export_onto_a_read_only_file_is_an_error(run, tea, tmp_path):
    out = tmp_path / "map.dot"
    out.write_text("precious")
    out.chmod(0o444)
    r = run("export", tea, "-o", out)
    assert r.exit_code == 1 and "read-only" in r.output and out.read_text() == "precious"
