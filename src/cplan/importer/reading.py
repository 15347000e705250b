"""Room 1 of the importer: a file → a :class:`~cplan.importer.blocks.Document`.

What is refused, before anything is parsed: a path that is not a regular file, a file over
the size limit, an old or foreign format (.doc, .wps, .pdf, .rtf, .odt: the message says
to save it as .docx), an encrypted or corrupt .docx, a zip bomb, and a "text" file that
is really binary. Every refusal is an :class:`ImportFailed` (exit 2) naming the fix.

Plain text may be UTF-8, GB18030/GBK (with or without its byte-order mark) or UTF-16 with
a byte-order mark. Lines indented with full-width spaces start paragraphs; a document whose
paragraphs are marked that way and whose lines are wrapped at a fixed width has its
wrapped lines joined again. Runs of lines with tab-separated cells (what Word writes for
a table when saving as text) are table rows.
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from cplan.errors import CplanError
from cplan.importer.blocks import BlockList, Document
from cplan.importer.outline import parse_marker

#: Largest .docx read (photos included), and largest plain text file, in bytes.
MAX_DOCX_BYTES = 32 * 1024 * 1024
MAX_TEXT_BYTES = 4 * 1024 * 1024
#: Most text a document may hold once read (a 10-page plan holds about 15,000 characters).
MAX_TEXT_CHARS = 2_000_000

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_GB18030_BOM = b"\x84\x31\x95\x33"
_OLD_SUFFIXES = {
    ".doc": "Word 97-2003 (.doc)",
    ".dot": "Word 97-2003 (.dot)",
    ".wps": "WPS (.wps)",
    ".wpt": "WPS (.wpt)",
    ".pdf": "PDF",
    ".rtf": "RTF",
    ".odt": "OpenDocument (.odt)",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".et": "WPS 表格",
}
_DOCX_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")


class ImportFailed(CplanError):
    """The file cannot be imported as it is; nothing was written."""


def read_document(path: Path) -> Document:
    """Read a .docx or plain text plan into blocks, or raise :class:`ImportFailed`."""
    suffix = path.suffix.lower()
    shown = str(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        raise ImportFailed("error.no_such_path", path=shown) from None
    except OSError as error:
        raise ImportFailed("import.unreadable", path=shown, reason=error.strerror) from None
    if not stat.S_ISREG(status.st_mode):
        raise ImportFailed("import.not_a_file", path=shown)
    if suffix in _OLD_SUFFIXES:
        raise ImportFailed("import.old_format", path=shown, format=_OLD_SUFFIXES[suffix])
    wants_docx = suffix in _DOCX_SUFFIXES
    limit = MAX_DOCX_BYTES if wants_docx else MAX_TEXT_BYTES
    if status.st_size > limit:
        raise ImportFailed(
            "import.too_large",
            path=shown,
            size=_megabytes(status.st_size),
            limit=_megabytes(limit),
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise ImportFailed("import.unreadable", path=shown, reason=error.strerror) from None
    if len(data) > limit:  # grew while we looked
        raise ImportFailed(
            "import.too_large", path=shown, size=_megabytes(len(data)), limit=_megabytes(limit)
        )
    return read_bytes(data, shown, docx=wants_docx)


def read_bytes(data: bytes, shown: str, *, docx: bool) -> Document:
    """Blocks from a file's bytes; ``docx`` says what the file's name promises."""
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise ImportFailed("import.encrypted", path=shown)
        raise ImportFailed("import.old_format", path=shown, format="Word 97-2003 (.doc) / WPS")
    if data.startswith(b"%PDF-"):
        raise ImportFailed("import.old_format", path=shown, format="PDF")
    if data.lstrip().startswith(b"{\\rtf"):
        raise ImportFailed("import.old_format", path=shown, format="RTF")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        from cplan.importer.docx import read_docx

        document = read_docx(data, shown)
    elif docx:
        raise ImportFailed("import.corrupt", path=shown, reason="不是 zip 格式 (not a zip file)")
    else:
        document = read_text(data, shown)
    if sum(len(block.text) for block in document.blocks) > MAX_TEXT_CHARS:
        raise ImportFailed("import.too_much_text", path=shown, limit=MAX_TEXT_CHARS)
    if not document.blocks:
        raise ImportFailed("import.empty", path=shown)
    return document


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


# -- plain text ---------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (_GB18030_BOM, "gb18030"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(data: bytes, shown: str) -> tuple[str, str]:
    """The text of a plain text file and its encoding; binary data is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise ImportFailed("import.binary", path=shown) from None
            return _checked_text(text, shown), encoding
    if b"\x00" in data:
        raise ImportFailed("import.binary", path=shown)
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _checked_text(text, shown), encoding
    raise ImportFailed("import.binary", path=shown)


def _checked_text(text: str, shown: str) -> str:
    """Refuse text with control characters or private-use characters: a binary file."""
    if not text:
        return text
    odd = sum(
        1
        for ch in text
        if (ord(ch) < 32 and ch not in "\t\n\r\f\v")
        or 0xE000 <= ord(ch) <= 0xF8FF
        or 0x7F <= ord(ch) < 0xA0
        or ch == "\ufffd"
    )
    if odd > max(2, len(text) // 200):
        raise ImportFailed("import.binary", path=shown)
    return text


_INDENT = (" ", "\u3000", "\t", "\u00a0")
_SENTENCE_END = "。！？；：.!?;:”’」』）)》"


def read_text(data: bytes, shown: str) -> Document:
    """Blocks from a plain text file (see the module's notes)."""
    text, encoding = decode_text(data, shown)
    for separator in ("\r\n", "\r", "\u2028", "\u2029", "\f", "\v", "\x85"):
        text = text.replace(separator, "\n")
    lines = text.split("\n")
    paragraphs = _unwrap(lines)
    out = BlockList()
    i = 0
    while i < len(paragraphs):
        run = _tab_run(paragraphs, i)
        if run > 1:
            out.table([paragraphs[j].strip().split("\t") for j in range(i, i + run)])
            i += run
            continue
        out.paragraph(paragraphs[i].replace("\t", " "))
        i += 1
    return Document(tuple(out.blocks), "text", encoding)


def _tab_run(lines: list[str], start: int) -> int:
    """How many lines from ``start`` are table rows: at least two cells, same count."""
    cells = lines[start].strip().count("\t")
    if cells == 0:
        return 0
    end = start
    while end < len(lines) and lines[end].strip().count("\t") == cells:
        end += 1
    return end - start


def _unwrap(lines: list[str]) -> list[str]:
    """Join lines wrapped at a fixed width back into paragraphs.

    Only for a text that is wrapped (many lines reach the same greatest width) and whose
    paragraphs start with an indent: a line that is not indented, follows a full-width line
    not ending a sentence, and does not start a numbered item continues that line.
    """
    filled = [len(line.rstrip()) for line in lines if line.strip()]
    indented = sum(1 for line in lines if line.strip() and line.startswith(_INDENT))
    if len(filled) < 6 or indented < 3:
        return lines
    width = max(filled)
    if width < 20 or sum(1 for n in filled if n >= width - 2) * 4 < len(filled):
        return lines
    out: list[str] = []
    for line in lines:
        previous = out[-1].rstrip() if out else ""
        if (
            previous
            and line.strip()
            and not line.startswith(_INDENT)
            and len(previous) >= width - 2
            and not previous.endswith(tuple(_SENTENCE_END))
            and not _starts_item(line)
        ):
            out[-1] = previous + line.strip()
        else:
            out.append(line)
    return out


def _starts_item(line: str) -> bool:
    return parse_marker(line.strip()) is not None
