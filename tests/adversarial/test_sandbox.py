"""No code runs from a plan or a template; plan values never become formulas or markup.

* YAML tags never construct objects: a ``!!python/object/apply:os.system`` payload that
  would create a marker file (and does, under ``yaml.unsafe_load``) leaves no marker
  through ``cplan validate`` or ``cplan report``.
* Templates run in Jinja's sandbox: the known escape payloads give a ReportError through
  ``cplan report … --template`` (an xlsx YAML template and a docx built with python-docx),
  execute nothing and write no report; includes cannot leave the template folder.
* xlsx cells never receive formulas from plan values (``=``, ``+``, ``-``, ``@``, tab, CR).
* docx values are escaped: ``&``, ``<`` and Jinja syntax in plan values come out literally.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from cplan.cli import app
from tests.adversarial import run_many

runner = CliRunner()
MARKER = "PWNED"
PLAN = "id: adv-2024\ntitle: 沙箱测试方案\nperiod: 2024年至2025年\n"

TAG_PAYLOADS = [
    f'area: !!python/object/apply:os.system ["touch {MARKER}"]\n',
    f'area: !!python/object/new:os.system ["touch {MARKER}"]\n',
    f'area: !!python/object/apply:subprocess.call [["touch", "{MARKER}"]]\n',
    f'area: !<tag:yaml.org,2002:python/object/apply:os.system> ["touch {MARKER}"]\n',
    f'sections: !!python/object/apply:os.system\n  args: ["touch {MARKER}"]\n',
]


@pytest.mark.parametrize("payload", TAG_PAYLOADS)
def test_the_payload_is_live_under_an_unsafe_loader(
    payload: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The payloads are real: PyYAML's unsafe loader runs them (so the next test means it)."""
    monkeypatch.chdir(tmp_path)
    yaml.unsafe_load(PLAN + payload)
    assert (tmp_path / MARKER).exists()


@pytest.mark.parametrize("payload", TAG_PAYLOADS)
def test_yaml_tags_never_construct_objects(payload: str, tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN + payload, encoding="utf-8")
    validate, report = run_many(
        [
            (["validate", "plan.yaml"], tmp_path),
            (["report", "plan.yaml", "-o", "out.xlsx"], tmp_path),
        ]
    )
    assert not (tmp_path / MARKER).exists()
    assert validate.returncode == 1, validate.describe()
    assert "plan.yaml:4:" in validate.stdout, validate.describe()
    assert " CP012 " in validate.stdout, validate.describe()
    assert report.returncode == 1, report.describe()
    assert " CP012 " in report.stderr, report.describe()
    assert not (tmp_path / "out.xlsx").exists()
    assert "Traceback" not in validate.stderr + report.stderr


# -- Jinja templates ------------------------------------------------------------------

JINJA_PAYLOADS = {
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-globals": f"{{{{ cycler.__init__.__globals__.os.popen('touch {MARKER}').read() }}}}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].system('touch " + MARKER + "') }}",
    "joiner-globals": "{{ joiner.__init__.__globals__ }}",
    "namespace-globals": "{{ namespace.__init__.__globals__ }}",
    "template-reference": "{{ self._TemplateReference__context }}",
    "config": "{{ config }}",
    "request": "{{ request.application.__globals__ }}",
    "import-os": "{% import 'os' as os %}{{ os.system('touch " + MARKER + "') }}",
    "attr-filter": "{{ ''|attr('__class__')|attr('__base__') }}",
    "attr-filter-escaped": "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "format-string": "{{ '{0.__class__}'.format(1) }}",
    "format-map": "{{ '{0.__globals__}'.format_map({'0': cycler.__init__}) }}",
    "format-filter": "{{ '%s'|format(''.__class__) }}",
    "tuple-base": "{{ ().__class__.__base__.__subclasses__() }}",
    "huge-range": "{% for x in range(10**9) %}{% endfor %}",
}
INCLUDE_PAYLOADS = {
    "include-parent": "{% include '../../etc/passwd' %}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "include-sibling-secret": "{% include '../secret.txt' %}",
    "extends-absolute": "{% extends '/etc/passwd' %}",
    "import-absolute": "{% import '/etc/passwd' as p %}",
    "include-dot-dot-normalised": "{% include 'sub/../../secret.txt' %}",
}
SECRET = "SECRET-TOKEN-8d1f"


