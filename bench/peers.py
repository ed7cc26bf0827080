"""The pipeline side by side with tools that do part of its job, on the same text, in one run.

The peers: JioNLP's money extraction (against our money stage alone), jieba segmentation,
OpenCC conversion, and spaCy's blank ``zh`` pipeline with the jieba segmenter merely
tokenising. Optional peers that are missing (JioNLP is the ``bench`` extra, spaCy the ``dev``
one) are reported as skipped.
"""

from __future__ import annotations

import contextlib
import gc
import io
import time
from collections.abc import Callable
from dataclasses import dataclass

import opencc
from stages import new_page_view

import extractor
from extractor import batch
from extractor.amounts import find_amounts
from extractor.figure_rules import load_money_rules

PIPELINE = "extractor.extract_lines (full pipeline, bytes to JSON lines in UTF-8)"
MONEY = "extractor money stage (matching view + amounts)"
JIONLP = "JioNLP extract_money"
SPACY = "spaCy blank zh, jieba segmenter (tokenising only)"


@dataclass(frozen=True)
class Timing:
    tool: str
    seconds: float | None  # None: the tool is not usable here
    note: str = ""


def side_by_side(inputs: list[bytes], texts: list[str], runs: int) -> list[Timing]:
    """Each tool over the same texts (the pipeline reads the bytes they were decoded from),
    the least CPU time of ``runs`` rounds. A round times every tool in turn, so a slower
    spell of a shared machine falls on all of them alike, not on whichever ran then. All run
    under the collector settings a batch runs the pipeline with (``batch.settle_collector``,
    once every tool has loaded what it loads): the pipeline as ``extractor extract`` runs it,
    the peers under the same process-wide settings."""
    money = load_money_rules()
    jobs: dict[str, Callable[[], object] | str] = {
        PIPELINE: lambda: [_extract(data) for data in inputs],
        MONEY: lambda: [find_amounts(new_page_view(text), money) for text in texts],
        JIONLP: _jionlp(texts),
        "jieba.lcut (segmentation only)": _jieba(texts),
        "OpenCC t2s conversion": _opencc(texts),
        SPACY: _spacy(texts),
    }
    usable = {tool: job for tool, job in jobs.items() if not isinstance(job, str)}
    for job in usable.values():
        job()  # warm: dictionaries and models load on first use
    seconds: dict[str, list[float]] = {tool: [] for tool in usable}
    threshold = gc.get_threshold()
    batch.settle_collector()
    try:
        for _ in range(runs):
            for tool, job in usable.items():
                start = time.process_time()  # CPU time: other work slows the wall clock more
                job()
                seconds[tool].append(time.process_time() - start)
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
    return [
        Timing(tool, min(seconds[tool])) if tool in usable else Timing(tool, None, str(job))
        for tool, job in jobs.items()
    ]


def _extract(data: bytes) -> None:
    """What a batch does with an input: its documents as JSON lines in UTF-8 (not written)."""
    with contextlib.suppress(extractor.ExtractionError):
        extractor.extract_lines(data)


def _jionlp(texts: list[str]) -> Callable[[], object] | str:
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp

            jionlp.ner.extract_money("捐款5,310元")
    except Exception as error:  # an optional peer: any failure only skips its row
        return f"not usable here ({type(error).__name__}); pip install -e '.[bench]'"
    return lambda: [jionlp.ner.extract_money(text) for text in texts]


def _opencc(texts: list[str]) -> Callable[[], object]:
    """OpenCC itself, not our view of it: the view keeps each line's conversion, so timing it
    again on the same pages would time a cache lookup."""
    convert = opencc.OpenCC("t2s").convert
    return lambda: [convert(text) for text in texts]


def _jieba(texts: list[str]) -> Callable[[], object] | str:
    try:
        import jieba
    except ImportError:
        return "jieba is not installed"
    jieba.setLogLevel(60)
    jieba.initialize()
    return lambda: [jieba.lcut(text) for text in texts]


def _spacy(texts: list[str]) -> Callable[[], object] | str:
    try:
        import spacy

        config = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}
        nlp = spacy.blank("zh", config=config)
    except Exception as error:  # an optional peer: any failure only skips its row
        return f"not usable here ({type(error).__name__}); pip install -e '.[dev]'"
    return lambda: list(nlp.pipe(texts))


def render(timings: list[Timing], characters: int, description: str) -> str:
    """The markdown section, with each tool's rate against the pipeline's."""
    rates = {t.tool: characters / t.seconds for t in timings if t.seconds}
    pipeline = rates.get(PIPELINE)
    lines = [
        "",
        f"## Side by side on the same text ({description}, {characters:,} characters)",
        "",
        "| tool | CPU seconds | characters/s | pipeline ÷ tool |",
        "|---|---:|---:|---:|",
    ]
    for timing in timings:
        if timing.seconds is None:
            lines.append(f"| {timing.tool} | — | skipped: {timing.note} | — |")
            continue
        rate = rates[timing.tool]
        ratio = f"{pipeline / rate:.2f}" if pipeline else "—"
        lines.append(f"| {timing.tool} | {timing.seconds:.2f} | {rate:,.0f} | {ratio} |")
    return "\n".join(lines) + "\n"
