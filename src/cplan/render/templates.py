"""Finding report templates and running them safely.

Lookup order for a document's template (``plan.docx``, ``progress.docx`` — or an older
``report.docx`` — and ``report.xlsx.yaml``):

1. ``--template PATH`` given by the user;
2. a ``templates/`` folder in the plan's repository: the plan's folder or any folder
   above it, up to the repository root (the folder holding ``.git``) or the current
   directory, whichever comes first (never further up), each of the document's names
   in turn;
3. the built-in templates shipped inside the package (the repository's top-level
   ``templates/`` folder).

Templates are Jinja run in a :class:`~jinja2.sandbox.SandboxedEnvironment` with
:class:`~jinja2.StrictUndefined` (a misspelt variable is an error, not an empty cell);
includes cannot leave the template's folder. Errors become :class:`ReportError` naming
the template file and line.

A template from a repository is input like a plan (SECURITY.md): one that is a link out
of its folder is refused, and so is one over :data:`MAX_TEMPLATE_BYTES`, a ``.docx``
whose parts decompress to more than :data:`MAX_TEMPLATE_UNCOMPRESSED` (a zip bomb), a
``.xlsx.yaml`` that renders to more than :data:`MAX_RENDERED` characters or uses YAML
anchors and aliases (an alias bomb): :func:`check_template`, :func:`render_bounded`,
:func:`refuse_aliases`.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from cplan.errors import TemplateFailed
from cplan.fsio import note_input
from cplan.read import repository_root
from cplan.read.zipbounds import MIB, ZIP_ERRORS, ZipLimits, oversize

BUILTIN_NAMES = ("plan.docx", "progress.docx", "report.xlsx.yaml")


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


def search_folders(plan_path: Path) -> list[Path]:
    """The folders whose ``templates/`` is looked in, nearest first: the plan's folder
    and those above it up to the repository root (the folder holding ``.git``) or the
    current directory, whichever comes first. Never further: outside a repository and
    outside the current directory, the plan's own folder only."""
    start = plan_path.resolve().parent
    root = repository_root(start)
    here = Path.cwd().resolve()
    folders = []
    for folder in (start, *start.parents):
        folders.append(folder)
        if folder in (root, here):
            return folders
    return [start]


def find_template(
    names: str | tuple[str, ...], plan_path: Path, explicit: Path | None = None
) -> Path:
    """The template to use for a document known by ``names``, by the lookup order above."""
    if isinstance(names, str):
        names = (names,)
    if explicit is not None:
        if not explicit.is_file():
            raise ReportError(str(explicit), "模板文件不存在")
        note_input(explicit)
        return explicit
    for folder in search_folders(plan_path):
        for name in names:
            candidate = folder / "templates" / name
            if candidate.is_file() or candidate.is_symlink():
                check_template(candidate)
                note_input(candidate)
                return candidate
    return builtin_folder() / names[0]


# -- bounds: a template is refused before it can cost much ----------------------------------

#: Largest template file: a ``.docx`` (with its pictures) or a ``.xlsx.yaml``.
MAX_TEMPLATE_BYTES = 20 * MIB
#: Largest sum of a ``.docx`` template's parts once decompressed, and largest part.
MAX_TEMPLATE_UNCOMPRESSED = 64 * MIB
MAX_TEMPLATE_PART = 32 * MIB
#: Largest ratio of a part's decompressed to compressed size (for parts over 1 MiB).
MAX_TEMPLATE_RATIO = 100
#: Most parts in a ``.docx`` template.
MAX_TEMPLATE_PARTS = 2000
#: Longest text a ``.xlsx.yaml`` template may render to, in characters.
MAX_RENDERED = 64 * MIB


def check_template(path: Path) -> None:
    """Refuse a template that is a link out of its folder, not a regular file, too large,
    or (a ``.docx``) a zip that decompresses to too much: :class:`ReportError`.

    A link within its folder is followed; one that leads out of it (to another
    checkout's files, ``/etc``, ``/dev/zero``) is refused, for a ``.docx`` as Jinja's
    confined loader refuses it for a ``.xlsx.yaml``.
    """
    import stat

    name = path.name
    if path.is_symlink():
        try:
            inside = path.resolve().is_relative_to(path.parent.resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            raise ReportError(str(path), "模板是指向其所在文件夹之外的符号链接, 不使用")
    try:
        info = path.stat()
    except OSError:
        raise ReportError(str(path), "模板文件不存在") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReportError(str(path), "模板不是普通文件")
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise ReportError(
            name, f"模板文件过大 ({info.st_size} 字节, 最多 {MAX_TEMPLATE_BYTES} 字节)"
        )
    if name.lower().endswith(".docx"):
        _check_zip(path)


_TEMPLATE_LIMITS = ZipLimits(
    parts=MAX_TEMPLATE_PARTS,
    uncompressed=MAX_TEMPLATE_UNCOMPRESSED,
    ratio=MAX_TEMPLATE_RATIO,
    part=MAX_TEMPLATE_PART,
)


def _check_zip(path: Path) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except ZIP_ERRORS:
        return  # not a zip: the renderer says the template is not a .docx
    problem = oversize(parts, _TEMPLATE_LIMITS)
    if problem is None:
        return
    if problem.kind == "parts":
        raise ReportError(path.name, f"模板压缩包内文件过多 ({problem.count} 个)")
    if problem.kind == "part":
        raise ReportError(
            path.name,
            f"模板中的 {problem.name} 解压后过大 ({problem.size} 字节, 压缩比 {problem.ratio:.0f})",
        )
    raise ReportError(path.name, f"模板解压后过大 ({problem.size} 字节)")


def render_bounded(template: jinja2.Template, context: dict[str, Any], name: str) -> str:
    """Render ``template``, stopping once the text passes :data:`MAX_RENDERED` characters
    (a loop that writes without end is cut off, not left to fill the memory)."""
    chunks: list[str] = []
    size = 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > MAX_RENDERED:
            raise ReportError(name, f"模板渲染结果过长 (超过 {MAX_RENDERED} 个字符)")
        chunks.append(chunk)
    return "".join(chunks)


def refuse_aliases(rendered: str, name: str) -> None:
    """A rendered ``.xlsx.yaml`` may not use YAML anchors and aliases: a few hundred bytes
    of nested aliases stand for billions of values (an alias bomb). Reads the events only,
    builds nothing."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for event in yaml.parse(rendered, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ReportError(name, "表格描述不能使用 YAML 锚点和别名 (& 和 *)")
    except yaml.YAMLError:
        return  # the loader reports the syntax error with its position


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
    "MAX_RENDERED",
    "MAX_TEMPLATE_BYTES",
    "ReportError",
    "as_report_error",
    "builtin_folder",
    "check_template",
    "environment",
    "find_template",
    "refuse_aliases",
    "render_bounded",
    "search_folders",
]
