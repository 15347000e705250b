"""`cplan diff`: what changed between two versions of a plan, matched by id.

The main scenario edits a copy of ``examples/rehab-centres.yaml``:

* 花都 centre (c-huadu): 服务人数 110 → 150 and its 市:区 ratio 4:6 → 5:5;
* the stated budget total follows (1132.84万元 → 11524240, worked out below);
* a target is added (t-satisfaction), a phase removed (p-operate, and the duty that
  pointed at it loses its phase), the joint committee gains a size and a composition.

Hand-derived figures (400 元/人/月 × 12 个月 = 4,800 元 per person-year):

* b-base: 4,800 × 100 = 480,000 for 花都 either way, but its split moves from
  4:6 (192,000 / 288,000) to 5:5 (240,000 / 240,000): city +48,000, district −48,000.
* b-performance: 花都 counts people above 100: 10 → 50, so 48,000 → 240,000;
  the line goes 1,680,000 → 1,872,000 (+192,000). 花都's part splits 4:6
  (19,200 / 28,800) before and 5:5 (120,000 / 120,000) after: city +100,800,
  district +91,200.
* b-monitoring: 2% of (6,240,000 + 1,680,000) = 158,400 → 2% of (6,240,000 + 1,872,000)
  = 162,240 (+3,840), all paid by the city (10:0).
* total: 11,328,400 → 11,524,240 (+195,840).
* city: +48,000 + 100,800 + 3,840 = +152,640; district: −48,000 + 91,200 = +43,200;
  together 195,840, the change of the total. City before: base 2,640,000 (5 centres at
  5:5 × 240,000, 4 at 4:6 × 192,000, 从化 8:2 384,000, 增城 6:4 288,000, 南沙/萝岗 0)
  + performance 686,400 + monitoring 158,400 = 3,484,800; district before:
  (6,240,000 − 2,640,000) + (1,680,000 − 686,400) = 4,593,600. The welfare lottery fund
  (city-fucai) pays the facilities, 3,250,000 before and after: not listed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cplan.check import check_text
from cplan.cli import app
from cplan.compute.diff import Change, Changed, Entry, FunderShare, PlanDiff, diff_plans
from cplan.compute.figures import PlanFigures
from cplan.render.diff import diff_data, diff_markdown, diff_text
from tests.conftest import ROOT, plan_text

runner = CliRunner()

OLD_TEXT = (ROOT / "examples" / "rehab-centres.yaml").read_text(encoding="utf-8")

NEW_TARGET = """\
  - id: t-satisfaction
    name: 服务对象满意度
    kind: increase
    unit: "%"
    baseline: {value: 80, date: 2012年}
    target: {value: 90, deadline: 2013年底}
    owner: shi-canlian
"""

REMOVED_PHASE = """\
  - id: p-operate
    name: 常态运营和质量监测
    when: 2014年1月1日至2017年3月19日
    owner: shi-canlian
    tasks:
      - 每年中期、末期两次第三方质量监测
      - 三年合同期满后重新招标
