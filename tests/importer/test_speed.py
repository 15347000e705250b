"""Importing a ten-page plan takes well under a second (text and .docx), and hostile
variations of a plan never break the importer: a draft or a clear refusal."""

from __future__ import annotations

import random
import time
from pathlib import Path

from cplan.importer import import_file
from cplan.importer.reading import ImportFailed
from tests.importer.docs import docx_from_text
from tests.importer.long_plan import long_plan
from tests.importer.recall import SAMPLES


def test_a_ten_page_plan_imports_in_under_a_second(tmp_path: Path) -> None:
    text = long_plan()
    assert len(text) >= 2 * 10 * 22 * 28  # a 公文 page holds 22 lines of 28 characters
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (tmp_path / "long.docx").write_bytes(docx_from_text(text))
    import_file(tmp_path / "long.txt")  # imports of the checking modules happen once
    for name in ("long.txt", "long.docx"):
        started = time.perf_counter()
        result = import_file(tmp_path / name, year=2026)
        elapsed = time.perf_counter() - started
        assert elapsed < 1.0, (name, elapsed)
        assert result.counts["targets"] >= 20  # repeated names and values are one target
        assert result.counts["phases"] == 10
        assert result.counts["members_named"] == 6


def test_mangled_plans_give_a_draft_or_a_refusal(tmp_path: Path) -> None:
    source = (SAMPLES / "jiedao-yanglao.txt").read_text(encoding="utf-8")
    pieces = ["一、", "（一）", "1.", "：", "，", "。", "\t", "\n", "年", "月", "旬", "20xx", "万元",
              "%", "组长：", "至", "由", "提高到", "《", "》", "0", "①"]  # fmt: skip
    chance = random.Random(16)
    for round_ in range(40):
        text = list(source)
        for _ in range(60):
            at = chance.randrange(len(text))
            if chance.random() < 0.5:
                text[at] = chance.choice(pieces)
            else:
                del text[at]
        path = tmp_path / f"m{round_}.txt"
        path.write_text("".join(text), encoding="utf-8")
        try:
            result = import_file(path, year=2026)
        except ImportFailed:
            continue
        assert result.text.startswith("# 由 cplan import")
