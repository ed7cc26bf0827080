"""How fast `extractor load` fills a database: the corpus output copied N times under new ids.

    .venv/bin/python bench/db_load.py [--copies 50] [--db URL ...]

Each URL's tables are dropped first (use a scratch database). Prints documents/s and rows/s of
a first load and of a re-load of the same file (every document replaced).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import extractor
from extractor import db_schema
from extractor.db import Database, load_jsonl

ROOT = Path(__file__).resolve().parents[1]


def corpus_jsonl(path: Path, copies: int) -> int:
    """Write the corpus documents ``copies`` times with distinct ids; return the count."""
    inputs = sorted((ROOT / "corpus" / "clean").glob("*.txt"))
    inputs += sorted(p for p in (ROOT / "corpus" / "scraped").iterdir() if p.is_file())
    documents = [d for p in inputs for d in extractor.extract(p.read_bytes(), source=str(p))]
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for document in documents:
                record = document.model_dump(mode="json") | {"id": f"{document.id}-{copy}"}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return copies * len(documents)


def timed_load(url: str, jsonl: Path) -> tuple[float, int]:
    database = Database(url)
    started = time.perf_counter()
    with jsonl.open(encoding="utf-8") as lines:
        load_jsonl(lines, database, str(jsonl))
    seconds = time.perf_counter() - started
    rows = sum(database.counts().values())
    database.close()
    return seconds, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--db", action="append", dest="urls")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        jsonl = Path(scratch) / "corpus.jsonl"
        documents = corpus_jsonl(jsonl, args.copies)
        megabytes = jsonl.stat().st_size / 1e6
        print(f"{documents} documents, {megabytes:.0f} MB of JSONL")
        for url in args.urls or [f"sqlite:///{scratch}/load.sqlite"]:
            database = Database(url)
            db_schema.metadata.drop_all(database.engine)
            database.close()
            first, rows = timed_load(url, jsonl)
            again, _ = timed_load(url, jsonl)
            print(
                f"{url.split(':')[0]:<10} {rows} rows: {documents / first:.0f} documents/s, "
                f"{rows / first:.0f} rows/s; re-load {documents / again:.0f} documents/s"
            )


if __name__ == "__main__":
    main()
