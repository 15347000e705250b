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
import re
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from cplan.compute.figures import PlanFigures
from cplan.config import Settings
from cplan.diagnostics import FILE_START, Diagnostic, Severity, Span
from cplan.errors import PathMissing, PlanRefused
from cplan.locate import Located, LocateFailure, locate
from cplan.messages.keys import describe, key_for, title_of
from cplan.model import Plan, Target
from cplan.model.targets import KIND_NAMES_ZH
from cplan.model.values import parse_span
from cplan.model.values.dates import LAST_YEAR
from cplan.read import ReadFailure, read_source
from cplan.rules import Rule, Subject, all_rules

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class UnitFacts:
    """What a plan says of one unit, as the cross-file checks need it."""

    id: str
    plan: str | None
    sharing: str | None
    plan_span: Span
    sharing_span: Span


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """The little of a valid plan that checks across files need: small, picklable."""

    #: The top-level sections whose positions facts take: located while the file is read.
    SECTIONS: ClassVar[frozenset[str]] = frozenset({"id", "units"})

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
    """A field's short Chinese name, from the one table of key names."""
    if model is None or name not in model.model_fields:
        return ""
    return title_of(name, model.__name__)


def _field_name(path: Sequence[str | int]) -> str:
    """How a place is named in a message: ``deadline``, or ``principles 第 1 项``."""
    if not path:
        return ""
    if isinstance(path[-1], int) and len(path) > 1:
        return f"{path[-2]} 第 {path[-1] + 1} 项"
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
    found: list[Diagnostic] = []
    for detail in error.errors(include_url=False):
        if detail["type"] == "extra_forbidden":
            suggest -= 1
        found.extend(_one_error(detail, located, display, seen, suggest=suggest >= 0))
    # ``{id:city}`` is one key ``id:city``: its "missing id" says the same thing again
    written = {
        (d.args["where"], str(d.args["fixed"]).split(":")[0])
        for d in found
        if d.key == "schema.extra_forbidden.colon"
    }
    for diagnostic in found:
        missing = diagnostic.key == "schema.missing"
        if missing and (diagnostic.args["where"], diagnostic.args["field"]) in written:
            continue
        yield diagnostic


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
    where, where_en = describe(path, located.data)
    args: dict[str, Any] = {
        "field": field_name,
        "label_zh": _label(model, field_name),
        "label_en": f" ({field_name.replace('_', ' ')})" if "_" in field_name else "",
        "where": where,
        "where_en": where_en,
        "input": _show_input(detail.get("input")),
        "detail": detail["msg"],
        **{k: v for k, v in (detail.get("ctx") or {}).items() if not isinstance(v, Exception)},
    }
    given = detail.get("input")
    if kind in ("enum", "literal_error"):
        args["choices_zh"] = "、".join(_QUOTED.findall(str(args.get("expected", ""))))
        args["choices_en"] = args.get("expected", "")
    if kind == "extra_forbidden":
        key = _unknown_key(field_name, given, model, args, suggest=suggest)
        if key == "schema.extra_forbidden.fullwidth_space":
            span = Span.point(span.line, span.col + field_name.index("\u3000"))
    elif kind == "string_type" and isinstance(given, dict):
        key = "schema.string_type.mapping"
    elif kind == "list_type":
        key = _not_a_list(given, args)
    elif kind == "enum" and model is Target and field_name == "kind":
        key = "schema.enum.target_kind"
        names, values = "、".join(KIND_NAMES_ZH.values()), "、".join(KIND_NAMES_ZH)
        args["kinds_zh"] = f"{names}（或写 {values}）"
        args["kinds_en"] = args["choices_en"]
    else:
        key = f"schema.{kind}"
    code = _SCHEMA_CODES.get(kind, "CP103" if key in _value_keys() else "CP100")
    if code == "CP100":
        key = key if key in _known_keys() else "schema.other"
    yield Diagnostic(display, span, code, Severity.ERROR, key, args)


#: The quoted choices in pydantic's ``expected`` (``'a', 'b' or 'c'``).
_QUOTED = re.compile(r"'([^']*)'")

#: Keys officers write in a budget line for who pays; cplan says that with ``sharing``.
_FUNDER_WORDS = frozenset({"funder", "funders", "payer", "出资方", "出资单位", "承担方"})
_SHARING_KEYS = frozenset({"ratio", "remainder", "fixed"})
_FULLWIDTH_BRACKETS = str.maketrans(
    {"［": "[", "］": "]", "【": "[", "】": "]", "，": ",", "、": ","}
)


