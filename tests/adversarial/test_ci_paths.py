"""Outputs, paths and bounds under attack (issue #12, items 5 and 6).

Outputs: a device or a pipe named with ``-o`` is written to, never replaced by a regular
file; an input is never an output; ``update`` on a linked plan writes the plan, not over
the link; ``--rev`` is never an option to git. Bounds: include globs, folder depth,
plan links out of the repository, and report templates (alias bombs, zip bombs, links,
a lookup that does not climb past the repository or the current directory).
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import threading
import zipfile
from pathlib import Path

import pytest

from tests.adversarial import (
    TIME_LIMIT,
    Run,
    ci_env,
    cplan_env,
    deep_folders,
    pull_request,
    remove_tree,
    run_cplan,
    run_many,
)
from tests.adversarial.test_ci_update import GOOD, filled, workbook
from tests.conftest import ROOT

HETANG = ROOT / "plans" / "wutongli" / "hetang.yaml"
PLAN = HETANG.read_text(encoding="utf-8")


def clean(run: Run, code: int) -> None:
    assert not run.timed_out, run.describe()
    assert run.cpu_seconds < TIME_LIMIT, run.describe()
    assert "Traceback" not in run.stdout + run.stderr, run.describe()
    assert run.returncode == code, run.describe()


# -- outputs ------------------------------------------------------------------------------------


def test_a_fifo_named_as_the_output_is_written_to(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there: opening to write works
    done = threading.Event()

    def drain() -> None:
        while not done.is_set():
            try:
                chunk = os.read(reader, 65536)
            except BlockingIOError:
                done.wait(0.01)
                continue
            if chunk:
                received.append(chunk)
            else:
                done.wait(0.01)

    thread = threading.Thread(target=drain)
    thread.start()
    try:
        run = run_cplan(["schema", "-o", "pipe"], tmp_path)
    finally:
        done.set()
        thread.join()
        os.close(reader)
    clean(run, 0)
    assert stat.S_ISFIFO(pipe.lstat().st_mode), "the FIFO was replaced by a regular file"
    assert b"".join(received).startswith(b"{")


def test_a_character_device_named_as_the_output_is_written_to(tmp_path: Path) -> None:
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the null device
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here (not root, or not allowed)")
    run = run_cplan(["schema", "-o", "null"], tmp_path)
    clean(run, 0)
    assert stat.S_ISCHR(null.lstat().st_mode), "the device was replaced by a regular file"


def test_dev_null_and_dev_stdout(tmp_path: Path) -> None:
    from cplan import fsio

    if not hasattr(fsio, "OutputNotFile"):  # pragma: no cover - the code before issue #12
        pytest.skip("run as root, this cplan would replace /dev/null by a regular file")
    runs = run_many(
        [(["schema", "-o", "/dev/null"], tmp_path), (["schema", "-o", "/dev/stdout"], tmp_path)]
    )
    for run in runs:
        clean(run, 0)
    assert runs[0].stdout == ""
    assert runs[1].stdout.startswith("{")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert not stat.S_ISREG(os.lstat("/dev/stdout").st_mode)


def test_an_input_is_never_the_output(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / "plans" / name).write_text(PLAN, encoding="utf-8")
    jobs = [
        ["status", "plans/a.yaml", "-o", "plans/a.yaml"],
        ["diff", "plans/a.yaml", "plans/b.yaml", "-o", "plans/b.yaml"],
        ["validate", "plans", "-o", "plans/b.yaml"],
    ]
    for run in run_many([(args, tmp_path) for args in jobs]):
        clean(run, 2)
        assert "输入文件" in run.stderr, run.describe()
    for name in ("a.yaml", "b.yaml"):
        assert (tmp_path / "plans" / name).read_text(encoding="utf-8") == PLAN


def test_update_of_a_linked_plan_writes_the_plan(tmp_path: Path) -> None:
    clone = pull_request(
        tmp_path, {"plans/hetang.yaml": PLAN, "current.yaml": Path("plans/hetang.yaml")}
    )
    (clone / "book.xlsx").write_bytes(filled(workbook(), GOOD))
    run = run_cplan(["update", "current.yaml", "--from", "book.xlsx"], clone)
    clean(run, 0)
    assert (clone / "current.yaml").is_symlink(), "the link was replaced by a copy"
    assert "- {value: 16, date: 2026-12-31" in (clone / "plans" / "hetang.yaml").read_text(
        encoding="utf-8"
    )


def test_a_revision_is_never_an_option(tmp_path: Path) -> None:
    clone = pull_request(tmp_path, {"plan.yaml": PLAN, "out:./keep": "x"})
    run = run_cplan(["diff", "plan.yaml", "--rev=--output=out"], clone)
    clean(run, 2)
    assert "不是有效的 git 版本" in run.stderr, run.describe()
    assert not (clone / "out:." / "plan.yaml").exists(), (
        "git wrote a file of the revision's choosing"
    )


# -- bounds ---------------------------------------------------------------------------------


def test_include_globs_cannot_backtrack(tmp_path: Path) -> None:
    deep = "/".join(["d"] * 30) + "/plan.yaml"
    clone = pull_request(
        tmp_path,
        {
            "cplan.toml": 'include = ["' + "**/" * 12 + 'x.yaml"]\n',
            deep: PLAN,
            "x.yaml": PLAN,
        },
    )
    run = run_cplan(["validate"], clone, env=ci_env(clone, tmp_path / "cache"))
    clean(run, 0)
    assert "共检查 1 个文件" in run.stdout, run.describe()


def test_a_thousand_nested_folders(tmp_path: Path) -> None:
    """``os.walk`` recurses once per folder on Python 3.11: a thousand nested folders
    (written straight into a checkout: committing and cloning them only costs time)."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    try:
        bottom = deep_folders(checkout, 1000)
        handle = os.open(bottom.parent, os.O_RDONLY)  # the full path is long: go relative
        try:
            plan = os.open("d/plan.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=handle)
            os.write(plan, PLAN.encode("utf-8"))
            os.close(plan)
        finally:
            os.close(handle)
        run = run_cplan(["validate", "."], checkout, env=ci_env(checkout, tmp_path / "cache"))
    finally:  # pytest's own clean-up would fail on these folders, in every later session
        remove_tree(checkout)
    clean(run, 0)
    assert "共检查 1 个文件" in run.stdout, run.describe()


def test_plan_links_out_of_the_repository_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(PLAN, encoding="utf-8")
    clone = pull_request(
        tmp_path / "pr",
        {
            "plans/ok.yaml": PLAN,
            "plans/elsewhere.yaml": outside,
            "plans/inside.yaml": Path("ok.yaml"),
        },
    )
    run = run_cplan(["validate", "--format", "text", "plans"], clone)
    clean(run, 1)
    assert run.stdout.startswith("plans/elsewhere.yaml:1:1: error CP001 "), run.describe()
    assert "plans/inside.yaml:1:1: error CP001" not in run.stdout  # a link inside is a plan


# -- templates ----------------------------------------------------------------------------------

#: Nine lists of nine, each made of the one before: 480 bytes that stand for 9⁹ cells.
ALIAS_BOMB = "".join(
    [
        "sheets:\n  - name: s\n    rows:\n      - - &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n",
        *(
            f"        - &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def zip_bomb(size: int) -> bytes:
    """The built-in Word template with ``size`` bytes of empty paragraphs in its document:
    a few hundred KB on disk; python-docx and docxtpl parse and copy all of it."""
    out = io.BytesIO()
    source = ROOT / "templates" / "progress.docx"
    with zipfile.ZipFile(source) as docx, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in docx.infolist():
            content = docx.read(info)
            if info.filename != "word/document.xml":
                bomb.writestr(info.filename, content)
                continue
            head, tail = content.split(b"<w:body>", 1)
            member = zipfile.ZipInfo("word/document.xml", date_time=info.date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            with bomb.open(member, "w", force_zip64=True) as stream:
                stream.write(head + b"<w:body>")
                block = b"<w:p/>" * ((1 << 20) // 6)  # elements: no single huge text node
                for _ in range(size >> 20):
                    stream.write(block)
                stream.write(tail)
    return out.getvalue()


@pytest.fixture(scope="module")
def template_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    folder = tmp_path_factory.mktemp("templates")
    outside = folder / "outside.docx"
    shutil.copy(ROOT / "templates" / "progress.docx", outside)
    clones = {
        "alias-bomb": pull_request(
            folder / "alias", {"plan.yaml": PLAN, "templates/report.xlsx.yaml": ALIAS_BOMB}
        ),
        "zip-bomb": pull_request(
            folder / "zip", {"plan.yaml": PLAN, "templates/report.docx": zip_bomb(128 << 20)}
        ),
        "linked-docx": pull_request(
            folder / "link", {"plan.yaml": PLAN, "templates/report.docx": outside}
        ),
    }
    jobs = [
        (["report", "plan.yaml", "-f", "xlsx", "-o", "out.xlsx"], clones["alias-bomb"]),
        (["report", "plan.yaml", "-f", "docx", "-o", "out.docx"], clones["zip-bomb"]),
        (["report", "plan.yaml", "-f", "docx", "-o", "out.docx"], clones["linked-docx"]),
    ]
    # Without a repository, a template above the current directory is not the plan's.
    above = folder / "above"
    (above / "templates").mkdir(parents=True)
    (above / "templates" / "report.xlsx.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    work = above / "work"
    work.mkdir()
    (work / "plan.yaml").write_text(PLAN, encoding="utf-8")
    jobs.append(
        (["report", "plan.yaml", "-f", "xlsx", "-o", "out.xlsx", "--as-of", "2026-06-30"], work)
    )
    env = {**cplan_env(work)}
    done = run_many(jobs, timeout=60, env=env)
    return dict(zip(["alias-bomb", "zip-bomb", "linked-docx", "lookup-stops"], done, strict=True))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("alias-bomb", "锚点和别名"),
        ("zip-bomb", "解压后过大"),
        ("linked-docx", "符号链接"),
    ],
)
def test_hostile_templates_are_refused(
    template_runs: dict[str, Run], name: str, message: str
) -> None:
    run = template_runs[name]
    clean(run, 1)
    assert message in run.stderr, run.describe()


def test_template_lookup_stops_at_the_current_directory(template_runs: dict[str, Run]) -> None:
    clean(template_runs["lookup-stops"], 0)
