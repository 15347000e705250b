"""The static site of a plan repository: ``cplan site DIR... -o public/``.

One folder of plain files that opens from ``file://`` (a shared drive) as well as from
GitHub or GitLab Pages: HTML pages with their charts inline as SVG
(:mod:`cplan.render.svg`), one style sheet and a few lines of plain JavaScript that sort
and filter the table of plans (the pages read fine without it). Nothing is fetched from
anywhere: no CDN, no font, no request outside the folder::

    index.html              the portfolio: every plan, money rolled up, what needs attention
    plans/<name>.html       one page per plan
    documents/<name>-*.docx the plan's Word documents and its 台账 (with ``documents``)
    style.css  site.js  .cplan-site

Every figure on a page is the figure ``cplan status``, ``cplan funding`` and ``cplan
rollup`` print as JSON (:mod:`cplan.render.context`), worked out from the checked plan
(:func:`cplan.check.check_plan`, :func:`cplan.check.with_figures`). The element showing
one carries where it comes from: ``data-fig="status:targets/0/progress"`` (the source
and the path in its JSON, list items by position), ``data-val`` (the JSON value, empty
for null), ``data-fmt`` (``pct``, ``money``, ``num``, ``count`` or ``text``) and, for a
plan's figures, ``data-plan`` (the plan's path as the JSON gives it). Derived counts are
``status:count/<status>`` (how many targets have that status).

Plans are checked and their pages written in worker processes, as ``cplan validate``
checks them; only a small summary of each comes back for the portfolio. The site is
built in a new folder beside the output and renamed into place at the end, so a failure
leaves the old site (or nothing), never half of one. An existing output folder is only
replaced when it is empty or a site cplan built (it holds ``.cplan-site``).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Self

import jinja2
from markupsafe import Markup

from cplan import __version__
from cplan.check import CheckedPlan, FileResult, check_plan, display_path, with_figures
from cplan.compute.rollup import Rollup
from cplan.compute.targets import Standing, Thresholds
from cplan.config import Settings
from cplan.diagnostics import Severity
from cplan.errors import OutputFailed, PlanRefused
from cplan.fsio import publish_folder, replaceable_folder
from cplan.model import Plan
from cplan.parallel import in_order
from cplan.render import svg
from cplan.render.context import (
    committee_data,
    duty_data,
    funding_data,
    rollup_data,
    status_data,
)
from cplan.render.plain_findings import finding_sentences
from cplan.render.wording import money_figure, money_unit

#: The file that marks a folder as a site cplan built (and so may be replaced).
MARKER = ".cplan-site"
PLAN_FOLDER = "plans"
DOCUMENT_FOLDER = "documents"
#: Rows listed in each of the portfolio's lists of targets and phases; the rest are
#: counted (every plan's page lists its own).
MAX_LISTED = 300
#: Findings quoted per plan on the portfolio.
MAX_SENTENCES = 3

#: Every status word, in the order the pages list them.
STATUSES = (
    Standing.BEHIND,
    Standing.OVERDUE,
    Standing.FAILED,
    Standing.AT_RISK,
    Standing.ON_TRACK,
    Standing.DONE,
    Standing.NOT_STARTED,
    Standing.NO_DATA,
)
#: Targets that need attention: behind (滞后, overdue, failed) or at risk.
ATTENTION = frozenset(s.value for s in (*STATUSES[:4],))
#: The documents written beside the site with ``documents``: (document, suffix, label).
DOCUMENTS = (
    ("plan", "-方案.docx", "工作方案（Word）"),
    ("progress", "-进展.docx", "进展情况报告（Word）"),
    ("ledger", "-台账.xlsx", "台账（Excel）"),
)


@dataclass(frozen=True)
class SiteOptions:
    """What the site is built for: the date, and whether documents go with it."""

    as_of: date
    documents: bool = False
    thresholds: Thresholds = field(default_factory=Thresholds)


@dataclass(frozen=True)
class SiteReport:
    """What was built: pages, plans shown with problems, documents written."""

    plans: int
    refused: int
    with_findings: int
    documents: int


# -- figures in the page -------------------------------------------------------------


class Figure(str):
    """One figure as a page shows it: the HTML of an element with its origin (``data-*``)
    and its text. ``text`` is what a reader sees, ``value`` the JSON value ("" for null)."""

    text: str
    value: str

    def __new__(cls, text: str, attrs: svg.Attrs, value: str, tag: str = "span") -> Self:
        made = super().__new__(cls, f"<{tag}{attrs}>{svg.esc(text)}</{tag}>")
        made.text, made.value = text, value
        return made

    def __html__(self) -> str:
        return self


def money_text(amount: str | Decimal, unit: str) -> str:
    """``3,760万元``, ``1,017.5元``: exact, never rounded."""
    return money_figure(Decimal(amount), unit, grouped=True) + unit


def _attrs(source: str, key: str, value: object, fmt: str, plan: str | None) -> svg.Attrs:
    """The ``data-*`` attributes of a figure (see the module's docstring)."""
    shown = "" if value is None else svg.esc(str(value))
    where = f' data-plan="{svg.esc(plan)}"' if plan is not None else ""
    return f' data-fig="{source}:{svg.esc(key)}" data-val="{shown}" data-fmt="{fmt}"{where}'


def _target_attrs(index: int, field: str, value: str | None, fmt: str) -> svg.Attrs:
    """:func:`_attrs` of a target's figure on its plan's page: the key and the value (a
    number or a status word from the JSON) need no escaping."""
    return f' data-fig="status:targets/{index}/{field}" data-val="{value or ""}" data-fmt="{fmt}"'


def figure(
    source: str,
    key: str,
    value: object,
    fmt: str,
    *,
    plan: str | None = None,
    unit: str = "",
    missing: str = "无数据",
) -> Figure:
    """The figure ``value`` (from ``source``'s JSON at ``key``) as text, with its origin."""
    if value is None or value == "":
        text = missing
    elif fmt == "pct":
        text = f"{value}%"
    elif fmt == "money":
        text = money_text(str(value), unit or "万元")
    else:
        text = f"{value}{unit}"
    return Figure(text, _attrs(source, key, value, fmt, plan), "" if value is None else str(value))


# -- building ------------------------------------------------------------------------


@dataclass
class PlanSummary:
    """What the portfolio needs of one plan: small, so a thousand of them fit."""

    path: str
    href: str
    title: str
    issuer: str = ""
    level: str = ""
    period: str = ""
    refused: str | None = None
    overall: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    total: str | None = None
    errors: int = 0
    warnings: int = 0
    sentences: list[str] = field(default_factory=list)
    attention: list[dict[str, Any]] = field(default_factory=list)
    phases: list[dict[str, Any]] = field(default_factory=list)
    rollup: Rollup | None = None
    documents: int = 0

    @property
    def findings(self) -> int:
        return self.errors + self.warnings


@dataclass(frozen=True)
class _Job:
    path: Path
    shown: str
    slug: str
    settings: Settings
    options: SiteOptions
    folder: Path


def build_site(
    paths: Sequence[Path],
    output: Path,
    settings: Settings,
    options: SiteOptions,
    *,
    jobs: int | None = None,
    progress: Callable[[], None] | None = None,
) -> SiteReport:
    """Build the site of the plan files ``paths`` into the folder ``output``.

    Raises :class:`~cplan.errors.OutputFailed` when ``output`` exists and is not a site
    (a folder with other files in it, or a file); the old site stays until the new one
    is whole.
    """
    output = output.absolute()
    _check_output(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=".cplan-site-", dir=output.parent))
    try:
        for folder in (PLAN_FOLDER, *((DOCUMENT_FOLDER,) if options.documents else ())):
            (temp / folder).mkdir()
        shown = [display_path(path) for path in paths]
        slugs = page_slugs(shown)
        work = [
            _Job(path, name, slug, settings, options, temp)
            for path, name, slug in zip(paths, shown, slugs, strict=True)
        ]
        totals = Rollup(options.as_of, options.thresholds)
        summaries: list[PlanSummary] = []
        for summary in in_order(build_plan, work, jobs, preload="cplan.render.site"):
            if summary.rollup is not None:
                totals.merge(summary.rollup)
                summary.rollup = None
            summaries.append(summary)
            if progress is not None:
                progress()
        _write(temp / "index.html", portfolio_page(summaries, totals, options))
        for name in ("style.css", "site.js"):
            _write(temp / name, _static(name))
        _write(temp / MARKER, f"cplan {__version__}\n")
        publish_folder(temp, output)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return SiteReport(
        plans=len(summaries),
        refused=sum(s.refused is not None for s in summaries),
        with_findings=sum(s.findings > 0 for s in summaries),
        documents=sum(s.documents for s in summaries),
    )


