"""The site in a real browser: headless Chromium opens every page of the site of plans/
and examples/ from file://, with no console error, no request leaving the folder and no
serious or critical accessibility violation (axe-core), and shows the figures the HTML
holds. One browser for all pages.

Chromium is Debian's ``chromium`` package; playwright-core (which drives it, without
downloading a browser of its own) and axe-core come from ``.ci/browser`` (``npm ci
--prefix .ci/browser``). ``.ci/run`` installs all three; without them these tests skip
locally and fail in CI (``CPLAN_CI_TOOLS=required``).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.ci.tools import missing
from tests.site import browser
from tests.site.conftest import Site, read_figures


@pytest.fixture(scope="module")
def seen(shipped_site: Site) -> dict[str, Any]:
    chromium = browser.find_chromium()
    if chromium is None:
        missing("chromium is not installed (Debian: apt-get install chromium; .ci/run does)")
    node = browser.find_node()
    if node is None:
        missing("node is not installed (Node.js 20 runs playwright-core and axe-core)")
    absent = browser.missing_packages()
    if absent:
        missing(f"npm packages {', '.join(absent)} missing from .ci/browser: {browser.INSTALL}")
    return browser.open_pages(
        shipped_site.folder, shipped_site.pages(), chromium=chromium, node=node
    )


def test_every_page_opens_without_a_console_error(shipped_site: Site, seen: dict[str, Any]) -> None:
    assert sorted(seen) == sorted(shipped_site.pages())
    assert {page: entry["errors"] for page, entry in seen.items() if entry["errors"]} == {}


def test_no_request_leaves_the_folder(seen: dict[str, Any]) -> None:
    assert {page: entry["outside"] for page, entry in seen.items() if entry["outside"]} == {}


def test_no_serious_or_critical_accessibility_violation(seen: dict[str, Any]) -> None:
    found = {page: entry["violations"] for page, entry in seen.items() if entry["violations"]}
    assert found == {}


def test_the_browser_shows_the_figures_of_the_html(
    shipped_site: Site, seen: dict[str, Any]
) -> None:
    for page, entry in seen.items():
        _, in_html, _ = read_figures(shipped_site.folder / page)
        rendered = [(f["fig"], f["val"], f["text"]) for f in entry["figures"]]
        assert rendered == [(f.fig, f.val, f.text) for f in in_html], page


def test_the_table_of_plans_sorts_and_filters(seen: dict[str, Any]) -> None:
    sorted_ = seen["index.html"]["sorted"]
    assert sorted_ is not None, "the script did not run"
    assert sorted_["sort"] == "descending"  # clicked twice: ascending, then descending
    assert sorted_["ordered"]
    assert sorted_["reversed"]
    assert sorted_["shown"] >= 1
    assert sorted_["shown"] < len(sorted_["names"])


def test_the_print_view_hides_the_controls_and_keeps_the_charts(seen: dict[str, Any]) -> None:
    printed = seen["index.html"]["print"]
    assert printed == {"controls": "none", "charts": True}
