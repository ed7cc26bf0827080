"""`make bench-scale`: the scale issue's long runs, too slow for `make bench`.

A simulated archive of 10,000 pages through ``--jobs 1`` and ``--jobs 2``, then 100,000 inputs
streamed through the pool (the archive's pages, cycled under new names) with the resident
memory of the parent and of the largest worker logged every 1,000 inputs. Writes
``bench/results-scale.md``; the memory log is kept beside it while it runs
(``bench/stream-rss.jsonl``), so an interrupted run still shows how memory went.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from run import ROOT, Archive, archive_section, measured_commit
from scaling import build_of, streamed

from extractor import pipeline


def stream_section(points: list[dict], wanted: int, jobs: int) -> str:
    lines = [
        "",
        f"## Streaming {wanted:,} inputs with --jobs {jobs} (memory every {points[0]['inputs']:,})"
        if points
        else "## Streaming: no checkpoint was reached",
        "",
        "| inputs | documents | seconds | parent RSS | largest worker RSS |",
        "|---:|---:|---:|---:|---:|",
    ]
    for point in points:
        lines.append(
            f"| {point['inputs']:,} | {point['documents']:,} | {point['seconds']:,.0f} "
            f"| {point['parent_mb']:,.0f} MB | {point['largest_worker_mb']:,.0f} MB |"
        )
    if len(points) >= 2:
        first, last = points[0], points[-1]
        growth = max(last["parent_mb"] - first["parent_mb"], 0) + max(
            last["largest_worker_mb"] - first["largest_worker_mb"], 0
        )
        done = "all" if last["inputs"] >= wanted else f"only {last['inputs']:,} of"
        lines += [
            "",
            f"Streamed {done} {wanted:,} inputs; memory grew by {growth:,.0f} MB between the "
            f"first and the last checkpoint (target: constant memory).",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--archive", type=int, default=10_000, help="simulated pages")
    parser.add_argument("--stream", type=int, default=100_000, help="inputs streamed")
    parser.add_argument("--every", type=int, default=1000, help="inputs between checkpoints")
    parser.add_argument("--jobs", type=int, default=2, help="workers of the streamed run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=1, help="runs of each --jobs; the least counts")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results-scale.md")
    arguments = parser.parse_args()
    log = arguments.output.with_name("stream-rss.jsonl")
    with tempfile.TemporaryDirectory() as folder:
        archive = Archive.made(Path(folder), arguments.archive, arguments.seed)
        table, _ = archive_section(archive, (1, 2), arguments.runs, pure=None)
        points = streamed(archive.folder, arguments.stream, arguments.jobs, arguments.every, log)
    build = build_of(pipeline)
    text = f"# Benchmarks at scale\n\nMeasured at {measured_commit()}, the {build} build.\n"
    text += table
    text += stream_section(points, arguments.stream, arguments.jobs)
    arguments.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