def _check_output(output: Path) -> None:
    if not replaceable_folder(output, MARKER):
        raise OutputFailed("site.output_not_site", path=str(output))


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def page_slugs(shown: Sequence[str]) -> list[str]:
    """A file name for each plan's page: its path in ASCII letters, digits and ``-``
    (``plans/wutongli/hetang.yaml`` → ``plans-wutongli-hetang``), with a short hash of the
    path when that is empty or already taken (names compared ignoring case)."""
    taken: set[str] = set()
    slugs = []
    for name in shown:
        stem = re.sub(r"\.ya?ml$", "", name)
        slug = re.sub(r"[^A-Za-z0-9_]+", "-", stem).strip("-")[:80]
        if not slug or slug.lower() in taken:
            digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
            slug = f"{slug}-{digest}" if slug else f"plan-{digest}"
        taken.add(slug.lower())
        slugs.append(slug)
    return slugs


def build_plan(job: _Job) -> PlanSummary:
    """Check one plan, write its page (and its documents), and sum it up."""
    result = check_plan(job.path, job.settings)
    href = f"{PLAN_FOLDER}/{job.slug}.html"
    page = job.folder / href
    try:
        checked = with_figures(result)
        money = True
    except PlanRefused:
        try:
            checked = with_figures(result, needs_money=False)
        except PlanRefused as refused:
            _write(page, refused_page(result, job.options))
            title = result.plan.title if result.plan is not None else job.path.name
            return PlanSummary(
                job.shown,
                href,
                title,
                refused=refused.key,
                errors=result.errors,
                warnings=result.warnings,
                sentences=_plain_problems(result)[:MAX_SENTENCES],
            )
        money = False
    return _plan(job, checked, money, page, href)


