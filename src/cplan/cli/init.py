"""``cplan init [PATH]`` and ``cplan init --repo DIR``: a starter plan, or a plan repository.

``cplan init PLAN`` writes a commented starter plan that validates. Its first line is a
modeline naming the JSON Schema by a relative path to a file that exists: the nearest
``schema/plan.schema.json`` up to the repository's root (the folder with ``.git`` or
``cplan.toml``), written there if there is none.

``cplan init --repo DIR`` lays out a whole plan repository that passes its own linters
and ``cplan validate`` as it is: ``plans/`` with the starter plan, ``cplan.toml``, the
schema, VS Code settings that map the schema onto ``plans/**``, a pre-commit
configuration, a GitHub workflow, a GitLab CI file, a ``.gitignore`` and a short README
in Chinese. The CI files install cplan from a pinned source, never by a bare name:
``--source`` (a wheel file, copied into ``ci/``, or ``git+URL@commit``), else the source
this cplan was installed from when that is pinned, else a wheel the user is told to put
in ``ci/``. Nothing is overwritten: if any of the files exists, nothing is written.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import run_command, say, write_output
from cplan.errors import CplanError

#: Where the schema lives in a plan repository, relative to its root.
SCHEMA_PATH = "schema/plan.schema.json"
#: The starter plan's name inside ``plans/`` of a new repository.
STARTER_NAME = "my-community-2025.yaml"
_MODELINE = re.compile(r"^# yaml-language-server: \$schema=\S*\n")


def register(app: typer.Typer) -> None:
    app.command("init", cls=CplanCommand)(run_command(init))


def init(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="方案文件", help="要创建的方案文件，默认 plan.yaml。", show_default=False
        ),
    ] = None,
    repo: Annotated[
        Path | None,
        typer.Option(
            "--repo",
            metavar="目录",
            help="在此目录创建一个完整的方案库（plans/、cplan.toml、编辑器和 CI 配置）。",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="来源",
            help="CI 安装 cplan 的来源：wheel 文件（复制到 ci/），或 git+地址@提交号。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """生成带中文注释、可直接通过校验的方案模板，或（--repo）一个完整的方案库；不覆盖已有文件。"""
    if repo is not None:
        if path is not None:
            raise typer.BadParameter("--repo 与方案文件名不能同时给出", param_hint="方案文件")
        init_repository(repo, resolve_source(source))
        return
    if source is not None:
        raise typer.BadParameter("--source 只用于 --repo", param_hint="--source")
    init_plan(path or Path("plan.yaml"))


# -- one plan ----------------------------------------------------------------------------


def starter_plan(schema: str) -> bytes:
    """The starter plan, its modeline pointing at ``schema`` (a relative path)."""
    text = files("cplan").joinpath("data/starter.yaml").read_text(encoding="utf-8")
    modeline = f"# yaml-language-server: $schema={schema}\n"
    return _MODELINE.sub(lambda _: modeline, text, count=1).encode("utf-8")


def repository_top(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` that holds ``.git`` or ``cplan.toml``."""
    here = folder.absolute()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists() or (candidate / "cplan.toml").is_file():
            return candidate
    return None


def schema_for(plan: Path) -> tuple[Path, bool]:
    """The schema file a plan's modeline names, and whether it must still be written."""
    folder = plan.absolute().parent
    top = repository_top(folder) or folder
    for candidate in (folder, *folder.parents):
        if (candidate / SCHEMA_PATH).is_file():
            return candidate / SCHEMA_PATH, False
        if candidate == top:
            break
    return top / SCHEMA_PATH, True


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def init_plan(path: Path) -> None:
    from cplan.schema import schema_text

    schema, missing = schema_for(path)
    write_output(path, starter_plan(_relative(schema, path.absolute().parent)), overwrite=False)
    say("note.created", path=str(path))
    if missing:
        schema.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_output(schema, schema_text().encode("utf-8"), overwrite=False)
        except CplanError:  # written meanwhile by someone else: it exists, which is enough
            if not schema.is_file():
                raise
        say("note.init_schema", path=_relative(schema, Path.cwd()))


# -- where CI installs cplan from ------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """How the CI files of a new repository install cplan, always at a fixed version."""

    #: What ``pip install`` is given (already quoted for a shell).
    install: str
    #: A wheel to copy into the repository's ``ci/`` folder.
    wheel: Path | None = None
    #: cplan's git repository and commit, for a pre-commit ``repo:`` and ``rev:``.
    repo: str | None = None
    rev: str | None = None
    #: False when the wheel named by ``install`` still has to be put in ``ci/``.
    ready: bool = True


_NAMED = re.compile(r"^[A-Za-z0-9][\w.-]*\s*@\s*(?=git\+)")


