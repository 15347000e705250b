"""A long plan for timing, in the genre's layout: over 12,000 characters, twice what ten
pages of a 公文 hold (22 lines of 28 characters a page), with many targets, ten dated
phases, a roster and a budget."""

from __future__ import annotations

_CN = "一二三四五六七八九十"


def long_plan(sections: int = 10) -> str:
    lines = ["南川区2026—2027年社区治理提升工作方案", "各街道办事处，区直有关单位："]
    for s in range(sections):
        lines.append(f"{_CN[s]}、第{s + 1}部分工作安排")
        for k in range(1, 9):
            lines.append(
                f"（{_CN[k - 1]}）重点任务{s + 1}-{k}。到2027年底，社区服务事项办结率由2025年的"
                f"{60 + k}%提高到{90 + k % 9}%以上，新建社区议事场所{k + 2}个，矛盾纠纷化解率不低于"
                f"{85 + k}%，安全责任事故实现“0”目标。各街道要结合实际细化措施，明确责任人和时间"
                "表，定期报送进展情况，确保各项任务按期完成。（牵头单位：区民政局；配合单位：各街道）"
            )
        lines.append(
            f"第{s + 1}阶段：推进实施（{s % 12 + 1}月上旬至{s % 12 + 1}月下旬）。召开推进会，逐项落实。"
        )
    lines += [
        "成立区社区治理提升工作领导小组。",
        "组长：何建平 副组长：孔令书",
        "成员：严小川、华立新、金晓东、魏玉芬",
        "经费合计60万元，其中培训经费20万元，议事场所改造经费40万元，由区财政承担60%，街道承担40%。",
        "南川区民政局",
        "2026年1月5日",
    ]
    return "\n".join(lines) + "\n"