def _plan(job: _Job, checked: CheckedPlan, money: bool, page: Path, href: str) -> PlanSummary:
    options = job.options
    plan, figures = checked.plan, checked.figures
    progress = figures.progress(options.as_of, options.thresholds)
    status = status_data(
        plan, checked.path, progress, figures.phases(options.as_of, options.thresholds)
    )
    funding = funding_data(plan, checked.path, figures.budget, figures.shares) if money else None
    unit = money_unit(figures.budget.total) if money else "元"
    sentences = finding_sentences(checked.diagnostics, plan, unit)
    documents = _documents(job, checked) if options.documents else []
    _write(page, plan_page(checked, status, funding, unit, sentences, documents, options))
    rollup = None
    if money:
        rollup = Rollup(options.as_of, options.thresholds)
        rollup.add(figures, checked.path, progress)
    counts = {s.value: 0 for s in STATUSES}
    for item in status["targets"]:
        counts[item["status"]] += 1
    return PlanSummary(
        checked.path,
        href,
        plan.title,
        issuer=plan.issuer or "",
        level=str(plan.level or ""),
        period=status["plan"]["period"]["text"],
        refused=None if money else "refused.money",
        overall=status["overall_progress"],
        counts=counts,
        total=funding["total"] if funding else None,
        errors=checked.result.errors,
        warnings=checked.result.warnings,
        sentences=sentences[:MAX_SENTENCES],
        attention=[
            {"index": i, **{k: item[k] for k in ("name", "progress", "time_elapsed", "status")}}
            for i, item in enumerate(status["targets"])
            if item["status"] in ATTENTION
        ],
        phases=[
            {
                "index": i,
                "name": item["name"],
                "when": item["when"]["text"],
                "end": item["when"]["end"],
                "status": item["status"],
            }
            for i, item in enumerate(status["phases"])
            if not item["done"] and item["when"]["end"] > options.as_of.isoformat()
        ],
        rollup=rollup,
        documents=len(documents),
    )


