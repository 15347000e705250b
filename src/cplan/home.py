"""Where cplan comes from: its distribution name, its repository and its documentation.

The distribution is ``cplan-shequ``: the PyPI name ``cplan`` belongs to an unrelated
project, so nothing here ever installs cplan by that bare name. The command, the
package and the import name stay ``cplan``. ``REPOSITORY`` is also written in
``[project.urls]`` of ``pyproject.toml``; a test keeps the two the same.
"""

from __future__ import annotations

#: The name to install: ``pip install ./cplan_shequ-….whl`` or ``cplan-shequ @ git+…``.
DISTRIBUTION = "cplan-shequ"

#: cplan's source repository, as SARIF's ``informationUri`` and the base of each check's page.
REPOSITORY = "https://github.com/cplan-shequ/cplan"

#: The branch whose ``docs/rules/`` pages the ``helpUri`` of each check points at.
DOCS_BRANCH = "main"


def rule_page(code: str) -> str:
    """The address of a check's documentation page (``docs/rules/CP201.md``)."""
    return f"{REPOSITORY}/blob/{DOCS_BRANCH}/docs/rules/{code}.md"


def wheel_name(version: str) -> str:
    """The file name of cplan's wheel for ``version`` (pure Python, any platform)."""
    return f"{DISTRIBUTION.replace('-', '_')}-{version}-py3-none-any.whl"
