"""Fixtures of the tests that drive real clients: a wheel of cplan, scaffolded repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run(
    command: list[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    timeout: float = 600,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a command; on an unexpected exit code, fail with everything it printed."""
    done = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and done.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited {done.returncode}\n"
            f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
        )
    return done


def git(cwd: Path, *args: str) -> str:
    """Run git in a scratch repository (never in the project's own)."""
    env = {
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return run(["git", *args], cwd, env=env).stdout


def new_git_repository(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    return folder


def commit_all(folder: Path, message: str = "plans") -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)


@pytest.fixture(scope="session")
def cplan_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """cplan's wheel, built from this checkout as the README says (pip wheel --no-deps)."""
    out = tmp_path_factory.mktemp("wheel")
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        ROOT,
        timeout=300,
    )
    (wheel,) = out.glob("*.whl")
    return wheel


@pytest.fixture(scope="session")
def installed_venv(tmp_path_factory: pytest.TempPathFactory, cplan_wheel: Path) -> Path:
    """A new venv with cplan installed from its wheel, as the CI files install it: its bin/."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    run([sys.executable, "-m", "venv", str(venv)], ROOT)
    run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(cplan_wheel)],
        ROOT,
        timeout=900,
    )
    return venv / "bin"


@pytest.fixture
def project_copy(tmp_path: Path) -> Iterator[Path]:
    """This checkout's files as a scratch git repository with one commit (what pre-commit
    clones), so the test sees the working tree whether or not it is committed yet."""
    copy = tmp_path / "cplan-src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*_cache", "node_modules")
    for name in ("src", "templates"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, copy / name)
    new_git_repository(copy)
    commit_all(copy, "cplan")
    return copy
