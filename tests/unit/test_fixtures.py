"""Fixture plans drive these tests: each invalid plan states what cplan must report.

The first line of an invalid fixture reads ``# expect: CODE@LINE:COL ...``; cplan must
report exactly those diagnostics, no more and no fewer. Valid fixtures, the examples and
the sample plan repository must produce no error at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cplan.check import check_file
from cplan.diagnostics import Severity
from tests.conftest import FIXTURES, ROOT, SHIPPED_PLANS

EXPECT = re.compile(rb"^# expect: (.*)$", re.MULTILINE)

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
SHIPPED = SHIPPED_PLANS


def expected(path: Path) -> list[tuple[str, int, int]]:
    match = EXPECT.search(path.read_bytes()[:400])
    assert match, f"{path.name} has no '# expect:' line"
    out = []
    for item in match.group(1).decode("ascii").split():
        code, _, where = item.partition("@")
        line, _, col = where.partition(":")
        out.append((code, int(line), int(col)))
    return out


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_reports_what_it_states(path: Path) -> None:
    result = check_file(path, path.name)
    got = sorted((d.code, d.line, d.col) for d in result.diagnostics)
    assert got == sorted(expected(path))
    assert all(d.path == path.name for d in result.diagnostics)
    assert result.errors > 0


@pytest.mark.parametrize("path", VALID + SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_plans_have_no_errors(path: Path) -> None:
    result = check_file(path)
    errors = [d.format() for d in result.diagnostics if d.severity is Severity.ERROR]
    assert errors == []
    assert result.plan is not None


@pytest.mark.parametrize("path", VALID + SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_plans_start_with_the_schema_modeline(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = first.split("$schema=", 1)[1]
    assert (path.parent / target).resolve() == (ROOT / "schema" / "plan.schema.json")


def test_the_corpus_covers_every_input_failure_code() -> None:
    codes = {code for path in INVALID for code, _, _ in expected(path)}
    assert {"CP002", "CP010", "CP011", "CP012", "CP013", "CP014", "CP015", "CP016"} <= codes
    assert {"CP100", "CP101", "CP102", "CP103"} <= codes
