"""Every file cplan writes appears whole or not at all.

Each writing command (``report`` in both formats, ``schema -o``, ``validate -o``, ``init``,
and the cache that ``validate`` keeps) is run as a subprocess and killed with SIGKILL after
a random delay (fixed seed). Afterwards the output is either absent / the old file intact,
or the complete new one: byte for byte what an uninterrupted run writes (reports are
deterministic for a given ``--as-of``), a zip that opens. Leftover temporary files
(``.NAME.*.tmp``, from a kill between creating and renaming them) are accepted only as
hidden dotfiles, and counted.

The delays: half are drawn from 0-300 ms (mostly before cplan has finished starting), half
from the whole duration of an uninterrupted run, so that kills also land while the report
is rendered and written.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.adversarial import cplan_env, limit_resources, run_cplan, run_many
from tests.conftest import ROOT

REHAB = ROOT / "examples" / "rehab-centres.yaml"
OLD = b"the old file, which must survive any failed or killed run\n"
TEMP = re.compile(r"^\.(?P<name>.+)\.[^.]+\.tmp$")


def start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "cplan", *args],
        cwd=cwd,
        env=cplan_env(cwd),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=limit_resources,  # noqa: PLW1509 (no threads in the test process)
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.tmp") if p.is_file())


def kill_repeatedly(
    args: list[str],
    cwd: Path,
    target: Path,
    sound: Callable[[bytes], bool],
    *,
    iterations: int,
    seed: int,
) -> tuple[int, int]:
    """Kill ``args`` at random moments; after each, ``target`` is absent, old or sound.

    Returns (runs that completed the new file, temporary files left behind).
    """
    full = run_cplan(args, cwd, timeout=60)
    assert full.returncode == 0, full.describe()
    duration = full.seconds
    rng = random.Random(seed)
    replaced = 0
    for iteration in range(iterations):
        if target.exists():
            target.unlink()
        if iteration % 3 != 2:  # two runs in three start from an old file to be replaced
            target.write_bytes(OLD)
        delay = rng.uniform(0, 0.3) if iteration % 2 == 0 else rng.uniform(0, duration * 1.5)
        child = start(args, cwd)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        if target.exists():
            data = target.read_bytes()
            assert data == OLD or sound(data), f"partial {target.name} after {delay:.3f} s"
            replaced += data != OLD
    temps = leftovers(cwd)
    for temp in temps:
        assert temp.name.startswith("."), f"visible temporary file {temp}"
        assert TEMP.match(temp.name), temp
    return replaced, len(temps)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(REHAB, tmp_path / "plan.yaml")
    return tmp_path


def _is_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None
    except zipfile.BadZipFile:
        return False


def same_members(expected: bytes) -> Callable[[bytes], bool]:
    """A check that a zip holds the same members, with the same contents, as ``expected``."""
    with zipfile.ZipFile(io.BytesIO(expected)) as archive:
        wanted = {name: archive.read(name) for name in archive.namelist()}

    def check(data: bytes) -> bool:
        if not _is_zip(data):
            return False
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()} == wanted

    return check


@pytest.mark.parametrize(("fmt", "iterations"), [("xlsx", 20), ("docx", 12)])
def test_report_killed_at_any_moment(work: Path, fmt: str, iterations: int) -> None:
    args = ["report", "plan.yaml", "-o", f"out.{fmt}", "--as-of", "2013-06-30"]
    reference = work / f"reference.{fmt}"
    done = run_cplan([*args[:3], reference.name, *args[4:]], work, timeout=60)
    assert done.returncode == 0, done.describe()
    expected = reference.read_bytes()
    assert _is_zip(expected)
    if fmt == "xlsx":
        openpyxl.load_workbook(reference)
    else:
        docx.Document(str(reference))
    # The docx zip's timestamps are the time of writing: compare the members' contents.
    sound = expected.__eq__ if fmt == "xlsx" else same_members(expected)
    replaced, temps = kill_repeatedly(
        args, work, work / f"out.{fmt}", sound, iterations=iterations, seed=6
    )
    print(f"report {fmt}: {replaced} of {iterations} killed runs completed, {temps} temp files")


def test_schema_output_killed_at_any_moment(tmp_path: Path) -> None:
    expected = run_cplan(["schema"], tmp_path, timeout=60).stdout.encode("utf-8")
    assert expected.startswith(b"{")
    replaced, temps = kill_repeatedly(
        ["schema", "-o", "plan.schema.json"],
        tmp_path,
        tmp_path / "plan.schema.json",
        expected.__eq__,
        iterations=20,
        seed=6,
    )
    print(f"schema -o: {replaced} of 20 killed runs completed, {temps} temp files")


def test_validate_output_and_cache_killed_at_any_moment(work: Path) -> None:
    args = ["validate", "plan.yaml", "-o", "report.txt", "--no-cache"]
    assert run_cplan(args, work, timeout=60).returncode == 0
    expected = (work / "report.txt").read_bytes()
    replaced, temps = kill_repeatedly(
        ["validate", "plan.yaml", "-o", "report.txt"],  # with the cache, killed too
        work,
        work / "report.txt",
        expected.__eq__,
        iterations=10,
        seed=6,
    )
    print(f"validate -o: {replaced} of 10 killed runs completed, {temps} temp files")
    cache = work / ".cplan-test-cache"
    entries = sorted(cache.rglob("*.json")) if cache.exists() else []
    for entry in entries:
        json.loads(entry.read_text(encoding="utf-8"))  # every entry whole
    warm = run_cplan(["validate", "plan.yaml"], work)
    assert warm.returncode == 0, warm.describe()


def test_init_killed_at_any_moment(tmp_path: Path) -> None:
    from importlib.resources import files

    starter = files("cplan").joinpath("data/starter.yaml").read_bytes()
    rng = random.Random(6)
    for iteration in range(8):
        target = tmp_path / f"plan-{iteration}.yaml"
        child = start(["init", target.name], tmp_path)
        time.sleep(rng.uniform(0, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert not target.exists() or target.read_bytes() == starter
    for temp in leftovers(tmp_path):
        assert temp.name.startswith("."), temp
        assert TEMP.match(temp.name), temp


# -- failed runs change nothing ---------------------------------------------------------


def test_failed_runs_leave_the_tree_unchanged(work: Path) -> None:
    (work / "bad.yaml").write_text("id: b\nperiod: 2024年\n", encoding="utf-8")
    (work / "out.xlsx").write_bytes(OLD)
    (work / "out.docx").write_bytes(OLD)
    (work / "existing.yaml").write_bytes(OLD)
    (work / "broken.xlsx.yaml").write_text(
        "sheets:\n  - name: a\n    rows:\n      - [{{ plan.titel | q }}]\n", encoding="utf-8"
    )
    (work / "escape.xlsx.yaml").write_text(
        "sheets:\n  - name: a\n    rows:\n      - [{{ ''.__class__ | q }}]\n", encoding="utf-8"
    )
    (work / "broken.docx").write_bytes(b"PK\x03\x04 not really a docx")
    jobs = [
        ["report", "bad.yaml", "-o", "out.xlsx"],
        ["report", "plan.yaml", "-o", "out.xlsx", "-t", "broken.xlsx.yaml"],
        ["report", "plan.yaml", "-o", "out.xlsx", "-t", "escape.xlsx.yaml"],
        ["report", "plan.yaml", "-o", "out.docx", "-t", "broken.docx"],
        ["report", "plan.yaml", "-o", "out.docx", "-t", "missing.docx"],
        ["report", "plan.yaml", "-o", "no-such-folder/out.xlsx"],
        ["init", "existing.yaml"],
    ]
    before = snapshot(work)
    runs = run_many([(args, work) for args in jobs], timeout=60)
    for run in runs:
        assert run.returncode in (1, 2), run.describe()
        assert "Traceback" not in run.stderr, run.describe()
    assert snapshot(work) == before


@pytest.mark.parametrize(
    "args",
    [
        ["schema", "-o", "no-such-folder/schema.json"],
        ["validate", "plan.yaml", "-o", "no-such-folder/report.txt"],
    ],
)
def test_unwritable_outputs_are_reported_cleanly(work: Path, args: list[str]) -> None:
    (run,) = run_many([(args, work)], timeout=60)
    assert run.returncode == 2, run.describe()
    assert "Traceback" not in run.stderr, run.describe()


def test_concurrent_runs_leave_one_complete_file(work: Path) -> None:
    args = ["report", "plan.yaml", "-o", "out.xlsx", "--as-of", "2013-06-30"]
    reference = run_cplan([*args[:3], "reference.xlsx", *args[4:]], work, timeout=60)
    assert reference.returncode == 0, reference.describe()
    expected = (work / "reference.xlsx").read_bytes()
    for _ in range(2):
        (work / "out.xlsx").write_bytes(OLD)
        children = [start(args, work) for _ in range(4)]
        codes = [child.wait(timeout=60) for child in children]
        assert codes == [0, 0, 0, 0]
        assert (work / "out.xlsx").read_bytes() == expected
        assert leftovers(work) == []
    schema = run_cplan(["schema"], work, timeout=60).stdout.encode("utf-8")
    children = [start(["schema", "-o", "s.json"], work) for _ in range(4)]
    assert [child.wait(timeout=60) for child in children] == [0, 0, 0, 0]
    assert (work / "s.json").read_bytes() == schema
    assert leftovers(work) == []
