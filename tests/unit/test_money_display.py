"""One money format (messages.yuan) and one plain number format (values.format_number)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cplan.compute.diff import number as diff_number
from cplan.messages import yuan
from cplan.model.values import format_number
from cplan.render.context import number as context_number
from cplan.render.diff import signed
from cplan.render.diff import yuan as diff_yuan
from cplan.render.terminal import yuan as terminal_yuan


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("1234567.8"), "1,234,567.80"),
        (Decimal(0), "0.00"),
        (Decimal("-0"), "0.00"),
        (Decimal("-0.004"), "0.00"),
        (Decimal(-1500), "-1,500.00"),
        (Decimal("0.125"), "0.13"),  # half up, as the figures round (四舍五入)
        (Decimal("2.675"), "2.68"),
        (Decimal("1E+5"), "100,000.00"),
        (
            Decimal("123456789012345678901234567890.01"),
            "123,456,789,012,345,678,901,234,567,890.01",
        ),
        ("1234567.80", "1,234,567.80"),
        (None, "—"),
    ],
)
def test_yuan(amount: Decimal | str | None, shown: str) -> None:
    assert yuan(amount) == shown


def test_every_money_output_is_yuan() -> None:
    assert terminal_yuan("-0.00") == diff_yuan(Decimal("-0")) == "0.00"
    assert terminal_yuan(None) == diff_yuan(None) == "—"
    assert signed(Decimal(240000)) == yuan(Decimal(240000), sign=True) == "+240,000.00"
    assert signed(Decimal(-48000)) == "-48,000.00"
    assert signed(Decimal("-0")) == "+0.00"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("85.0"), "85"),
        (Decimal("1E+2"), "100"),
        (Decimal("0.050"), "0.05"),
        (Decimal("-0"), "0"),
        (Decimal("-0.000"), "0"),
        (Decimal("-3.50"), "-3.5"),
    ],
)
def test_one_plain_number_format(value: Decimal, shown: str) -> None:
    assert format_number(value) == shown
    assert diff_number(value) == shown
    assert context_number(value) == shown
    assert context_number(None) is None
