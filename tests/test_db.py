"""Documents in a database: the same tests on embedded SQLite and on a real PostgreSQL server
(the ``url`` fixture in conftest.py)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

import extractor
from extractor import db_schema as s
from extractor import model
from extractor.cli import main
from extractor.db import Database
from extractor.errors import DatabaseError
from extractor.model import Document, Section

ROOT = Path(__file__).resolve().parents[1]


def _flatten(sections: list[Section]) -> list[Section]:
    return [x for section in sections for x in [section, *_flatten(section.children)]]


def expected_counts(documents: list[Document]) -> dict[str, int]:
    """Rows per table, counted from the model alone."""
    count: dict[str, int] = dict.fromkeys(s.metadata.tables, 0)
    del count["schema_version"]
    for d in documents:
        count["documents"] += 1
        count["notes"] += len(d.notes)
        count["repairs"] += len(d.repairs)
        count["sections"] += len(_flatten(d.sections))
        count["amounts"] += len(d.amounts)
        count["quantities"] += len(d.quantities)
        count["dates"] += len(d.dates) + (
            d.signed_date is not None and d.signed_date not in d.dates
        )
        count["people"] += len(d.people)
        count["roles"] += sum(len(p.roles) for p in d.people)
        count["posts"] += sum(len(p.posts) for p in d.people)
        count["person_mentions"] += sum(len(p.mentions) for p in d.people)
        count["organisations"] += len(d.organisations)
        count["organisation_aliases"] += sum(len(o.aliases) for o in d.organisations)
        count["organisation_mentions"] += sum(len(o.mentions) for o in d.organisations)
        count["places"] += len(d.places)
        count["place_mentions"] += sum(len(p.mentions) for p in d.places)
    return count


# Where each model field goes: a column of its own table (or of its owner's, for phrases and
# the signed date), or a child table. A field added to the model fails here until it is stored.
STORED = {
    model.Document: "schema_version id source index encoding input_format title document_type "
    "issuer signed_date text raw_start raw_end original repairs notes sections amounts "
    "quantities dates people organisations places",
    model.Repair: "kind raw_start raw_end before after start rule note absorbed",
    model.Section: "start end raw_start raw_end level kind marker title title_start title_end "
    "style flags path children",
    model.DateMention: "start end raw_start raw_end text year month day year_masked "
    "year_inferred period section_path precision year_low year_high evidence flags",
    model.Phrase: "start end raw_start raw_end text",
    model.Amount: "start end raw_start raw_end text value currency bound low high masked purpose "
    "section_path per action giver recipient role part_of beneficiaries per_beneficiary rule",
    model.Quantity: "start end raw_start raw_end text value unit section_path bound low high "
    "counts rule",
    model.Mention: "start end raw_start raw_end text section_path",
    model.Post: "title unit responsibility",
    model.Person: "name roles posts organisation partial mentions",
    model.Organisation: "name aliases mentions",
    model.Place: "name mentions",
}


@pytest.mark.parametrize("cls", list(STORED), ids=lambda cls: cls.__name__)
def test_every_model_field_is_stored(cls):
    assert set(cls.model_fields) == set(STORED[cls].split())


def test_every_model_is_stored():
    models = {
        v for v in vars(model).values() if isinstance(v, type) and v.__module__ == model.__name__
    }
    assert models - set(STORED) == {model._Model, model.Span, model.ErrorRecord}


def _rows(database: Database, table: s.Table) -> list[tuple]:
    with database.engine.connect() as connection:
        return [
            tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key))
        ]


def test_the_corpus_round_trips_with_a_row_per_item(database, corpus):
    database.write(corpus)
    assert database.counts() == expected_counts(corpus)
    assert all(v for k, v in expected_counts(corpus).items() if k != "notes"), "corpus too thin"
    for document in corpus[:3]:
        assert database.counts(document.id) == expected_counts([document])


def test_values_and_raw_offsets_come_back_exactly(database, corpus):
    database.write(corpus)
    by_id = {d.id: d for d in corpus}
    _, rows = database.query(
        "SELECT a.document_id, a.seq, a.value, a.per_beneficiary, "
        "substr(d.original, a.raw_start + 1, a.raw_end - a.raw_start) "
        "FROM amounts a JOIN documents d ON d.id = a.document_id"
    )
    assert len(rows) == sum(len(d.amounts) for d in corpus)
    for doc_id, seq, value, per_beneficiary, evidence in rows:
        amount = by_id[doc_id].amounts[seq]
        assert evidence == by_id[doc_id].original[amount.raw_start : amount.raw_end]
        assert _decimal(value) == amount.value
        assert _decimal(per_beneficiary) == amount.per_beneficiary


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def test_exact_decimals_are_read_back_as_decimals(database, corpus):
    database.write(corpus)
    values = {row.value for row in _select(database, s.amounts.c.value)} - {None}
    assert values == {a.value for d in corpus for a in d.amounts} - {None}
    assert all(isinstance(value, Decimal) for value in values)


def _select(database: Database, *columns) -> list:
    with database.engine.connect() as connection:
        return list(connection.execute(select(*columns)))


def test_the_section_tree_keeps_its_parents(database, corpus):
    database.write(corpus)
    rows = _select(
        database,
        s.sections.c.document_id,
        s.sections.c.seq,
        s.sections.c.parent_seq,
        s.sections.c.path,
    )
    path = {(r.document_id, r.seq): r.path for r in rows}
    for row in rows:
        parent = path.get((row.document_id, row.parent_seq)) if row.parent_seq is not None else ""
        assert parent == row.path.rpartition(".")[0]


def test_loading_again_leaves_the_same_rows(database, corpus):
    database.write(corpus)
    before = {table.name: _rows(database, table) for table in s.metadata.sorted_tables}
    database.write(corpus)
    database.write(corpus[:5])
    assert {table.name: _rows(database, table) for table in s.metadata.sorted_tables} == before


def test_a_changed_document_replaces_its_rows(database, corpus):
    database.write(corpus)
    changed = corpus[0].model_copy(
        update={"title": "改过的标题", "amounts": corpus[0].amounts[:1], "people": []}
    )
    database.write([changed])
    assert database.counts(changed.id) == expected_counts([changed])
    assert database.counts() == expected_counts([changed, *corpus[1:]])
    titles = _select(database, s.documents.c.id, s.documents.c.title)
    assert dict(titles)[changed.id] == "改过的标题"


def test_the_last_copy_of_a_document_in_one_batch_wins(database, corpus):
    changed = corpus[0].model_copy(update={"title": "第二份"})
    database.write([corpus[0], changed])
    assert _select(database, s.documents.c.title) == [("第二份",)]
    assert database.counts() == expected_counts([changed])


INJECTION = (
    '某局\'); DROP TABLE documents; --\n一、工作情況\n李四"校长" 捐款5,000元。%s :x ? \\N \\.\t\\\n'
)


def test_sql_looking_text_is_stored_verbatim(database):
    (document,) = extractor.extract(INJECTION, source="x'; DELETE FROM amounts; --")
    database.write([document])
    _, rows = database.query("SELECT title, source, text, original FROM documents")
    assert rows == [(document.title, document.source, document.text, document.original)]
    assert "DROP TABLE" in document.title
    assert database.counts()["amounts"] == len(document.amounts) == 1


def test_creating_the_schema_twice_is_harmless(url):
    Database(url).close()
    database = Database(url)
    assert database.query("SELECT version, document_schema FROM schema_version")[1] == [
        (s.DB_SCHEMA_VERSION, extractor.model.SCHEMA_VERSION)
    ]
    database.close()


def test_another_schema_version_is_refused(database, url):
    with database.engine.begin() as connection:
        connection.execute(s.schema_version.update().values(version=s.DB_SCHEMA_VERSION + 1))
    with pytest.raises(DatabaseError, match="load into a new database"):
        Database(url)


def test_nul_characters_load_into_sqlite_and_are_refused_by_postgresql(database, url):
    (document,) = extractor.extract("一、总结\x00工作\n捐款5万元。\n")
    if url.startswith("postgresql"):
        with pytest.raises(ValueError, match="NUL"):
            database.write([document])
        assert database.counts()["documents"] == 0
    else:
        database.write([document])
        assert database.query("SELECT text FROM documents")[1] == [(document.text,)]


@pytest.mark.parametrize(
    ("url", "message"),
    [("mysql://h/d", "unsupported database"), ("::nonsense", "not a database URL")],
)
def test_bad_urls_say_what_to_use(url, message):
    with pytest.raises(DatabaseError, match=message):
        Database(url)


def test_load_reports_bad_lines_and_loads_the_rest(url, corpus, tmp_path):
    lines = [
        corpus[0].model_dump_json(),
        "{not json",
        "",
        json.dumps({"id": "x"}),
        corpus[1].model_dump_json(),
    ]
    jsonl = tmp_path / "out.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(jsonl), "--db", url])
    assert result.exit_code == 1
    errors = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert [(e["error"], e["source"]) for e in errors] == [
        ("E301", f"{jsonl}:2"),
        ("E301", f"{jsonl}:4"),
    ]
    assert "2 documents loaded, 2 errors" in result.stderr
    database = Database(url)
    assert database.counts() == expected_counts(corpus[:2])
    database.close()


def test_load_of_a_clean_file_exits_zero(url, corpus, tmp_path):
    jsonl = tmp_path / "out.jsonl"
    jsonl.write_text("".join(d.model_dump_json() + "\n" for d in corpus), encoding="utf-8")
    for _ in range(2):
        result = CliRunner().invoke(main, ["load", str(jsonl), "--db", url])
        assert result.exit_code == 0, result.output
    database = Database(url)
    assert database.counts() == expected_counts(corpus)
    database.close()


def test_a_database_that_cannot_be_opened_is_an_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = CliRunner().invoke(main, ["load", "-", "--db", f"sqlite:///{blocker}/x.sqlite"])
    assert result.exit_code == 1
    assert "E300" in result.output
    assert "Traceback" not in result.output


def _readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in readme.split("```sql\n")[1:]]


def test_the_readme_shows_the_audit_queries_of_sql():
    files = sorted((ROOT / "sql").glob("*.sql"))
    assert [path.read_text(encoding="utf-8") for path in files] == sorted(_readme_queries())


def test_the_readme_audit_queries_run(database, corpus):
    database.write(corpus)
    large, people = (database.query(sql) for sql in sorted(_readme_queries()))
    columns, rows = large
    assert rows and columns[-3:] == ["raw_start", "raw_end", "original_text"]
    for row in rows:
        assert Decimal(str(row[columns.index("value")])) > 10000
        raw_start, raw_end, evidence = row[-3:]
        titled = [d.original[raw_start:raw_end] for d in corpus if d.title == row[0]]
        assert evidence in titled  # the clean and scraped copies of a document share a title
    columns, rows = people
    assert columns == ["organisation", "person", "post", "responsibility", "document"]
    assert {row[1] for row in rows} == {p.name for d in corpus for p in d.people}
