"""Room 4 of the pipeline: checks that a schema cannot express.

Each rule is a function in a module of its family, registered with :func:`rule`: it has
a stable code (``CP201``) and a default severity; its docstring says what it checks, for
the people who work on cplan. The user's documentation, in Chinese and English, is in
:mod:`cplan.messages.rule_docs` (``cplan rules CODE`` prints it), and its messages are in
:mod:`cplan.messages.catalog`. A rule reads a :class:`Subject` (the plan and figures
derived from it) and yields :class:`Finding` values naming the data path of the problem;
it never raises for a problem in the plan and never stops at the first one.

Families: CP2xx totals, CP3xx references, CP4xx dates and phases, CP5xx money and
sharing, CP6xx targets, CP7xx people and capacity.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from cplan.compute.figures import PlanFigures
from cplan.diagnostics import Severity
from cplan.messages.rule_docs import rule_doc, rule_summary

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """What a rule found: where (a data path) and which message, with its arguments."""

    path: DataPath
    args: Mapping[str, Any] = field(default_factory=dict)
    variant: str = ""
    at_key: bool = False


#: What a rule checks: the plan and the figures derived from it, each worked out once.
#: The same object goes on to the commands, so they show the money the rules checked.
Subject = PlanFigures


Check = Callable[[Subject], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check

    @property
    def doc(self) -> str:
        """The user's documentation, in Chinese (``docs/rules/`` is generated from it)."""
        return self.doc_in("zh")

    @property
    def summary(self) -> str:
        """The documentation's first line, in Chinese."""
        return self.summary_in("zh")

    def doc_in(self, lang: str) -> str:
        """The user's documentation in ``lang`` (``zh`` or ``en``)."""
        return rule_doc(self.code, lang)

    def summary_in(self, lang: str) -> str:
        """The one-line summary in ``lang``, as ``cplan rules`` lists it."""
        return rule_summary(self.code, lang)

    def message_key(self, finding: Finding) -> str:
        return f"{self.code}.{finding.variant}" if finding.variant else self.code


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity = Severity.ERROR) -> Callable[[Check], Check]:
    """Register a rule under its code; document it in :mod:`cplan.messages.rule_docs`."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, check.__name__.strip("_").replace("_", "-"), severity, check)
        return check

    return register


#: The modules that register rules, imported by :func:`all_rules` (and ahead of time in
#: the worker processes' server, so no worker imports them again).
RULE_MODULES = tuple(
    f"cplan.rules.{name}"
    for name in ("dates", "execution", "money", "people", "references", "targets", "totals")
)


def all_rules() -> dict[str, Rule]:
    """Every registered rule, by code, in code order."""
    for module in RULE_MODULES:
        importlib.import_module(module)
    return dict(sorted(RULES.items()))
