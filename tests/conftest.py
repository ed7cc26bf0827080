"""Shared fixtures: the real scraped seed file, read from ../shared (never copied here)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seed"


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip(f"the seed is not at {SEED_DIR}; CI places ../shared beside the checkout")
    return files[0].read_bytes()


def case_rows(path: Path) -> list:
    """One pytest case per non-comment line of a tab-separated case file, named by its line."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            rows.append(pytest.param(*line.split("\t"), id=f"line{number}"))
    return rows
