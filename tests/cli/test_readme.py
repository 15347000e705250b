"""The README's transcripts are real: each `$ cplan validate ...` block is replayed."""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from cplan.cli import app
from tests.conftest import ROOT

BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def transcripts() -> list[tuple[str, str]]:
    found = []
    for block in BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8")):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            if command.startswith(("cplan validate", "cplan status", "cplan funding")):
                found.append((command, output))
    return found


def test_the_readme_has_transcripts() -> None:
    assert len(transcripts()) >= 4


@pytest.mark.parametrize(("command", "output"), transcripts(), ids=lambda v: v[:60])
def test_readme_transcript_matches_real_output(
    command: str, output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    ran = CliRunner().invoke(app, args, env={"CPLAN_LANG": "", "NO_COLOR": "1"})
    expected = [line for line in output.splitlines() if line != "..."]
    assert ran.output.splitlines()[: len(expected)] == expected
