"""Regenerate the sample documents of every example and sample plan, and their pages.

Run ``make samples`` (or ``.venv/bin/python scripts/render_samples.py``). For each plan in
``examples/`` and ``plans/`` it writes, with ``cplan report``, the three documents to
``examples/reports/``::

    <plan>-方案.docx     the plan as a 工作方案      (--template plan)
    <plan>-进展.docx     the progress report        (--template progress, as of AS_OF)
    <plan>-台账.xlsx     the 台账                    (--format xlsx)

and, where LibreOffice and poppler are installed, converts them all in one LibreOffice
run and keeps pages as PNG (100 dpi, a 16-colour palette: small, and readable on screen)
under ``docs/images/reports/`` (``<plan>-方案-1.png`` …) — exactly these, and nothing else:

* the first page of each document of every plan;
* every page of each document of :data:`FULL` (rehab-centres), so that a reviewer can
  read one example through without an office suite;
* any other page README.md shows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "examples" / "reports"
IMAGES = ROOT / "docs" / "images" / "reports"
FONTS = ROOT / "tests" / "office" / "fonts.conf"
README = ROOT / "README.md"
DPI = 100
COLOURS = 16  # a palette this size keeps text, rules and chart colours
#: The example kept page by page.
FULL = "rehab-centres"

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


def shown_in_readme() -> set[str]:
    """The page pictures README.md links to (``docs/images/reports/<name>.png``)."""
    if not README.is_file():
        return set()
    text = README.read_text(encoding="utf-8")
    return set(re.findall(r"docs/images/reports/([^)\s\"']+\.png)", text))


def wanted(stem: str, count: int, readme: set[str]) -> list[int]:
    """The pages of the document ``stem`` (of ``count`` pages) to keep as pictures."""
    if stem.rsplit("-", 1)[0] == FULL:
        return list(range(1, count + 1))
    keep = {1} | {
        int(number)
        for name in readme
        if (match := re.fullmatch(re.escape(stem) + r"-(\d+)\.png", name))
        for number in match.groups()
    }
    return sorted(n for n in keep if n <= count)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    return int(match.group(1)) if match else 1


def picture(pdf: Path, number: int, target: Path) -> None:
    """Page ``number`` of ``pdf`` as a palette PNG at :data:`DPI`."""
    from PIL import Image

    prefix = target.with_suffix("")
    subprocess.run(
        [
            *("pdftoppm", "-r", str(DPI), "-f", str(number), "-l", str(number)),
            *("-singlefile", "-png", str(pdf), str(prefix)),
        ],
        check=True,
    )
    with Image.open(target) as image:
        small = image.convert("RGB").quantize(COLOURS, dither=Image.Dither.NONE)
    small.save(target, optimize=True)


def pages(files: list[Path]) -> None:
    """The pages :func:`wanted` keeps of ``files`` as PNG, from one LibreOffice run."""
    readme = shown_in_readme()
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
            for number in wanted(document.stem, page_count(pdf), readme):
                picture(pdf, number, IMAGES / f"{document.stem}-{number}.png")
    missing = sorted(name for name in readme if not (IMAGES / name).is_file())
    if missing:
        print(f"README.md shows pages that do not exist: {', '.join(missing)}", file=sys.stderr)


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
