"""Run the checking half of the pipeline on files: read → locate → model → rules.

:func:`check_file` returns a :class:`FileResult` (the plan when it is valid, and every
diagnostic); :func:`plan_files` expands directories into plan files, and
:func:`cplan.batch.check_files` checks many of them in parallel. Nothing here
prints or exits; the CLI decides what to show and which exit code to use.
"""

from __future__ import annotations

import difflib
import functools
import os
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from cplan.compute.figures import PlanFigures
from cplan.config import Settings
from cplan.diagnostics import FILE_START, Diagnostic, Severity, Span
from cplan.errors import PathMissing, PlanRefused
from cplan.locate import Located, LocateFailure, locate
from cplan.model import Plan
from cplan.model.values import parse_span
from cplan.read import ReadFailure, read_source
from cplan.rules import Rule, Subject, all_rules

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class UnitFacts:
    """What a plan says of one unit, as the cross-file checks need it."""

    id: str
    plan: str | None
    sharing: str | None
    plan_span: Span
    sharing_span: Span


@dataclass(frozen=True)
class PlanFacts:
    """The little of a valid plan that checks across files need: small, picklable."""

    id: str
    id_span: Span
    units: tuple[UnitFacts, ...]

    @classmethod
    def of(cls, plan: Plan, located: Located) -> PlanFacts:
        return cls(
            plan.id,
            located.span_of(("id",)),
            tuple(
                UnitFacts(
                    unit.id,
                    unit.plan,
                    str(unit.sharing) if unit.sharing is not None else None,
                    located.span_of(("units", i, "plan")),
                    located.span_of(("units", i, "sharing")),
                )
                for i, unit in enumerate(plan.units)
            ),
        )


