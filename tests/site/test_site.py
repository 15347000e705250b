"""``cplan site``: what it writes, what it refuses to overwrite, and that a failure never
leaves half a site."""

from __future__ import annotations

import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from benchmarks.generate import plan_yaml

from cplan.check import plan_files
from cplan.cli import app
from cplan.config import load_settings
from cplan.errors import OutputFailed
from cplan.render import site
from tests.conftest import ROOT
from tests.site.conftest import AS_OF, Site, read_figures, runner

MINIMAL = ROOT / "examples" / "minimal.yaml"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def test_every_link_stays_in_the_folder_and_leads_somewhere(shipped_site: Site) -> None:
    pages = {page: _Links() for page in shipped_site.pages()}
    for page, reader in pages.items():
        reader.feed((shipped_site.folder / page).read_text(encoding="utf-8"))
    for page, reader in pages.items():
        for link in reader.links:
            parts = urlsplit(link)
            if parts.scheme == "data":
                continue
            assert not parts.scheme, f"{page}: {link} leaves the folder"
            assert not parts.netloc, f"{page}: {link} leaves the folder"
            target = (
                (shipped_site.folder / page).parent / unquote(parts.path)
                if parts.path
                else (shipped_site.folder / page)
            )
            target = target.resolve()
            assert target.is_relative_to(shipped_site.folder.resolve()), f"{page}: {link}"
            assert target.is_file(), f"{page}: {link} leads nowhere"
            if parts.fragment:
                name = target.relative_to(shipped_site.folder.resolve()).as_posix()
                assert parts.fragment in pages[name].ids, f"{page}: {link}"


def test_nothing_is_fetched_from_elsewhere(shipped_site: Site) -> None:
    for file in shipped_site.folder.rglob("*"):
        if file.suffix in (".html", ".css", ".js"):
            text = file.read_text(encoding="utf-8")
            text = text.replace('xmlns="http://www.w3.org/2000/svg"', "")
            assert not re.search(r"(https?:)?//[\w.-]+\.\w", text), file
            assert "@import" not in text, file


def test_findings_are_sentences_without_codes_or_paths(shipped_site: Site) -> None:
    page = (shipped_site.folder / "plans" / "examples-jiangyan-communities.html").read_text(
        encoding="utf-8"
    )
    findings = page[page.index('id="findings"') :]
    assert "少于" in findings
    assert not re.search(r"CP\d{3}", page)
    assert ".yaml" not in findings


def test_the_portfolio_lists_every_plan(shipped_site: Site) -> None:
    index = (shipped_site.folder / "index.html").read_text(encoding="utf-8")
    assert index.count('<tr data-statuses="') == 11
    assert "近期到期的阶段" in index
    assert "经费汇总" in index


def test_an_output_folder_that_is_not_a_site_is_left_alone(tmp_path: Path) -> None:
    output = tmp_path / "public"
    output.mkdir()
    (output / "notes.txt").write_text("mine", encoding="utf-8")
    out = runner.invoke(app, ["site", str(MINIMAL), "-o", str(output)])
    assert out.exit_code == 2
    assert "不是 cplan 生成的网站" in out.output
    assert [p.name for p in output.iterdir()] == ["notes.txt"]


def test_a_site_is_replaced_whole(tmp_path: Path) -> None:
    output = tmp_path / "public"
    for _ in range(2):
        out = runner.invoke(app, ["site", str(MINIMAL), "-o", str(output), "--as-of", AS_OF])
        assert out.exit_code == 0, out.output
        (output / "left-over.txt").write_text("from the last build", encoding="utf-8")
    out = runner.invoke(app, ["site", str(MINIMAL), "-o", str(output), "--as-of", AS_OF])
    assert not (output / "left-over.txt").exists()
    assert (output / ".cplan-site").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_a_failure_leaves_the_old_site_and_no_half_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "public"
    settings = load_settings(ROOT)
    options = site.SiteOptions(as_of=date(2025, 6, 30))
    site.build_site([MINIMAL], output, settings, options)
    before = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(site, "portfolio_page", broken)
    with pytest.raises(RuntimeError):
        site.build_site(
            [MINIMAL, ROOT / "examples" / "rehab-centres.yaml"], output, settings, options
        )
    after = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_refusing_a_file_as_output(tmp_path: Path) -> None:
    output = tmp_path / "public"
    output.write_text("a file", encoding="utf-8")
    with pytest.raises(OutputFailed):
        site.build_site([MINIMAL], output, load_settings(ROOT), site.SiteOptions(date(2025, 6, 30)))


BROKEN = "id: broken\ntitle: 坏的方案\nperiod: 2025年\ntargets: [\n"
NO_MONEY = """\
id: no-money
title: 经费算不出的方案
period: 2025年
units: [{id: a, name: 甲社区}]
funders: [{id: city, name: 市财政}]
targets:
  - {id: t, name: 满意度, kind: increase, unit: "%", baseline: {value: 60, date: 2024年底},
     target: {value: 80, deadline: 2025年底}, actuals: [{value: 70, date: 2025年6月}]}
budget:
  sharing: {funders: [city], remainder: city}
  lines:
    - {id: l, name: 补贴, rate: 400, per: 元/人/月, quantity: 人数, period: 12, units: [nowhere]}
"""