def _documents(job: _Job, checked: CheckedPlan) -> list[tuple[str, str]]:
    """Write the plan's Word documents and 台账 beside the site: (label, link) each."""
    from cplan.render.report import format_of, render_report

    links = []
    for document, suffix, label in DOCUMENTS:
        name = f"{DOCUMENT_FOLDER}/{job.slug}{suffix}"
        data = render_report(
            checked,
            job.path,
            format_of(document),
            job.options.as_of,
            document=document,
            thresholds=job.options.thresholds,
        )
        (job.folder / name).write_bytes(data)
        links.append((label, f"../{name}"))
    return links


def _plain_problems(result: FileResult) -> list[str]:
    """What stops a plan being shown, as the validator says it, without codes or paths."""
    return [
        f"第{d.span.line}行：{d.message('zh')}"
        for d in result.diagnostics
        if d.severity is Severity.ERROR
    ]


# -- pages ---------------------------------------------------------------------------


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cplan", "site_templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["version"] = __version__
    return env


def _static(name: str) -> str:
    source = _environment().loader
    assert source is not None
    text, _, _ = source.get_source(_environment(), name)
    return text


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def cn_day(day: date) -> str:
    return svg.cn_day(day)


def _day(text: str) -> date:
    return date.fromisoformat(text)


_STATUS_CLASS = {s.value: "st-" + s.name.lower().replace("_", "-") for s in Standing}


def status_class(status: str) -> str:
    """A CSS class for a status word (colour and pattern of its badge)."""
    return _STATUS_CLASS.get(status, "st-none")


def _status(source: str, key: str, value: str, plan: str | None) -> Figure:
    attrs = _attrs(source, key, value, "text", plan) + f' class="{status_class(value)}"'
    return Figure(value, attrs, value)


def plan_page(
    checked: CheckedPlan,
    status: dict[str, Any],
    funding: dict[str, Any] | None,
    unit: str,
    sentences: list[str],
    documents: list[tuple[str, str]],
    options: SiteOptions,
) -> str:
    """One plan's page."""
    plan, path = checked.plan, checked.path
    as_of = options.as_of
    owners = {u.id: u.name for u in plan.units} | {c.id: c.name for c in plan.committees}
    rows, charts = _targets(plan, status["targets"], owners, as_of)
    phases = []
    bars = []
    for i, item in enumerate(status["phases"]):
        key = f"phases/{i}"
        tasks = f"{item['tasks_done']}/{item['tasks']}" if item["tasks"] else "—"
        phases.append(
            {
                "name": item["name"],
                "when": item["when"]["text"],
                "owner": owners.get(item["owner"] or "", item["owner"] or ""),
                "tasks": tasks,
                "progress": figure(
                    "status", f"{key}/progress", item["progress"], "pct", plan=None, missing="—"
                ),
                "elapsed": figure(
                    "status", f"{key}/time_elapsed", item["time_elapsed"], "pct", plan=None
                ),
                "status": _status("status", f"{key}/status", item["status"], None),
            }
        )
        bars.append(
            svg.Bar(
                item["name"],
                item["status"],
                _day(item["when"]["start"]),
                _day(item["when"]["end"]),
                text=item["when"]["text"],
                attrs=_attrs("status", f"{key}/status", item["status"], "text", None),
            )
        )
    gantt = (
        svg.gantt(
            "gantt",
            f"{plan.title}：实施步骤（按旬）",
            bars,
            start=plan.period.start,
            end=plan.period.end,
            as_of=as_of,
        )
        if bars
        else None
    )
    counts = _counts(status, None)
    return _render(
        "plan.html",
        root="../",
        body_plan=path,
        page_title=plan.title,
        as_of=cn_day(as_of),
        as_of_iso=as_of.isoformat(),
        plan=status["plan"],
        path=path,
        overall=figure("status", "overall_progress", status["overall_progress"], "pct", plan=None),
        counts=counts,
        stack=_stack("stack", "各项指标的状态", counts),
        targets=len(status["targets"]),
        target_rows=rows,
        target_charts=charts,
        phases=phases,
        gantt=gantt,
        funding=_funding_view(funding, unit) if funding is not None else None,
        committees=committee_data(plan),
        duties=duty_data(plan),
        sentences=sentences,
        errors=checked.result.errors,
        warnings=checked.result.warnings,
        documents=documents,
    )


