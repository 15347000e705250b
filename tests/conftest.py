"""Shared helpers: check a plan given as YAML text and list what cplan reports."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cplan.check import FileResult, check_text, plan_files
from cplan.config import load_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

#: The example plans and the sample plan repository, found as `cplan validate` finds them
#: (under the project's own [tool.cplan] settings, which leave out examples/ci).
SHIPPED_PLANS = plan_files([ROOT / "examples", ROOT / "plans"], load_settings(ROOT)).files

#: Lines 1–3 of every plan built by :func:`plan_text`.
HEADER = "id: t\ntitle: 测试方案\nperiod: 2024年至2025年\n"


def plan_text(body: str) -> str:
    """A plan: the three-line header, then ``body`` (dedented) from line 4 on."""
    return HEADER + textwrap.dedent(body).lstrip("\n")


def found(text: str, lang: str = "zh") -> list[tuple[str, int]]:
    """(code, line) of every diagnostic for ``text``, in order."""
    return [(d.code, d.line) for d in check_text(text, "plan.yaml").diagnostics]


def result(text: str) -> FileResult:
    return check_text(text, "plan.yaml")


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside an empty temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