def test_plans_with_problems_are_shown_as_such(in_tmp: Path) -> None:
    shutil.copy(MINIMAL, in_tmp / "minimal.yaml")
    (in_tmp / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (in_tmp / "no-money.yaml").write_text(NO_MONEY, encoding="utf-8")
    out = runner.invoke(app, ["site", ".", "-o", "public", "--as-of", AS_OF])
    assert out.exit_code == 1, out.output
    assert "2 个方案有错误" in out.output
    index = (in_tmp / "public" / "index.html").read_text(encoding="utf-8")
    assert "坏的方案" not in index or "broken" in index
    assert "方案文件有错误" in index
    assert "经费无法全部算出" in index
    broken_page = (in_tmp / "public" / "plans" / "broken.html").read_text(encoding="utf-8")
    assert "暂不能显示" in broken_page
    assert not re.search(r"CP\d{3}", broken_page)
    money_page = (in_tmp / "public" / "plans" / "no-money.html").read_text(encoding="utf-8")
    assert "经费有错误" in money_page
    _, found, _ = read_figures(in_tmp / "public" / "plans" / "no-money.html")
    assert "status:targets/0/progress" in {f.fig for f in found}
    rollup = runner.invoke(app, ["rollup", ".", "--as-of", AS_OF, "-f", "json"])
    _, on_index, _ = read_figures(in_tmp / "public" / "index.html")
    total = next(f for f in on_index if f.fig == "rollup:total")
    assert f'"total": "{total.val}"' in rollup.stdout


def test_plan_text_is_escaped(in_tmp: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    title = re.search(r"^title: .*$", text, re.MULTILINE)
    assert title is not None
    text = text.replace(title.group(), 'title: "<script>alert(1)</script> & <b>粗</b>"')
    (in_tmp / "plan.yaml").write_text(text, encoding="utf-8")
    out = runner.invoke(app, ["site", "plan.yaml", "-o", "public", "--as-of", AS_OF])
    assert out.exit_code == 0, out.output
    for page in (in_tmp / "public").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<b>粗" not in html
    page = (in_tmp / "public" / "plans" / "plan.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;" in page


def test_page_names_are_plain_and_distinct() -> None:
    names = site.page_slugs(
        ["plans/a.yaml", "plans/A.yml", "社区/方案.yaml", "社区/二.yaml", "a b.yaml"]
    )
    assert names[0] == "plans-a"
    assert names[1].startswith("plans-A-")
    assert names[2].startswith("plan-")
    assert names[3].startswith("plan-")
    assert names[2] != names[3]
    assert names[4] == "a-b"
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", name) for name in names)


def test_the_coming_xun_and_month() -> None:
    assert site._xun_end(date(2025, 6, 30)) == date(2025, 7, 10)
    assert site._xun_end(date(2025, 6, 5)) == date(2025, 6, 20)
    assert site._xun_end(date(2025, 2, 15)) == date(2025, 2, 28)
    assert site._month_end(date(2025, 6, 30)) == date(2025, 7, 31)
    assert site._month_end(date(2025, 12, 31)) == date(2026, 1, 31)
    assert site._month_end(date(2024, 1, 31)) == date(2024, 2, 29)


def test_many_plans_in_parallel_make_the_same_site(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for i in range(18):
        (plans / f"p{i:02d}.yaml").write_text(plan_yaml(6, 4, units=3, seed=i), encoding="utf-8")
    settings = load_settings(ROOT)
    files = plan_files([plans], settings).files
    options = site.SiteOptions(as_of=date(2026, 6, 30))
    site.build_site(files, tmp_path / "serial", settings, options, jobs=1)
    site.build_site(files, tmp_path / "parallel", settings, options, jobs=2)
    serial = {
        p.relative_to(tmp_path / "serial"): p.read_bytes()
        for p in (tmp_path / "serial").rglob("*")
        if p.is_file()
    }
    parallel = {
        p.relative_to(tmp_path / "parallel"): p.read_bytes()
        for p in (tmp_path / "parallel").rglob("*")
        if p.is_file()
    }
    assert serial == parallel
    assert len(serial) == 18 + 4


def test_documents_are_written_beside_the_site_and_linked(tmp_path: Path) -> None:
    output = tmp_path / "public"
    out = runner.invoke(
        app, ["site", str(MINIMAL), "-o", str(output), "--as-of", AS_OF, "--documents"]
    )
    assert out.exit_code == 0, out.output
    assert "3 份文档" in out.output
    documents = sorted(p.name for p in (output / "documents").iterdir())
    assert len(documents) == 3
    assert {Path(name).suffix for name in documents} == {".docx", ".xlsx"}
    page = next((output / "plans").glob("*.html")).read_text(encoding="utf-8")
    for name in documents:
        assert f'href="../documents/{name}"' in page


def test_help_is_in_chinese() -> None:
    out = runner.invoke(app, ["site", "--help"])
    assert out.exit_code == 0
    assert "静态网站" in out.output
    assert "--documents" in out.output


def test_the_table_reads_without_the_script(shipped_site: Site) -> None:
    """Without JavaScript the filter stays hidden and the table is whole and in order."""
    index = (shipped_site.folder / "index.html").read_text(encoding="utf-8")
    assert '<div id="plans-controls" class="controls" hidden>' in index
    assert '<script src="site.js" defer></script>' in index
    table = index[index.index('id="plans-table"') : index.index("</table>")]
    assert table.count("<tr") == 1 + 11
    assert table.count('<th scope="row"><a href="plans/') == 11
