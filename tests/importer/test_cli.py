"""`cplan import` through the real entry point: what is written, what is shown, in which
order, and the exit codes; once as a real subprocess of the installed console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cplan.check import check_file
from cplan.cli import app
from tests.importer.recall import SAMPLES, SEEDS

runner = CliRunner()


def test_import_writes_the_draft_and_shows_source_findings_first(in_tmp: Path) -> None:
    shutil.copy(SAMPLES / "zhen-renyuan.txt", in_tmp / "方案.txt")
    out = runner.invoke(app, ["import", "方案.txt", "-o", "plan.yaml", "--year", "2026"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0].startswith("原文本身有 1 处不一致")
    assert "CP205" in lines[1]
    assert "1,017,000.00" in lines[1]
    assert "101。7万元" in lines[2]
    assert "total: 101.7万元" in lines[2]
    assert any(line.startswith("已提取：") for line in lines)
    assert lines[-1].startswith("已生成 plan.yaml")
    text = (in_tmp / "plan.yaml").read_text(encoding="utf-8")
    assert "# ¶" in text
    assert "待核实" in text
    assert [
        d.code for d in check_file(in_tmp / "plan.yaml").diagnostics if d.severity == "error"
    ] == ["CP205"]


def test_default_output_name_and_english(in_tmp: Path) -> None:
    shutil.copy(SAMPLES / "shequ-anquan.txt", in_tmp / "anquan.txt")
    out = runner.invoke(app, ["import", "anquan.txt", "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert (in_tmp / "anquan.yaml").is_file()
    assert "extracted: 7 targets, 3 phases (3 with both dates)" in out.output
    assert "wrote anquan.yaml" in out.output


def test_never_overwrites_without_force(in_tmp: Path) -> None:
    shutil.copy(SAMPLES / "shequ-anquan.txt", in_tmp / "a.txt")
    (in_tmp / "plan.yaml").write_text("我的方案\n", encoding="utf-8")
    out = runner.invoke(app, ["import", "a.txt", "-o", "plan.yaml"])
    assert out.exit_code == 2
    assert "已存在，未覆盖" in out.output
    assert (in_tmp / "plan.yaml").read_text(encoding="utf-8") == "我的方案\n"
    assert runner.invoke(app, ["import", "a.txt", "-o", "plan.yaml", "--force"]).exit_code == 0
    assert (in_tmp / "plan.yaml").read_text(encoding="utf-8").startswith("# 由 cplan import")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0", "另存为” .docx"),
        ("scan.pdf", b"%PDF-1.4", "另存为” .docx"),
        ("binary.txt", b"\x00\x01\x02\x03" * 50, "不是文本文件"),
        ("broken.docx", b"PK\x03\x04 broken", "不是完好的 Word 文档"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    in_tmp: Path, name: str, content: bytes, words: str
) -> None:
    (in_tmp / name).write_bytes(content)
    out = runner.invoke(app, ["import", name, "-o", "plan.yaml"])
    assert out.exit_code == 2
    assert words in out.output
    assert "Traceback" not in out.output
    assert not (in_tmp / "plan.yaml").exists()
    assert sorted(p.name for p in in_tmp.iterdir()) == [name]


def test_a_collection_needs_part(in_tmp: Path) -> None:
    text = "".join(f"方案汇编 篇{n}\n一、工作目标\n居民满意度达到9{n}%。\n" for n in (1, 2, 3))
    (in_tmp / "many.txt").write_text(text, encoding="utf-8")
    out = runner.invoke(app, ["import", "many.txt"])
    assert out.exit_code == 2
    assert "3 篇方案的合集" in out.output
    assert "--part N" in out.output
    out = runner.invoke(app, ["import", "many.txt", "--part", "2"])
    assert out.exit_code == 0, out.output
    assert "value: 92" in (in_tmp / "many.yaml").read_text(encoding="utf-8")
    assert runner.invoke(app, ["import", "many.txt", "--part", "5", "-o", "x.yaml"]).exit_code == 2


def test_the_installed_command(tmp_path: Path) -> None:
    if not (SEEDS / "000_6f4bcd058dd8b7e0.txt").is_file():
        pytest.skip("the shared seed plans are not on this machine")
    script = Path(sys.executable).with_name("cplan")
    done = subprocess.run(
        [str(script), "import", str(SEEDS / "000_6f4bcd058dd8b7e0.txt"), "-o", "new.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "已提取：指标 4 项" in done.stdout
    assert (tmp_path / "new.yaml").read_text(encoding="utf-8").count("待核实") >= 4


def test_help_is_chinese_and_names_no_types() -> None:
    out = runner.invoke(app, ["import", "--help"], env={"CPLAN_LANG": ""})
    assert out.exit_code == 0
    assert out.output.startswith("用法: cplan import")
    assert "另存" not in out.output  # the help says what the command does, not its errors
    for word in ("TEXT", "INTEGER", "PATH", "Usage", "Options"):
        assert word not in out.output
    assert "--part N" in out.output
    assert "--year 年份" in out.output


def test_the_readme_transcript(in_tmp: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ cplan import ", 1)[1].split("```", 1)[0]
    command, _, shown = block.partition("\n")
    source, _, rest = command.partition(" ")
    (in_tmp / source).parent.mkdir(parents=True)
    shutil.copy(SAMPLES / Path(source).name, in_tmp / source)
    out = runner.invoke(app, ["import", source, *rest.split()], env={"CPLAN_LANG": ""})
    assert out.exit_code == 0
    expected = [line for line in shown.splitlines() if line != "..."]
    assert out.output.splitlines()[: len(expected)] == expected


def test_the_source_is_never_the_output(in_tmp: Path) -> None:
    shutil.copy(SAMPLES / "shequ-anquan.txt", in_tmp / "a.txt")
    before = (in_tmp / "a.txt").read_bytes()
    out = runner.invoke(app, ["import", "a.txt", "-o", "a.txt", "--force"])
    assert out.exit_code == 2
    assert (in_tmp / "a.txt").read_bytes() == before
