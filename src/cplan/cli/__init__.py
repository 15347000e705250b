"""The command line: a thin typer layer over the core library.

Each command lives in its own module and does three things only: turn options into a
call of the core, turn the result into output, and choose the exit code. Exit codes:
0 nothing wrong, 1 problems found in the plans, 2 the command could not run as asked
(usage, unreadable paths, refusing to overwrite).
"""

from __future__ import annotations

from typing import Annotated

import typer

from cplan import __version__
from cplan.cli.chinese import CplanGroup

app = typer.Typer(
    name="cplan",
    cls=CplanGroup,
    help="社区工作方案工具: 校验、跟踪并报告以 YAML 编写的社区建设/治理工作方案。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="显示版本号并退出。"),
    ] = False,
) -> None:
    """社区工作方案工具 (cplan)。"""


from cplan.cli import (
    collect,
    diff,
    export,
    funding,
    import_,
    init,
    report,
    rollup,
    rules,
    schema,
    site,
    status,
    update,
    validate,
)

validate.register(app)
schema.register(app)
init.register(app)
rules.register(app)
status.register(app)
funding.register(app)
rollup.register(app)
report.register(app)
diff.register(app)
collect.register(app)
update.register(app)
site.register(app)
import_.register(app)
export.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
