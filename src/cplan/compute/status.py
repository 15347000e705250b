"""One status vocabulary for targets and phases: the same word means the same thing.

As of a date, a target or a phase is, checked in this order:

* 已完成 done: reached or finished by that date (a target's latest actual value meets
  it; a phase is marked done, or all of its tasks are, on or before that date);
* 未达成 failed: can no longer be reached (a zero-tolerance target after an incident);
* 逾期未完成 overdue: its deadline (a phase's last day) has passed and it is not done,
  also when nothing has been reported;
* 未开始 not started: the date is before its start;
* 无数据 no data: under way, but there is nothing to measure progress by (a target
  without an actual value yet, a phase without tasks);
* 正常 on track / 预警 at risk / 滞后 behind: under way, progress compared with the
  share of time elapsed: progress trails time by at most ``at_risk`` (10 points), by at
  most ``behind`` (25 points), or by more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction


class Standing(StrEnum):
    """A target's or a phase's status. The value is the word officers use."""

    NOT_STARTED = "未开始"
    ON_TRACK = "正常"
    AT_RISK = "预警"
    BEHIND = "滞后"
    DONE = "已完成"
    OVERDUE = "逾期未完成"
    FAILED = "未达成"
    NO_DATA = "无数据"

    @property
    def english(self) -> str:
        return _ENGLISH[self]


_ENGLISH = {
    Standing.NOT_STARTED: "not started",
    Standing.ON_TRACK: "on track",
    Standing.AT_RISK: "at risk",
    Standing.BEHIND: "behind",
    Standing.DONE: "done",
    Standing.OVERDUE: "overdue",
    Standing.FAILED: "failed",
    Standing.NO_DATA: "no data",
}


@dataclass(frozen=True)
class Thresholds:
    """How far progress may trail time elapsed before something is at risk, or behind."""

    at_risk: Fraction = Fraction(1, 10)
    behind: Fraction = Fraction(1, 4)

    def __post_init__(self) -> None:
        if not Fraction(0) <= self.at_risk <= self.behind:
            raise ValueError("thresholds must satisfy 0 ≤ at_risk ≤ behind")


#: 10 and 25 points, the defaults of ``cplan status``.
DEFAULT_THRESHOLDS = Thresholds()


_NONE, _ALL = Fraction(0), Fraction(1)


def clamp(share: Fraction) -> Fraction:
    """A share held to 0–1."""
    if share < _NONE:
        return _NONE
    return min(share, _ALL)


def schedule(
    *,
    done: bool,
    overdue: bool,
    started: bool,
    progress: Fraction | None,
    elapsed: Fraction,
    thresholds: Thresholds,
    failed: bool = False,
) -> Standing:
    """The status from the facts as of a date, by the rules in this module's docstring."""
    if done:
        return Standing.DONE
    if failed:
        return Standing.FAILED
    if overdue:
        return Standing.OVERDUE
    if not started:
        return Standing.NOT_STARTED
    if progress is None:
        return Standing.NO_DATA
    gap = elapsed - clamp(progress)
    if gap <= thresholds.at_risk:
        return Standing.ON_TRACK
    if gap <= thresholds.behind:
        return Standing.AT_RISK
    return Standing.BEHIND


def elapsed_between(before_start: date, last_day: date, as_of: date) -> Fraction:
    """The share of the days after ``before_start`` up to ``last_day`` passed by ``as_of``.

    ``before_start`` is the last day before the clock starts (a baseline's date, or the
    day before a plan or a phase begins); each date counts as its whole day.
    """
    total = (last_day - before_start).days
    if total <= 0:
        return Fraction(1)
    return clamp(Fraction((as_of - before_start).days, total))
