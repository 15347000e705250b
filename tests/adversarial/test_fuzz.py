"""Mutation fuzzing of the shipped plans through the in-process API.

Hypothesis takes an example plan (``examples/*.yaml``, ``plans/**/*.yaml``), applies a few
mutations (delete or duplicate lines, change a scalar's type, re-indent, insert control
characters; at the byte level: truncate, re-encode in UTF-16 / GB18030 / Latin-1) and
checks the result with :func:`cplan.check.check_text` or :func:`cplan.check.check_file`.
Whatever the input, the contract holds:

* no exception escapes;
* every diagnostic has line ≥ 1 and col ≥ 1, the line within the text's lines + 1;
* every code is documented (``cplan.codes.INPUT_CODES`` or a rule of ``all_rules()``),
  and every message renders in Chinese and English;
* ``FileResult.errors == 0`` implies ``plan is not None``.

The runs are derandomized (the same cases on every run, about 1,500 in all). A failure
found here is minimized by Hypothesis; save the input under ``seeds/`` (see its README) and
it is replayed by :func:`test_seed` on every run from then on.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cplan.check import FileResult, check_file, check_text
from cplan.codes import INPUT_CODES
from cplan.read import ReadFailure, decode
from cplan.rules import all_rules
from tests.conftest import ROOT, SHIPPED_PLANS

SEEDS = Path(__file__).resolve().parent / "seeds"
DOCUMENTED = set(INPUT_CODES) | set(all_rules())
PLANS = {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in SHIPPED_PLANS}
FUZZ = settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


SCALAR_LINE = re.compile(r"^(?P<head>\s*(?:- )?[^\s#:][^:#]*:) (?P<value>\S.*)$")
REPLACEMENTS = [
    "0",
    "-1",
    "1e999999",
    "-1e-999999",
    "12345678901234567890123456789",
    "3.14159",
    ".nan",
    "''",
    "文本",
    "２０２４年",
    "５：５",
    "2月30日",
    "2024年13月",
    "null",
    "true",
    "[]",
    "[1, 2]",
    "{}",
    "{a: 1}",
    "*nope",
    "&a x",
    "!!python/object/apply:os.system [x]",
    "!custom x",
    '"unclosed',
    "9" * 50,
]
CONTROL = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9b", "\t", "\r", "\u2028", "\ufeff", "\ufffe"]


# -- the contract ---------------------------------------------------------------------


def line_count(text: str) -> int:
    return len(text.splitlines())


def column_fits(line: int, col: int, lines: list[str]) -> bool:
    """A column on its line, or just past its end (a missing value); 1 after the last line."""
    if line > len(lines):
        return col == 1
    return col <= len(lines[line - 1]) + 2


def check_contract(result: FileResult, text: str | None, display: str) -> None:
    lines = line_count(text) if text is not None else None
    text_lines = text.splitlines() if text is not None else []
    for d in result.diagnostics:
        assert d.path == display
        assert d.line >= 1, d
        assert d.col >= 1, d
        if lines is not None:
            assert d.line <= lines + 1, (d, lines)
            assert column_fits(d.line, d.col, text_lines), (d, text_lines[d.line - 1 :][:1])
        assert d.code in DOCUMENTED, d
        assert d.format("zh")
        assert d.format("en")
    if result.errors == 0:
        assert result.plan is not None


def run_text(text: str) -> None:
    result = check_text(text, "fuzz.yaml")  # no exception may escape
    check_contract(result, text, "fuzz.yaml")


def run_bytes(data: bytes, folder: Path) -> None:
    path = folder / "fuzz.yaml"
    path.write_bytes(data)
    result = check_file(path, "fuzz.yaml")  # no exception may escape
    try:
        text: str | None = decode(data, "fuzz.yaml")
    except ReadFailure:
        text = None
        for d in result.diagnostics:  # positions of undecodable bytes count "\n" bytes
            assert 1 <= d.line <= data.count(b"\n") + 1, d
    check_contract(result, text, "fuzz.yaml")


# -- mutations ---------------------------------------------------------------------------


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    lines = PLANS[draw(st.sampled_from(sorted(PLANS)))].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        kind = draw(st.sampled_from(["delete", "duplicate", "retype", "reindent", "control"]))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(i, min(len(lines), i + 8)))
        if kind == "delete":
            del lines[i:j]
        elif kind == "duplicate":
            lines[j:j] = lines[i:j] * draw(st.integers(1, 3))
        elif kind == "retype":
            candidates = [k for k, line in enumerate(lines) if SCALAR_LINE.match(line.rstrip("\n"))]
            if candidates:
                k = draw(st.sampled_from(candidates))
                match = SCALAR_LINE.match(lines[k].rstrip("\n"))
                assert match
                new = draw(st.sampled_from(REPLACEMENTS))
                lines[k] = f"{match.group('head')} {new}\n"
        elif kind == "reindent":
            shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 3, "tab"]))
            for k in range(i, max(j, i + 1)):
                if shift == "tab":
                    lines[k] = re.sub(r"^( +)", lambda m: "\t" * (len(m.group(1)) // 2), lines[k])
                elif isinstance(shift, int) and shift > 0:
                    lines[k] = " " * shift + lines[k]
                else:
                    lines[k] = re.sub(rf"^ {{0,{-int(shift)}}}", "", lines[k])
        else:
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(CONTROL)) + line[at:]
    return "".join(lines)


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    text = (
        draw(mutated_text()) if draw(st.booleans()) else PLANS[draw(st.sampled_from(sorted(PLANS)))]
    )
    kind = draw(st.sampled_from(["truncate", "utf16", "utf16-nobom", "gb18030", "latin1", "bom"]))
    if kind == "utf16":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le", errors="surrogatepass")
    elif kind == "utf16-nobom":
        data = text.encode("utf-16-be", errors="surrogatepass")
    elif kind == "gb18030":
        data = text.encode("gb18030", errors="replace")
    elif kind == "latin1":
        data = text.encode("latin-1", errors="replace")
    elif kind == "bom":
        data = codecs.BOM_UTF8 + text.encode("utf-8", errors="surrogatepass")
    else:
        data = text.encode("utf-8", errors="surrogatepass")
    if kind == "truncate" or draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(mutated_text())
def test_mutated_text_keeps_the_contract(text: str) -> None:
    run_text(text)


@settings(FUZZ, max_examples=600)
@given(st.data())
def test_mutated_bytes_keep_the_contract(fuzz_folder: Path, data: st.DataObject) -> None:
    run_bytes(data.draw(mutated_bytes()), fuzz_folder)


@settings(FUZZ, max_examples=400)
@given(
    st.sampled_from(sorted(PLANS)),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.text(min_size=1, max_size=3)), min_size=1, max_size=4
    ),
)
def test_arbitrary_insertions_keep_the_contract(name: str, edits: list[tuple[int, str]]) -> None:
    text = PLANS[name]
    for offset, piece in edits:
        at = offset % (len(text) + 1)
        text = text[:at] + piece + text[at:]
    run_text(text)


# -- the seed corpus: every failure found, replayed ---------------------------------------

SEED_FILES = sorted(p for p in SEEDS.glob("*") if p.is_file() and p.name != "README.md")


def _seed(path: Path) -> object:
    marks = []
    if path.name.startswith("bug-"):
        reason = path.with_suffix(".reason") if path.suffix != ".reason" else None
        text = reason.read_text(encoding="utf-8").strip() if reason and reason.exists() else ""
        marks.append(pytest.mark.xfail(strict=True, reason=f"BUG: {text or path.name}"))
    return pytest.param(path, id=path.name, marks=marks)


@pytest.mark.parametrize("seed", [_seed(p) for p in SEED_FILES if p.suffix != ".reason"] or [None])
def test_seed(seed: Path | None, tmp_path: Path) -> None:
    """Replay a saved failing input; a ``bug-`` seed is a known bug (strict xfail)."""
    if seed is None:
        pytest.skip("no seeds saved yet")
    data = seed.read_bytes()
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    result = check_file(path, "fuzz.yaml")  # no known-bug filter here
    try:
        text: str | None = decode(data, "fuzz.yaml")
    except ReadFailure:
        text = None
    lines = text.splitlines() if text is not None else []
    check_contract(result, text, "fuzz.yaml")
    for d in result.diagnostics:  # and the column check, with no exemption
        if text is not None:
            assert column_fits(d.line, d.col, lines), d