def _targets(
    plan: Plan, targets: list[dict[str, Any]], owners: Mapping[str, str], as_of: date
) -> tuple[Markup, Markup]:
    """The rows of the table of targets and the chart of each target's actual values.

    Written here rather than in the template: a plan may have hundreds of targets, and
    this is the one place of a page where time goes.
    """
    esc = svg.esc
    rows, charts = [], []
    for i, item in enumerate(targets):
        unit = item["unit"] or ""
        model = plan.targets[i]
        actuals = [a for a in model.actuals if a.date.end <= as_of]
        points = [
            svg.Point(
                a.date.end,
                a.value,
                f' data-series="{i}/{n}" data-val="{svg.format_value(a.value)}"',
            )
            for n, a in enumerate(actuals)
        ]
        baseline = (
            svg.Point(
                model.baseline.date.end,
                model.baseline.value,
                _target_attrs(i, "baseline", item["baseline"], "num"),
            )
            if model.baseline is not None
            else None
        )
        goal = (
            svg.Point(
                _day(item["deadline"]["end"]),
                Decimal(item["target"]),
                _target_attrs(i, "target", item["target"], "num"),
            )
            if item["target"] is not None
            else None
        )
        owner = owners.get(item["owner"] or "", item["owner"] or "")
        actual_date = item["actual_date"]["text"] if item["actual_date"] else ""
        name = esc(item["name"])
        progress_attrs = _target_attrs(i, "progress", item["progress"], "pct")
        elapsed_attrs = _target_attrs(i, "time_elapsed", item["time_elapsed"], "pct")
        bars = svg.progress_pair(
            f"tp{i}",
            item["name"],
            item["progress"],
            item["time_elapsed"],
            progress_attrs=progress_attrs,
            elapsed_attrs=elapsed_attrs,
        )

        def value(field: str, missing: str) -> str:
            return _target_value(i, item, field, unit, missing)  # noqa: B023 (called at once)

        progress = item["progress"]
        status = item["status"]
        rows.append(
            f'<tr><th scope="row">{name}'
            + (f'<span class="sub">{esc(owner)}</span>' if owner else "")
            + f'</th><td class="num">{value("baseline", "—")}</td>'
            f'<td class="num">{value("target", "—")}'
            f'<span class="sub">{esc(item["deadline"]["text"])}</span></td>'
            f'<td class="num">{value("actual", "尚无")}'
            + (f'<span class="sub">{esc(actual_date)}</span>' if actual_date else "")
            + f'</td><td class="num"><span{progress_attrs}>'
            f"{f'{progress}%' if progress is not None else '无数据'}</span></td>"
            f'<td class="num"><span{elapsed_attrs}>{item["time_elapsed"]}%</span></td>'
            f'<td class="bars">{bars}</td>'
            f"<td><span{_target_attrs(i, 'status', status, 'text')}"
            f' class="{status_class(status)}">{status}</span></td></tr>\n'
        )
        chart = svg.line_chart(
            f"tl{i}", item["name"], unit, points, baseline=baseline, goal=goal, as_of=as_of
        )
        charts.append(
            f'<figure class="line">{chart}<figcaption>{name}'
            f"{'' if points else '：尚无实际值'}</figcaption></figure>\n"
        )
    return Markup("".join(rows)), Markup("".join(charts))


def _target_value(index: int, item: dict[str, Any], field: str, unit: str, missing: str) -> str:
    """A target's baseline, target or actual value with its unit, as a figure."""
    shown = item[field]
    text = svg.esc(f"{shown}{unit}") if shown is not None else missing
    return f"<span{_target_attrs(index, field, shown, 'num')}>{text}</span>"


def _counts(status: dict[str, Any], path: str | None) -> list[tuple[str, Figure]]:
    """How many targets stand where, each count as a figure (``status:count/<status>``)."""
    found = {s.value: 0 for s in STATUSES}
    for item in status["targets"]:
        found[item["status"]] += 1
    return [
        (name, Figure(str(n), _attrs("status", f"count/{name}", n, "count", path), str(n)))
        for name, n in found.items()
    ]


