"""Many files: parallel workers give the serial results in order; the cache is exact."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from cplan import batch
from cplan.batch import Cache, check_files
from cplan.check import check_file
from cplan.config import Settings
from cplan.crossfile import cross_check
from tests.conftest import FIXTURES, ROOT

SOURCES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((FIXTURES / "invalid").glob("*.yaml"))


def corpus(folder: Path, copies: int = 2) -> list[Path]:
    files = []
    for i in range(copies):
        for source in SOURCES:
            target = folder / f"{i}-{source.name}"
            shutil.copy(source, target)
            files.append(target)
    return files


def summary(results: list[object]) -> list[tuple[str, list[str]]]:
    return [(r.path, [d.format() for d in r.diagnostics]) for r in results]  # type: ignore[attr-defined]


def test_parallel_results_equal_serial_results_in_order(in_tmp: Path) -> None:
    files = corpus(in_tmp)
    assert len(files) >= batch.PARALLEL_FROM
    settings = Settings(root=in_tmp)
    serial = [check_file(path, settings=settings) for path in files]
    parallel = list(check_files(files, settings, jobs=2))
    assert summary(parallel) == summary(serial)


def test_cache_answers_unchanged_files_and_misses_changed_ones(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = corpus(in_tmp, copies=1)
    settings = Settings(root=in_tmp)
    cache = Cache(in_tmp / "cache")
    first = summary(list(check_files(files, settings, jobs=1, cache=cache)))
    assert (in_tmp / "cache" / ".gitignore").read_text(encoding="utf-8") == "*\n"

    checked: list[str] = []
    real = batch._check_one
    monkeypatch.setattr(batch, "_check_one", lambda job: checked.append(job.shown) or real(job))
    assert summary(list(check_files(files, settings, jobs=1, cache=cache))) == first
    assert checked == []  # every file answered from the cache

    files[0].write_text(files[0].read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
    list(check_files(files, settings, jobs=1, cache=cache))
    assert checked == [files[0].name]

    checked.clear()
    stricter = Settings(root=in_tmp, ignore=("CP7",))
    list(check_files(files, stricter, jobs=1, cache=cache))
    assert len(checked) == len(files)  # another configuration misses everywhere


def test_a_broken_cache_entry_is_ignored(in_tmp: Path) -> None:
    files = corpus(in_tmp, copies=1)[:3]
    settings = Settings(root=in_tmp)
    cache = Cache(in_tmp / "cache")
    expected = summary(list(check_files(files, settings, jobs=1, cache=cache)))
    for entry in (in_tmp / "cache").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert summary(list(check_files(files, settings, jobs=1, cache=cache))) == expected


def test_cross_file_findings_stand_on_facts_kept_small(in_tmp: Path) -> None:
    files = corpus(in_tmp)  # every plan twice: each copy repeats an id (CP801)
    settings = Settings(root=in_tmp)
    reported = {
        r.path: [d.format() for d in r.diagnostics]
        for r in batch.check_repository(files, settings, jobs=1)
        if r.cross_file
    }
    checked = [(r.path, r.facts) for r in map(check_file, files) if r.facts is not None]
    expected = {path: [d.format() for d in found] for path, found in cross_check(checked).items()}
    assert reported == expected
    assert any("CP801" in line for lines in reported.values() for line in lines)
    # equal texts and spans of different files are one object, not one copy per file
    facts = next(facts for _, facts in checked if facts.units)
    shared: dict[object, object] = {}
    first, second = (batch._compact(pickle.loads(pickle.dumps(facts)), shared) for _ in "ab")
    assert first == second == facts
    assert first.units[0].id is second.units[0].id
    assert first.units[0].plan_span is second.units[0].plan_span
    assert first.id_span is second.id_span