def xlsx_template(folder: Path, payload: str) -> Path:
    template = folder / "mine.xlsx.yaml"
    template.write_text(
        "sheets:\n  - name: 概况\n    rows:\n      - [{{ plan.title | q }}]\n"
        f'      - ["{payload.replace(chr(34), chr(92) + chr(34))}"]\n',
        encoding="utf-8",
    )
    return template


def docx_template(folder: Path, payload: str) -> Path:
    document = docx.Document()
    document.add_paragraph("{{ plan.title }}")
    document.add_paragraph(payload)
    template = folder / "mine.docx"
    document.save(str(template))
    return template


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan repository: plan.yaml, a secret file beside templates/, the tmp dir as cwd."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "templates").mkdir()
    return tmp_path


def report_with(repo: Path, fmt: str, payload: str) -> tuple[int, str, Path]:
    make = xlsx_template if fmt == "xlsx" else docx_template
    template = make(repo / "templates", payload)
    out = repo / f"out.{fmt}"
    result = runner.invoke(
        app, ["report", "plan.yaml", "-o", out.name, "--template", str(template)]
    )
    return result.exit_code, result.output, out


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("name", sorted(JINJA_PAYLOADS))
def test_template_escapes_are_refused(repo: Path, fmt: str, name: str) -> None:
    code, output, out = report_with(repo, fmt, JINJA_PAYLOADS[name])
    assert code == 1, output
    assert output.startswith("cplan: "), output
    assert "mine." in output, output  # names the template
    assert "Traceback" not in output
    assert not out.exists()
    assert not (repo / MARKER).exists()
    assert not (repo / "templates" / MARKER).exists()


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("name", sorted(INCLUDE_PAYLOADS))
def test_includes_cannot_leave_the_template_folder(repo: Path, fmt: str, name: str) -> None:
    (repo / "templates" / "sub").mkdir()
    code, output, out = report_with(repo, fmt, INCLUDE_PAYLOADS[name])
    assert code == 1, output
    assert "模板引用的文件不存在或在模板目录之外" in output, output
    assert not out.exists()
    assert SECRET not in output


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_symlink_in_the_template_folder_cannot_leak_a_file(repo: Path, fmt: str) -> None:
    (repo / "templates" / "leak.txt").symlink_to(repo / "secret.txt")
    code, output, out = report_with(repo, fmt, "{% include 'leak.txt' %}")
    leaked = out.exists() and SECRET.encode() in _all_text(out)
    assert not leaked, "the secret file was copied into the report"
    assert code == 1, output


