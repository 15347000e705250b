"""The cache, attacked from a pull request: it must never say less than a fresh check.

Each test commits the attacker's files to a repository and runs cplan in a fresh clone
the way CI does (``GITHUB_ACTIONS=true``, the cache where cplan keeps it by default).
The attacker knows everything the old cache key was made of (cplan's version, the
configuration's fingerprint, the shown path, the file's bytes), so a committed entry at
that key used to clear a broken plan (issue #12, item 1).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from cplan import __version__
from cplan.config import Settings
from tests.adversarial import Run, ci_env, pull_request, run_cplan

#: A plan with an error a fresh check always reports (CP101: the title is missing).
BROKEN = "id: broken-plan\nperiod: 2024年至2025年\n"
OTHER = "id: other-plan\nperiod: 2024年至2025年\n"


def public_key(shown: str, data: bytes) -> str:
    """The cache key anyone can compute: what cplan 0.1 used as an entry's name."""
    digest = hashlib.sha256()
    for part in (__version__, Settings().fingerprint(), shown):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def entry(shown: str, data: str, content: object) -> tuple[str, str]:
    key = public_key(shown, data.encode("utf-8"))
    return f".cplan_cache/{key[:2]}/{key}.json", json.dumps(content)


def workflow_lines(run: Run) -> list[str]:
    """Lines of output the Actions runner would read as a workflow command that are not
    cplan's own annotations."""
    suspicious = []
    for line in (run.stdout + run.stderr).splitlines():
        stripped = line.lstrip()
        ours = stripped.startswith(
            ("::error file=", "::warning file=", "::notice file=", "::notice::")
        )
        if "##[" in line or (stripped.startswith("::") and not ours):
            suspicious.append(line)
    return suspicious


def hostile_cache(tmp_path: Path) -> Path:
    """A pull request with two broken plans and hand-made entries for both at the keys
    cplan 0.1 computed, one clearing the plan, one smuggling a workflow command."""
    empty: dict[str, object] = {"diagnostics": [], "facts": None}
    smuggler = {
        "diagnostics": [
            {
                "span": ["1\n::stop-commands::pwned\n", 1, 1, 2],
                "code": "CP101",
                "severity": "error",
                "key": "schema.missing",
                "args": {"field": "title"},
            }
        ],
        "facts": None,
    }
    files: dict[str, str | bytes | Path] = {
        "plans/broken.yaml": BROKEN,
        "plans/other.yaml": OTHER,
        ".cplan_cache/key": b"0" * 32,  # a "secret" anyone can read
    }
    for shown, data, content in (
        ("plans/broken.yaml", BROKEN, empty),
        ("plans/other.yaml", OTHER, smuggler),
    ):
        name, text = entry(shown, data, content)
        files[name] = text
    return pull_request(tmp_path, files)


def assert_fresh(run: Run) -> None:
    assert not run.timed_out, run.describe()
    assert "Traceback" not in run.stdout + run.stderr, run.describe()
    assert run.returncode == 1, run.describe()
    for shown in ("plans/broken.yaml", "plans/other.yaml"):
        assert f"::error file={shown},line=1,col=1" in run.stdout, run.describe()
    assert workflow_lines(run) == [], run.describe()


def test_a_committed_entry_cannot_clear_a_broken_plan(tmp_path: Path) -> None:
    clone = hostile_cache(tmp_path)
    cache_home = tmp_path / "runner-cache"
    env = ci_env(clone, cache_home)
    for _ in range(2):  # cold, then with the cache this machine wrote itself
        assert_fresh(run_cplan(["validate", "plans"], clone, env=env))
    folder = cache_home / "cplan"
    key = folder / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(list(folder.rglob("*.json"))) == 2  # the user's cache, outside the checkout
    assert sorted(p.name for p in (clone / ".cplan_cache").rglob("*")) == sorted(
        p.name for p in (tmp_path / "origin" / ".cplan_cache").rglob("*")
    )  # nothing written into the checkout


def test_a_cache_folder_inside_the_checkout_is_not_trusted(tmp_path: Path) -> None:
    """A workflow may point CPLAN_CACHE_DIR into the checkout (to keep it with
    actions/cache): the committed key is not this user's private file, so it is replaced
    and the committed entries do not verify."""
    clone = hostile_cache(tmp_path)
    env = {**ci_env(clone, tmp_path / "runner-cache"), "CPLAN_CACHE_DIR": ".cplan_cache"}
    for _ in range(2):
        assert_fresh(run_cplan(["validate", "plans"], clone, env=env))
    assert (clone / ".cplan_cache" / "key").read_bytes() != b"0" * 32


def test_entries_that_are_links_fifos_or_of_the_wrong_shape_are_misses(tmp_path: Path) -> None:
    third = "id: third-plan\nperiod: 2024年至2025年\n"
    files: dict[str, str | bytes | Path] = {
        "plans/broken.yaml": BROKEN,
        "plans/other.yaml": OTHER,
        "plans/third.yaml": third,
    }
    name, _ = entry("plans/broken.yaml", BROKEN, None)
    files[name] = Path("/dev/zero")  # a committed link: reading it never ends
    wrong = {"diagnostics": [{"span": [1, 1, 1, 2], "code": "CP101", "severity": "error"}]}
    wrong["diagnostics"][0].update(key="schema.missing", args=["a list", "not a mapping"])
    name, text = entry("plans/third.yaml", third, {**wrong, "facts": None})
    files[name] = text
    clone = pull_request(tmp_path, files)
    other, _ = entry("plans/other.yaml", OTHER, None)
    (clone / other).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(clone / other)  # a FIFO: opening it waits for a writer
    env = {**ci_env(clone, tmp_path / "runner-cache"), "CPLAN_CACHE_DIR": ".cplan_cache"}
    assert_fresh(run_cplan(["validate", "plans"], clone, env=env))


def test_a_linked_cache_folder_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    clone = pull_request(
        tmp_path, {"plans/broken.yaml": BROKEN, "plans/other.yaml": OTHER, ".cache": outside}
    )
    env = {**ci_env(clone, tmp_path / "runner-cache"), "CPLAN_CACHE_DIR": ".cache"}
    assert_fresh(run_cplan(["validate", "plans"], clone, env=env))
    assert list(outside.iterdir()) == []
