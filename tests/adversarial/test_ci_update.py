"""``cplan update``: concurrent runs and hostile workbooks (issue #12, items 2 and 3).

Returned workbooks come from people outside the office, so each hostile one is run
through the real command under 2 s of CPU and 300 MB of address space: refused with a
message naming the workbook or the cell (or, when what it holds is harmless and out of
sight, accepted), never a hang, a traceback or a plan changed by a refused workbook.
"""

from __future__ import annotations

import fcntl
import io
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cplan.check import check_text
from cplan.fieldwork import build_workbook
from tests.adversarial import (
    TIME_LIMIT,
    Run,
    cplan_env,
    git,
    limit_resources,
    run_cplan,
    run_many,
    wall_limit,
)
from tests.conftest import ROOT

HETANG = ROOT / "plans" / "wutongli" / "hetang.yaml"
TEXT = HETANG.read_text(encoding="utf-8")
MEMORY = 300 * 1024 * 1024
DATA = "xl/worksheets/sheet2.xml"  # 指标
META = "xl/worksheets/sheet5.xml"  # _cplan (after 填报说明, 指标, 阶段, 经费执行)
UNIT_META = "xl/worksheets/sheet4.xml"  # _cplan of a unit without budget lines (shitang)


def workbook(unit: str | None = None, key: bytes | None = None) -> bytes:
    result = check_text(TEXT, "hetang.yaml")
    assert result.plan is not None
    signed = {"key": key} if key is not None else {}
    return build_workbook(result.plan, TEXT.encode("utf-8"), unit, "hetang.yaml", **signed)


