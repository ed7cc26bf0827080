"""Command line: a thin layer over ``extractor.extract``.

Bad input never stops a batch: each failing input becomes an error record on stderr (JSON, one
per line, naming the input and the reason), the rest go on, and the exit code is 1.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TextIO

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from extractor.batch import Outcome, Tally, pending, run
from extractor.db import Database, load_jsonl
from extractor.distributed import run_on_cluster
from extractor.errors import (
    DatabaseError,
    DistributedError,
    EvaluationError,
    ExtractionError,
    RulesError,
)
from extractor.eval_floors import check_floors, floor_messages, load_floors
from extractor.eval_report import render
from extractor.evaluate import evaluate
from extractor.inputs import STDIN, STDIN_SOURCE, Limits, iter_inputs, read_path
from extractor.model import Document, ErrorRecord, Section
from extractor.pipeline import Options, extract, load_every_rule
from extractor.progress import progress_bar
from extractor.sinks import open_sink
from extractor.synth import DAMAGE_KINDS
from extractor.synth_archive import synthesize


@click.group()
@click.version_option(package_name="extractor")
def main() -> None:
    """Turn scraped Chinese work summaries into clean, structured, auditable JSON."""


rules_option = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Extra rule folder (same file names as rules/); may be given more than once.",
)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", help="JSONL file (default: stdout, unless --db is given).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    help="Worker processes (default 1: this process).",
)
@click.option(
    "--unordered",
    is_flag=True,
    help="Write each input's documents as soon as they are ready, not in input order.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Append to --output (and --db), skipping the inputs it already holds.",
)
@click.option(
    "--db",
    "db_url",
    metavar="URL",
    help="Also (or, without -o, only) load the documents into this database, as `load` does.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on this Dask cluster (tcp://host:8786) instead of --jobs workers.",
)
@rules_option
def extract_command(
    paths: tuple[str, ...],
    output: str | None,
    jobs: int,
    unordered: bool,
    resume: bool,
    scheduler: str | None,
    db_url: str | None,
    rules_dirs: tuple[Path, ...],
) -> None:
    """Extract every document of PATHS (files, folders, archives, JSONL dumps, - for stdin)."""
    options = _options(rules_dirs)
    try:
        sink = open_sink(output, db_url, resume=resume)
    except (OSError, ValueError) as error:
        raise click.UsageError(str(error)) from error
    tally = Tally()
    if scheduler:
        outcomes = run_on_cluster(
            paths, options, scheduler, skip=sink.done(), ordered=not unordered
        )
    else:
        inputs = pending(
            iter_inputs(paths, Limits(max_bytes=options.max_bytes)), sink.done(), tally
        )
        outcomes = run(inputs, options, jobs=jobs, ordered=not unordered)
    with progress_bar(tally) as display, contextlib.closing(sink):
        for outcome in _guarded(outcomes):
            tally.add(outcome)
            if outcome.error:
                display.report(outcome.error.model_dump_json())
            sink.write(outcome)
            for record in sink.rejected():
                tally.errors += 1
                display.report(record.model_dump_json())
            display.refresh()
    click.echo(str(tally), err=True)
    if tally.errors:
        sys.exit(1)


@main.command("clean")
@click.argument("path")
@click.option(
    "--explain", is_flag=True, help="List every repair: kind, rule, where, before → after."
)
@rules_option
def clean_command(path: str, explain: bool, rules_dirs: tuple[Path, ...]) -> None:
    """Print the repaired text of each document in PATH (a file or - for stdin)."""
    documents = _extract_one(path, rules_dirs)
    for document in documents:
        if len(documents) > 1:
            click.echo(f"=== document {document.index + 1} of {len(documents)}: {document.title}")
        click.echo(document.text)
        if explain:
            _explain(document)


@main.command("outline")
@click.argument("path")
@rules_option
def outline_command(path: str, rules_dirs: tuple[Path, ...]) -> None:
    """Print the section tree of each document in PATH (a file or - for stdin)."""
    documents = _extract_one(path, rules_dirs)
    console = Console(width=max(shutil.get_terminal_size().columns, 100))
    for document in documents:
        console.print(_outline(document))


def _outline(document: Document) -> Tree:
    date = document.signed_date
    facts = [
        document.document_type or "—",
        document.issuer or "no issuer",
        date.text if date else "no date",
    ]
    tree = Tree(
        f"[bold]{escape(document.title or '(no title)')}[/]  [dim]{escape(' · '.join(facts))}[/]"
    )
    _grow(tree, document.sections)
    return tree


def _grow(branch: Tree, sections: list[Section]) -> None:
    for section in sections:
        flags = f" [yellow]({', '.join(section.flags)})[/]" if section.flags else ""
        kind = " [dim]item[/]" if section.kind == "item" else ""
        title = section.title if len(section.title) <= 40 else section.title[:39] + "…"
        label = f"[cyan]{escape(section.marker)}[/] {escape(title)}"
        _grow(branch.add(f"{label} [dim]L{section.level}[/]{kind}{flags}"), section.children)


@main.command("summarize")
@click.argument("jsonl", type=click.File("r", encoding="utf-8"))
def summarize_command(jsonl: TextIO) -> None:
    """Summarise a JSONL file written by `extractor extract`: documents, titles, repairs."""
    table = Table("input", "#", "title", "chars", "repairs")
    for column in table.columns:
        column.no_wrap = True
        column.min_width = len(str(column.header))
    totals: Counter[str] = Counter()
    for line in jsonl:
        document = Document.model_validate_json(line)
        kinds = Counter(repair.kind for repair in document.repairs)
        totals.update(kinds)
        table.add_row(
            Path(document.source or "-").name[:28],
            str(document.index + 1),
            (document.title or "—")[:24],
            str(len(document.text)),
            " ".join(f"{kind} {count}" for kind, count in kinds.most_common()),
        )
    Console(width=max(shutil.get_terminal_size().columns, 160)).print(table)
    click.echo("repairs by kind: " + ", ".join(f"{k}={n}" for k, n in totals.most_common()))


db_option = click.option(
    "--db",
    "db_url",
    required=True,
    metavar="URL",
    help="sqlite:///path/file.sqlite (created if missing) or postgresql://user:pw@host/database.",
)


@main.command("load")
@click.argument("jsonl", type=click.File("r", encoding="utf-8"))
@db_option
def load_command(jsonl: TextIO, db_url: str) -> None:
    """Load a JSONL file written by `extractor extract` into a database (- for stdin).

    Each document replaces its earlier rows; a line that is no document becomes an error record.
    """
    database = _database(db_url)
    report = load_jsonl(jsonl, database, jsonl.name)
    database.close()
    for record in report.errors:
        click.echo(record.model_dump_json(), err=True)
    click.echo(f"{report.documents} documents loaded, {len(report.errors)} errors", err=True)
    if report.errors:
        sys.exit(1)


@main.command("query")
@click.argument("sql")
@db_option
def query_command(sql: str, db_url: str) -> None:
    """Run SQL (text, or - to read it from stdin) on a database and print the rows as a table."""
    database = _database(db_url)
    try:
        columns, rows = database.query(sys.stdin.read() if sql == STDIN else sql)
    except DatabaseError as error:
        raise click.ClickException(f"{error.code}: {error}") from error
    finally:
        database.close()
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if value is None else escape(str(value)) for value in row))
    Console(width=max(shutil.get_terminal_size().columns, 120)).print(table)


@main.command("synth")
@click.argument("clean_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--count", type=click.IntRange(min=0), required=True, help="Inputs to write.")
@click.option("--seed", type=int, required=True, help="Same seed, same bytes.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(DAMAGE_KINDS),
    help="Damage to apply (repeatable); default: a mix drawn per input, like real archives.",
)
def synth_command(
    clean_dir: Path, out_dir: Path, count: int, seed: int, kinds: tuple[str, ...]
) -> None:
    """Write COUNT damaged inputs made from CLEAN_DIR, each with its truth, into OUT_DIR."""
    try:
        written = synthesize(clean_dir, out_dir, count, seed, kinds or None)
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"{len(written)} inputs with truth written to {out_dir}", err=True)


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--floors",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML [floors]: exit 1 if a metric falls below its floor (or above its .max).",
)
@click.option(
    "--json", "json_out", type=click.File("w", encoding="utf-8"), help="Write the numbers here."
)
@rules_option
def eval_command(
    gold_dir: Path, floors: Path | None, json_out: TextIO | None, rules_dirs: tuple[Path, ...]
) -> None:
    """Score extraction against GOLD_DIR's *.gold.json and *.truth.json files."""
    try:
        pinned = load_floors(floors) if floors else []
        report = evaluate(gold_dir, _options(rules_dirs))
    except EvaluationError as error:
        raise click.UsageError(str(error)) from error
    console = Console(width=max(shutil.get_terminal_size().columns, 100))
    for table in render(report):
        console.print(table)
    if json_out:
        json.dump(report.to_json(), json_out, ensure_ascii=False, indent=2)
    breaches, skipped = check_floors(report.metrics(), pinned)
    if floors:
        for line in floor_messages(pinned, breaches, skipped):
            click.echo(line, err=True)
    if breaches:
        sys.exit(1)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of one output document."""
    click.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))


def _extract_one(path: str, rules_dirs: tuple[Path, ...]) -> list[Document]:
    """The documents of one input, or its error record and exit code 1."""
    source = STDIN_SOURCE if path == STDIN else path
    try:
        return extract(read_path(path), source=source, options=_options(rules_dirs))
    except ExtractionError as error:
        _report(error, source)
        sys.exit(1)


def _database(url: str) -> Database:
    try:
        return Database(url)
    except DatabaseError as error:
        raise click.ClickException(f"{error.code}: {error}") from error


def _guarded(outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
    """The outcomes; a cluster that cannot be used, or a dead worker, is a message, not a
    traceback (what was written stays)."""
    try:
        yield from outcomes
    except DistributedError as error:
        raise click.UsageError(str(error)) from error
    except BrokenProcessPool as error:
        raise click.ClickException(
            "a worker process died (killed, or out of memory); the documents written so far "
            "are kept: rerun with -o FILE --resume to go on, perhaps with fewer --jobs"
        ) from error


def _options(rules_dirs: tuple[Path, ...]) -> Options:
    options = Options(rules_dirs=rules_dirs)
    try:
        load_every_rule(options.rules_dirs)
    except RulesError as error:
        raise click.UsageError(str(error)) from error
    return options


def _report(error: ExtractionError, source: str) -> None:
    record = ErrorRecord(error=error.code, source=source, message=error.message)
    click.echo(record.model_dump_json(), err=True)


def _explain(document: Document) -> None:
    click.echo(f"--- {len(document.repairs)} repairs")
    for repair in document.repairs:
        click.echo(
            f"{repair.kind:<18} {repair.rule or '':<26} raw {repair.raw_start}-{repair.raw_end}"
            f"  {repair.before!r} -> {repair.after!r}"
        )
