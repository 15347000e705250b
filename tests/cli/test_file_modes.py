"""Files cplan writes have the permissions a user expects (issue #10 §6).

A new file is ``0o666`` less the umask, as ``open(path, "w")`` makes it; a file cplan
replaces (``update`` rewriting a plan, ``report -o`` over an old report) keeps its own
mode whatever the umask. Each command runs as ``python -m cplan`` in a child process
started with the umask under test, so the test process's own umask is never touched.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cplan.fsio import current_umask, new_file_mode, write_atomic
from tests.adversarial import cplan_env
from tests.conftest import ROOT

HETANG = ROOT / "plans" / "wutongli" / "hetang.yaml"
UMASKS = (0o022, 0o077)
AS_OF = "2025-06-30"


def cplan(args: list[str], cwd: Path, umask: int) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "cplan", *args],
        cwd=cwd,
        env=cplan_env(cwd),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        umask=umask,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(HETANG, tmp_path / "hetang.yaml")
    (tmp_path / "hetang.yaml").chmod(0o644)
    return tmp_path


@pytest.mark.parametrize("umask", UMASKS)
def test_new_files_follow_the_umask(work: Path, umask: int) -> None:
    cplan(["schema", "-o", "plan.schema.json"], work, umask)
    cplan(["report", "hetang.yaml", "-o", "out.xlsx", "--as-of", AS_OF], work, umask)
    cplan(["report", "hetang.yaml", "-o", "out.docx", "--as-of", AS_OF], work, umask)
    cplan(["collect", "hetang.yaml", "-o", "book.xlsx"], work, umask)
    cplan(["init", "new-plan.yaml"], work, umask)
    expected = 0o666 & ~umask
    for name in ("plan.schema.json", "out.xlsx", "out.docx", "book.xlsx", "new-plan.yaml"):
        assert mode(work / name) == expected, (name, oct(mode(work / name)))


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data-entry workbook for hetang.yaml with one new value typed in."""
    folder = tmp_path_factory.mktemp("collect")
    shutil.copy(HETANG, folder / "hetang.yaml")
    cplan(["collect", "hetang.yaml", "-o", "book.xlsx"], folder, 0o022)
    book = load_workbook(folder / "book.xlsx")
    ws = book["指标"]
    ws.cell(row=6, column=9, value=88)
    ws.cell(row=6, column=10, value="2026-03-31")
    ws.cell(row=6, column=11, value="季度问卷")
    book.save(folder / "book.xlsx")
    return folder / "book.xlsx"


@pytest.mark.parametrize("umask", UMASKS)
@pytest.mark.parametrize("kept", [0o644, 0o600, 0o640])
def test_update_keeps_the_plans_mode(work: Path, filled: Path, umask: int, kept: int) -> None:
    plan = work / "hetang.yaml"
    shutil.copy(filled, work / "book.xlsx")
    before = plan.read_bytes()
    plan.chmod(kept)
    done = cplan(["update", "hetang.yaml", "--from", "book.xlsx"], work, umask)
    assert plan.read_bytes() != before, done.stdout  # it was rewritten, not left alone
    assert mode(plan) == kept


#: (the old file's mode, the umask): the old mode wins over a stricter and a looser umask.
OVERWRITES = [(0o644, 0o077), (0o640, 0o077), (0o600, 0o022)]


@pytest.mark.parametrize(("kept", "umask"), OVERWRITES)
def test_report_over_an_existing_file_keeps_its_mode(work: Path, kept: int, umask: int) -> None:
    for name in ("out.xlsx", "out.json"):
        (work / name).write_bytes(b"old")
        (work / name).chmod(kept)
    cplan(["report", "hetang.yaml", "-o", "out.xlsx", "--as-of", AS_OF], work, umask)
    cplan(["schema", "-o", "out.json"], work, umask)
    for name in ("out.xlsx", "out.json"):
        assert (work / name).read_bytes() != b"old"
        assert mode(work / name) == kept, (name, oct(mode(work / name)))


def test_a_link_is_replaced_not_followed(work: Path) -> None:
    outside = work / "elsewhere"
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_bytes(b"untouched")
    victim.chmod(0o666)
    (work / "link.json").symlink_to(victim)
    cplan(["schema", "-o", "link.json"], work, 0o022)
    assert victim.read_bytes() == b"untouched"
    assert mode(victim) == 0o666
    assert not (work / "link.json").is_symlink()
    assert mode(work / "link.json") == 0o644  # a new file's mode, not the link target's


# -- the library, in this process ----------------------------------------------------------


def test_current_umask_reads_without_changing_it() -> None:
    assert current_umask() == current_umask()
    old = os.umask(0o027)
    try:
        assert current_umask() == 0o027
        assert new_file_mode() == 0o640
    finally:
        os.umask(old)
    assert current_umask() == old


def test_current_umask_without_proc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cplan.fsio._STATUS", Path("/nonexistent/status"))
    old = os.umask(0o077)
    try:
        assert current_umask() == 0o077
        assert current_umask() == 0o077  # put back after reading
    finally:
        os.umask(old)


def test_write_atomic_keeps_only_the_permission_bits(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old")
    target.chmod(0o2755)  # set-group-ID is not carried over
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o755


def test_a_read_only_file_stays_read_only(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"old")
    target.chmod(0o444)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o444
