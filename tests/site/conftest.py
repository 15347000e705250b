"""The site of the shipped plans (plans/ and examples/), built once for the site tests,
and a reader of the figures its pages show."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cplan.cli import app
from tests.conftest import ROOT

#: The date the shipped plans' site is built for: inside most of their periods.
AS_OF = "2025-06-30"
runner = CliRunner()


@contextmanager
def in_folder(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@dataclass(frozen=True)
class Site:
    folder: Path
    output: str
    exit_code: int

    def pages(self) -> list[str]:
        """Every page, relative to the site's folder (index.html first)."""
        plans = sorted(p.relative_to(self.folder).as_posix() for p in self.folder.glob("plans/*"))
        return ["index.html", *plans]


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """``cplan site plans examples -o …`` run from the project folder (paths as shown)."""
    folder = tmp_path_factory.mktemp("site") / "public"
    with in_folder(ROOT):
        out = runner.invoke(app, ["site", "plans", "examples", "-o", str(folder), "--as-of", AS_OF])
    return Site(folder, out.output, out.exit_code)


@dataclass(frozen=True)
class Shown:
    """One figure a page shows: where it says it comes from, and what it reads."""

    fig: str
    val: str
    fmt: str
    plan: str | None
    text: str
    attrs: dict[str, str]

    @property
    def source(self) -> str:
        return self.fig.split(":", 1)[0]

    @property
    def key(self) -> str:
        return self.fig.split(":", 1)[1]


class _Figures(HTMLParser):
    """Elements with ``data-fig`` (they hold text only) and the page's ``data-plan``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page_plan: str | None = None
        self.found: list[Shown] = []
        self.series: list[dict[str, str]] = []
        self._open: dict[str, str] | None = None
        self._tag = ""
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "body":
            self.page_plan = values.get("data-plan")
        if "data-series" in values:
            self.series.append(values)
        if "data-fig" in values:
            assert self._open is None, f"figures nest: {values}"
            self._open, self._tag, self._text = values, tag, []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._tag:
            values = self._open
            self.found.append(
                Shown(
                    values["data-fig"],
                    values["data-val"],
                    values["data-fmt"],
                    values.get("data-plan") or self.page_plan,
                    "".join(self._text),
                    values,
                )
            )
            self._open = None


def read_figures(page: Path) -> tuple[str | None, list[Shown], list[dict[str, str]]]:
    """The page's plan (plan pages), its figures, and the actual values of its charts."""
    reader = _Figures()
    reader.feed(page.read_text(encoding="utf-8"))
    reader.close()
    return reader.page_plan, reader.found, reader.series