def filled(data: bytes, rows: Mapping[int, tuple[object, ...]]) -> bytes:
    """``data`` with values typed into 指标 (value, date, source[, note]) by row."""
    book = load_workbook(io.BytesIO(data))
    sheet = book["指标"]
    for row, values in rows.items():
        for column, value in enumerate(values, start=9):
            sheet.cell(row=row, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = {4: (16, date(2026, 12, 31), "社区加装电梯台账")}


def rewritten(data: bytes, member: str, edit: Callable[[str], str]) -> bytes:
    """``data`` with one zip member's XML edited as text (the rest copied as is)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == member:
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def with_rows(extra: str) -> Callable[[bytes], bytes]:
    """Rows appended to 指标's sheet data."""
    return lambda data: rewritten(
        data, DATA, lambda xml: xml.replace("</sheetData>", extra + "</sheetData>")
    )


def with_huge_string(size: int) -> Callable[[bytes], bytes]:
    """An inline string of ``size`` characters in 指标!L5, streamed into the zip."""

    def build(data: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                content = source.read(info)
                if info.filename != DATA:
                    target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
                    continue
                head, tail = content.decode("utf-8").split("</sheetData>")
                head = head.replace('<c r="L5"', '<c r="L5x"')  # drop nothing: L5 is empty
                member = zipfile.ZipInfo(DATA, date_time=info.date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                with target.open(member, "w", force_zip64=True) as stream:
                    stream.write(head.encode("utf-8"))
                    stream.write(b'<row r="5"><c r="L5" t="inlineStr"><is><t>')
                    block = b"x" * (1 << 20)
                    for _ in range(size >> 20):
                        stream.write(block)
                    stream.write(b"</t></is></c></row></sheetData>" + tail.encode("utf-8"))
        return out.getvalue()

    return build


def million_rows(data: bytes) -> bytes:
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(8, 1_000_008))
    return with_rows(rows)(data)


def forged_row(number: str) -> Callable[[bytes], bytes]:
    """``_cplan`` saying the first target is on row ``number``."""
    return lambda data: rewritten(
        data,
        META,
        lambda xml: xml.replace('<c r="B9" t="n"><v>4</v>', f'<c r="B9" t="n"><v>{number}</v>'),
    )


def formula(cell: str, text: str, cached: str) -> Callable[[bytes], bytes]:
    """A formula typed into an input cell, with the value Excel cached for it."""

    def edit(xml: str) -> str:
        found = re.search(rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)', xml)
        assert found, cell
        style = re.search(r' s="\d+"', found.group()).group()  # type: ignore[union-attr]
        return xml.replace(found.group(), f'<c r="{cell}"{style}><f>{text}</f><v>{cached}</v></c>')

    return lambda data: rewritten(data, DATA, edit)


def another_units_rows(_: bytes) -> bytes:
    """The canteen's workbook, edited to report the residents' committee's target."""
    data = filled(workbook("shitang"), {4: (99, date(2026, 12, 31), "台账")})
    return rewritten(data, UNIT_META, lambda xml: xml.replace("t-meals", "t-elevators"))


def at_every_bound(data: bytes) -> bytes:
    """As many elements as each bound allows: a row of 12,000 cells, 7,000 shared strings,
    a styles part of 11,500 elements. Costs the most a workbook may cost to read."""
    cells = "".join(f"<c><v>{n}</v></c>" for n in range(49_000 // 4))
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(29_000 // 4))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info).decode("utf-8")
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    "</Types>",
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(
                    "</Relationships>",
                    '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"'
                    "/></Relationships>",
                )
            elif info.filename == DATA:
                content = content.replace('</row><row r="3"', cells + '</row><row r="3"', 1)
            elif info.filename == "xl/styles.xml":
                more = "<xf/>" * (11_500 - content.count("<"))
                content = content.replace("</cellXfs>", more + "</cellXfs>")
            target.writestr(info.filename, content, zipfile.ZIP_DEFLATED)
        target.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + strings
            + "</sst>",
            zipfile.ZIP_DEFLATED,
        )
    return out.getvalue()


def both(*edits: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def build(data: bytes) -> bytes:
        for edit in edits:
            data = edit(data)
        return data

    return build


#: name → (workbooks made from a filled genuine one, imported together by one update;
#: what the output must show: "accepted", or for each workbook the text of its refusal)
CASES: dict[str, tuple[list[Callable[[bytes], bytes]], list[str]]] = {
    "far-away-cells": (
        [
            with_rows('<row r="1048576"><c r="M1048576"/></row>'),  # 41 s and 3 GB in 0.1
            with_rows('<row r="4000000"><c r="A4000000" t="inlineStr"><is><t>x</t></is></c></row>'),
        ],
        ["accepted"],
    ),
    "at-every-bound": ([at_every_bound], ["accepted"]),
    "decompression-bombs": (
        [with_huge_string(256 << 20), million_rows],
        ["解压后过大", "解压后过大"],
    ),
    "forged-row-numbers": (
        [forged_row("0"), forged_row("-5"), forged_row("2000000"), forged_row("5")],
        [
            "_cplan 工作表已损坏",
            "_cplan 工作表已损坏",
            "_cplan 工作表已损坏",
            "_cplan 工作表已损坏",
        ],
    ),
    "formulas-and-external-links": (
        [both(formula("I5", "SUM(1,2)", "75"), formula("I6", "[1]Sheet1!$A$1", "90"))],
        ["指标!I5：助餐服务覆盖的 80 岁以上老人比例（t-meals）：此格是公式"],
    ),
    "another-units-targets": ([another_units_rows], ["已不由此表的填报单位负责"]),
}


@pytest.fixture(scope="module")
def hostile_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Run, bytes]]:
    folder = tmp_path_factory.mktemp("hostile-workbooks")
    base = filled(workbook(), GOOD)
    jobs = []
    for name, (builds, _) in CASES.items():
        case = folder / name
        case.mkdir()
        shutil.copy(HETANG, case / "hetang.yaml")
        args = ["update", "hetang.yaml"]
        for n, build in enumerate(builds):
            (case / f"book{n}.xlsx").write_bytes(build(base))
            args += ["--from", f"book{n}.xlsx"]
        jobs.append((args, case))
    done = run_many(jobs, memory=MEMORY)
    results = {}
    for name, run, (_, case) in zip(CASES, done, jobs, strict=True):
        results[name] = (run, (case / "hetang.yaml").read_bytes())
        for book in case.glob("*.xlsx"):
            book.unlink()
    return results


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_workbooks_within_2_s_and_300_mb(
    hostile_runs: dict[str, tuple[Run, bytes]], name: str
) -> None:
    run, after = hostile_runs[name]
    expected = CASES[name][1]
    output = run.stdout + run.stderr
    assert not run.timed_out, run.describe()
    assert run.cpu_seconds < TIME_LIMIT, run.describe()
    assert run.seconds < wall_limit(), run.describe()
    assert "Traceback" not in output, run.describe()
    assert "MemoryError" not in output, run.describe()
    if expected == ["accepted"]:
        assert run.returncode == 0, run.describe()
        assert b"- {value: 16, date: 2026-12-31, source: \xe7\xa4\xbe" in after
        return
    assert run.returncode == 1, run.describe()
    for n, text in enumerate(expected):
        assert re.search(rf"^book{n}\.xlsx(?:: |：).*{re.escape(text)}", output, re.MULTILINE), (
            run.describe()
        )
    assert after == HETANG.read_bytes(), "a refused workbook changed the plan"


# -- valid text -------------------------------------------------------------------------------


def test_text_any_reader_would_misread_is_written_quoted(tmp_path: Path) -> None:
    shutil.copy(HETANG, tmp_path / "hetang.yaml")
    book = filled(
        workbook(),
        {
            4: (16, date(2026, 12, 31), "街道住建科台账:", "1:20"),
            5: (75, date(2026, 12, 31), "yes", "on"),
            6: (90, date(2026, 12, 31), "No", "null"),
        },
    )
    (tmp_path / "book.xlsx").write_bytes(book)
    run = run_cplan(["update", "hetang.yaml", "--from", "book.xlsx"], tmp_path, memory=MEMORY)
    assert run.returncode == 0, run.describe()
    text = (tmp_path / "hetang.yaml").read_text(encoding="utf-8")
    for line in (
        '- {value: 16, date: 2026-12-31, source: "街道住建科台账:", note: "1:20"}',
        '- {value: 75, date: 2026-12-31, source: "yes", note: "on"}',
        '- {value: 90, date: 2026-12-31, source: "No", note: "null"}',
    ):
        assert line in text, text


# -- workbooks bound to what was issued ------------------------------------------------------


def test_in_a_repository_only_signed_workbooks_are_imported(tmp_path: Path) -> None:
    """``collect`` in a git repository signs the workbook with the repository's own key;
    a workbook made without it (from the public plan file) or relabelled is refused."""
    git(tmp_path, "init", "-q")
    shutil.copy(HETANG, tmp_path / "hetang.yaml")
    made = run_cplan(
        ["collect", "hetang.yaml", "--unit", "shitang", "-o", "canteen.xlsx"], tmp_path
    )
    assert made.returncode == 0, made.describe()
    key = tmp_path / ".git" / "cplan" / "fieldwork.key"
    assert key.stat().st_mode & 0o777 == 0o600
    signed = filled((tmp_path / "canteen.xlsx").read_bytes(), {4: (75, date(2026, 12, 31), "登记")})
    forged = filled(workbook("shitang"), {4: (75, date(2026, 12, 31), "登记")})
    relabelled = rewritten(
        signed, UNIT_META, lambda xml: xml.replace("<t>shitang</t>", "<t>hetang</t>")
    )
    for name, data in (("forged", forged), ("relabelled", relabelled), ("signed", signed)):
        (tmp_path / f"{name}.xlsx").write_bytes(data)
    runs = {
        name: run_cplan(["update", "hetang.yaml", "--from", f"{name}.xlsx", "--dry-run"], tmp_path)
        for name in ("forged", "relabelled", "signed")
    }
    assert runs["forged"].returncode == 1, runs["forged"].describe()
    assert "没有签名" in runs["forged"].stderr, runs["forged"].describe()
    assert runs["relabelled"].returncode == 1, runs["relabelled"].describe()
    assert runs["signed"].returncode == 0, runs["signed"].describe()
    assert "+      - {value: 75, date: 2026-12-31, source: 登记}" in runs["signed"].stdout


# -- two updates at once -------------------------------------------------------------------------


def start_update(folder: Path, book: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "cplan", "update", "hetang.yaml", "--from", book],
        cwd=folder,
        env=cplan_env(folder),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limit_resources,  # noqa: PLW1509 (no threads in the test process)
    )


def test_concurrent_updates_lose_nothing_silently(tmp_path: Path) -> None:
    """Two units' workbooks imported at the same moment: before the lock, both runs said
    they had added their value and one value was gone. Now the second waits for the
    first, then sees the plan changed since its workbook was made and says so."""
    values = {
        "hetang": "- {value: 16, date: 2026-12-31",
        "shitang": "- {value: 75, date: 2026-12-31",
    }
    books = {
        "hetang": filled(workbook("hetang"), {4: (16, date(2026, 12, 31), "台账")}),
        "shitang": filled(workbook("shitang"), {4: (75, date(2026, 12, 31), "登记")}),
    }
    for round_ in range(2):
        folder = tmp_path / f"round-{round_}"
        folder.mkdir()
        shutil.copy(HETANG, folder / "hetang.yaml")
        for unit, data in books.items():
            (folder / f"{unit}.xlsx").write_bytes(data)
        children = {unit: start_update(folder, f"{unit}.xlsx") for unit in books}
        outcome = {}
        for unit, child in children.items():
            said = child.communicate(timeout=60)
            outcome[unit] = (child.returncode, said)
        text = (folder / "hetang.yaml").read_text(encoding="utf-8")
        succeeded = [unit for unit, (code, _) in outcome.items() if code == 0]
        assert succeeded, outcome
        for unit, (code, (_, err)) in outcome.items():
            if code == 0:
                assert values[unit] in text, f"round {round_}: {unit} said added, value lost"
            else:
                assert code == 1, outcome
                assert "另一版本" in err.decode("utf-8"), outcome
        assert not list(folder.glob(".*.cplan-lock")), "the lock file is left behind"


def test_a_second_update_waits_for_the_lock(tmp_path: Path) -> None:
    shutil.copy(HETANG, tmp_path / "hetang.yaml")
    (tmp_path / "book.xlsx").write_bytes(filled(workbook(), GOOD))
    lock = tmp_path / ".hetang.yaml.cplan-lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        child = start_update(tmp_path, "book.xlsx")
        time.sleep(1.5)
        assert child.poll() is None, "update did not wait for the lock"
        assert (tmp_path / "hetang.yaml").read_bytes() == HETANG.read_bytes()
        fcntl.flock(held, fcntl.LOCK_UN)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, (out, err)
    assert "- {value: 16, date: 2026-12-31" in (tmp_path / "hetang.yaml").read_text(
        encoding="utf-8"
    )


def test_a_lock_held_too_long_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cplan.cli import app
    from cplan.cli import update as command

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(command, "LOCK_WAIT", 0.3)
    shutil.copy(HETANG, tmp_path / "hetang.yaml")
    (tmp_path / "book.xlsx").write_bytes(filled(workbook(), GOOD))
    with (tmp_path / ".hetang.yaml.cplan-lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        out = CliRunner().invoke(app, ["update", "hetang.yaml", "--from", "book.xlsx"])
    assert out.exit_code == 2, out.output
    assert "正由另一个 cplan update 修改" in out.output
    assert (tmp_path / "hetang.yaml").read_bytes() == HETANG.read_bytes()
    assert (tmp_path / ".hetang.yaml.cplan-lock").exists()  # the holder's file, untouched
