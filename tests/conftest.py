"""Shared fixtures: the real scraped seed file, read from ../shared (never copied here); the
corpus documents and database URLs for the database tests.

PostgreSQL cases run when EXTRACTOR_TEST_POSTGRES_URL names a database they may empty (`.ci/run`
starts one); without it they skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

import extractor
from extractor import db_schema
from extractor.db import Database
from extractor.model import Document
from extractor.synth_archive import synthesize

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "corpus" / "clean"
SEED_DIR = ROOT.parent / "shared" / "seed"
POSTGRES_URL = os.environ.get("EXTRACTOR_TEST_POSTGRES_URL")


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


@pytest.fixture(scope="session")
def corpus() -> list[Document]:
    """The documents of the gold corpus inputs, extracted once."""
    paths = sorted((ROOT / "corpus" / "clean").glob("*.txt"))
    paths += sorted(p for p in (ROOT / "corpus" / "scraped").iterdir() if p.is_file())
    return [doc for path in paths for doc in extractor.extract(path.read_bytes(), str(path))]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL with no tables in it."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    if not POSTGRES_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but EXTRACTOR_TEST_POSTGRES_URL is unset: .ci/run starts one")
        pytest.skip("set EXTRACTOR_TEST_POSTGRES_URL to run the PostgreSQL cases")
    _drop_tables(POSTGRES_URL)
    yield POSTGRES_URL
    _drop_tables(POSTGRES_URL)


def _drop_tables(url: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    db_schema.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def database(url: str) -> Iterator[Database]:
    database = Database(url)
    yield database
    database.close()