def _unknown_key(
    written: str,
    value: Any,
    model: type[BaseModel] | None,
    args: dict[str, Any],
    *,
    suggest: bool,
) -> str:
    """The message for an unknown key: the key meant, and how to write it.

    ``funder: street`` in a budget line is a sharing (``sharing: {remainder: street}``),
    not ``fund``; a Chinese key (``负责单位``) is the key it names (``owner``); ``id:a``
    read in ``{id:a}`` as one key lacks the space after the colon; a key that starts with
    full-width spaces was indented with them.
    """
    fields = list(model.model_fields) if model is not None else []
    name = model.__name__ if model is not None else None
    shown = value if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if "\u3000" in written:
        return "schema.extra_forbidden.fullwidth_space"
    for colon in (":", "："):
        if colon in written:
            key, _, rest = written.partition(colon)
            args["fixed"] = f"{key.strip()}: {rest.strip()}"
            return "schema.extra_forbidden.colon"
    if name in ("BudgetLine", "Budget") and (written in _FUNDER_WORDS or written in _SHARING_KEYS):
        args["value"] = str(shown) if shown is not None else "出资方标识符"
        args["value_en"] = str(shown) if shown is not None else "funder-id"
        if written in _SHARING_KEYS:
            return "schema.extra_forbidden.sharing_key"
        return "schema.extra_forbidden.funder"
    if suggest and fields:
        meant = key_for(written, fields, name)
        if meant is not None:
            args["suggestion"] = meant
            args["suggestion_label"] = title_of(meant, name)
            return "schema.extra_forbidden.chinese"
        close = difflib.get_close_matches(written, fields, n=1, cutoff=0.5)
        if close:
            args["suggestion"] = close[0]
            args["suggestion_label"] = title_of(close[0], name)
            return "schema.extra_forbidden.suggest"
    return "schema.extra_forbidden"


def _not_a_list(value: Any, args: dict[str, Any]) -> str:
    """The message for a value that should be a list: what was written instead."""
    if isinstance(value, dict):
        return "schema.list_type.mapping"
    if isinstance(value, str):
        fixed = value.strip().translate(_FULLWIDTH_BRACKETS)
        if fixed != value.strip() and fixed.startswith("["):
            args["fixed"] = fixed
            return "schema.list_type.fullwidth"
        items = [part.strip() for part in fixed.split(",") if part.strip()]
        args["fixed"] = "[" + ", ".join(items) + "]"
        return "schema.list_type.text"
    return "schema.list_type"


@functools.cache
def _known_keys() -> frozenset[str]:
    from cplan.messages.catalog import MESSAGES

    return frozenset(MESSAGES)


@functools.cache
def _value_keys() -> frozenset[str]:
    from cplan.messages.values_catalog import VALUE_MESSAGES

    return frozenset(f"schema.{key}" for key in VALUE_MESSAGES)


# -- the pipeline ----------------------------------------------------------------------


def _period_years(data: dict[str, Any]) -> tuple[int | None, int | None]:
    """The plan period's first and last years, for dates written without a year (4月中旬)."""
    try:
        period = parse_span(data.get("period"))
    except Exception:  # noqa: BLE001 - the model reports a bad period itself
        return None, None
    return period.start.year, period.end.year


def model_plan(located: Located, display: str) -> tuple[Plan | None, list[Diagnostic]]:
    """Validate located data into a Plan, with positioned diagnostics for every problem."""
    first, last = _period_years(located.data)
    try:
        plan = Plan.model_validate(located.data, context={"default_year": first, LAST_YEAR: last})
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
            args = finding.args
            if "first_at" in args:  # another place in the file: named by its line
                args = {k: v for k, v in args.items() if k != "first_at"}
                args["first_line"] = located.span_of(finding.args["first_at"]).line
            found.append(
                Diagnostic(display, span, rule.code, rule.severity, rule.message_key(finding), args)
            )
    return found


def _diagnose(
    text: str, display: str
) -> tuple[Plan | None, list[Diagnostic], PlanFacts | None, PlanFigures | None]:
    try:
        located = locate(text, display, sections=PlanFacts.SECTIONS)
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

    # without include or exclude patterns every file is wanted: no path is resolved
    # (which costs more than the rest of the walk on a repository of 100,000 plans)
    patterns = settings is not None and bool(settings.include or settings.exclude)

    def wanted(path: Path, *, hidden: bool) -> bool:
        if hidden:
            return False
        return not patterns or settings is None or settings.wants_file(path)

    for path in given:
        if path.is_dir():
            for file in _walk(path):  # hidden folders are not entered
                if wanted(file, hidden=file.name.startswith(".")):
                    found.append(file)
                else:
                    skipped += 1
        elif path.exists():
            if wanted(path, hidden=is_hidden(_as_given(path, settings))):
                found.append(path)
            else:
                skipped += 1
        else:
            raise PathMissing(path)
    return PlanFiles(found, skipped)


def _walk(top: Path) -> Iterator[Path]:
    """The *.yaml and *.yml files under ``top``, in the order of a top-down ``os.walk``
    with sorted names, without recursion (any depth of folders; ``os.walk`` recurses on
    Python 3.11). Hidden folders are skipped and links to folders are not entered, so a
    loop of links cannot make the walk endless; unreadable folders are passed over.
    """
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        folders: list[str] = []
        files: list[str] = []
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if not is_folder:
                files.append(entry.name)
            elif not entry.name.startswith(".") and not entry.is_symlink():
                folders.append(entry.name)
        yield from (folder / name for name in sorted(files) if name.endswith(PLAN_SUFFIXES))
        stack.extend(folder / name for name in sorted(folders, reverse=True))


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
