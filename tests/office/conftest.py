"""A real office suite for the report tests: LibreOffice headless, poppler's tools.

Each conversion gets its own LibreOffice profile and HOME (two soffice processes sharing
a profile fail silently). ``fonts.conf`` maps the GB/T 9704 font names (仿宋, 小标宋, 黑体,
楷体) to free fonts so the PDF looks like an official document. Where ``soffice`` is
absent the tests are skipped, saying why; under CI (``CI`` set) they fail instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

FONTS_CONF = Path(__file__).with_name("fonts.conf")
TOOLS = ("soffice", "pdftotext", "pdffonts")


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


Convert = Callable[[Path, str], Path]


@pytest.fixture
def convert(office_tools: None, tmp_path: Path) -> Convert:
    """Convert a document with LibreOffice (``pdf``, or ``xlsx`` to recalculate formulas)."""

    def run(document: Path, target: str) -> Path:
        profile = tmp_path / f"lo-profile-{document.stem}-{target}"
        home = tmp_path / "lo-home"
        out = tmp_path / f"out-{target}"
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
                str(document),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=180,
            check=False,
        )
        result = out / f"{document.stem}.{target.split(':', maxsplit=1)[0]}"
        assert done.returncode == 0, (done.stdout, done.stderr)
        assert result.is_file(), (done.stdout, done.stderr)
        return result

    return run


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
