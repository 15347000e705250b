"""The date-independent checks of budget execution records: codes and lines."""

from __future__ import annotations

from tests.conftest import found, plan_text

PLAN = plan_text("""
    units:
      - {id: east, name: 东社区, kind: 社区}
      - {id: west, name: 西社区, kind: 社区}
      - {id: north, name: 北社区, kind: 社区}
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
      lines:
        - id: b-centre
          name: 服务中心运营
          amount: 1万元
          units: [east, west]
          received:
            - {funder: city, unit: north, amount: 100, date: 2024-03-01}
            - {funder: social, amount: 100, date: 2024-03-01}
            - {funder: nobody, amount: 100, date: 2024-03-01}
          spent:
            - {unit: east, amount: 1.2万元, date: 2024-05-01}
            - {amount: 100, date: 2030-06-01}
        - id: b-green
          name: 增绿补绿
          amount: 3万元
          received:
            - {funder: social, amount: 100, date: 2024-02-01}
""")


def test_each_record_problem_has_its_code_and_line() -> None:
    codes = found(PLAN)
    assert ("CP509", 20) in codes  # a unit the line is not counted for
    assert ("CP509", 21) in codes  # social is due nothing on any unit
    assert ("CP301", 22) in codes  # a funder nobody defined
    assert ("CP406", 25) in codes  # dated after the plan period
    assert ("CP511", 24) in codes  # east spent 1.2万 of its 1万
    assert ("CP512", 24) in codes  # spent more than received
    assert ("CP510", 30) in codes  # social pays no share of 增绿补绿


def test_clean_records_have_no_findings() -> None:
    clean = PLAN.split("          received:\n")[0] + "          received:\n"
    clean += "            - {funder: city, unit: east, amount: 100, date: 2024-03-01}\n"
    assert [code for code, _ in found(clean) if code.startswith(("CP4", "CP5"))] == []
