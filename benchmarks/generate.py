"""Generate realistic plans (Chinese text, every section) for benchmarks."""

from __future__ import annotations

import random

FAMILIES = ["治理", "服务", "平安", "环境", "养老", "就业", "文化"]
DISTRICTS = ["越秀区", "海珠区", "荔湾区", "天河区", "白云区", "黄埔区", "番禺区", "花都区"]
RATIOS = ["5:5", "4:6", "8:2", "6:4", "0:10"]


def plan_yaml(targets: int, lines: int, *, units: int = 12, seed: int = 1) -> str:
    """A valid plan with ``targets`` targets and ``lines`` budget lines."""
    rng = random.Random(seed)
    out = [
        f"id: bench-{targets}-{lines}-{seed}",
        f"title: 基准测试方案 ({targets} 项指标, {lines} 项经费)",
        "issuer: 某市民政局",
        "level: 市",
        "period: 2025年至2027年",
        "sections:",
        "  background: 为检验 cplan 在大型方案上的表现而生成的方案, 各项数字为随机生成。",
        "  measures: [健全议事协商机制, 每季度公开项目进展和经费使用情况]",
        "units:",
    ]
    for i in range(units):
        district = DISTRICTS[i % len(DISTRICTS)]
        out.append(
            f"  - {{id: u{i}, name: {district}第{i + 1}服务中心, kind: 中心, "
            f'sharing: "{rng.choice(RATIOS)}", quantities: {{服务人数: {rng.randint(60, 230)}}}}}'
        )
    out += [
        "funders:",
        "  - {id: city, name: 市财政, level: 市, fund: 残疾人就业保障金}",
        "  - {id: district, name: 区财政, level: 区, fund: 残疾人就业保障金}",
        "targets:",
    ]
    for i in range(targets):
        base = rng.randint(20, 60)
        goal = base + rng.randint(10, 35)
        out += [
            f"  - id: t{i}",
            f"    name: 第{i + 1}项居民服务满意度指标",
            "    kind: increase",
            f"    family: {FAMILIES[i % len(FAMILIES)]}",
            '    unit: "%"',
            f"    baseline: {{value: {base}, date: 2024年12月}}",
            f"    target: {{value: {goal}, deadline: 2027年底}}",
            f"    owner: u{i % units}",
            "    actuals:",
            f"      - {{value: {base + rng.randint(0, goal - base)}, date: 2025年6月, source: 季度统计}}",
        ]
    out += ["phases:"]
    for i, (name, when) in enumerate(
        [
            ("动员部署", "2025年1月上旬至3月下旬"),
            ("全面实施", "2025年4月上旬至2027年6月下旬"),
            ("总结验收", "2027年7月上旬至年底"),
        ]
    ):
        out.append(f"  - {{id: p{i}, name: {name}阶段, when: {when}, tasks: [制定细则, 组织培训]}}")
    out += [
        "committees:",
        "  - id: leading",
        "    name: 工作领导小组",
        "    size: 3",
        "    members: [{name: 张某, role: 组长}, {name: 李某, role: 副组长}, {name: 王某, role: 成员}]",
        "budget:",
        '  sharing: {funders: [city, district], ratio: "5:5"}',
        "  lines:",
    ]
    for i in range(lines):
        if i % 3 == 0:
            out.append(
                f"    - {{id: l{i}, name: 第{i + 1}项运营经费, category: 运营经费, year: {2025 + i % 3}, "
                f"rate: 400, quantity: 服务人数, quantity_max: 200, period: 12, unit_kind: 中心}}"
            )
        else:
            out.append(
                f"    - {{id: l{i}, name: 第{i + 1}项活动经费, category: 活动经费, year: {2025 + i % 3}, "
                f"amount: {rng.randint(1, 500)}.{rng.randint(0, 99):02d}万元}}"
            )
    return "\n".join(out) + "\n"