def _all_text(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


# -- plan values: formulas and markup ---------------------------------------------------

INJECTION_PLAN = r"""id: inj-2024
title: "=HYPERLINK(\"http://evil.example\",\"x\") & <b>"
period: 2024年至2025年
units:
  - {id: u1, name: "+1+1", kind: 区}
funders:
  - {id: city, name: "@SUM(1+1)", fund: "-2+3"}
targets:
  - id: t1
    name: "=1+1"
    kind: 提升
    unit: 个
    baseline: {value: 1, date: 2024年1月}
    target: {value: 5, deadline: 2025年底}
    actuals:
      - {value: 2, date: 2024年6月, source: "=cmd|' /C calc'!A0"}
phases:
  - {id: p1, name: "\t=2+2", when: 2024年3月至2024年6月}
  - {id: p2, name: "\r=3+3", when: 2024年7月至2025年12月}
  - {id: p3, name: "@A1", when: 2025年1月至2025年12月}
committees:
  - id: c1
    name: "-4+4"
    kind: 领导小组
    members:
      - {name: "=5+5", role: 组长, title: "+6+6", unit: u1}
budget:
  sharing: {remainder: city}
  lines:
    - {id: l1, name: "=SUM(A1:A9)", amount: 1万元, category: "@cat"}
"""
INJECTED = [
    '=HYPERLINK("http://evil.example","x") & <b>',
    "+1+1",
    "@SUM(1+1)",
    "-2+3",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "=2+2",  # a leading tab or CR is stripped by the model; the rest must stay text
    "=3+3",
    "@A1",
    "-4+4",
    "=5+5",
    "+6+6",
    "=SUM(A1:A9)",
    "@cat",
]


def test_xlsx_cells_never_receive_formulas_from_plan_values(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(INJECTION_PLAN, encoding="utf-8")
    (run,) = run_many(
        [(["report", "plan.yaml", "-o", "out.xlsx", "--as-of", "2024-07-01"], tmp_path)]
    )
    assert run.returncode == 0, run.describe()
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    seen: dict[str, list[str]] = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type == "f":  # only the template's own sums and shares
                    assert str(value).startswith(("=SUM(", "=IF(")), (sheet.title, cell.coordinate)
                    assert not any(text in str(value) for text in INJECTED if len(text) > 4)
                elif isinstance(value, str) and value in INJECTED:
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, value)
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, value)
                    seen.setdefault(value, []).append(f"{sheet.title}!{cell.coordinate}")
    assert set(seen) == set(INJECTED), set(INJECTED) - set(seen)


@pytest.mark.parametrize(
    "formula",
    [
        "{{ plan.title | q }}",
        "\"=cmd|' /C calc'!A0\"",
        '"=HYPERLINK(""http://evil.example"",""x"")"',
        '"=WEBSERVICE(""http://evil.example"")"',
        "\"='[other.xlsx]Sheet1'!A1\"",
        '"=INDIRECT(""A1"")"',
    ],
)
def test_a_template_cannot_build_dangerous_formulas(repo: Path, formula: str) -> None:
    (repo / "plan.yaml").write_text(INJECTION_PLAN, encoding="utf-8")
    template = repo / "templates" / "mine.xlsx.yaml"
    template.write_text(
        f"sheets:\n  - name: a\n    rows:\n      - [{{formula: {formula}}}]\n", encoding="utf-8"
    )
    out = runner.invoke(app, ["report", "plan.yaml", "-o", "out.xlsx", "-t", str(template)])
    assert out.exit_code == 1, out.output
    assert not (repo / "out.xlsx").exists()


MARKUP_PLAN = """id: markup-2024
title: "A & B <w:t>x</w:t> ]]> {{ 7*7 }} {% raw %}"
period: 2024年至2025年
area: "<script>alert(1)</script> &amp; &lt;"
units:
  - {id: u1, name: "甲 & 乙 <区>", kind: 区}
targets:
  - id: t1
    name: "{{ config }} <b>加粗</b>"
    kind: 提升
    unit: 个
    baseline: {value: 1, date: 2024年1月}
    target: {value: 5, deadline: 2025年底}
"""


def test_docx_values_are_escaped(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(MARKUP_PLAN, encoding="utf-8")
    runs = run_many(
        [
            (["report", "plan.yaml", "-o", f"{kind}.docx", "--template", kind, "--as-of",
              "2024-07-01"], tmp_path)
            for kind in ("plan", "progress")
        ]
    )  # fmt: skip
    texts = []
    for run, kind in zip(runs, ("plan", "progress"), strict=True):
        assert run.returncode == 0, run.describe()
        document = docx.Document(io.BytesIO((tmp_path / f"{kind}.docx").read_bytes()))
        texts += [p.text for p in document.paragraphs]
        for table in document.tables:
            texts.extend(cell.text for row in table.rows for cell in row.cells)
    everything = "\n".join(texts).replace("\n", "")  # titles break over lines
    for literal in (
        "A & B <w:t>x</w:t> ]]> {{ 7*7 }} {% raw %}",
        "<script>alert(1)</script> &amp; &lt;",
        "{{ config }} <b>加粗</b>",
    ):
        assert literal in everything, literal
    assert "49" not in everything
