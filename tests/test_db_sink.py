"""`extractor extract --db URL`: the batch writes into the database what `load` would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from extractor import db_schema
from extractor.cli import main
from extractor.db import Database

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """Six corpus pages, clean and scraped, and an empty file."""
    folder = tmp_path_factory.mktemp("pages")
    for path in [
        *sorted((ROOT / "corpus" / "scraped").iterdir())[:3],
        *sorted((ROOT / "corpus" / "clean").glob("*.txt"))[:3],
    ]:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _tables(url: str) -> dict[str, list[tuple]]:
    database = Database(url)
    with database.engine.connect() as connection:
        rows = {
            table.name: [
                tuple(r) for r in connection.execute(select(table).order_by(*table.primary_key))
            ]
            for table in db_schema.metadata.sorted_tables
        }
    database.close()
    return rows


def _loaded(jsonl: Path, tmp_path: Path) -> dict[str, list[tuple]]:
    """The rows `extractor load` makes of a JSONL file, in a fresh SQLite database."""
    url = f"sqlite:///{tmp_path / 'loaded.sqlite'}"
    assert _run("load", str(jsonl), "--db", url).exit_code == 0
    return _tables(url)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_into_a_database_holds_what_load_would(url, pages, tmp_path, jobs):
    result = _run("extract", str(pages), "--db", url, "--jobs", jobs)
    assert result.exit_code == 1  # the empty file
    assert result.stdout == ""  # --db without -o: nothing on stdout
    assert [
        json.loads(line)["error"] for line in result.stderr.splitlines() if line.startswith("{")
    ] == ["E101"]
    jsonl = tmp_path / "out.jsonl"
    _run("extract", str(pages), "-o", str(jsonl))
    assert _tables(url) == _loaded(jsonl, tmp_path)
    assert len(_tables(url)["documents"]) == len(jsonl.read_text().splitlines()) >= 6


def test_output_and_database_together(url, pages, tmp_path):
    jsonl = tmp_path / "out.jsonl"
    assert _run("extract", str(pages), "-o", str(jsonl), "--db", url).exit_code == 1
    assert _tables(url) == _loaded(jsonl, tmp_path)


def test_resume_skips_what_the_database_holds_and_each_sink_gets_what_it_lacks(
    url, pages, tmp_path
):
    a, b, c = sorted(str(p) for p in pages.iterdir() if p.stat().st_size)[:3]
    jsonl = tmp_path / "out.jsonl"
    _run("extract", a, b, "--db", url)
    _run("extract", a, c, "-o", str(jsonl))
    _run("extract", str(pages), "-o", str(tmp_path / "all.jsonl"))
    result = _run("extract", str(pages), "-o", str(jsonl), "--db", url, "--resume")
    assert "1 skipped" in result.stderr  # a: in both; b only in the database, c only in the file
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == sorted((tmp_path / "all.jsonl").read_text().splitlines())
    assert _tables(url) == _loaded(jsonl, tmp_path)


def test_a_bad_database_url_is_a_usage_error(pages):
    result = _run("extract", str(pages), "--db", "mysql://host/db")
    assert result.exit_code == 2
    assert "unsupported database" in result.output


def test_documents_postgresql_cannot_hold_are_error_records(url, tmp_path):
    page = tmp_path / "nul.txt"
    page.write_text("某村工作总结\n一、情况\x00说明\n捐款5万元。\n", encoding="utf-8")
    result = _run("extract", str(page), "--db", url)
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    if url.startswith("postgresql"):
        assert result.exit_code == 1
        assert [(r["error"], r["source"]) for r in records] == [("E302", f"{page}#0")]
        assert _tables(url)["documents"] == []
    else:
        assert result.exit_code == 0, result.output
        assert len(_tables(url)["documents"]) == 1
