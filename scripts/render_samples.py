"""Regenerate the rendered sample reports and their first-page pictures.

Run ``make samples`` (or ``.venv/bin/python scripts/render_samples.py``). Writes, for the
13-centre example plan, ``examples/reports/rehab-centres.docx`` and ``.xlsx`` with
``cplan report``, and (where LibreOffice and poppler are installed) the PNG of each
report's first page under ``docs/images/`` for the README.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "rehab-centres.yaml"
REPORTS = ROOT / "examples" / "reports"
IMAGES = ROOT / "docs" / "images"
AS_OF = "2013-06-30"


def cplan(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "cplan", *args], check=True, cwd=ROOT)


def first_page_png(document: Path, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {
            **os.environ,
            "HOME": str(work),
            "FONTCONFIG_FILE": str(ROOT / "tests" / "office" / "fonts.conf"),
        }
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
                str(document),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        pdf = work / f"{document.stem}.pdf"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(IMAGES / name),
            ],
            check=True,
        )


def main() -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    for fmt in ("docx", "xlsx"):
        cplan("report", str(PLAN), "--as-of", AS_OF, "-o", str(REPORTS / f"{PLAN.stem}.{fmt}"))
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        IMAGES.mkdir(parents=True, exist_ok=True)
        for fmt in ("docx", "xlsx"):
            first_page_png(REPORTS / f"{PLAN.stem}.{fmt}", f"report-{fmt}")
    else:
        print("LibreOffice/poppler not installed: pictures not regenerated", file=sys.stderr)


if __name__ == "__main__":
    main()
