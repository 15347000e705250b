"""Work out the value of every formula cell, so the workbook stores it next to the formula.

openpyxl writes a formula with an empty cached value; Excel recalculates on opening, but
pandas, Python readers, phone viewers and previewers show the cached value — nothing.
:func:`evaluate` computes each formula of the workbook from the cells' values, exactly
(``Decimal``), for the functions a template may use that have a fixed meaning over
numbers: ``SUM``, ``IF``, ``MIN``, ``MAX``, ``ABS``, ``ROUND``, ``AND``, ``OR``, ``NOT``,
``ISBLANK``, ``ISNUMBER``, ``IFERROR``, ``AVERAGE``, ``COUNT``, ``COUNTA``, ``PRODUCT``.
Operators: ``+ - * / ^ &``, comparisons, unary minus and ``%``. References: cells and
ranges, on the same sheet or another (``'经费'!D4``). A formula using anything else
gets no cached value (Excel and LibreOffice still compute it when opened); a division by
zero gives Excel's ``#DIV/0!``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation
from typing import Any

Value = Decimal | str | bool | None


class FormulaError(Exception):
    """An Excel error value (``#DIV/0!``, ``#VALUE!``) while evaluating."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Unsupported(Exception):
    """The formula uses something this evaluator does not compute."""


_PRECEDENCE = {"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3}
_PRECEDENCE |= {"*": 4, "/": 4, "^": 5}


def _number(value: Value) -> Decimal:
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(value)
    except InvalidOperation:
        raise FormulaError("#VALUE!") from None


def _numbers(values: Iterable[Value]) -> list[Decimal]:
    """The numbers of a range, as SUM sees them: text and blanks are skipped."""
    return [v for v in values if isinstance(v, Decimal)]


def _truth(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        upper = value.upper()
        if upper in ("TRUE", "FALSE"):
            return upper == "TRUE"
        raise FormulaError("#VALUE!")
    return _number(value) != 0


def _compare(op: str, left: Value, right: Value) -> bool:
    def key(value: Value) -> tuple[int, Any]:
        if value is None:
            return (0, Decimal(0))
        if isinstance(value, bool):
            return (2, value)
        if isinstance(value, str):
            return (1, value.lower())
        return (0, value)

    a, b = key(left), key(right)
    if a[0] != b[0]:
        a, b = (a[0], 0), (b[0], 0)
    return {
        "=": a == b,
        "<>": a != b,
        "<": a < b,
        ">": a > b,
        "<=": a <= b,
        ">=": a >= b,
    }[op]


def _binary(op: str, left: Value, right: Value) -> Value:
    if op in ("=", "<>", "<", ">", "<=", ">="):
        return _compare(op, left, right)
    if op == "&":
        return f"{_text(left)}{_text(right)}"
    a, b = _number(left), _number(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        if b == 0:
            raise FormulaError("#DIV/0!")
        try:
            return a / b
        except (DivisionByZero, InvalidOperation):
            raise FormulaError("#DIV/0!") from None
    if op == "^":
        return Decimal(float(a) ** float(b))
    raise Unsupported(op)


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _round(values: list[Any]) -> Value:
    number = _number(_one(values[0]))
    places = int(_number(_one(values[1]))) if len(values) > 1 else 0
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _one(value: Any) -> Value:
    if isinstance(value, list):
        if len(value) != 1:
            raise FormulaError("#VALUE!")
        return value[0]  # type: ignore[no-any-return]
    return value  # type: ignore[no-any-return]


def _flat(args: list[Any]) -> list[Value]:
    out: list[Value] = []
    for arg in args:
        out.extend(arg if isinstance(arg, list) else [arg])
    return out


FUNCTIONS: dict[str, Callable[[list[Any]], Value]] = {
    "SUM": lambda a: sum(_numbers(_flat(a)), Decimal(0)),
    "MIN": lambda a: min(_numbers(_flat(a)), default=Decimal(0)),
    "MAX": lambda a: max(_numbers(_flat(a)), default=Decimal(0)),
    "ABS": lambda a: abs(_number(_one(a[0]))),
    "ROUND": _round,
    "AND": lambda a: all(_truth(v) for v in _flat(a) if v is not None),
    "OR": lambda a: any(_truth(v) for v in _flat(a) if v is not None),
    "NOT": lambda a: not _truth(_one(a[0])),
    "ISBLANK": lambda a: _one(a[0]) is None,
    "ISNUMBER": lambda a: isinstance(_one(a[0]), Decimal),
    "COUNT": lambda a: Decimal(len(_numbers(_flat(a)))),
    "COUNTA": lambda a: Decimal(sum(v is not None for v in _flat(a))),
    "PRODUCT": lambda a: _product(_numbers(_flat(a))),
    "AVERAGE": lambda a: _average(_numbers(_flat(a))),
}


def _product(values: list[Decimal]) -> Decimal:
    out = Decimal(1)
    for value in values:
        out *= value
    return out


def _average(values: list[Decimal]) -> Decimal:
    if not values:
        raise FormulaError("#DIV/0!")
    return sum(values, Decimal(0)) / len(values)


Lookup = Callable[[str | None, str], list[Value]]


def _tokens(formula: str) -> list[Any]:
    from openpyxl.formula.tokenizer import Tokenizer

    return [t for t in Tokenizer(formula).items if t.type != "WHITE-SPACE"]


class _Parser:
    """Recursive descent over openpyxl's tokens, evaluating as it goes (lazy for IF)."""

    def __init__(self, tokens: list[Any], lookup: Lookup) -> None:
        self.tokens = tokens
        self.i = 0
        self.lookup = lookup

    def peek(self) -> Any:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Any:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expression(self, level: int = 0) -> Any:
        left = self.unary()
        while True:
            token = self.peek()
            if token is None or token.type != "OPERATOR-INFIX":
                return left
            op = token.value
            precedence = _PRECEDENCE.get(op)
            if precedence is None:
                raise Unsupported(op)
            if precedence <= level:
                return left
            self.take()
            right = self.expression(precedence if op != "^" else precedence - 1)
            left = _binary(op, _one(left), _one(right))

    def unary(self) -> Any:
        token = self.peek()
        if token is not None and token.type == "OPERATOR-PREFIX":
            self.take()
            value = self.unary()
            return -_number(_one(value)) if token.value == "-" else _number(_one(value))
        value = self.primary()
        token = self.peek()
        if token is not None and token.type == "OPERATOR-POSTFIX" and token.value == "%":
            self.take()
            return _number(_one(value)) / 100
        return value

    def primary(self) -> Any:
        token = self.take()
        if token.type == "OPERAND":
            if token.subtype == "NUMBER":
                return Decimal(token.value)
            if token.subtype == "TEXT":
                return token.value[1:-1].replace('""', '"')
            if token.subtype == "LOGICAL":
                return token.value.upper() == "TRUE"
            if token.subtype == "RANGE":
                sheet, _, ref = token.value.rpartition("!")
                return self.lookup(sheet.strip("'") or None, ref.replace("$", ""))
            raise Unsupported(token.value)
        if token.type == "PAREN" and token.subtype == "OPEN":
            value = self.expression()
            self.take()
            return value
        if token.type == "FUNC" and token.subtype == "OPEN":
            return self.function(token.value[:-1].upper())
        raise Unsupported(token.value)

    def arguments(self) -> list[Any]:
        """Each argument, evaluated; an error is kept as the error (for IFERROR and IF)."""
        args: list[Any] = []
        if self.peek().type == "FUNC" and self.peek().subtype == "CLOSE":
            self.take()
            return args
        while True:
            try:
                args.append(self.expression())
            except FormulaError as error:
                args.append(error)
                self.skip_argument()
            token = self.take()
            if token.type == "FUNC" and token.subtype == "CLOSE":
                return args

    def skip_argument(self) -> None:
        depth = 0
        while True:
            token = self.peek()
            if token is None:
                return
            if token.subtype == "OPEN":
                depth += 1
            elif token.subtype == "CLOSE":
                if depth == 0:
                    return
                depth -= 1
            elif token.type == "SEP" and depth == 0:
                return
            self.take()

    def function(self, name: str) -> Any:
        args = self.arguments()
        if name == "IFERROR":
            return args[1] if isinstance(args[0], FormulaError) else args[0]
        if name == "IF":
            test = args[0]
            if isinstance(test, FormulaError):
                raise test
            chosen = args[1] if _truth(_one(test)) else (args[2] if len(args) > 2 else False)
            if isinstance(chosen, FormulaError):
                raise chosen
            return chosen
        for arg in args:
            if isinstance(arg, FormulaError):
                raise arg
        function = FUNCTIONS.get(name.removeprefix("_XLFN."))
        if function is None:
            raise Unsupported(name)
        return function(args)


def evaluate(formula: str, lookup: Lookup) -> Value | FormulaError:
    """The value of ``formula`` (``=…``); ``lookup(sheet, "A1:B2")`` gives cells' values.

    Raises :class:`Unsupported` when the formula uses what this evaluator does not know.
    """
    try:
        tokens = _tokens(formula)
        parser = _Parser(tokens, lookup)
        value = parser.expression()
        if parser.i != len(tokens):
            raise Unsupported(formula)
        return _one(value)
    except FormulaError as error:
        return error
    except (IndexError, AttributeError, InvalidOperation) as exc:
        raise Unsupported(formula) from exc


def workbook_values(
    sheets: Mapping[str, Any],
) -> dict[tuple[str, str], Value | FormulaError]:
    """The value of every formula cell of the openpyxl worksheets ``sheets`` (by title),
    keyed by (sheet title, coordinate); formulas that cannot be evaluated are left out."""
    from openpyxl.utils.cell import range_boundaries

    results: dict[tuple[str, str], Value | FormulaError] = {}
    visiting: set[tuple[str, str]] = set()

    def cell_value(title: str, row: int, column: int) -> Value:
        ws = sheets[title]
        cell = ws.cell(row=row, column=column)
        value = cell.value
        if cell.data_type == "f" and isinstance(value, str):
            key = (title, cell.coordinate)
            if key not in results:
                if key in visiting:
                    raise Unsupported("circular reference")
                visiting.add(key)
                try:
                    results[key] = evaluate(value, lookup_in(title))
                finally:
                    visiting.discard(key)
            found = results[key]
            if isinstance(found, FormulaError):
                raise found
            return found
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return value
        if isinstance(value, Decimal):
            return value
        if isinstance(value, int | float):
            return Decimal(str(value))
        return None  # dates and others: not numbers a sum would count here

    def lookup_in(title: str) -> Lookup:
        def lookup(sheet: str | None, reference: str) -> list[Value]:
            target = sheet or title
            if target not in sheets:
                raise Unsupported(reference)
            min_col, min_row, max_col, max_row = range_boundaries(reference)
            return [
                cell_value(target, r, c)
                for r in range(min_row, max_row + 1)
                for c in range(min_col, max_col + 1)
            ]

        return lookup

    for title, ws in sheets.items():
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    key = (title, cell.coordinate)
                    if key in results:
                        continue
                    try:
                        cell_value(title, cell.row, cell.column)
                    except Unsupported:
                        results.pop(key, None)
                    except FormulaError as error:
                        results[key] = error
    return results


__all__ = ["FUNCTIONS", "FormulaError", "Unsupported", "evaluate", "workbook_values"]
