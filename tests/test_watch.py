"""Re-running an export on each save (argmap.watch.watch), driven with real files and a fake rebuild.

Each test runs watch() in a thread with a stop Event; the fake rebuild records what the map held
when it ran. Waits poll with generous deadlines (a loaded machine), and a short quiet spell after
the expected rebuild checks that no extra one follows.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.watch import Status, watch

DEADLINE = 5.0  # seconds to wait for something that should happen
QUIET = 0.3  # seconds to wait for something that should not


def wait_until(condition, timeout=DEADLINE):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


class Watching:
    """watch() running in a thread on ``map.yaml`` in a folder, with a rebuild that records."""

    def __init__(self, folder: Path, paths=None, rewatch=None):
        self.map = folder / "map.yaml"
        self.map.write_text("claims: first\n")
        self.reads: list[str | None] = []  # what the map held at each rebuild
        self.statuses: list[Status] = []
        self.fail_next = False
        self.stop = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(paths or [self.map], rewatch), daemon=True)
        self.thread.start()
        assert wait_until(lambda: len(self.statuses) == 1), "no first build"
        time.sleep(0.15)  # let the watch start: the tests are of saves it sees, not of ones it catches up on

    def _run(self, paths, rewatch):
        try:
            watch(paths, self.rebuild, self.statuses.append, stop=self.stop, rewatch=rewatch)
        except BaseException as e:  # shown by close()
            self.error = e

    def rebuild(self) -> Status:
        self.reads.append(self.map.read_text() if self.map.exists() else None)
        if self.fail_next:
            self.fail_next = False
            raise RuntimeError("boom")
        return Status(True, 0.01, f"built {len(self.reads)}")

    def builds(self) -> int:
        return len(self.reads)

    def rebuilt(self, count: int, quiet: float = QUIET) -> bool:
        """Whether exactly ``count`` rebuilds happen: reached in time, and none more after."""
        reached = wait_until(lambda: self.builds() >= count)
        time.sleep(quiet)
        return reached and self.builds() == count

    def close(self):
        self.stop.set()
        self.thread.join(2)
        assert not self.thread.is_alive(), "watch() did not stop"
        if self.error is not None:
            raise self.error


@pytest.fixture
def watching(tmp_path):
    started: list[Watching] = []

    def start(**kwargs) -> Watching:
        started.append(Watching(tmp_path, **kwargs))
        return started[-1]

    yield start
    for w in started:
        w.close()


def test_the_first_build_happens_with_no_trigger(watching):
    w = watching()
    assert w.reads == ["claims: first\n"]
    assert w.statuses[0].ok and w.statuses[0].trigger == []


def test_three_quick_writes_make_one_rebuild_of_the_last(watching):
    w = watching()
    for i in range(3):
        w.map.write_text(f"claims: {'x' * i} save {i}\n")
    assert w.rebuilt(2)
    assert w.reads[-1] == "claims: xx save 2\n"
    assert w.statuses[-1].trigger == [str(w.map)]


def test_an_atomic_save_makes_one_rebuild(watching):
    w = watching()
    temp = w.map.with_name(".map.yaml.tmp1234")
    temp.write_text("claims: saved atomically\n")
    os.replace(temp, w.map)
    assert w.rebuilt(2)
    assert w.reads[-1] == "claims: saved atomically\n"


def test_a_save_the_vim_way_makes_one_rebuild(watching):
    """vim renames the file to a backup, writes a new one and removes the backup."""
    w = watching()
    backup = w.map.with_name("map.yaml~")
    os.rename(w.map, backup)
    w.map.write_text("claims: saved by vim\n")
    backup.unlink()
    assert w.rebuilt(2)
    assert w.reads[-1] == "claims: saved by vim\n"
    assert [s.ok for s in w.statuses] == [True, True]  # never "gone"


def test_a_file_removed_then_back_is_waited_for(watching):
    w = watching()
    w.map.unlink()
    assert wait_until(lambda: len(w.statuses) == 2)
    gone = w.statuses[1]
    assert not gone.ok and gone.message == f"{w.map} is gone; waiting for it" and w.builds() == 1
    time.sleep(0.3)
    w.map.write_text("claims: back\n")
    assert w.rebuilt(2)
    assert w.reads[-1] == "claims: back\n"
    assert [s.ok for s in w.statuses] == [True, False, True]  # "gone" reported once


def test_truncate_then_write_is_read_whole(watching):
    w = watching()
    fd = os.open(w.map, os.O_WRONLY | os.O_TRUNC)
    try:
        time.sleep(0.03)
        os.write(fd, b"claims: written in two steps\n")
    finally:
        os.close(fd)
    assert w.rebuilt(2)
    assert w.reads[-1] == "claims: written in two steps\n"


def test_a_write_paused_past_the_debounce_is_read_whole_and_once(watching, monkeypatch):
    """Truncated, then written 150 ms later: watchfiles may hand over the truncation alone, so the
    file must keep still before it is read (the quiet time widened here, for a loaded machine), and
    the write's own change, seen next, must not rebuild again from the same file."""
    monkeypatch.setattr("argmap.watch._QUIET_S", 0.3)
    w = watching()
    fd = os.open(w.map, os.O_WRONLY | os.O_TRUNC)
    try:
        time.sleep(0.15)
        os.write(fd, b"claims: written after a pause\n")
    finally:
        os.close(fd)
    assert w.rebuilt(2, quiet=1.0)  # long enough for a rebuild of the write's change to show
    assert w.reads[-1] == "claims: written after a pause\n"


