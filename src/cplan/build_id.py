"""What identifies the code that is running, beyond its version number.

Cached results depend on cplan's rules and messages, which change between releases
during development (an editable install keeps one version number through many edits).
:func:`code_fingerprint` hashes the installed package's own source files, once per
process, so a cache entry written by other code is never used.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from cplan import __version__


@functools.cache
def code_fingerprint() -> str:
    """A short digest of cplan's version and every ``.py`` file of the package."""
    digest = hashlib.sha256(__version__.encode("utf-8"))
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