def parse_git(given: str) -> tuple[str, str] | None:
    """``(url, rev)`` of ``git+URL@REV`` (or ``NAME @ git+URL@REV``), else None."""
    text = _NAMED.sub("", given.strip())
    if not text.startswith("git+"):
        return None
    url, at, rev = text[len("git+") :].rpartition("@")
    if not at or "://" not in url or not rev or "/" in rev or any(c.isspace() for c in text):
        return None
    return url, rev


def _git_source(url: str, rev: str) -> Source:
    from cplan.home import DISTRIBUTION

    requirement = f"{DISTRIBUTION} @ git+{url}@{rev}"
    return Source(install=shlex.quote(requirement), repo=url, rev=rev)


def _wheel_source(wheel: Path) -> Source:
    return Source(install=f"./ci/{wheel.name}", wheel=wheel)


def resolve_source(given: str | None) -> Source:
    """The pinned source to write into CI files (see the module's notes)."""
    if given is not None:
        if given.endswith(".whl") and Path(given).is_file():
            return _wheel_source(Path(given))
        parsed = parse_git(given)
        if parsed is None:
            raise CplanError("error.init_source", source=given)
        return _git_source(*parsed)
    return installed_source()


def installed_source() -> Source:
    """Where this cplan was installed from, if that can be installed again as it is."""
    from importlib.metadata import PackageNotFoundError, distribution
    from urllib.parse import unquote, urlparse

    from cplan import __version__
    from cplan.home import DISTRIBUTION, wheel_name

    unknown = Source(install=f"./ci/{wheel_name(__version__)}", ready=False)
    try:
        found = distribution(DISTRIBUTION)
    except PackageNotFoundError:
        return unknown
    text = found.read_text("direct_url.json")
    if text is None:  # installed from a package index: the version pins it
        return Source(install=f"{DISTRIBUTION}=={found.version}")
    try:
        direct = json.loads(text)
        url = str(direct["url"])
    except (ValueError, KeyError, TypeError):
        return unknown
    vcs = direct.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return _git_source(url, str(vcs["commit_id"]))
    parsed = urlparse(url)
    if "archive_info" in direct and parsed.scheme == "file" and url.endswith(".whl"):
        wheel = Path(unquote(parsed.path))
        if wheel.is_file():
            return _wheel_source(wheel)
    return unknown


# -- a whole repository -----------------------------------------------------------------


def _template(name: str) -> str:
    return files("cplan").joinpath(f"data/repo/{name}").read_text(encoding="utf-8")


def repository_files(source: Source) -> dict[str, bytes]:
    """Path (relative to the new repository) → content of every file of the scaffold."""
    from cplan.home import REPOSITORY
    from cplan.schema import schema_text

    def fill(name: str) -> str:
        text = _template(name)
        for key, value in {
            "@INSTALL@": source.install,
            "@REPO@": source.repo or "",
            "@REV@": source.rev or "",
            "@HOME@": REPOSITORY,
            "@PLAN@": STARTER_NAME,
        }.items():
            text = text.replace(key, value)
        return text

    pre_commit = "pre-commit-remote.yaml" if source.repo else "pre-commit-local.yaml"
    texts = {
        f"plans/{STARTER_NAME}": starter_plan(f"../{SCHEMA_PATH}").decode("utf-8"),
        "cplan.toml": fill("cplan.toml"),
        SCHEMA_PATH: schema_text(),
        ".vscode/settings.json": fill("vscode-settings.json"),
        ".vscode/extensions.json": fill("vscode-extensions.json"),
        ".pre-commit-config.yaml": fill(pre_commit),
        ".github/workflows/plans.yml": fill("github-workflow.yml"),
        ".gitlab-ci.yml": fill("gitlab-ci.yml"),
        ".gitignore": fill("gitignore"),
        "README.md": fill("readme.md"),
    }
    return {name: text.encode("utf-8") for name, text in texts.items()}


def init_repository(folder: Path, source: Source) -> None:
    wanted = repository_files(source)
    if source.wheel is not None:
        wanted[f"ci/{source.wheel.name}"] = b""  # copied below; listed to check it is free
    taken = [name for name in wanted if (folder / name).exists() or (folder / name).is_symlink()]
    if taken:
        raise CplanError("error.init_exists", path=str(folder), files="、".join(taken))
    for name, data in wanted.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.wheel is not None and name == f"ci/{source.wheel.name}":
            shutil.copyfile(source.wheel, target)
        else:
            write_output(target, data, overwrite=False)
    say("note.init_repo", path=str(folder), count=len(wanted))
    for name in wanted:
        typer.echo(f"  {name}")
    if not source.ready:
        from cplan import __version__
        from cplan.home import wheel_name

        say("note.init_wheel_missing", err=True, path=str(folder), wheel=wheel_name(__version__))
    say("note.init_next", path=str(folder))
