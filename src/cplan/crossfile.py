"""Checks across the files of a plan repository (CP8xx).

They need every file's :class:`~cplan.check.PlanFacts`, so they run after the files
themselves: ``cplan validate`` over a folder runs them, and so does the pre-commit hook
for the whole repository.

* CP801: a plan's ``id`` is used by another file too;
* CP802: a unit names its own plan (``plan: …``) and no file in the repository has it;
* CP803: the plan a unit names does not list that unit, or gives it another cost-sharing
  ratio, so the city's portfolio and the unit's own plan disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cplan.check import PlanFacts
from cplan.diagnostics import Diagnostic, Severity

CROSS_FILE_CODES = ("CP801", "CP802", "CP803")


@dataclass(frozen=True)
class _Seen:
    path: str
    facts: PlanFacts


def cross_check(files: Iterable[tuple[str, PlanFacts]]) -> dict[str, list[Diagnostic]]:
    """Cross-file diagnostics, by the path of the file they belong to."""
    plans: dict[str, _Seen] = {}
    found: dict[str, list[Diagnostic]] = {}

    def add(path: str, diagnostic: Diagnostic) -> None:
        found.setdefault(path, []).append(diagnostic)

    seen = [_Seen(path, facts) for path, facts in files]
    for item in seen:
        first = plans.get(item.facts.id)
        if first is None:
            plans[item.facts.id] = item
            continue
        add(
            item.path,
            Diagnostic(
                item.path,
                item.facts.id_span,
                "CP801",
                Severity.ERROR,
                "CP801",
                {"id": item.facts.id, "other": first.path},
            ),
        )
    for item in seen:
        for unit in item.facts.units:
            if unit.plan is None:
                continue
            target = plans.get(unit.plan)
            if target is None:
                add(
                    item.path,
                    Diagnostic(
                        item.path,
                        unit.plan_span,
                        "CP802",
                        Severity.ERROR,
                        "CP802",
                        {"unit": unit.id, "plan": unit.plan},
                    ),
                )
                continue
            mirror = next((u for u in target.facts.units if u.id == unit.id), None)
            if mirror is None:
                add(
                    item.path,
                    Diagnostic(
                        item.path,
                        unit.plan_span,
                        "CP803",
                        Severity.ERROR,
                        "CP803.missing",
                        {"unit": unit.id, "plan": unit.plan, "other": target.path},
                    ),
                )
            elif unit.sharing and mirror.sharing and unit.sharing != mirror.sharing:
                add(
                    item.path,
                    Diagnostic(
                        item.path,
                        unit.sharing_span,
                        "CP803",
                        Severity.ERROR,
                        "CP803.sharing",
                        {
                            "unit": unit.id,
                            "ratio": unit.sharing,
                            "other": target.path,
                            "other_ratio": mirror.sharing,
                        },
                    ),
                )
    return found