@dataclass
class FileResult:
    """One checked plan file: what every command stands on.

    ``diagnostics`` are those left after the configuration (selection, ignores, severity
    overrides, inline disables). ``figures`` are the money and progress the rules checked,
    worked out once; ``data`` the exact bytes that were checked. Results of
    :func:`cplan.batch.check_files` carry diagnostics and facts only. ``cross_file`` marks
    the extra result of a repository-wide check for a file already reported.
    """

    path: str
    plan: Plan | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: PlanFacts | None = None
    figures: PlanFigures | None = None
    data: bytes | None = None
    cross_file: bool = False

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as shown in messages: relative to the current directory where possible."""
    base = cwd or Path.cwd()
    try:
        return os.path.relpath(path.absolute(), base.absolute()).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return str(path)


# -- pydantic errors → diagnostics ----------------------------------------------------

_SCHEMA_CODES = {"missing": "CP101", "extra_forbidden": "CP102"}


def _data_prefix(data: Any, loc: Sequence[str | int]) -> tuple[tuple[str | int, ...], list[str]]:
    """Split a pydantic location into the part that exists in the data and the rest."""
    path: list[str | int] = []
    current = data
    rest = list(loc)
    while rest:
        step = rest[0]
        if isinstance(current, dict) and isinstance(step, str) and step in current:  # noqa: SIM114 (mypy narrows each branch)
            current = current[step]
        elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            current = current[step]
        else:
            break
        path.append(step)
        rest.pop(0)
    return tuple(path), [str(step) for step in rest]


def _model_at(path: Sequence[str | int]) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at ``path`` (for field suggestions)."""
    model: Any = Plan
    for step in path:
        if isinstance(step, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        info = model.model_fields.get(step)
        if info is None:
            return None
        model = _unwrap(info.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """The model inside ``list[X]``, ``X | None`` or ``dict[str, X]``, if there is one."""
    origin = get_origin(annotation)
    if origin in (list, Union, types.UnionType, dict):
        for arg in get_args(annotation):
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return None
    return annotation


def _label(model: type[BaseModel] | None, name: str) -> str:
    """A field's short Chinese label, from the start of its description."""
    if model is None or name not in model.model_fields:
        return ""
    description = model.model_fields[name].description or ""
    for stop in (":", ",", "。", "(", "；", ";", " "):
        description = description.split(stop)[0]
    return description


def _field_name(path: Sequence[str | int]) -> str:
    """How a place is named in a message: ``deadline``, or ``principles[0]`` for a list item."""
    if not path:
        return ""
    if isinstance(path[-1], int) and len(path) > 1:
        return f"{path[-2]}[{path[-1]}]"
    return str(path[-1])


def _show_input(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


#: Unknown keys that get a "did you mean" suggestion; past this many, a file is not a plan
#: with typos but something else, and finding close matches would only cost time.
MAX_SUGGESTIONS = 50


def _schema_diagnostics(
    error: ValidationError, located: Located, display: str
) -> Iterator[Diagnostic]:
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    suggest = MAX_SUGGESTIONS
    for detail in error.errors(include_url=False):
        if detail["type"] == "extra_forbidden":
            suggest -= 1
        yield from _one_error(detail, located, display, seen, suggest=suggest >= 0)


def _one_error(
    detail: ErrorDetails,
    located: Located,
    display: str,
    seen: set[tuple[tuple[str | int, ...], str]],
    *,
    suggest: bool = True,
) -> Iterator[Diagnostic]:
    kind = detail["type"]
    path, rest = _data_prefix(located.data, detail["loc"])
    if kind == "missing" and rest:
        field_name = rest[0]
        span = located.span_of(path)
    elif kind == "extra_forbidden":
        field_name = str(path[-1]) if path else ""
        span = located.span_of(path, key=True)
        path = path[:-1]
    else:
        field_name = _field_name(path)
        span = located.span_of(path)
    marker = (path, field_name if kind in _SCHEMA_CODES else "")
    if marker in seen:  # one message per place: a union reports every branch
        return
    seen.add(marker)
    parent = path[:-1] if kind not in _SCHEMA_CODES else path
    model = _model_at(parent)
    args: dict[str, Any] = {
        "field": field_name,
        "label": _label(model, field_name),
        "where": ".".join(str(step) for step in path) or "(顶层)",
        "input": _show_input(detail.get("input")),
        "detail": detail["msg"],
        **{k: v for k, v in (detail.get("ctx") or {}).items() if not isinstance(v, Exception)},
    }
    if kind == "extra_forbidden":
        close = (
            difflib.get_close_matches(field_name, list(model.model_fields), n=1, cutoff=0.5)
            if model is not None and suggest
            else []
        )
        args["suggestion"] = close[0] if close else ""
        key = "schema.extra_forbidden.suggest" if close else "schema.extra_forbidden"
    elif kind == "string_type" and isinstance(detail.get("input"), dict):
        key = "schema.string_type.mapping"
    else:
        key = f"schema.{kind}"
    code = _SCHEMA_CODES.get(kind, "CP103" if key in _value_keys() else "CP100")
    if code == "CP100":
        key = key if key in _known_keys() else "schema.other"
    yield Diagnostic(display, span, code, Severity.ERROR, key, args)


@functools.cache
def _known_keys() -> frozenset[str]:
    from cplan.messages.catalog import MESSAGES

    return frozenset(MESSAGES)


@functools.cache
def _value_keys() -> frozenset[str]:
    from cplan.messages.values_catalog import VALUE_MESSAGES

    return frozenset(f"schema.{key}" for key in VALUE_MESSAGES)


# -- the pipeline ----------------------------------------------------------------------


def _default_year(data: dict[str, Any]) -> int | None:
    """The plan period's first year, for dates written without a year (4月中旬)."""
    try:
        return parse_span(data.get("period")).start.year
    except Exception:  # noqa: BLE001 - the model reports a bad period itself
        return None


def model_plan(located: Located, display: str) -> tuple[Plan | None, list[Diagnostic]]:
    """Validate located data into a Plan, with positioned diagnostics for every problem."""
    try:
        plan = Plan.model_validate(
            located.data, context={"default_year": _default_year(located.data)}
        )
    except ValidationError as error:
        return None, list(_schema_diagnostics(error, located, display))
    return plan, []


def run_rules(
    plan: Plan | Subject, located: Located, display: str, rules: Iterable[Rule] | None = None
) -> list[Diagnostic]:
    """Every finding of every rule, as diagnostics positioned through ``located``."""
    found: list[Diagnostic] = []
    subject = plan if isinstance(plan, Subject) else Subject(plan)
    for rule in rules if rules is not None else all_rules().values():
        for finding in rule.check(subject):
            span = located.span_of(finding.path, key=finding.at_key)
            found.append(
                Diagnostic(
                    display, span, rule.code, rule.severity, rule.message_key(finding), finding.args
                )
            )
    return found


def _diagnose(
    text: str, display: str
) -> tuple[Plan | None, list[Diagnostic], PlanFacts | None, PlanFigures | None]:
    try:
        located = locate(text, display)
    except LocateFailure as failure:
        return None, failure.diagnostics, None, None
    plan, diagnostics = model_plan(located, display)
    if plan is None:
        return None, diagnostics, None, None
    figures = PlanFigures(plan)
    return plan, run_rules(figures, located, display), PlanFacts.of(plan, located), figures


def check_text(
    text: str,
    display: str,
    settings: Settings | None = None,
    path: Path | None = None,
    data: bytes | None = None,
) -> FileResult:
    """Check a plan given as text (already decoded), under ``settings`` if given."""
    plan, diagnostics, facts, figures = _diagnose(text, display)
    if settings is not None:
        diagnostics = settings.apply(path or Path(display), text, diagnostics)
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    return FileResult(display, plan, ordered, facts, figures, data)


def check_file(
    path: Path, display: str | None = None, settings: Settings | None = None
) -> FileResult:
    """Check one plan file, under ``settings`` (selection, ignores, inline disables) if given."""
    shown = display or display_path(path)
    try:
        source = read_source(path, shown)
    except ReadFailure as failure:
        kept = [failure.diagnostic]
        if settings is not None:
            kept = settings.apply(path, None, kept)
        return FileResult(shown, None, kept)
    return check_text(source.text, shown, settings, path, source.data)


def check_plan(path: Path, settings: Settings) -> FileResult:
    """The one entry point of every command that works on a plan: the file, checked.

    The diagnostics are those left after the configuration, exactly as ``cplan validate``
    reports them; the figures are the ones the rules checked. Raises
    :class:`~cplan.errors.PathMissing` for a path that does not exist.
    """
    if not path.exists():
        raise PathMissing(path)
    return check_file(path, settings=settings)


@dataclass(frozen=True)
class CheckedPlan:
    """A checked plan whose figures can be given: what status, funding, report, rollup,
    collect, update and diff stand on."""

    result: FileResult
    plan: Plan
    figures: PlanFigures

    @property
    def path(self) -> str:
        """The name the plan is shown under."""
        return self.result.path

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.result.diagnostics


def with_figures(
    result: FileResult, *, needs_money: bool = True, strict: bool = False
) -> CheckedPlan:
    """The plan and figures of a checked file, or :class:`~cplan.errors.PlanRefused`.

    Refused: a plan that could not be read or modelled (unreadable file, YAML or schema
    errors); a plan whose money cannot all be computed while an error says why (a line
    that names a unit or quantity that does not exist, an unusable ratio), when the
    command shows money; and, with ``strict``, a plan with any finding. Rule findings
    alone (totals, limits, composition, dates) do not hide the figures.
    """
    shown = result.path
    if result.plan is None or result.figures is None:
        raise PlanRefused("refused.invalid", result.diagnostics, path=shown)
    if needs_money and result.errors and not result.figures.money_complete:
        raise PlanRefused("refused.money", result.diagnostics, path=shown)
    if strict and (result.errors or result.warnings):
        count = result.errors + result.warnings
        raise PlanRefused("refused.strict", result.diagnostics, path=shown, count=count)
    return CheckedPlan(result, result.plan, result.figures)


def is_hidden(path: Path) -> bool:
    """Whether any folder or file name in ``path`` (as given) starts with a dot.

    ``.pre-commit-config.yaml``, ``.gitlab-ci.yml`` and ``.github/workflows/*.yml`` are
    hidden; ``./plans/a.yaml`` and ``../plans/a.yaml`` are not.
    """
    return any(part.startswith(".") and part not in (".", "..") for part in path.parts)


@dataclass(frozen=True)
class PlanFiles:
    """The plan files to check, and how many files the configuration left out."""

    files: list[Path]
    skipped: int = 0


def plan_files(paths: Iterable[Path], settings: Settings | None = None) -> PlanFiles:
    """Expand files and directories (recursively, *.yaml and *.yml) into plan files.

    With no paths, the folder of the configuration (its ``include`` patterns say which
    files are plans). Hidden files and folders (``.git``, ``.gitlab-ci.yml``,
    ``.github/``) are never plans, and the settings' include and exclude globs apply to
    files named on the command line too: pre-commit passes every staged YAML file.
    Raises :class:`~cplan.errors.PathMissing` for a path that does not exist.
    """
    given = list(paths)
    if not given:
        given = [settings.root if settings is not None else Path()]
    found: list[Path] = []
    skipped = 0

    def wanted(path: Path, shown: Path) -> bool:
        return not is_hidden(shown) and (settings is None or settings.wants_file(path))

    for path in given:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.endswith(PLAN_SUFFIXES):
                        continue
                    if wanted(Path(root) / name, Path(name)):
                        found.append(Path(root) / name)
                    else:
                        skipped += 1
        elif path.exists():
            if wanted(path, _as_given(path, settings)):
                found.append(path)
            else:
                skipped += 1
        else:
            raise PathMissing(path)
    return PlanFiles(found, skipped)


def _as_given(path: Path, settings: Settings | None) -> Path:
    """A named path as the hidden-file test reads it: relative to the configuration root."""
    if not path.is_absolute():
        return path
    root = settings.root if settings is not None else Path.cwd()
    try:
        return path.relative_to(root.absolute())
    except ValueError:
        return Path(path.name)


__all__ = [
    "FILE_START",
    "CheckedPlan",
    "FileResult",
    "PlanFiles",
    "Span",
    "check_file",
    "check_plan",
    "check_text",
    "plan_files",
    "with_figures",
]
