"""JUnit XML, which most CI systems show as a test report: one test case per plan file.

A file with errors is a failed test case: one ``<failure>`` whose ``type`` is the first
error's code and whose text lists every problem of the file (warnings too). A file with
only warnings passes, its warnings in ``<system-out>``. The counts in ``<testsuite>``
are known only at the end, so test cases are kept (as text) until the footer writes
the whole document; ``header`` writes nothing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cplan.check import FileResult
from cplan.diagnostics import Diagnostic, Severity
from cplan.formats import FormatOptions, Totals

#: Characters XML 1.0 cannot hold at all, even escaped (most C0 controls, surrogates…).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with characters XML cannot hold shown as ``\\xNN`` escapes."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class JunitFormat:
    def __init__(self, options: FormatOptions) -> None:
        self.lang = options.lang
        self.cases: list[str] = []
        self.failures = 0

    def header(self) -> str:
        return ""

    def line(self, d: Diagnostic) -> str:
        return xml_safe(f"{d.line}:{d.col}: {d.severity.value} {d.code} {d.message(self.lang)}")

    def file(self, result: FileResult) -> str:
        case = ET.Element("testcase", classname="cplan", name=xml_safe(result.path))
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        text = "".join(self.line(d) + "\n" for d in result.diagnostics)
        if errors:
            self.failures += 1
            first = errors[0]
            message = f"{first.code} {first.message(self.lang)}"
            if len(errors) > 1:
                more = len(errors) - 1
                message += (
                    f" (and {more} more error{'s' * (more != 1)})"
                    if self.lang == "en"
                    else f" (另有 {more} 个错误)"
                )
            failure = ET.SubElement(case, "failure", message=xml_safe(message), type=first.code)
            failure.text = text
        elif text:
            ET.SubElement(case, "system-out").text = text
        self.cases.append("    " + ET.tostring(case, encoding="unicode") + "\n")
        return ""

    def footer(self, totals: Totals) -> str:
        counts = f'tests="{len(self.cases)}" failures="{self.failures}" errors="0"'
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<testsuites {counts}>\n"
            f'  <testsuite name="cplan" {counts}>\n'
            + "".join(self.cases)
            + "  </testsuite>\n</testsuites>\n"
        )
