"""Text → data + positions: values, positions, and every way YAML can go wrong."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from benchmarks.generate import plan_yaml

from cplan.diagnostics import Span
from cplan.locate import FAST_LOADER, MAX_DEPTH, MAX_NODES, LocateFailure, locate
from cplan.locate.quick import quick_build
from cplan.read import ReadFailure, decode
from tests.conftest import ROOT, SHIPPED_PLANS


def codes(text: str) -> list[tuple[str, int, int]]:
    with pytest.raises(LocateFailure) as caught:
        locate(text, "p.yaml")
    return [(d.code, d.line, d.col) for d in caught.value.diagnostics]


def test_values_follow_yaml_12_with_exact_decimals() -> None:
    data = locate(
        "a: 480000.50\nb: 12\nc: yes\nd: 2024-04-13\ne: '07'\nf: true\ng: ~\nh: 0x1F\n", "p"
    ).data
    assert data == {
        "a": Decimal("480000.50"),
        "b": 12,
        "c": "yes",  # YAML 1.1 booleans stay text
        "d": "2024-04-13",  # dates stay text for the model to read
        "e": "07",
        "f": True,
        "g": None,
        "h": 31,
    }
    assert isinstance(data["a"], Decimal)


def test_positions_are_one_based_and_count_characters_not_bytes() -> None:
    located = locate("title: 社区方案\nbudget:\n  lines:\n    - {id: 经费, amount: 48万}\n", "p")
    assert located.values[("title",)] == Span(1, 8, 1, 12)
    assert located.values[("budget", "lines", 0, "amount")] == Span(4, 24, 4, 27)
    assert located.keys[("budget", "lines")] == Span(3, 3, 3, 8)


def test_span_of_a_missing_path_falls_back_to_its_parent() -> None:
    located = locate("targets:\n  - id: a\n", "p")
    assert located.span_of(("targets", 0, "name")) == located.values[("targets", 0)]


def test_merge_keys_and_aliases() -> None:
    located = locate("base: &b {unit: '%', kind: increase}\nt:\n  <<: *b\n  kind: decrease\n", "p")
    assert located.data["t"] == {"unit": "%", "kind": "decrease"}
    assert located.values[("t", "unit")] == Span(1, 17, 1, 20)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("a: 1\na: 2\n", [("CP011", 2, 1)]),
        ("a: !!python/object:os.system x\n", [("CP012", 1, 4)]),
        ("a: !!binary aGk=\n", [("CP012", 1, 4)]),
        ("a: *nothing\n", [("CP013", 1, 4)]),
        ("a: &x [1, *x]\n", [("CP013", 1, 11)]),
        ("a: 1\n---\nb: 2\n", [("CP016", 2, 1)]),
        ("", [("CP015", 1, 1)]),
        ("- 1\n", [("CP015", 1, 1)]),
        ("a: [1, 2\n", [("CP010", 1, 4)]),  # the bracket never closed
        ("a:\n\tb: 1\n", [("CP010", 2, 1)]),
        ("a: 'abc\n", [("CP010", 1, 4)]),
        ("a: b\x07\n", [("CP010", 1, 5)]),
        ("{[a]: 1}\n", [("CP010", 1, 2)]),
    ],
)
def test_yaml_failures(text: str, expect: list[tuple[str, int, int]]) -> None:
    assert codes(text) == expect


def test_nesting_is_bounded() -> None:
    assert codes("a: " + "[" * 10_000 + "]" * 10_000 + "\n") == [
        ("CP014", 1, 3 + MAX_DEPTH)
    ]  # the top mapping is level 1


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("[", "]"), ("{a: ", "}"), ("[{a: ", "}]"), ("[\n", "]")],
    ids=["lists", "mappings", "mixed", "lists-over-lines"],
)
@pytest.mark.parametrize("loader", [yaml.SafeLoader, FAST_LOADER], ids=["python", "libyaml"])
def test_deep_flow_nesting_is_cplans_own_finding_whatever_the_parser(
    opening: str, closing: str, loader: type[yaml.SafeLoader]
) -> None:
    # libyaml 0.2.5+ stops at 1,000 levels on its own, before cplan sees an event
    text = "id: x\nitems: " + opening * 3_000 + closing * 3_000 + "\n"
    with pytest.raises(LocateFailure) as caught:
        locate(text, "plan.yaml", loader=loader)
    [finding] = caught.value.diagnostics
    assert finding.code == "CP014"
    with pytest.raises(LocateFailure) as reference:
        locate(text, "plan.yaml", loader=yaml.SafeLoader)
    assert finding.span == reference.value.diagnostics[0].span


def test_alias_bomb_is_stopped_at_the_node_limit() -> None:
    # 10^10 values if expanded; building stops once MAX_NODES values have been counted.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    with pytest.raises(LocateFailure) as caught:
        locate("\n".join(lines) + "\n", "p.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.key) == ("CP013", "locate.too_many_nodes")
    assert f"{MAX_NODES:,}" in diagnostic.message()


def test_huge_numbers_stay_text() -> None:
    assert locate("a: " + "9" * 100_000 + "\n", "p").data["a"] == "9" * 100_000


def _seen(text: str, loader: type[yaml.SafeLoader]) -> object:
    try:
        return locate(text, "p.yaml", loader).values
    except LocateFailure as failure:
        return [(d.code, d.span, d.message("zh"), d.message("en")) for d in failure.diagnostics]


def _text_or_none(path: Path) -> str | None:
    try:
        return decode(path.read_bytes(), path.name)
    except ReadFailure:  # not text: the read stage answers before any parser runs
        return None


CORPUS = [
    path
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.yaml")) + SHIPPED_PLANS
    if _text_or_none(path) is not None
]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_libyaml_and_pure_python_parsers_give_the_same_diagnostics(path: Path) -> None:
    text = _text_or_none(path)
    assert text is not None
    assert _seen(text, yaml.CSafeLoader) == _seen(text, yaml.SafeLoader)


# -- the quick path and the careful builder agree --------------------------------------

ADVERSARIAL = sorted((ROOT / "tests" / "adversarial" / "corpus").glob("*.yaml"))
EVERY_FIXTURE = [path for path in CORPUS + ADVERSARIAL if _text_or_none(path) is not None]
LOADERS = pytest.mark.parametrize(
    "loader", [yaml.SafeLoader, yaml.CSafeLoader], ids=["python", "libyaml"]
)


def _everything(text: str, loader: type[yaml.SafeLoader], *, quick: bool) -> object:
    """All that locate tells of a text: data and every position, or every diagnostic."""
    try:
        located = locate(text, "p.yaml", loader, quick=quick)
    except LocateFailure as failure:
        return [
            (d.code, d.span, d.key, d.message("zh"), d.message("en")) for d in failure.diagnostics
        ]
    return repr(located.data), located.values, located.keys


@LOADERS
@pytest.mark.parametrize("path", EVERY_FIXTURE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_quick_path_gives_what_the_careful_builder_gives(
    path: Path, loader: type[yaml.SafeLoader]
) -> None:
    text = _text_or_none(path)
    assert text is not None
    assert _everything(text, loader, quick=True) == _everything(text, loader, quick=False)


def test_the_quick_path_reads_ordinary_plans_and_declines_the_rest() -> None:
    ordinary = [plan_yaml(5, 5, seed=3), *(p.read_text(encoding="utf-8") for p in SHIPPED_PLANS)]
    for text in ordinary:
        assert quick_build(text, yaml.CSafeLoader) is not None
    declined = [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: {b: 1}\nc:\n  <<: {d: 2}\n",  # a merge key
        "a: !!str 1\n",  # a tag
        "a: 1\na: 2\n",  # a duplicate key
        "a: 1\n---\nb: 2\n",  # a second document
        "? [a]\n: 1\n",  # a list as a key
        "a: [1, 2\n",  # a syntax error
        "- 1\n",  # not a mapping
        "",  # empty
        "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n",  # too deep
    ]
    for text in declined:
        assert quick_build(text, yaml.CSafeLoader) is None, text


@pytest.mark.parametrize("path", SHIPPED_PLANS, ids=lambda p: p.name)
def test_positions_left_for_later_are_the_ones_a_full_reading_gives(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    full = locate(text, "p.yaml")
    asked = [*full.values, ("units", 0, "no-such-key"), ("targets", 0, "nowhere"), ("x", 3)]
    partial = locate(text, "p.yaml", sections={"units"})
    # positions under `units` first (recorded while reading), then all the others
    for where in sorted(asked, key=lambda p: p[:1] != ("units",)):
        assert partial.span_of(where) == full.span_of(where), where
        assert partial.span_of(where, key=True) == full.span_of(where, key=True), where
    for section in {where[0] for where in asked if where}:  # each first question alone
        first = next(where for where in asked if where[:1] == (section,))
        fresh = locate(text, "p.yaml", sections={"units"})
        assert fresh.span_of(first, key=True) == full.span_of(first, key=True), first
