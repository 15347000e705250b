"""`cplan report` through its real entry point: names, formats, templates, failures."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from cplan.cli import app
from tests.conftest import ROOT

runner = CliRunner()
REHAB = ROOT / "examples" / "rehab-centres.yaml"


def copy_plan(folder: Path, source: Path = REHAB) -> Path:
    target = folder / "plans" / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    return target


def test_default_output_name_and_format(in_tmp: Path) -> None:
    plan = copy_plan(in_tmp)
    out = runner.invoke(app, ["report", str(plan), "--as-of", "2013-06-30"])
    assert out.exit_code == 0, out.output
    assert out.output.strip() == "已生成 rehab-centres.docx"
    assert zipfile.is_zipfile(in_tmp / "rehab-centres.docx")


def test_format_from_the_output_suffix(in_tmp: Path) -> None:
    plan = copy_plan(in_tmp)
    out = runner.invoke(app, ["report", str(plan), "-o", "台账.xlsx"])
    assert out.exit_code == 0, out.output
    with zipfile.ZipFile(in_tmp / "台账.xlsx") as book:
        assert "xl/workbook.xml" in book.namelist()
    assert runner.invoke(app, ["report", str(plan), "-o", "report.pdf"]).exit_code == 2
    assert runner.invoke(app, ["report", str(plan), "--format", "odt"]).exit_code == 2


def test_a_plan_with_errors_gets_no_report(in_tmp: Path) -> None:
    (in_tmp / "bad.yaml").write_text("id: b\nperiod: 2024年\n", encoding="utf-8")
    out = runner.invoke(app, ["report", "bad.yaml"])
    assert out.exit_code == 1
    assert "bad.yaml:1:1: error CP101" in out.output
    assert sorted(p.name for p in in_tmp.iterdir()) == ["bad.yaml"]


def test_a_broken_template_names_its_line_and_leaves_the_old_file(in_tmp: Path) -> None:
    plan = copy_plan(in_tmp)
    (in_tmp / "台账.xlsx").write_bytes(b"the old file")
    broken = in_tmp / "mine.xlsx.yaml"
    broken.write_text(
        "sheets:\n  - name: 概况\n    rows:\n      - [{{ plan.titel | q }}]\n", encoding="utf-8"
    )
    out = runner.invoke(app, ["report", str(plan), "-o", "台账.xlsx", "--template", str(broken)])
    assert out.exit_code == 1
    assert "mine.xlsx.yaml:4" in out.output
    assert "titel" in out.output
    assert (in_tmp / "台账.xlsx").read_bytes() == b"the old file"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["mine.xlsx.yaml", "plans", "台账.xlsx"]


def test_a_templates_folder_in_the_plan_repository_overrides_the_built_in(in_tmp: Path) -> None:
    (in_tmp / ".git").mkdir()
    plan = copy_plan(in_tmp)
    custom = in_tmp / "templates" / "report.xlsx.yaml"
    custom.parent.mkdir()
    custom.write_text(
        "sheets:\n  - name: 自定义\n    rows:\n      - [{{ plan.title | q }}]\n", encoding="utf-8"
    )
    out = runner.invoke(app, ["report", str(plan), "-o", "out.xlsx"])
    assert out.exit_code == 0, out.output
    from openpyxl import load_workbook

    book = load_workbook(in_tmp / "out.xlsx")
    assert book.sheetnames == ["自定义"]


def test_missing_plan_or_template(in_tmp: Path) -> None:
    assert runner.invoke(app, ["report", "nowhere.yaml"]).exit_code == 2
    plan = copy_plan(in_tmp)
    out = runner.invoke(app, ["report", str(plan), "--template", "none.docx"])
    assert out.exit_code == 1
    assert "模板文件不存在" in out.output


def paragraphs_of(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_the_plan_and_the_progress_report_by_name(in_tmp: Path) -> None:
    plan = copy_plan(in_tmp)
    out = runner.invoke(app, ["report", str(plan), "--template", "plan", "--as-of", "2013-06-30"])
    assert out.exit_code == 0, out.output
    assert out.output.strip() == "已生成 rehab-centres-方案.docx"
    text = paragraphs_of(in_tmp / "rehab-centres-方案.docx")
    assert "一、基本原则" in text
    out = runner.invoke(
        app,
        [
            "report",
            str(plan),
            "-t",
            "进展",
            "--as-of",
            "2013-06-30",
            "--to",
            "市人民政府",
            "-o",
            "r.docx",
        ],
    )
    assert out.exit_code == 0, out.output
    text = paragraphs_of(in_tmp / "r.docx")
    assert "市人民政府：" in text
    assert "一、总体进展" in text
    assert "特此报告。" in text


def test_unit_number_and_findings_options(in_tmp: Path) -> None:
    plan = copy_plan(in_tmp, ROOT / "examples" / "jiangyan-communities.yaml")
    args = ["report", str(plan), "--as-of", "2005-12-31", "-o", "a.docx"]
    assert runner.invoke(app, [*args, "--unit", "元"]).exit_code == 0
    assert any("5534000元" in p for p in paragraphs_of(in_tmp / "a.docx"))
    assert any("配备标准" in p for p in paragraphs_of(in_tmp / "a.docx"))
    assert runner.invoke(app, [*args, "--no-findings"]).exit_code == 0
    assert not any("配备标准" in p for p in paragraphs_of(in_tmp / "a.docx"))
    plan_args = [
        "report",
        str(plan),
        "-t",
        "plan",
        "-o",
        "b.docx",
        "--number",
        "姜政发〔2004〕68号",
    ]
    assert runner.invoke(app, plan_args).exit_code == 0
    assert "姜政发〔2004〕68号" in paragraphs_of(in_tmp / "b.docx")
    assert runner.invoke(app, [*args, "--unit", "千元"]).exit_code == 2
    assert runner.invoke(app, ["report", str(plan), "-t", "plan", "-o", "x.xlsx"]).exit_code == 2
