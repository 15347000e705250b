"""Where the tests find the real clients they drive, and why they skip without them.

``.ci/run`` installs the npm tools into ``.ci/node`` (``npm ci --prefix .ci/node``,
versions pinned in ``.ci/node/package-lock.json``) and pre-commit comes with the test
extras (``pip install -e '.[test]'``), so in CI none of these tests skip: ``.ci/run``
sets ``CPLAN_CI_TOOLS=required``, and then a missing tool fails the test. Locally, a
test whose tool is missing skips and says how to install it.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import NoReturn

import pytest

from tests.conftest import ROOT

NODE_DIR = ROOT / ".ci" / "node"
NODE_MODULES = NODE_DIR / "node_modules"
INSTALL_HINT = "install it with `npm ci --prefix .ci/node` (as .ci/run does)"


def missing(reason: str) -> NoReturn:
    """Skip the test, or fail it where CI promised the tools (``CPLAN_CI_TOOLS=required``)."""
    if os.environ.get("CPLAN_CI_TOOLS") == "required":
        pytest.fail(f"{reason} (CI installs it: see .ci/run)")
    pytest.skip(reason)


def node() -> str:
    """The ``node`` executable, or skip."""
    found = shutil.which("node")
    if found is None:
        missing("node is not installed (Node.js 20 runs the npm tools)")
    return found


def npm_package(name: str) -> Path:
    """The folder of an npm package installed under ``.ci/node``, or skip."""
    folder = NODE_MODULES / name
    if not (folder / "package.json").is_file():
        missing(f"npm package {name} is missing from .ci/node: {INSTALL_HINT}")
    node()
    return folder


def pre_commit() -> list[str]:
    """The command that runs pre-commit from this venv, or skip."""
    executable = Path(sys.executable).with_name("pre-commit")
    if not executable.is_file():
        missing("pre-commit is missing: pip install -e '.[test]' installs it")
    return [str(executable)]


def cplan_command() -> str:
    """The ``cplan`` script installed next to this Python."""
    executable = Path(sys.executable).with_name("cplan")
    if not executable.is_file():
        missing("the cplan command is not installed in this venv (pip install -e .)")
    return str(executable)