def test_a_rebuild_that_raises_is_reported_and_watching_goes_on(watching):
    w = watching()
    w.fail_next = True
    w.map.write_text("claims: breaks the exporter\n")
    assert w.rebuilt(2)
    failed = w.statuses[-1]
    assert not failed.ok and failed.message == "rebuild failed: boom"
    assert failed.details == ["RuntimeError: boom"] and failed.trigger == [str(w.map)]
    w.map.write_text("claims: fine again\n")
    assert w.rebuilt(3)
    assert w.statuses[-1].ok and w.reads[-1] == "claims: fine again\n"


def test_writing_an_output_beside_the_map_does_not_trigger(watching, tmp_path):
    w = watching()
    for i in range(3):
        (tmp_path / "map.svg").write_text(f"<svg>{i}</svg>")
        os.replace(tmp_path / "map.svg", tmp_path / "brief.html")
    (tmp_path / "map.yaml~").write_text("a backup")
    assert w.rebuilt(1)
    w.map.write_text("claims: still watched\n")
    assert w.rebuilt(2)


def test_rewatch_adds_a_source_text(watching, tmp_path):
    source = tmp_path / "texts" / "oped.txt"
    source.parent.mkdir()
    source.write_text("The text.\n")
    w = watching(rewatch=lambda: [tmp_path / "map.yaml", source])
    source.write_text("The text, edited.\n")
    assert w.rebuilt(2)
    assert w.statuses[-1].trigger == [str(source)]
    w.map.write_text("claims: edited too\n")
    assert w.rebuilt(3)


def test_a_symlinked_map_is_seen_through_its_target(watching, tmp_path):
    target = tmp_path / "elsewhere" / "real.yaml"
    target.parent.mkdir()
    target.write_text("claims: real\n")
    os.symlink(target, tmp_path / "link.yaml")
    w = watching(paths=[tmp_path / "link.yaml"])
    target.write_text("claims: edited through its target\n")
    assert w.rebuilt(2)
    assert w.statuses[-1].trigger == [str(tmp_path / "link.yaml")]


def test_stop_ends_the_watch_within_a_second(watching):
    w = watching()
    start = time.monotonic()
    w.stop.set()
    w.thread.join(1)
    assert not w.thread.is_alive() and time.monotonic() - start < 1


def test_ctrl_c_ends_the_watch_quietly(tmp_path):
    (tmp_path / "map.yaml").write_text("claims: {}\n")

    def interrupted() -> Status:
        raise KeyboardInterrupt

    assert watch([tmp_path / "map.yaml"], interrupted, lambda status: None) is None


def test_a_folder_that_does_not_exist_cannot_be_watched(tmp_path):
    with pytest.raises(ArgmapError, match="no such folder"):
        watch([tmp_path / "nowhere" / "map.yaml"], lambda: Status(True, 0.0, "built"), lambda status: None,
              first=False)


def test_a_save_during_the_first_build_is_not_lost(tmp_path):
    """Saved before the watch is live (the first build of a big map takes seconds): caught up on."""
    map_file = tmp_path / "map.yaml"
    map_file.write_text("claims: first\n")
    reads: list[str] = []
    stop = threading.Event()

    def rebuild() -> Status:
        reads.append(map_file.read_text())
        if len(reads) == 1:
            map_file.write_text("claims: saved while building\n")
        return Status(True, 0.0, "built")

    thread = threading.Thread(target=watch, args=([map_file], rebuild, lambda status: None),
                              kwargs={"stop": stop}, daemon=True)
    thread.start()
    try:
        assert wait_until(lambda: len(reads) == 2)
        time.sleep(QUIET)
        assert reads == ["claims: first\n", "claims: saved while building\n"]
    finally:
        stop.set()
        thread.join(2)
