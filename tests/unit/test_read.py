"""Bytes → text: encodings, byte-order marks, binary files and the size limit."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from cplan.check import check_file
from cplan.read import MAX_FILE_BYTES, ReadFailure, decode

PLAN = "id: t\ntitle: 南苑社区治理方案\nperiod: 2024年\n"


@pytest.mark.parametrize(
    "data",
    [
        PLAN.encode("utf-8"),
        codecs.BOM_UTF8 + PLAN.encode("utf-8"),
        codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + PLAN.encode("utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom"],
)
def test_unicode_with_and_without_bom_reads_the_same(data: bytes) -> None:
    assert decode(data, "p.yaml") == PLAN


def failure(data: bytes) -> ReadFailure:
    with pytest.raises(ReadFailure) as caught:
        decode(data, "p.yaml")
    return caught.value


def test_gbk_is_recognised_with_its_position_and_a_fix() -> None:
    d = failure(PLAN.encode("gbk")).diagnostic
    assert (d.code, d.line, d.col) == ("CP002", 2, 8)
    assert "GBK" in d.message()
    assert "iconv" in d.message()
    assert "UTF-8" in d.message("en")


def test_invalid_utf8_that_is_not_gbk_either() -> None:
    d = failure(b"id: t\ntitle: \xff\xfe\xfd\n").diagnostic
    assert (d.code, d.line, d.key) == ("CP002", 2, "read.not_utf8")


def test_nul_byte_means_binary() -> None:
    d = failure(b"id: t\ntitle: a\x00b\n").diagnostic
    assert (d.code, d.line, d.col, d.key) == ("CP002", 2, 9, "read.binary")


def test_bom_that_lies() -> None:
    d = failure(codecs.BOM_UTF16_LE + b"\x00\xd8").diagnostic
    assert d.key == "read.bad_bom"


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    (d,) = check_file(big, "big.yaml").diagnostics
    assert d.code == "CP003"


def test_directory_or_missing_file_is_unreadable(tmp_path: Path) -> None:
    (d,) = check_file(tmp_path / "nope.yaml", "nope.yaml").diagnostics
    assert (d.code, d.key) == ("CP001", "read.unreadable")
