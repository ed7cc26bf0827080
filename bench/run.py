"""Throughput of the pipeline, side by side with peers on the same text, in one run.

Machines here are noisy, so figures are measured together and reported with their ratios;
nothing in the test-suite depends on them. Writes a markdown table (``--output``).
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from entities_vs_jieba import entity_comparison
from money_vs_jionlp import money_comparison
from stages import stage_speeds

import extractor
from extractor.decode import decode
from extractor.evaluate import Report, evaluate
from extractor.pipeline import Options
from extractor.repair import RepairConfig
from extractor.synth import DAMAGE_KINDS
from extractor.synth_archive import synthesize
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


# Each kind of damage alone (with what it needs to occur: readings and shifts happen on
# Traditional spam-mirror pages), so its character error rate is its own.
KIND_ARCHIVES = {
    "pinyin": ("s2t", "pinyin"),
    "gbk_shift": ("s2t", "pinyin", "width_fold", "gbk_shift"),
    "lost_lead": ("s2t", "pinyin", "width_fold", "lost_lead"),
    "html_residue": ("html_residue",),
    "duplicate_title": ("duplicate_title",),
    "furniture": ("furniture",),
    "masked_years": ("masked_years",),
    "second_document": ("second_document",),
    "width_fold": ("width_fold",),
    "all kinds at once": DAMAGE_KINDS,
}


def damage_recovery(count: int, seed: int) -> str:
    """Simulated archives with known truth: the pipeline against stripping readings only."""
    per_kind = max(count // len(KIND_ARCHIVES), 1)
    lines = [
        "",
        f"## Damage recovery on {per_kind * len(KIND_ARCHIVES)} simulated documents "
        f"(extractor synth, seed {seed}, {per_kind} per row)",
        "",
        "The baseline is the same pipeline with the shifted-GBK repair switched off (readings, "
        "residue and furniture are still removed): the naive strip-the-readings repair.",
        "",
        "| damage | characters | CER, pipeline | CER, baseline | garbled restored "
        "| undamaged changed | characters/s (with scoring) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, kinds in KIND_ARCHIVES.items():
        with tempfile.TemporaryDirectory() as folder:
            archive = Path(folder)
            synthesize(ROOT / "corpus" / "clean", archive, per_kind, seed, kinds)
            start = time.perf_counter()
            full = evaluate(archive)
            seconds = time.perf_counter() - start
            naive = evaluate(archive, Options(repair=RepairConfig(fix_shifted_gbk=False)))
        lines.append(_damage_row(name, full, naive, full.text.length / seconds))
    return "\n".join(lines) + "\n"


def _damage_row(name: str, full: Report, naive: Report, rate: float) -> str:
    restored, changed = full.garbled_restored, full.undamaged_changed
    restored_cell = f"{restored.hits}/{restored.total}" if restored.total else "—"
    changed_cell = f"{changed.hits}/{changed.total}" if changed.total else "—"
    return (
        f"| {name} | {full.text.length:,} | {_rate(full.text.cer)} | {_rate(naive.text.cer)} "
        f"| {restored_cell} | {changed_cell} | {rate:,.0f} |"
    )


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.2%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--repeat", type=int, default=5, help="copies of each workload")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the best counts")
    parser.add_argument("--documents", type=int, default=1000, help="simulated documents")
    parser.add_argument("--seed", type=int, default=7, help="seed of the simulated archive")
    arguments = parser.parse_args()
    table = render(measure(arguments.repeat, arguments.runs))
    table += damage_recovery(arguments.documents, arguments.seed)
    table += stage_speeds(arguments.runs)
    table += money_comparison(arguments.runs)
    table += entity_comparison()
    arguments.output.write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
