"""A real office suite for the report tests: LibreOffice headless, poppler's tools.

Each LibreOffice run gets its own profile and HOME (two soffice processes sharing a
profile fail silently); conversions are batched, several files in one run, because
starting LibreOffice is the slow part. ``fonts.conf`` maps the GB/T 9704 font names
(仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) to free fonts — Noto Serif CJK SC,
Noto Sans CJK SC and AR PL KaitiM GB — so the PDF shows serif, sans and kai faces where
an office's fonts would be, and the tests can tell which face each level got. Where
``soffice`` is absent the tests are skipped, saying why; under CI (``CI`` set) they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

FONTS_CONF = Path(__file__).with_name("fonts.conf")
TOOLS = ("soffice", "pdftotext", "pdffonts", "pdftohtml")


def _missing() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@pytest.fixture(scope="session")
def office_tools() -> None:
    missing = _missing()
    if missing:
        message = f"LibreOffice/poppler not installed ({', '.join(missing)} missing)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: .ci/run must install them")
        pytest.skip(message)


def soffice(documents: Sequence[Path], target: str, out: Path, work: Path) -> list[Path]:
    """Convert ``documents`` with one LibreOffice run (``pdf``, or ``xlsx:…`` to
    recalculate); return the converted files, in order."""
    profile = work / f"lo-profile-{target.split(':', maxsplit=1)[0]}-{len(list(work.iterdir()))}"
    home = work / "lo-home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "FONTCONFIG_FILE": str(FONTS_CONF)}
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, documents),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    suffix = target.split(":", maxsplit=1)[0]
    results = [out / f"{document.stem}.{suffix}" for document in documents]
    assert done.returncode == 0, (done.stdout, done.stderr)
    for result in results:
        assert result.is_file(), (result, done.stdout, done.stderr)
    return results


Convert = Callable[[Path, str], Path]


@pytest.fixture
def convert(office_tools: None, tmp_path: Path) -> Convert:
    """Convert one document with LibreOffice (``pdf``, or ``xlsx`` to recalculate)."""

    def run(document: Path, target: str) -> Path:
        return soffice(
            [document], target, tmp_path / f"out-{target.split(':', maxsplit=1)[0]}", tmp_path
        )[0]

    return run


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


def pdf_xml(pdf: Path) -> str:
    """The PDF as poppler's XML: every run of text with its position and its font."""
    done = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout
