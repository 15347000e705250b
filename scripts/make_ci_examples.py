"""Write ``examples/ci/``: the CI and pre-commit files of a plan repository.

They are the files ``cplan init --repo`` writes, with cplan installed from its wheel
committed to the plan repository (``ci/cplan_shequ-<version>-py3-none-any.whl``), so
the examples and the scaffold never drift apart; a test checks that they agree. Run
``.venv/bin/python scripts/make_ci_examples.py`` after changing the templates in
``src/cplan/data/repo/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "ci"

#: Example file → the file of the scaffold it copies.
COPIES = {
    "github-actions.yml": ".github/workflows/plans.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}


def examples() -> dict[str, bytes]:
    """Example file name → content."""
    from cplan import __version__
    from cplan.cli.init import Source, repository_files
    from cplan.home import wheel_name

    scaffold = repository_files(Source(install=f"./ci/{wheel_name(__version__)}"))
    return {name: scaffold[source] for name, source in COPIES.items()}


def main(argv: list[str]) -> int:
    wanted = examples()
    if "--check" in argv:
        stale = [n for n, data in wanted.items() if (EXAMPLES / n).read_bytes() != data]
        for name in stale:
            print(f"examples/ci/{name} is stale: run scripts/make_ci_examples.py", file=sys.stderr)
        return 1 if stale else 0
    for name, data in wanted.items():
        (EXAMPLES / name).write_bytes(data)
    print(f"wrote {len(wanted)} files to examples/ci")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