"""

EDITS = [
    (
        'sharing: "4:6", quantities: {服务人数: 110',
        'sharing: "5:5", quantities: {服务人数: 150',
    ),
    ("total: 1132.84万元", "total: 11524240"),
    ("\nphases:\n", "\n" + NEW_TARGET + "\nphases:\n"),
    (REMOVED_PHASE, ""),
    ("owner: qu-canlian, phase: p-operate}", "owner: qu-canlian}"),
    (
        "    kind: 其他\n    responsibilities:",
        (
            "    kind: 其他\n    size: 3\n    composition: {市残联: 1, 市民政局: 1, 市财政局: 1}\n"
            "    responsibilities:"
        ),
    ),
]


def edited(text: str, edits: list[tuple[str, str]]) -> str:
    for before, after in edits:
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    return text


NEW_TEXT = edited(OLD_TEXT, EDITS)


def valid(text: str) -> PlanFigures:
    result = check_text(text, "x.yaml")
    assert result.figures is not None
    assert result.errors == 0, [d.format("zh") for d in result.diagnostics]
    return result.figures


@pytest.fixture(scope="module")
def rehab() -> PlanDiff:
    return diff_plans(valid(OLD_TEXT), valid(NEW_TEXT))


# -- the computed diff ------------------------------------------------------------------


def test_same_plan_is_empty() -> None:
    plan = valid(OLD_TEXT)
    diff = diff_plans(plan, plan)
    assert diff.empty
    assert diff_text(diff) == "没有变化\n"
    assert diff_text(diff, "en") == "No changes\n"
    assert diff_markdown(diff).endswith("没有变化\n")
    assert diff_data(diff)["empty"] is True


def test_identity_and_sections(rehab: PlanDiff) -> None:
    assert not rehab.empty
    assert rehab.title == "广州市社区精神康复综合服务中心建设工作方案"
    assert rehab.plan == (Change("budget_total", "11328400", "11524240"),)
    assert rehab.targets.added == (Entry("t-satisfaction", "服务对象满意度", "90%"),)
    assert rehab.targets.removed == ()
    assert rehab.targets.changed == ()
    assert rehab.phases.removed == (
        Entry("p-operate", "常态运营和质量监测", "2014年1月1日至2017年3月19日"),
    )
    assert rehab.phases.added == ()
    assert rehab.phases.changed == ()
    assert rehab.committees.changed == (
        Changed(
            "c-lianxi",
            "市中心建设工作联席机制",
            (
                Change("size", None, "3"),
                Change("composition", None, "1", key="市残联"),
                Change("composition", None, "1", key="市民政局"),
                Change("composition", None, "1", key="市财政局"),
            ),
        ),
    )
    assert rehab.units.changed == (
        Changed(
            "c-huadu",
            "花都区社区精神康复综合服务中心",
            (
                Change("sharing", "4:6", "5:5"),
                Change("quantity", "110", "150", key="服务人数"),
            ),
        ),
    )


def test_budget_lines_and_total(rehab: PlanDiff) -> None:
    assert rehab.budget.added == rehab.budget.removed == ()
    performance, monitoring = rehab.budget.changed
    assert performance == Changed(
        "b-performance", "绩效运营服务经费", (), Decimal(1680000), Decimal(1872000)
    )
    assert performance.difference == Decimal(192000)
    assert monitoring == Changed(
        "b-monitoring", "第三方服务质量监测经费", (), Decimal(158400), Decimal(162240)
    )
    assert monitoring.difference == Decimal(3840)
    assert (rehab.old_total, rehab.new_total) == (Decimal(11328400), Decimal(11524240))
    assert rehab.total_difference == Decimal(195840)


def test_funder_shares(rehab: PlanDiff) -> None:
    assert rehab.funders == (
        FunderShare("city", "市本级财政", Decimal(3484800), Decimal(3637440)),
        FunderShare("district", "区 (县级市) 财政", Decimal(4593600), Decimal(4636800)),
    )
    city, district = rehab.funders
    assert city.difference == Decimal(152640)  # 48,000 + 100,800 + 3,840
    assert district.difference == Decimal(43200)  # −48,000 + 91,200
    assert city.difference + district.difference == rehab.total_difference


def test_only_a_ratio_moves_shares_between_funders() -> None:
    """花都 4:6 → 5:5 alone: a tenth of its lines moves from district to city.

    The 480,000 base goes 192,000 → 240,000 for the city (+48,000) and the 48,000
    performance part (10 people above 100) 19,200 → 24,000 (+4,800): +52,800 in all.
    No line amount and not the total change.
    """
    new = edited(OLD_TEXT, [EDITS[0]]).replace("服务人数: 150", "服务人数: 110", 1)
    diff = diff_plans(valid(OLD_TEXT), valid(new))
    assert diff.budget.empty
    assert not diff.total_changed
    assert [(f.id, f.difference) for f in diff.funders] == [
        ("city", Decimal(52800)),
        ("district", Decimal(-52800)),
    ]


TARGET_OLD = plan_text("""
    units:
      - {id: jd, name: 街道办}
    targets:
      - id: t-sat
        name: 居民满意度
        kind: increase
        unit: "%"
        baseline: {value: 60, date: 2024年}
        target: {value: 85, deadline: 2025年底}
        actuals:
          - {value: 70, date: 2024年6月}
    phases:
      - id: p-1
        name: 动员阶段
        when: 2024年3月至6月
        tasks:
          - 召开动员大会
          - 制定方案
      - id: p-2
        name: 巩固阶段
        when: 2025年3月至6月
    committees:
      - id: c-1
        name: 领导小组
        kind: 领导小组
        size: 3
        composition: {政府代表: 2, 居民代表: 1}
        members:
          - {name: 张三, role: 组长}
          - {name: 李四, role: 副组长}
          - {name: 王五, role: 成员}
    """)

TARGET_NEW = plan_text("""
    units:
      - {id: jd, name: 街道办}
    targets:
      - id: t-sat
        name: 居民满意度
        kind: increase
        unit: "%"
        baseline: {value: 60, date: 2024年}
        target: {value: 90, deadline: 2025年12月31日}
        owner: jd
        actuals:
          - {value: 70, date: 2024年6月}
          - {value: 78, date: 2024年12月}
    phases:
      - id: p-1
        name: 动员阶段
        when: 2024年3月至7月
        tasks:
          - {name: 召开动员大会, done: true}
          - 建立台账
    committees:
      - id: c-1
        name: 领导小组
        kind: 领导小组
        size: 3
        composition: {政府代表: 1, 居民代表: 2}
        members:
          - {name: 张三, role: 组长}
          - {name: 李四, role: 成员}
          - {name: 赵六, role: 成员}
    """)


@pytest.fixture(scope="module")
def small() -> PlanDiff:
    return diff_plans(valid(TARGET_OLD), valid(TARGET_NEW))


def test_target_fields_and_actuals(small: PlanDiff) -> None:
    # 2025年底 and 2025年12月31日 are the same day: the deadline did not change.
    assert small.targets.changed == (
        Changed(
            "t-sat",
            "居民满意度",
            (
                Change("target", "85", "90"),
                Change("owner", None, "街道办"),  # by name, as people read it
                Change("actual", None, "78 (2024年12月)"),
            ),
        ),
    )


def test_phase_dates_tasks_and_removal(small: PlanDiff) -> None:
    assert small.phases.changed == (
        Changed(
            "p-1",
            "动员阶段",
            (
                Change("when", "2024年3月至6月", "2024年3月至7月"),
                Change("task", "制定方案", None),
                Change("task", None, "建立台账"),
                Change("task_done", "false", "true", key="召开动员大会"),
            ),
        ),
    )
    assert small.phases.removed == (Entry("p-2", "巩固阶段", "2025年3月至6月"),)


def test_committee_composition_members_and_roles(small: PlanDiff) -> None:
    assert small.committees.changed == (
        Changed(
            "c-1",
            "领导小组",
            (
                Change("composition", "2", "1", key="政府代表"),
                Change("composition", "1", "2", key="居民代表"),
                Change("role", "副组长", "成员", key="李四"),
                Change("member", "王五 (成员)", None),
                Change("member", None, "赵六 (成员)"),
            ),
        ),
    )


# -- rendering --------------------------------------------------------------------------


def test_text_lines(small: PlanDiff, rehab: PlanDiff) -> None:
    lines = diff_text(small).splitlines()
    assert "~ 指标 居民满意度: 目标 85 → 90" in lines
    assert "~ 指标 居民满意度: + 实际值 78 (2024年12月)" in lines
    assert "- 阶段 巩固阶段 (2025年3月至6月)" in lines
    assert "~ 阶段 动员阶段: 任务 召开动员大会 未完成 → 已完成" in lines
    assert "~ 组织 领导小组: 角色 李四 副组长 → 成员" in lines
    assert "~ 组织 领导小组: 构成 政府代表 2 → 1" in lines
    text = diff_text(rehab).splitlines()
    assert "+ 指标 服务对象满意度 (目标 90%)" in text
    assert "~ 方案: 写明的经费总额 11,328,400.00 → 11,524,240.00 (+195,840.00)" in text
    assert "~ 经费 绩效运营服务经费: 金额 1,680,000.00 → 1,872,000.00 (+192,000.00)" in text
    assert "经费总额: 11,328,400.00 → 11,524,240.00 (+195,840.00)" in text
    assert "  市本级财政: 3,484,800.00 → 3,637,440.00 (+152,640.00)" in text
    assert "  区 (县级市) 财政: 4,593,600.00 → 4,636,800.00 (+43,200.00)" in text
    english = diff_text(small, "en").splitlines()
    assert "~ target 居民满意度: target 85 → 90" in english
    assert "~ phase 动员阶段: task 召开动员大会 not done → done" in english


def test_removed_budget_line_text() -> None:
    old = plan_text("""
        budget:
          lines:
            - {id: b-1, name: 运营经费, amount: 10万元}
            - {id: b-2, name: 设施经费, amount: 25万元}
        """)
    new = old.replace("    - {id: b-2, name: 设施经费, amount: 25万元}\n", "")
    diff = diff_plans(valid(old), valid(new))
    assert diff.budget.removed == (Entry("b-2", "设施经费", None, Decimal(250000)),)
    assert "- 经费 设施经费 250,000.00" in diff_text(diff).splitlines()
    assert "| − 设施经费 | 250,000.00 | — | -250,000.00 |" in diff_markdown(diff)


def test_sharing_and_references_are_shown_by_name() -> None:
    """``city:district:street 4:4:2`` is how the YAML says it; people read the names."""
    old = plan_text("""
        units:
          - {id: jd, name: 街道办}
          - {id: sq, name: 南苑社区}
        funders:
          - {id: city, name: 市财政}
          - {id: district, name: 区财政}
          - {id: street, name: 街道财政}
        budget:
          sharing: {funders: [city, district, street], ratio: "4:4:2"}
          lines:
            - {id: b-1, name: 运营经费, amount: 10万元}
            - id: b-2
              name: 设施经费
              amount: 25万元
              sharing: {fixed: {city: 5万元}, remainder: district}
              units: [jd]
        """)
    new = edited(
        old,
        [
            ('ratio: "4:4:2"', 'ratio: "5:3:2"'),
            ("{city: 5万元}, remainder: district}", "{city: 6万元}, remainder: street}"),
            ("units: [jd]", "units: [jd, sq]"),
        ],
    )
    diff = diff_plans(valid(old), valid(new))
    lines = diff_text(diff).splitlines()
    assert (
        "~ 方案: 默认分担方式 市财政:区财政:街道财政 4:4:2 → 市财政:区财政:街道财政 5:3:2" in lines
    )
    assert (
        "~ 经费 设施经费: 分担方式 市财政 50000 + 区财政（其余） → 市财政 60000 + 街道财政（其余）"
        in lines
    )
    assert "~ 经费 设施经费: 计列单位 街道办 → 街道办, 南苑社区" in lines
    english = diff_text(diff, "en").splitlines()
    assert any(line.endswith("市财政 60000 + 街道财政 (rest)") for line in english)


def test_markdown_tables(rehab: PlanDiff) -> None:
    text = diff_markdown(rehab)
    assert text.startswith("## 方案变更: 广州市社区精神康复综合服务中心建设工作方案\n")
    for heading in ("### 方案", "### 指标", "### 阶段", "### 组织", "### 经费", "### 分担"):
        assert f"\n{heading}\n" in text
    assert "| 项目 | 变更前 | 变更后 | 差额 |" in text
    assert "| + 服务对象满意度 | — | 90% |  |" in text
    assert "| − 常态运营和质量监测 | 2014年1月1日至2017年3月19日 | — |  |" in text
    assert "| 市中心建设工作联席机制 · 构成 市残联 | — | 1 |  |" in text
    assert "| 花都区社区精神康复综合服务中心 · 分担方式 | 4:6 | 5:5 |  |" in text
    assert "| 绩效运营服务经费 | 1,680,000.00 | 1,872,000.00 | +192,000.00 |" in text
    assert "| **经费总额** | 11,328,400.00 | 11,524,240.00 | +195,840.00 |" in text
    assert "| 市本级财政 | 3,484,800.00 | 3,637,440.00 | +152,640.00 |" in text
    assert "| 区 (县级市) 财政 | 4,593,600.00 | 4,636,800.00 | +43,200.00 |" in text
    assert "市福利彩票公益金" not in text


def test_markdown_omits_empty_sections(small: PlanDiff) -> None:
    text = diff_markdown(small, "en")
    assert text.startswith("## Plan changes: 测试方案\n")
    assert "### Targets" in text
    assert "### Budget" not in text
    assert "### Shares" not in text
    assert "| 居民满意度 · target | 85 | 90 |  |" in text


def test_json_data(rehab: PlanDiff) -> None:
    data = diff_data(rehab)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["version"] == 1
    assert data["empty"] is False
    assert data["total"] == {"old": "11328400.00", "new": "11524240.00", "difference": "195840.00"}
    assert data["funders"][0] == {
        "id": "city",
        "name": "市本级财政",
        "old": "3484800.00",
        "new": "3637440.00",
        "difference": "152640.00",
    }
    assert data["budget"]["changed"][0] == {
        "id": "b-performance",
        "name": "绩效运营服务经费",
        "changes": [],
        "old_amount": "1680000.00",
        "new_amount": "1872000.00",
        "difference": "192000.00",
    }
    assert data["phases"]["removed"] == [
        {"id": "p-operate", "name": "常态运营和质量监测", "detail": "2014年1月1日至2017年3月19日"}
    ]


# -- the command ------------------------------------------------------------------------


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD_TEXT, encoding="utf-8")
    new.write_text(NEW_TEXT, encoding="utf-8")
    return old, new


def invoke(*args: str | Path) -> tuple[int, str, str]:
    out = runner.invoke(app, [str(arg) for arg in args], env={"CPLAN_LANG": "", "NO_COLOR": "1"})
    return out.exit_code, out.stdout, out.stderr


def test_cli_two_files(two_files: tuple[Path, Path]) -> None:
    code, stdout, _ = invoke("diff", *two_files)
    assert code == 0
    assert "  市本级财政: 3,484,800.00 → 3,637,440.00 (+152,640.00)" in stdout.splitlines()
    assert "- 阶段 常态运营和质量监测 (2014年1月1日至2017年3月19日)" in stdout


def test_cli_json_and_markdown(two_files: tuple[Path, Path], tmp_path: Path) -> None:
    code, stdout, _ = invoke("diff", *two_files, "--format", "json")
    assert code == 0
    data = json.loads(stdout)
    assert data["total"]["difference"] == "195840.00"
    assert data["old"].endswith("old.yaml")
    assert data["new"].endswith("new.yaml")
    summary = tmp_path / "summary.md"
    code, stdout, _ = invoke("diff", *two_files, "-f", "markdown", "-o", summary)
    assert code == 0
    assert stdout == ""
    assert "| 市本级财政 | 3,484,800.00 | 3,637,440.00 | +152,640.00 |" in summary.read_text(
        encoding="utf-8"
    )


def test_cli_exit_code(two_files: tuple[Path, Path]) -> None:
    old, new = two_files
    assert invoke("diff", old, new, "--exit-code")[0] == 1
    code, stdout, _ = invoke("diff", old, old, "--exit-code")
    assert (code, stdout) == (0, "没有变化\n")


def test_cli_invalid_new_plan(two_files: tuple[Path, Path]) -> None:
    old, new = two_files
    new.write_text("id: x\ntitle: 缺少期限\n", encoding="utf-8")
    code, stdout, stderr = invoke("diff", old, new)
    assert code == 1
    assert stdout == ""
    assert "CP101" in stderr


def test_cli_usage_errors(two_files: tuple[Path, Path]) -> None:
    old, new = two_files
    assert invoke("diff", old)[0] == 2
    assert invoke("diff", old, new, "--rev", "HEAD")[0] == 2
    assert invoke("diff", old, new, "--format", "html")[0] == 2
    assert invoke("diff", old, old.parent / "missing.yaml")[0] == 2


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    (folder / "plans").mkdir(parents=True)
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "test@example.com")
    git(folder, "config", "user.name", "Test")
    git(folder, "config", "commit.gpgsign", "false")
    plan = folder / "plans" / "rehab.yaml"
    plan.write_text(OLD_TEXT, encoding="utf-8")
    git(folder, "add", "plans/rehab.yaml")
    git(folder, "commit", "-q", "-m", "plan")
    plan.write_text(NEW_TEXT, encoding="utf-8")
    return plan


@needs_git
def test_cli_rev_against_working_tree(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.parent.parent)  # the file is found relative to its own folder
    code, stdout, _ = invoke("diff", "plans/rehab.yaml", "--rev", "HEAD", "-f", "json")
    assert code == 0, stdout
    data = json.loads(stdout)
    assert data["old"] == "HEAD:plans/rehab.yaml"
    assert data["new"] == "plans/rehab.yaml"
    assert [f["difference"] for f in data["funders"]] == ["152640.00", "43200.00"]


@needs_git
def test_cli_bad_revision(repo: Path) -> None:
    code, stdout, stderr = invoke("diff", repo, "--rev", "no-such-rev")
    assert code == 2
    assert stdout == ""
    assert "无法从 git 读取 no-such-rev:rehab.yaml：git 中没有版本 no-such-rev" in stderr


@needs_git
def test_cli_file_not_at_revision(repo: Path) -> None:
    other = repo.with_name("other.yaml")
    other.write_text(NEW_TEXT, encoding="utf-8")
    code, _, stderr = invoke("diff", other, "--rev", "HEAD")
    assert code == 2
    assert (
        "无法从 git 读取 HEAD:other.yaml：文件 plans/other.yaml 在磁盘上，但在版本 HEAD 中还没有提交"
        in stderr
    )


def test_cli_rev_outside_a_repository(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(NEW_TEXT, encoding="utf-8")
    code, _, stderr = invoke("diff", plan, "--rev", "HEAD")
    assert code == 2
    assert "这个文件夹不在 git 仓库中" in stderr or "找不到 git" in stderr
    _, _, english = invoke("diff", plan, "--rev", "HEAD", "--lang", "en")
    assert "not in a git repository" in english or "git is not available" in english
