"""Throughput of each pipeline stage alone, on the same clean corpus text, in one run.

These used to be timed assertions in tests; speed is measured here instead, where a noisy
machine costs a slower figure, not a red build.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from extractor import views
from extractor.boilerplate import find_furniture
from extractor.decode import decode
from extractor.figure_rules import load_money_rules, load_quantity_rules
from extractor.figures import find_figures
from extractor.markers import compile_grammar
from extractor.mojibake import find_repairs
from extractor.pinyin import find_annotations
from extractor.rules import load_rules
from extractor.sections import parse_sections
from extractor.views import matching_view

ROOT = Path(__file__).resolve().parents[1]


def stage_jobs(text: str) -> dict[str, Callable[[], object]]:
    """Each stage on the whole text (stages that need the view get it precomputed)."""
    rules = load_rules()
    view = matching_view(text)
    grammar = compile_grammar(rules.section_styles)
    money, counts = load_money_rules(), load_quantity_rules()
    data = text.encode("utf-8")
    return {
        "decode (UTF-8 bytes)": lambda: decode(data),
        "matching view (t2s + width fold)": lambda: new_page_view(text),
        "pinyin annotations": lambda: find_annotations(text),
        "shifted-GBK scan (clean text)": lambda: find_repairs(text, {}),
        "furniture rules": lambda: find_furniture(text, view, rules),
        "sections": lambda: parse_sections(text, view, grammar),
        "amounts and quantities": lambda: find_figures(text, money, counts),
    }


def new_page_view(text: str) -> str:
    """The matching view as a page not seen before pays for it: ``matching_view`` keeps the
    last pages' views and each line's conversion, so timing it again on the same text would
    time a cache lookup."""
    views._converted_line.cache_clear()
    return views._width_folded(views._simplified(text))


def stage_speeds(runs: int) -> str:
    paths = sorted((ROOT / "corpus" / "clean").glob("*.txt"))
    text = "\n".join(path.read_text(encoding="utf-8") for path in paths)
    lines = [
        "",
        f"## Stages alone on the clean corpus ({len(text):,} characters, best of {runs})",
        "",
        "| stage | seconds | characters/s |",
        "|---|---:|---:|",
    ]
    for name, job in stage_jobs(text).items():
        job()  # warm caches and lazy tables first
        seconds = min(_timed(job) for _ in range(runs))
        lines.append(f"| {name} | {seconds:.4f} | {len(text) / seconds:,.0f} |")
    return "\n".join(lines) + "\n"


def _timed(job: Callable[[], object]) -> float:
    start = time.process_time()  # CPU time: other work on a shared machine slows the wall clock
    job()
    return time.process_time() - start
