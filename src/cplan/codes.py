"""Codes of the problems found before the rules run: reading, YAML and the schema, and
the checks across the files of a repository (CP8xx).

Like the rules (:mod:`cplan.rules`), each code is documented in both languages in
:mod:`cplan.messages.rule_docs`, so that ``cplan rules CODE`` can explain every code a
user may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from cplan.diagnostics import Severity
from cplan.messages.rule_docs import rule_doc, rule_summary


@dataclass(frozen=True)
class InputCode:
    code: str
    name: str
    severity: Severity = Severity.ERROR

    @property
    def doc(self) -> str:
        """The user's documentation, in Chinese."""
        return self.doc_in("zh")

    @property
    def summary(self) -> str:
        """The documentation's first line, in Chinese."""
        return self.summary_in("zh")

    def doc_in(self, lang: str) -> str:
        return rule_doc(self.code, lang)

    def summary_in(self, lang: str) -> str:
        return rule_summary(self.code, lang)


#: Every input and cross-file code, in code order.
INPUT_CODES: dict[str, InputCode] = {
    item.code: item
    for item in (
        InputCode("CP001", "unreadable"),
        InputCode("CP002", "encoding"),
        InputCode("CP003", "too-large"),
        InputCode("CP010", "yaml-syntax"),
        InputCode("CP011", "duplicate-key"),
        InputCode("CP012", "tag-refused"),
        InputCode("CP013", "alias"),
        InputCode("CP014", "too-deep"),
        InputCode("CP015", "not-a-plan"),
        InputCode("CP016", "many-documents"),
        InputCode("CP100", "schema"),
        InputCode("CP101", "missing"),
        InputCode("CP102", "unknown-key"),
        InputCode("CP103", "value-format"),
        InputCode("CP801", "plan-id-unique"),
        InputCode("CP802", "unit-plan-exists"),
        InputCode("CP803", "unit-plan-consistent"),
    )
}
