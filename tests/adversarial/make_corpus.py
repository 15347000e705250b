"""Write the byte-level cases of the adversarial corpus: encodings, BOMs, binary, controls.

Run ``python tests/adversarial/make_corpus.py`` to (re)write them into
``tests/adversarial/corpus/``. Each case is ``gen-NAME.yaml`` plus a sidecar
``gen-NAME.yaml.expect`` whose first line states the diagnostics cplan must report
(``CODE@LINE:COL ...``, or ``none``) and whose second line says what the case is. These
files cannot carry a ``# expect:`` header themselves: they are not UTF-8 text, or their
first bytes are the point of the case.

The outputs are small and committed; ``test_corpus.py`` checks that they match this
script. Huge cases (50 MB strings, 100,000-digit numbers, 10,000-deep nesting) are made
at test time in a temporary folder instead.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

#: A small valid plan (lines 1-3), and the same plan with an impossible date on line 4.
PLAN = "id: adv-2024\ntitle: 社区对抗测试方案\nperiod: 2024年至2025年\n"
BAD_DATE = PLAN + "issued: 2024年2月30日\n"


def _with(value: str) -> bytes:
    """The plan with ``area: VALUE`` on line 4, as UTF-8 (value may hold any character)."""
    return (PLAN + f"area: {value}\n").encode("utf-8")


#: name → (expected diagnostics, description, bytes)
CASES: dict[str, tuple[str, str, bytes]] = {
    "utf8-bom": (
        "none",
        "UTF-8 with a byte-order mark: read as UTF-8",
        codecs.BOM_UTF8 + PLAN.encode(),
    ),
    "utf8-bom-positions": (
        "CP103@4:9",
        "UTF-8 with a BOM: the BOM does not shift columns",
        codecs.BOM_UTF8 + BAD_DATE.encode(),
    ),
    "utf8-bom-then-invalid": (
        "CP002@1:1",
        "a UTF-8 BOM followed by bytes that are not UTF-8",
        codecs.BOM_UTF8 + PLAN.encode() + b"area: \xff\xfe\n",
    ),
    "utf16le-bom": (
        "none",
        "UTF-16 LE with a BOM: read",
        codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le"),
    ),
    "utf16be-bom": (
        "none",
        "UTF-16 BE with a BOM: read",
        codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"),
    ),
    "utf16le-bom-positions": (
        "CP103@4:9",
        "UTF-16 LE with a BOM: positions are in characters, as in UTF-8",
        codecs.BOM_UTF16_LE + BAD_DATE.encode("utf-16-le"),
    ),
    "utf16le-bom-truncated": (
        "CP002@1:1",
        "UTF-16 with a BOM cut in the middle of a character (odd length)",
        codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le")[:-1],
    ),
    "utf16le-no-bom": (
        "CP002@1:2",
        "UTF-16 without a BOM: NUL bytes, refused as binary",
        PLAN.encode("utf-16-le"),
    ),
    "utf32le-bom": (
        "none",
        "UTF-32 LE with a BOM: read",
        codecs.BOM_UTF32_LE + PLAN.encode("utf-32-le"),
    ),
    "gbk": ("CP002@2:8", "saved by a Windows editor in GBK", PLAN.encode("gbk")),
    "gb18030-four-byte": (
        "CP002@4:7",
        "GB18030 with a character outside GBK (U+3400, four bytes)",
        b"id: adv-2024\ntitle: adv\nperiod: 2024\n" + "area: 㐀社区\n".encode("gb18030"),
    ),
    "latin1": (
        "CP002@4:10",
        "Latin-1 bytes (caf\\xe9): not UTF-8",
        b"id: adv-2024\ntitle: adv\nperiod: 2024\narea: caf\xe9\n",
    ),
    "invalid-utf8-ff": (
        "CP002@4:7",
        "a byte that is never UTF-8 nor GB18030 (0xFF)",
        b"id: adv-2024\ntitle: adv\nperiod: 2024\narea: \xff\xff\n",
    ),
    "invalid-utf8-overlong": (
        "CP002@4:7",
        "an overlong UTF-8 encoding of '/' (C0 AF)",
        b"id: adv-2024\ntitle: adv\nperiod: 2024\narea: \xc0\xaf\n",
    ),
    "invalid-utf8-surrogate": (
        "CP002@4:7",
        "a UTF-16 surrogate encoded in UTF-8 (ED A0 80)",
        b"id: adv-2024\ntitle: adv\nperiod: 2024\narea: \xed\xa0\x80\n",
    ),
    "invalid-utf8-truncated": (
        "CP002@4:9",
        "a three-byte UTF-8 character cut after its first byte, at the end of the file",
        (PLAN + "area: 社区").encode("utf-8") + "社".encode()[:1],
    ),
    "nul-in-value": ("CP002@4:9", "a NUL byte inside a value", _with("社区\x00街道")),
    "binary-png": (
        "CP002@3:1",
        "a PNG image named .yaml",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00",
    ),
    "binary-zip": (
        "CP002@1:6",
        "a zip file (a .docx) named .yaml",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20,
    ),
    "control-soh-ascii": (
        "CP010@4:7",
        "a C0 control character (U+0001) in an all-ASCII file",
        b"id: adv-2024\ntitle: adv\nperiod: 2024\narea: \x01x\n",
    ),
    "control-soh": ("CP010@4:7", "a C0 control character (U+0001)", _with("\x01社区")),
    "control-ansi-escape": (
        "CP010@4:7",
        "an ANSI escape sequence that would recolour a terminal (U+001B)",
        _with("\x1b[31m社区\x1b[0m"),
    ),
    "control-del": ("CP010@4:9", "DEL (U+007F)", _with("社区\x7f")),
    "control-c1-csi": ("CP010@4:7", "a C1 control character (U+009B, CSI)", _with("\x9b31m社区")),
    "control-vertical-tab": ("CP010@4:9", "a vertical tab (U+000B)", _with("社区\x0b街道")),
    "noncharacter-fffe": ("CP010@4:9", "the noncharacter U+FFFE", _with("社区\ufffe")),
    "bom-in-middle": (
        "CP010@5:2",
        "a byte-order mark at the start of line 5 (two files pasted together)",
        (PLAN + "area: 社区\n\ufeffissuer: 民政局\n").encode("utf-8"),
    ),
    "utf8-bom-then-utf16": (
        "CP002@1:1",
        "a UTF-8 BOM followed by UTF-16 text: not UTF-8 after all",
        codecs.BOM_UTF8 + PLAN.encode("utf-16-le"),
    ),
    "empty-file": ("CP015@1:1", "an empty file (0 bytes)", b""),
    "bom-only": ("CP015@1:1", "only a UTF-8 byte-order mark", codecs.BOM_UTF8),
    "whitespace-only": ("CP015@1:1", "only blank lines and spaces", b"\n  \n\r\n   \n"),
}


def write(folder: Path = CORPUS) -> list[Path]:
    """Write every case and its sidecar into ``folder``; returns the case files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (expect, description, data) in CASES.items():
        case = folder / f"gen-{name}.yaml"
        case.write_bytes(data)
        (folder / f"gen-{name}.yaml.expect").write_text(
            f"{expect}\n{description}\n", encoding="utf-8"
        )
        written.append(case)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    for path in write(target):
        print(path.name)
