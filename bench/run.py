"""Throughput of the pipeline, side by side with peers on the same text, in one run.

Machines here are noisy, so figures are measured together and reported with their ratios;
nothing in the test-suite depends on them. Writes a markdown table (``--output``).
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import extractor
from extractor.decode import decode
from extractor.views import to_simplified

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT.parent / "shared" / "seed"


@dataclass(frozen=True)
class Workload:
    name: str
    inputs: list[bytes]

    @property
    def characters(self) -> int:
        return sum(len(decode(data).text) for data in self.inputs)


def workloads(repeat: int) -> list[Workload]:
    """The shipped corpus (clean and scraped) and, when present, the real seed."""
    clean = [p.read_bytes() for p in sorted((ROOT / "corpus" / "clean").glob("*.txt"))]
    scraped = [p.read_bytes() for p in sorted((ROOT / "corpus" / "scraped").iterdir())]
    loads = [Workload("corpus/clean", clean * repeat), Workload("corpus/scraped", scraped * repeat)]
    seed = sorted(SEED_DIR.glob("*.txt"))
    if seed:
        loads.append(Workload("seed (../shared)", [seed[0].read_bytes()] * repeat * 4))
    return loads


def best_of(runs: int, job: Callable[[], object]) -> float:
    """Fastest wall time of ``runs`` runs: the least disturbed by other load."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        timings.append(time.perf_counter() - start)
    return min(timings)


def peers(texts: list[str]) -> dict[str, Callable[[], object]]:
    """Tools that do part of the job, on the same decoded text."""
    jobs: dict[str, Callable[[], object]] = {
        "OpenCC t2s conversion (whole text)": lambda: [to_simplified(t) for t in texts],
    }
    try:
        import jieba
    except ImportError:
        return jobs
    jieba.setLogLevel(60)
    jieba.initialize()
    jobs["jieba.lcut (segmentation only)"] = lambda: [jieba.lcut(t) for t in texts]
    return jobs


def measure(repeat: int, runs: int) -> list[tuple[str, str, int, float]]:
    rows = []
    for load in workloads(repeat):
        characters = load.characters

        def pipeline(inputs: list[bytes] = load.inputs) -> None:
            for data in inputs:
                extractor.extract(data)

        rows.append(
            (load.name, "extractor.extract (full pipeline)", characters, best_of(runs, pipeline))
        )
        texts = [decode(data).text for data in load.inputs]
        for name, job in peers(texts).items():
            rows.append((load.name, name, characters, best_of(runs, job)))
    return rows


def render(rows: list[tuple[str, str, int, float]]) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Python {platform.python_version()} on {platform.machine()}, one process, one core. "
        "Best of several runs; ratios are against the full pipeline on the same workload.",
        "",
        "| workload | tool | characters | seconds | characters/s | × pipeline |",
        "|---|---|---:|---:|---:|---:|",
    ]
    baseline: dict[str, float] = {}
    for workload, tool, characters, seconds in rows:
        rate = characters / seconds
        baseline.setdefault(workload, rate)
        lines.append(
            f"| {workload} | {tool} | {characters:,} | {seconds:.3f} | {rate:,.0f} "
            f"| {rate / baseline[workload]:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--repeat", type=int, default=5, help="copies of each workload")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the best counts")
    arguments = parser.parse_args()
    table = render(measure(arguments.repeat, arguments.runs))
    arguments.output.write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