def _stack(ident: str, title: str, counts: list[tuple[str, Figure]]) -> Markup:
    return svg.stacked_bar(
        ident,
        title,
        [
            svg.Bar(
                name,
                value=Decimal(fig.value),
                attrs=_attrs("status", f"count/{name}", fig.value, "count", None),
            )
            for name, fig in counts
        ],
    )


def _funding_view(funding: dict[str, Any], unit: str) -> dict[str, Any]:
    def fig(key: str, value: str) -> Figure:
        return figure("funding", key, value, "money", plan=None, unit=unit)

    funders = [
        {
            "name": f["name"],
            "fund": f["fund"] or "",
            "amount": fig(f"funders/{i}/amount", f["amount"]),
        }
        for i, f in enumerate(funding["funders"])
    ]
    columns = [(f["id"], f["name"]) for f in funding["funders"]]
    units = [
        {
            "name": u["name"],
            "shares": [
                fig(f"units/{i}/shares/{fid}", u["shares"][fid]) if fid in u["shares"] else None
                for fid, _ in columns
            ],
            "total": fig(f"units/{i}/total", u["total"]),
        }
        for i, u in enumerate(funding["units"])
    ]
    return {
        "unit": unit,
        "total": fig("total", funding["total"]),
        "funded": fig("funded", funding["funded"]),
        "unfunded": fig("unfunded", funding["unfunded"]),
        "funders": funders,
        "columns": [name for _, name in columns],
        "units": units,
        "funder_chart": svg.bar_chart(
            "funders",
            "各出资方承担的经费",
            [
                svg.Bar(f["name"], value=Decimal(f["amount"]), text=money_text(f["amount"], unit))
                for f in funding["funders"]
            ],
        ),
        "unit_chart": svg.bar_chart(
            "units",
            "各单位的经费",
            [
                svg.Bar(u["name"], value=Decimal(u["total"]), text=money_text(u["total"], unit))
                for u in funding["units"]
            ],
        ),
    }


def refused_page(result: FileResult, options: SiteOptions) -> str:
    """The page of a plan that cannot be shown: what is wrong, in the validator's words."""
    title = result.plan.title if result.plan is not None else Path(result.path).name
    return _render(
        "refused.html",
        root="../",
        page_title=title,
        as_of=cn_day(options.as_of),
        problems=_plain_problems(result),
    )


def _xun_end(day: date) -> date:
    """The last day of the 旬 after the one ``day`` falls in."""
    return svg.xun_bounds(svg.xun_of(day) + 1)[1]


