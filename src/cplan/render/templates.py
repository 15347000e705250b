"""Finding report templates and running them safely.

Lookup order for a template named ``report.docx`` (or ``report.xlsx.yaml``):

1. ``--template PATH`` given by the user;
2. a ``templates/`` folder in the plan's repository: the plan's folder or any folder
   above it, up to the repository root (the folder holding ``.git``);
3. the built-in templates shipped inside the package (the repository's top-level
   ``templates/`` folder).

Templates are Jinja run in a :class:`~jinja2.sandbox.SandboxedEnvironment` with
:class:`~jinja2.StrictUndefined` (a misspelt variable is an error, not an empty cell);
includes cannot leave the template's folder. Errors become :class:`ReportError` naming
the template file and line.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from cplan.errors import TemplateFailed

BUILTIN_NAMES = ("report.docx", "report.xlsx.yaml")


class ReportError(TemplateFailed):
    """A template could not be found or rendered. ``line`` is 1-based, when known."""

    def __init__(self, template: str, detail: str, line: int | None = None) -> None:
        where = f"{template}:{line}" if line else template
        super().__init__("error.template", where=where, detail=detail)
        self.template = template
        self.detail = detail
        self.line = line


def builtin_folder() -> Path:
    """The built-in templates: inside the installed package, or the checkout's templates/."""
    packaged = Path(str(files("cplan"))) / "templates"
    if (packaged / BUILTIN_NAMES[0]).is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def find_template(name: str, plan_path: Path, explicit: Path | None = None) -> Path:
    """The template to use for ``name``, following the lookup order above."""
    if explicit is not None:
        if not explicit.is_file():
            raise ReportError(str(explicit), "模板文件不存在")
        return explicit
    folder = plan_path.resolve().parent
    while True:
        candidate = folder / "templates" / name
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists() or folder.parent == folder:
            break
        folder = folder.parent
    return builtin_folder() / name


class ConfinedLoader(jinja2.FileSystemLoader):
    """A file loader that never leaves its folder, not even through a symbolic link."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.root = folder.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.root):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


def environment(folder: Path, *, autoescape: bool) -> SandboxedEnvironment:
    """A sandboxed Jinja environment whose loader sees only ``folder``."""
    return SandboxedEnvironment(
        loader=ConfinedLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
    )


def _template_line(error: BaseException, template: str) -> int | None:
    """The line of ``template`` where a render-time error was raised, from the traceback."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(template) or frame.filename == "<template>":
            line = frame.lineno
    return line


def as_report_error(error: Exception, template: str) -> ReportError:
    """Turn a Jinja error into a :class:`ReportError` naming the template and line."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return ReportError(template, f"模板语法错误: {error.message}", error.lineno)
    if isinstance(error, jinja2.UndefinedError):
        return ReportError(
            template, f"模板使用了未定义的变量: {error.message}", _template_line(error, template)
        )
    if isinstance(error, jinja2.exceptions.SecurityError):
        return ReportError(
            template, f"模板试图执行不安全的操作: {error}", _template_line(error, template)
        )
    if isinstance(error, jinja2.TemplateNotFound):
        return ReportError(template, f"模板引用的文件不存在或在模板目录之外: {error.name}")
    return ReportError(template, f"模板出错: {error}", _template_line(error, template))


__all__ = [
    "BUILTIN_NAMES",
    "ReportError",
    "as_report_error",
    "builtin_folder",
    "environment",
    "find_template",
]
