"""Regenerate the sample documents of every example and sample plan, and their pages.

Run ``make samples`` (or ``.venv/bin/python scripts/render_samples.py``). For each plan in
``examples/`` and ``plans/`` it writes, with ``cplan report``, the three documents to
``examples/reports/``::

    <plan>-方案.docx     the plan as a 工作方案      (--template plan)
    <plan>-进展.docx     the progress report        (--template progress, as of AS_OF)
    <plan>-台账.xlsx     the 台账                    (--format xlsx)

and, where LibreOffice and poppler are installed, converts them all in one LibreOffice
run and keeps every page as a PNG under ``docs/images/reports/`` (``<plan>-方案-1.png`` …),
so a reviewer can read each document page by page without an office suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "examples" / "reports"
IMAGES = ROOT / "docs" / "images" / "reports"
FONTS = ROOT / "tests" / "office" / "fonts.conf"
DPI = "50"

#: The date each sample report is made as of: within the plan's period, after its last
#: reported figures.
AS_OF = {
    "community-development-2025": "2024-12-31",
    "gongtong-dizao-compound": "2024-06-30",
    "jiangyan-communities": "2005-12-31",
    "minimal": "2025-06-30",
    "new-community-cobuilding": "2025-06-30",
    "rehab-centres": "2013-06-30",
}
DEFAULT_AS_OF = "2026-09-30"  # the plans/ repository's reports


def plans() -> list[Path]:
    return sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "plans").rglob("*.yaml"))


def cplan(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "cplan", *args], check=True, cwd=ROOT)


def documents(plan: Path) -> list[Path]:
    as_of = AS_OF.get(plan.stem, DEFAULT_AS_OF)
    made = []
    for name, args in (
        ("方案.docx", ["--template", "plan"]),
        ("进展.docx", ["--template", "progress"]),
        ("台账.xlsx", ["--format", "xlsx"]),
    ):
        out = REPORTS / f"{plan.stem}-{name}"
        cplan("report", str(plan.relative_to(ROOT)), "--as-of", as_of, "-o", str(out), *args)
        made.append(out)
    return made


def pages(files: list[Path]) -> None:
    """Every page of ``files`` as PNG, from one LibreOffice run."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "HOME": str(work), "FONTCONFIG_FILE": str(FONTS)}
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                *map(str, files),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        if IMAGES.exists():
            shutil.rmtree(IMAGES)
        IMAGES.mkdir(parents=True)
        for document in files:
            pdf = work / f"{document.stem}.pdf"
            subprocess.run(
                ["pdftoppm", "-r", DPI, "-png", str(pdf), str(IMAGES / document.stem)], check=True
            )
        for png in IMAGES.glob("*.png"):  # pdftoppm pads page numbers: 方案-01 → 方案-1
            stem, _, number = png.stem.rpartition("-")
            png.rename(png.with_name(f"{stem}-{int(number)}.png"))


def main() -> None:
    if REPORTS.exists():
        shutil.rmtree(REPORTS)
    REPORTS.mkdir(parents=True)
    files = [made for plan in plans() for made in documents(plan)]
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        pages(files)
    else:
        print("LibreOffice/poppler not installed: pages not regenerated", file=sys.stderr)


if __name__ == "__main__":
    main()
