"""JUnit XML, which most CI systems show as a test report: one test case per plan file.

A file with errors is a failed test case: one ``<failure>`` whose ``type`` is the first
error's code and whose text lists every problem of the file (warnings too). A file with
only warnings passes, its warnings in ``<system-out>``. Each test case carries ``file``
(the path relative to the repository root, as GitLab and pytest write it) and ``time``
(seconds from the previous result to this one, as the results stream in: with a
parallel run, roughly the file's share of the run).

Findings across files (``cross_file`` results, such as a plan id used twice) belong to a
file already reported: they join that file's test case, so there is still one test case
per plan file. The counts in ``<testsuite>`` are known only at the end, so test cases
are kept until the footer writes the whole document; ``header`` writes nothing.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cplan.check import FileResult
from cplan.diagnostics import Diagnostic, Severity
from cplan.formats import FormatOptions, Totals, relative_path, repository_root

#: Characters XML 1.0 cannot hold at all, even escaped (most C0 controls, surrogates…).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with characters XML cannot hold shown as ``\\xNN`` escapes."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def seconds(value: float) -> str:
    """A duration as JUnit readers expect it: seconds with three decimals, ``0.042``."""
    return f"{max(value, 0.0):.3f}"


@dataclass
class _Case:
    path: str
    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    time: float = 0.0


class JunitFormat:
    def __init__(self, options: FormatOptions) -> None:
        self.lang = options.lang
        self.root = repository_root(options.root)
        self.cases: dict[str, _Case] = {}
        self.started = datetime.now(UTC)
        self.clock = time.perf_counter()
        self.last = self.clock

    def header(self) -> str:
        return ""

    def line(self, d: Diagnostic) -> str:
        return xml_safe(f"{d.line}:{d.col}: {d.severity.value} {d.code} {d.message(self.lang)}")

    def file(self, result: FileResult) -> str:
        now = time.perf_counter()
        case = self.cases.get(result.path)
        if case is None:
            file = relative_path(result.path, self.root)
            case = self.cases[result.path] = _Case(result.path, file)
        case.diagnostics.extend(result.diagnostics)
        case.time += now - self.last
        self.last = now
        return ""

    def element(self, case: _Case) -> ET.Element:
        element = ET.Element(
            "testcase",
            classname="cplan",
            name=xml_safe(case.path),
            file=xml_safe(case.file),
            time=seconds(case.time),
        )
        found = sorted(case.diagnostics, key=Diagnostic.sort_key)
        errors = [d for d in found if d.severity is Severity.ERROR]
        text = "".join(self.line(d) + "\n" for d in found)
        if errors:
            first = errors[0]
            message = f"{first.code} {first.message(self.lang)}"
            if len(errors) > 1:
                more = len(errors) - 1
                message += (
                    f" (and {more} more error{'s' * (more != 1)})"
                    if self.lang == "en"
                    else f" (另有 {more} 个错误)"
                )
            failure = ET.SubElement(element, "failure", message=xml_safe(message), type=first.code)
            failure.text = text
        elif text:
            ET.SubElement(element, "system-out").text = text
        return element

    def footer(self, totals: Totals) -> str:
        elements = [self.element(case) for case in self.cases.values()]
        failures = sum(element.find("failure") is not None for element in elements)
        counts = f'tests="{len(elements)}" failures="{failures}" errors="0"'
        took = seconds(time.perf_counter() - self.clock)
        stamp = self.started.strftime("%Y-%m-%dT%H:%M:%S")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites {counts} time="{took}">\n'
            f'  <testsuite name="cplan" {counts} time="{took}" timestamp="{stamp}">\n'
            + "".join(
                "    " + ET.tostring(element, encoding="unicode") + "\n" for element in elements
            )
            + "  </testsuite>\n</testsuites>\n"
        )
