"""Reading: encodings, indentation, wrapped lines, tables in text; and every bad input
refused with a clear message (exit 2 at the command line), nothing parsed that need not be."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from cplan.importer import import_file
from cplan.importer.reading import ImportFailed, read_document
from tests.importer.docs import docx_from_text
from tests.importer.recall import SAMPLES

SAMPLE = (SAMPLES / "shequ-anquan.txt").read_text(encoding="utf-8")


def _failure(path: Path) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        read_document(path)
    return caught.value


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gb18030", b"\x84\x31\x95\x33"),
     ("utf-16-le", b"\xff\xfe")],
)  # fmt: skip
def test_text_in_every_common_encoding_gives_the_same_draft(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(bom + SAMPLE.replace("\n", "\r\n").encode(encoding))
    reference = tmp_path / "reference.txt"
    reference.write_text(SAMPLE, encoding="utf-8")
    assert import_file(path).text.split("\n", 1)[1] == import_file(reference).text.split("\n", 1)[1]


def test_full_width_indents_start_paragraphs_of_a_wrapped_text(tmp_path: Path) -> None:
    paragraph = "为进一步做好社区居家养老服务工作，提升老年人的获得感和幸福感，街道决定在辖区内全面开展助餐服务和上门照护服务。"
    wrapped = [paragraph[i : i + 20] for i in range(0, len(paragraph), 20)]
    text = "\n".join(
        ["某街道养老服务工作方案", "一、工作目标", "\u3000\u3000" + wrapped[0], *wrapped[1:],
         "\u3000\u3000老年人助餐服务覆盖率达到90%以上。", "二、实施步骤",
         "\u3000\u3000" + wrapped[0], *wrapped[1:]]
    )  # fmt: skip
    (tmp_path / "wrapped.txt").write_text(text, encoding="utf-8")
    blocks = read_document(tmp_path / "wrapped.txt").blocks
    assert paragraph in [b.text for b in blocks]


def test_tab_separated_lines_are_table_rows(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text(
        "标题\n项目\t金额\n甲\t1万元\n乙\t2万元\n结尾", encoding="utf-8"
    )
    blocks = read_document(tmp_path / "t.txt").blocks
    rows = [b for b in blocks if b.is_row]
    assert [b.cells for b in rows] == [("项目", "金额"), ("甲", "1万元"), ("乙", "2万元")]
    assert [b.number for b in blocks] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".pdf", ".rtf", ".odt"])
def test_old_and_foreign_formats_are_told_to_save_as_docx(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"方案{suffix}"
    path.write_bytes(b"whatever")
    failure = _failure(path)
    assert failure.key == "import.old_format"
    assert "另存为” .docx" in failure.message("zh")


def test_a_pdf_or_a_word_97_file_under_another_name_is_recognised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj")
    (tmp_path / "b.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert _failure(tmp_path / "a.txt").key == "import.old_format"
    assert _failure(tmp_path / "b.docx").key == "import.old_format"


def test_an_encrypted_docx_is_refused(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le")
    (tmp_path / "secret.docx").write_bytes(ole)
    failure = _failure(tmp_path / "secret.docx")
    assert failure.key == "import.encrypted"
    assert "密码" in failure.message("zh")


def test_a_zip_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (40 * 1024 * 1024))
    (tmp_path / "bomb.docx").write_bytes(data.getvalue())
    assert (tmp_path / "bomb.docx").stat().st_size < 1024 * 1024
    assert _failure(tmp_path / "bomb.docx").key == "import.zip_bomb"


def test_a_zip_of_many_members_is_refused(tmp_path: Path) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for i in range(5001):
            archive.writestr(f"m/{i}", b"")
    (tmp_path / "many.docx").write_bytes(data.getvalue())
    assert _failure(tmp_path / "many.docx").key == "import.zip_bomb"


@pytest.mark.parametrize(
    "damage", ["truncated", "not-a-zip", "no-document", "broken-xml", "unknown-zip-version"]
)
def test_a_corrupt_docx_is_refused(tmp_path: Path, damage: str) -> None:
    good = docx_from_text(SAMPLE)
    if damage == "truncated":
        data = good[: len(good) // 2]
    elif damage == "not-a-zip":
        data = b"this is not a word document at all" * 10
    elif damage == "unknown-zip-version":
        at = good.index(b"PK\x01\x02") + 6  # "version needed to extract" of the first member
        data = good[:at] + b"\xff\x00" + good[at + 2 :]
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w") as target:
            for member in source.infolist():
                if member.filename == "word/document.xml":
                    if damage == "no-document":
                        continue
                    target.writestr(member, source.read(member)[:-40])
                else:
                    target.writestr(member, source.read(member))
        data = buffer.getvalue()
    (tmp_path / "bad.docx").write_bytes(data)
    assert _failure(tmp_path / "bad.docx").key in ("import.corrupt", "import.not_word")


def test_a_100_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    for name in ("huge.docx", "huge.txt"):
        path = tmp_path / name
        with path.open("wb") as handle:
            handle.truncate(100 * 1024 * 1024)  # sparse: nothing is really written
        failure = _failure(path)
        assert failure.key == "import.too_large"
        assert "100.0 MB" in failure.message("zh")


@pytest.mark.parametrize("content", [b"\x00\x01\x02binary\x00" * 100, bytes(range(1, 256)) * 40])
def test_a_binary_file_named_txt_is_refused(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "plan.txt").write_bytes(content)
    assert _failure(tmp_path / "plan.txt").key == "import.binary"


def test_an_empty_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("\n \n\u3000\n", encoding="utf-8")
    assert _failure(tmp_path / "empty.txt").key == "import.empty"
    (tmp_path / "folder.txt").mkdir()
    assert _failure(tmp_path / "folder.txt").key == "import.not_a_file"
    assert _failure(tmp_path / "missing.txt").key == "error.no_such_path"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert _failure(tmp_path / "pipe.txt").key == "import.not_a_file"
