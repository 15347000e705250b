"""Regenerate the screenshots of the sample site in docs/images (``make samples``).

Builds the site of ``plans/`` and ``examples/`` (``cplan site``, as of :data:`AS_OF`) in a
temporary folder and opens it in headless Chromium, as the browser tests do
(``tests/site/browser.py``), keeping these pictures::

    docs/images/site-portfolio.png   the portfolio: table of plans
    docs/images/site-money.png       the portfolio: money rolled up
    docs/images/site-plan.png        a plan's page: targets, progress against time
    docs/images/site-gantt.png       a plan's page: phases by 旬, funding

Needs Debian's chromium and ``npm ci --prefix .ci/browser``; says so and stops without.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.site import browser

IMAGES = ROOT / "docs" / "images"
AS_OF = "2026-03-31"
PLAN = "plans/plans-wutongli-hetang.html"


def main() -> int:
    chromium, node = browser.find_chromium(), browser.find_node()
    absent = browser.missing_packages()
    if chromium is None or node is None or absent:
        print(
            "site screenshots skipped: needs chromium, node and "
            f"`{browser.INSTALL}` (missing: {', '.join(absent) or 'chromium or node'})",
            file=sys.stderr,
        )
        return 0
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "public"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cplan",
                "site",
                "plans",
                "examples",
                "-o",
                str(site),
                "--as-of",
                AS_OF,
            ],
            check=False,
            cwd=ROOT,
        )
        shots = [
            {"page": "index.html", "path": str(IMAGES / "site-portfolio.png"), "selector": None},
            {
                "page": "index.html",
                "path": str(IMAGES / "site-money.png"),
                "selector": "section[aria-labelledby=money-h] .grid",
            },
            {"page": PLAN, "path": str(IMAGES / "site-plan.png"), "selector": None},
            {"page": PLAN, "path": str(IMAGES / "site-gantt.png"), "selector": "#phases"},
        ]
        browser.open_pages(
            site,
            ["index.html", PLAN],
            chromium=chromium,
            node=node,
            axe=False,
            shots=shots,
            width=1200,
            height=860,
        )
    print(f"wrote {len(shots)} screenshots to docs/images")
    return 0


if __name__ == "__main__":
    sys.exit(main())
