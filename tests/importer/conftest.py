"""Fixtures of the importer tests: the seed plans (skipped where the shared folder is
absent) and the samples written for these tests."""

from __future__ import annotations

import pytest

from tests.importer.recall import SEEDS


@pytest.fixture
def seeds_present() -> None:
    if not SEEDS.is_dir():
        pytest.skip("the shared seed plans are not on this machine")
