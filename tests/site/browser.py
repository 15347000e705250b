"""Running ``browser.js``: one headless Chromium (Debian's, driven by playwright-core from
``.ci/browser``) over pages of a built site. Used by the browser tests and by
``scripts/site_samples.py`` (the screenshots in docs/images)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MODULES = ROOT / ".ci" / "browser" / "node_modules"
DRIVER = Path(__file__).with_name("browser.js")
PACKAGES = ("playwright-core", "axe-core")
INSTALL = "npm ci --prefix .ci/browser"


def find_chromium() -> str | None:
    """Debian's Chromium (``CPLAN_CHROMIUM`` names another), or None."""
    return os.environ.get("CPLAN_CHROMIUM") or shutil.which("chromium")


def find_node() -> str | None:
    return shutil.which("node")


def missing_packages() -> list[str]:
    """The npm packages the driver needs that are not installed in ``.ci/browser``."""
    return [p for p in PACKAGES if not (MODULES / p / "package.json").is_file()]


def open_pages(
    site: Path,
    pages: list[str],
    *,
    chromium: str,
    node: str,
    axe: bool = True,
    shots: list[dict[str, Any]] | None = None,
    width: int = 1280,
    height: int = 900,
    timeout: float = 300,
) -> dict[str, Any]:
    """Open ``pages`` (paths inside ``site``) from file:// in one browser; what it saw
    of each page: console errors, requests leaving the folder, accessibility violations
    (with ``axe``), the figures shown. ``shots``: screenshots to take, each ``{"page",
    "path", "selector"}`` (no selector: the window)."""
    job = {
        "site": str(site),
        "pages": pages,
        "modules": str(MODULES),
        "chromium": chromium,
        "axe": axe,
        "shots": shots or [],
        "width": width,
        "height": height,
    }
    with tempfile.TemporaryDirectory() as temp:
        job_file = Path(temp) / "job.json"
        job_file.write_text(json.dumps(job), encoding="utf-8")
        run = subprocess.run(
            [node, str(DRIVER), str(job_file)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if run.returncode != 0:
        raise RuntimeError(f"the browser run failed:\n{run.stderr}")
    seen: dict[str, Any] = json.loads(run.stdout)["pages"]
    return seen
