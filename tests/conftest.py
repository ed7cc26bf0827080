"""Shared fixtures: the real scraped seed file, read from ../shared (never copied here)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from extractor.synth_archive import synthesize

CLEAN = Path(__file__).resolve().parents[1] / "corpus" / "clean"
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


@pytest.fixture(scope="session")
def batch_dir(tmp_path_factory) -> Path:
    """Eight damaged pages made from the shipped corpus, one zip of two, junk and an empty file."""
    made = tmp_path_factory.mktemp("made")
    synthesize(CLEAN, made, 8, 3, None)
    root = tmp_path_factory.mktemp("batch")
    pages = sorted(made.glob("*.txt"))
    for page in pages[:6]:
        (root / page.name).write_bytes(page.read_bytes())
    with zipfile.ZipFile(root / "more.zip", "w") as archive:
        for page in pages[6:]:
            archive.write(page, f"in/{page.name}")
    (root / "junk.bin").write_bytes(bytes(range(256)) * 4)
    (root / "empty.txt").write_bytes(b"")
    return root