def _month_end(day: date) -> date:
    """The last day of the month after ``day``'s."""
    first_next = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return (first_next + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def portfolio_page(summaries: Sequence[PlanSummary], totals: Rollup, options: SiteOptions) -> str:
    """The portfolio: every plan, money rolled up, targets and phases that need attention."""
    data = rollup_data(totals)
    as_of = options.as_of
    rows = []
    for s in summaries:
        rows.append(
            {
                "s": s,
                "overall": figure("status", "overall_progress", s.overall, "pct", plan=s.path)
                if s.refused != "refused.invalid"
                else None,
                "counts": [
                    (
                        name,
                        Figure(
                            str(n), _attrs("status", f"count/{name}", n, "count", s.path), str(n)
                        ),
                    )
                    for name, n in s.counts.items()
                ],
                "total": figure("funding", "total", s.total, "money", plan=s.path, missing="—")
                if s.total is not None
                else None,
            }
        )
    order = {status.value: rank for rank, status in enumerate(STATUSES)}
    needing = sorted(
        ((s, item) for s in summaries for item in s.attention),
        key=lambda pair: order[pair[1]["status"]],
    )
    attention = [
        {
            "plan": s,
            "name": item["name"],
            "progress": figure(
                "status",
                f"targets/{item['index']}/progress",
                item["progress"],
                "pct",
                plan=s.path,
            ),
            "elapsed": figure(
                "status",
                f"targets/{item['index']}/time_elapsed",
                item["time_elapsed"],
                "pct",
                plan=s.path,
            ),
            "status": _status("status", f"targets/{item['index']}/status", item["status"], s.path),
        }
        for s, item in needing[:MAX_LISTED]
    ]
    xun_end, month_end = _xun_end(as_of), _month_end(as_of)
    soon: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
    for s in summaries:
        for item in s.phases:
            end = _day(item["end"])
            if end > month_end:
                continue
            key = f"phases/{item['index']}"
            row = {
                "plan": s,
                "name": item["name"],
                "when": item["when"],
                "end": Figure(
                    cn_day(end),
                    _attrs("status", f"{key}/when/end", item["end"], "date", s.path),
                    item["end"],
                ),
                "status": _status("status", f"{key}/status", item["status"], s.path),
                "day": end,
            }
            (soon if end <= xun_end else later).append(row)
    soon.sort(key=lambda row: row["day"])
    later.sort(key=lambda row: row["day"])

    def money(key: str, value: str) -> Figure:
        return figure("rollup", key, value, "money", unit="万元")

    def bars(key: str, label: str) -> list[svg.Bar]:
        return [
            svg.Bar(
                str(row[label]),
                value=Decimal(row["amount"]),
                text=money_text(row["amount"], "万元"),
                attrs=_attrs("rollup", f"{key}/{i}/amount", row["amount"], "money", None),
            )
            for i, row in enumerate(data[key])
        ]

    families = [
        {
            "name": row["family"],
            "targets": figure("rollup", f"families/{i}/targets", row["targets"], "count"),
            "progress": figure("rollup", f"families/{i}/progress", row["progress"], "pct"),
            "status": [
                Figure(
                    f"{name} {n}",
                    _attrs("rollup", f"families/{i}/status/{name}", n, "count", None)
                    + f' class="{status_class(name)}"',
                    str(n),
                )
                for name, n in row["status"].items()
            ],
        }
        for i, row in enumerate(data["families"])
    ]
    return _render(
        "index.html",
        root="",
        page_title="社区工作方案总览",
        as_of=cn_day(as_of),
        as_of_iso=as_of.isoformat(),
        rows=rows,
        plans=len(summaries),
        refused=[s for s in summaries if s.refused is not None],
        findings=[s for s in summaries if s.findings],
        statuses=[s.value for s in STATUSES],
        total=money("total", data["total"]),
        unfunded=money("unfunded", data["unfunded"]),
        funders=[
            {"name": row["name"], "amount": money(f"funders/{i}/amount", row["amount"])}
            for i, row in enumerate(data["funders"])
        ],
        funds=[
            {"name": row["fund"], "amount": money(f"funds/{i}/amount", row["amount"])}
            for i, row in enumerate(data["funds"])
        ],
        years=[
            {"name": row["year"], "amount": money(f"years/{i}/amount", row["amount"])}
            for i, row in enumerate(data["years"])
        ],
        units=[
            {
                "name": row["name"],
                "total": money(f"units/{i}/total", row["total"]),
                "shares": [
                    (name, money(f"units/{i}/shares/{name}", amount))
                    for name, amount in row["shares"].items()
                ],
            }
            for i, row in enumerate(data["units"])
        ],
        funder_chart=svg.bar_chart(
            "funders", "各出资方承担的经费（万元）", bars("funders", "name")
        ),
        fund_chart=svg.bar_chart("funds", "各资金来源的经费（万元）", bars("funds", "fund")),
        year_chart=svg.bar_chart("years", "各年度的经费（万元）", bars("years", "year")),
        families=families,
        attention=attention,
        attention_more=max(len(needing) - MAX_LISTED, 0),
        soon=soon[:MAX_LISTED],
        soon_more=max(len(soon) - MAX_LISTED, 0),
        later=later[:MAX_LISTED],
        later_more=max(len(later) - MAX_LISTED, 0),
        xun_end=cn_day(xun_end),
        xun_name=svg.xun_name(xun_end),
        month_end=cn_day(month_end),
    )


__all__ = [
    "SiteOptions",
    "SiteReport",
    "build_site",
    "page_slugs",
]
