"""Files generated from cplan itself are current, and nothing installs cplan by a name
that belongs to someone else."""

from __future__ import annotations

import re
import sys
import tomllib

from cplan import __version__
from cplan.home import DISTRIBUTION, REPOSITORY, rule_page
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import make_ci_examples
import make_rule_docs

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_rule_pages_are_current() -> None:
    assert make_rule_docs.stale() == [], "run .venv/bin/python scripts/make_rule_docs.py"


def test_every_code_has_a_page_and_a_help_uri() -> None:
    from cplan.formats.sarif import documented_codes

    for code, name, *_ in documented_codes():
        page = ROOT / "docs" / "rules" / f"{code}.md"
        assert page.read_text(encoding="utf-8").startswith(f"# {code} {name}\n")
        assert rule_page(code) == f"{REPOSITORY}/blob/main/docs/rules/{code}.md"


def test_ci_examples_are_the_scaffold() -> None:
    wanted = make_ci_examples.examples()
    for name, data in wanted.items():
        assert (ROOT / "examples" / "ci" / name).read_bytes() == data, (
            f"examples/ci/{name} is stale: run .venv/bin/python scripts/make_ci_examples.py"
        )


def test_distribution_name_and_urls() -> None:
    project = PYPROJECT["project"]
    assert project["name"] == DISTRIBUTION == "cplan-shequ"
    assert project["scripts"] == {"cplan": "cplan.cli:main"}
    assert project["urls"]["Repository"] == REPOSITORY
    assert project["version"] == __version__
    assert "pre-commit>=4" in project["optional-dependencies"]["test"]


#: A command line that runs pip install (in a shell block, a workflow or a CI script).
INSTALL = re.compile(
    r"^\s*(?:[-$]\s+|run:\s+)?(?:python3? -m )?pip3? install\s+(.*)$", re.MULTILINE
)


def install_lines(text: str) -> list[str]:
    return [match.group(1) for match in INSTALL.finditer(text)]


def scaffold_texts() -> dict[str, str]:
    from cplan.cli.init import repository_files, resolve_source

    texts = {}
    for source in (
        resolve_source("git+https://git.example.org/cplan.git@" + "a" * 40),
        resolve_source(None),
    ):
        for name, data in repository_files(source).items():
            if name.endswith((".yml", ".yaml", ".md")):
                texts[f"{name} ({source.install})"] = data.decode("utf-8")
    return texts


def shipped_texts() -> dict[str, str]:
    names = ["README.md", *(f"examples/ci/{p.name}" for p in (ROOT / "examples/ci").iterdir())]
    return {name: (ROOT / name).read_text(encoding="utf-8") for name in names}


def test_nothing_installs_the_bare_name() -> None:
    """Every pip install line names cplan-shequ at a pinned version: a wheel file, a
    git commit, or the developer's own clone (``-e .``)."""
    lines = {
        f"{name}: {line}": line
        for name, text in {**shipped_texts(), **scaffold_texts()}.items()
        for line in install_lines(text)
    }
    assert len(lines) >= 8
    for where, line in lines.items():
        words = line.replace('"', " ").replace("'", " ").split()
        if "-e" in words:
            assert words[-1] in {".", ".[test]"}, where
            continue
        pinned = [
            w
            for w in words
            if re.fullmatch(r"\./(ci|dist)/cplan_shequ-[\d.]+-py3-none-any\.whl", w)
        ]
        git = re.search(r"cplan-shequ @ git\+\S+@\S+", line.replace('"', "").replace("'", ""))
        assert pinned or git, where
        assert "cplan" not in [w.split("==")[0] for w in words], where


def test_readme_documents_the_release_tag_as_the_pre_commit_rev() -> None:
    """The README's `rev:` is the tag of this version (to be created with the release)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    revs = re.findall(r"^\s*rev:\s*(\S+)", readme, re.MULTILINE)
    assert revs == [f"v{__version__}"]
