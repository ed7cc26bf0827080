"""Throughput of the pipeline, side by side with peers on the same text, in one run.

Machines here are noisy, so figures are measured together and reported with their ratios;
nothing in the test-suite depends on them. Writes a markdown table (``--output``).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from breakdown import breakdown
from entities_vs_jieba import entity_comparison
from money_vs_jionlp import money_comparison
from peers import JIONLP, MONEY, PIPELINE, SPACY, Timing, render, side_by_side
from scaling import BatchRun, build_of, measured, pages
from stages import stage_speeds

from extractor import pipeline
from extractor.decode import decode
from extractor.evaluate import Report, evaluate
from extractor.pipeline import Options
from extractor.repair import RepairConfig
from extractor.synth import DAMAGE_KINDS
from extractor.synth_archive import synthesize

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT.parent / "shared" / "seed"


MB = 1_000_000
TARGET_RATE = 300_000  # characters/s per core, the scale issue's target
TARGET_SPACY_RATIO = 1.5
TARGET_SCALING = 1.7
TARGET_RSS_MB = 400


@dataclass(frozen=True)
class Archive:
    """A simulated archive on disk: its pages, their bytes and their decoded text."""

    folder: Path
    pages: list[Path]
    characters: int
    size: int  # bytes

    @classmethod
    def made(cls, folder: Path, count: int, seed: int) -> Archive:
        synthesize(ROOT / "corpus" / "clean", folder, count, seed)
        inputs, texts = _read(pages(folder))
        return cls(folder, pages(folder), sum(map(len, texts)), sum(map(len, inputs)))

    def sample(self, count: int) -> tuple[list[bytes], list[str]]:
        return _read(self.pages[:count])


def _read(paths: list[Path]) -> tuple[list[bytes], list[str]]:
    inputs = [path.read_bytes() for path in paths]
    return inputs, [decode(data).text for data in inputs]


def measured_commit() -> str:
    """The commit the figures come from (``+`` when the tree had changes), so a table can be
    traced to the code that made it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "an unknown commit (git not found)"
    return f"commit {head}{'+' if dirty else ''}" if head else "an unknown commit"


def verdict(met: bool) -> str:
    return "met" if met else "**not met**"


def archive_section(
    archive: Archive, jobs: tuple[int, ...], repeats: int, pure: Path | None
) -> tuple[str, dict[int, BatchRun]]:
    """The batch engine over the whole archive with each ``--jobs``, in fresh processes; and
    with ``--jobs 1`` on the pure-Python source tree ``pure`` when given."""
    characters, size = archive.characters, archive.size
    runs, pure_run = best_runs(archive.folder, jobs, repeats, pure)
    rows = [(str(n), result) for n, result in runs.items()]
    if pure_run is not None:
        rows.append(("1, pure Python", pure_run))
    lines = [
        "",
        f"## Full pipeline on a simulated archive ({len(archive.pages):,} pages, "
        f"{characters:,} characters, {size / MB:.1f} MB of UTF-8)",
        "",
        "`extractor.batch.run` as `extractor extract --jobs N` uses it (JSON lines made, not "
        "written), each in a fresh process. Wall clock: what this shared machine gave; per "
        "core: documents, characters and MB per CPU second of the process and its workers "
        "(what one unshared core does). The package is the build named above; a row "
        '"pure Python" runs the same source uncompiled (as an editable install does).',
        "",
        "| jobs | documents | wall s | × jobs 1 (wall) | CPU s | documents/s per core "
        "| characters/s per core | MB/s per core | peak RSS per worker |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, result in rows:
        cpu = result.cpu_seconds
        speedup = runs[jobs[0]].seconds / result.seconds
        lines.append(
            f"| {label} | {result.documents:,} | {result.seconds:.1f} | {speedup:.2f} | {cpu:.1f} "
            f"| {result.documents / cpu:,.1f} | {characters / cpu:,.0f} "
            f"| {size / MB / cpu:.2f} | {result.rss_mb:,.0f} MB |"
        )
    return "\n".join(lines) + "\n", runs


def best_runs(
    folder: Path, jobs: tuple[int, ...], repeats: int, pure: Path | None
) -> tuple[dict[int, BatchRun], BatchRun | None]:
    """Each ``--jobs`` run ``repeats`` times, and ``--jobs 1`` of the pure-Python ``pure``
    when given, interleaved (1, 2, pure, 1, 2, pure …) so a burst of other work on the
    machine falls on all of them: the least wall clock and CPU time of each, its largest peak
    RSS."""
    measured_runs: dict[int, list[BatchRun]] = {n: [] for n in jobs}
    pure_runs: list[BatchRun] = []
    for _ in range(repeats):
        for n in jobs:
            measured_runs[n].append(measured(folder, n))
        if pure is not None:
            pure_runs.append(measured(folder, 1, pure))
    best = {n: _best(found) for n, found in measured_runs.items()}
    return best, _best(pure_runs) if pure_runs else None


def _best(found: list[BatchRun]) -> BatchRun:
    return replace(
        found[0],
        seconds=min(run.seconds for run in found),
        cpu_seconds=min(run.cpu_seconds for run in found),
        rss_mb=max(run.rss_mb for run in found),
    )


def targets(
    archive: Archive, runs: dict[int, BatchRun], sample: list[Timing], sample_chars: int
) -> str:
    """The scale issue's targets next to what this run measured."""
    characters = archive.characters
    one = runs.get(1)
    rates = {t.tool: sample_chars / t.seconds for t in sample if t.seconds}
    rows = []
    if one is not None:
        rate = characters / one.cpu_seconds
        rows.append(
            (
                "full pipeline, characters/s per core (archive, --jobs 1)",
                f"{rate:,.0f}",
                "≥ 300,000",
                verdict(rate >= TARGET_RATE),
            )
        )
    if PIPELINE in rates and SPACY in rates:
        ratio = rates[PIPELINE] / rates[SPACY]
        rows.append(
            (
                "pipeline ÷ spaCy blank zh + jieba, same text",
                f"{ratio:.2f}×",
                "≥ 1.5×",
                verdict(ratio >= TARGET_SPACY_RATIO),
            )
        )
    if MONEY in rates and JIONLP in rates:
        ratio = rates[MONEY] / rates[JIONLP]
        rows.append(
            (
                "money stage ÷ JioNLP extract_money, same text",
                f"{ratio:.2f}×",
                "≥ 1×",
                verdict(ratio >= 1),
            )
        )
    if one is not None and 2 in runs:
        scaling = one.seconds / runs[2].seconds
        rows.append(
            ("--jobs 2 ÷ --jobs 1", f"{scaling:.2f}×", "≥ 1.7×", verdict(scaling >= TARGET_SCALING))
        )
    if runs:
        peak = max(r.rss_mb for r in runs.values())
        rows.append(
            ("peak RSS per worker", f"{peak:,.0f} MB", "< 400 MB", verdict(peak < TARGET_RSS_MB))
        )
    lines = [
        "",
        "## Targets (issue 8)",
        "",
        "| target | measured | wanted | |",
        "|---|---:|---:|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines) + "\n"


def corpus_sections(runs: int) -> str:
    """The shipped clean corpus and the real seed, each side by side with the peers."""
    out = ""
    clean = [p.read_bytes() for p in sorted((ROOT / "corpus" / "clean").glob("*.txt"))]
    loads = [("the clean corpus, 3 copies", clean * 3)]
    seed = sorted(SEED_DIR.glob("*.txt"))
    if seed:
        loads.append(("the seed, pinyin on every other character", [seed[0].read_bytes()] * 2))
    for name, inputs in loads:
        texts = [decode(data).text for data in inputs]
        out += render(side_by_side(inputs, texts, runs), sum(map(len, texts)), name)
    return out


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
        "residue and furniture are still removed): the naive strip-the-readings repair. Some "
        "garbled characters leave nothing on the page (the truth files list them); the next "
        "column counts only the others, the most any repair can restore.",
        "",
        "| damage | characters | CER, pipeline | CER, baseline | garbled restored "
        "| of those that left a trace | undamaged changed | characters/s (with scoring) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
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
    cells = [
        f"{ratio.hits}/{ratio.total}" if ratio.total else "—"
        for ratio in (full.garbled_restored, full.garbled_recoverable, full.undamaged_changed)
    ]
    return (
        f"| {name} | {full.text.length:,} | {_rate(full.text.cer)} | {_rate(naive.text.cer)} "
        f"| {' | '.join(cells)} | {rate:,.0f} |"
    )


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.2%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--runs", type=int, default=1, help="timed runs; the best counts")
    parser.add_argument("--archive", type=int, default=600, help="simulated pages for --jobs")
    parser.add_argument("--sample", type=int, default=200, help="pages timed side by side")
    parser.add_argument("--documents", type=int, default=1000, help="pages for damage recovery")
    parser.add_argument("--seed", type=int, default=7, help="seed of the simulated archives")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    arguments = parser.parse_args()
    build = build_of(pipeline)
    header = (
        f"# Benchmarks\n\nPython {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other work (load average {os.getloadavg()[0]:.1f} "
        f"at the start), {measured_commit()}, the {build} build of the package (`make bench` "
        "measures the wheel `pip install .` makes, its modules compiled with Cython: "
        f"`hatch_build.py`). Figures are the least time of {arguments.runs} "
        "runs (the --jobs runs interleaved, and the tools side by side in turn each round). "
        "`make bench` regenerates this file.\n"
    )
    pure = ROOT if build == "compiled" else None
    with tempfile.TemporaryDirectory() as folder:
        archive = Archive.made(Path(folder), arguments.archive, arguments.seed)
        scaling, batch_runs = archive_section(archive, tuple(arguments.jobs), arguments.runs, pure)
        inputs, texts = archive.sample(arguments.sample)
        sample_chars = sum(map(len, texts))
        sample = side_by_side(inputs, texts, arguments.runs)
        stages = breakdown(inputs, sample_chars, f"the first {len(texts)} pages of that archive")
    body = targets(archive, batch_runs, sample, sample_chars) + scaling
    body += render(sample, sample_chars, f"the first {len(texts)} pages of that archive")
    body += stages
    body += corpus_sections(arguments.runs)
    body += damage_recovery(arguments.documents, arguments.seed)
    body += stage_speeds(arguments.runs)
    body += money_comparison(arguments.runs)
    body += entity_comparison()
    arguments.output.write_text(header + body, encoding="utf-8")
    print(header + body)


if __name__ == "__main__":
    main()
