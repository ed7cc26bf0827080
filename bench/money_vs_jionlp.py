"""Money extraction side by side with JioNLP on the gold corpus: precision, recall, speed.

Both tools read the same gold document texts. JioNLP is a bench-only dependency (the ``bench``
extra); when it is missing, or its import or first call fails, the section says why and is
skipped. Three ways to count a match, from lenient to the evaluation's own:

- value: the same value (the lower end of a range), in the same document;
- value + text: and the same span of text;
- text, value, bound: the key ``extractor eval`` uses (JioNLP's accurate → exact, blur+ →
  at_least, blur- → at_most, blur → about, or range when it gives two numbers).

JioNLP has no Traditional-script support (萬, 億), so it is also run on the Simplified matching
view of each text, with its spans mapped back (the view is aligned character for character).
"""

from __future__ import annotations

import contextlib
import io
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractor.amounts import find_amounts
from extractor.evaluate import load_cases, normalise_decimal
from extractor.figure_rules import load_money_rules
from extractor.views import matching_view

ROOT = Path(__file__).resolve().parents[1]
Key = tuple[Any, ...]
TIMING_COPIES = 4  # the corpus is small: time several copies of it
BOUNDS = {"accurate": "exact", "blur+": "at_least", "blur-": "at_most", "blur": "about"}


def gold_documents() -> list[tuple[str, list[dict[str, Any]]]]:
    """(text, gold amounts) of every document of every gold file."""
    cases = [case for case in load_cases(ROOT / "corpus" / "gold") if case.kind == "gold"]
    return [(doc["text"], doc.get("amounts") or []) for case in cases for doc in case.documents]


def ours(text: str) -> list[Key]:
    """Our money stage alone (with the matching view it needs), as evaluation keys."""
    amounts = find_amounts(matching_view(text), load_money_rules())
    return [
        (text[a.start : a.end], normalise_decimal(a.value), a.bound)
        for a in amounts
        if not a.masked
    ]


def jionlp_extractor() -> tuple[Callable[[str], list[Key]] | None, str]:
    """JioNLP's money extraction as (text, value, bound) keys, or None and why not."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp

            jionlp.ner.extract_money("捐款5,310元")
    except Exception as error:  # an optional peer: any failure only skips its rows
        return None, f"JioNLP is not usable here ({type(error).__name__}: {error})"

    def extract(text: str, run_on: str | None = None) -> list[Key]:
        found = jionlp.ner.extract_money(text if run_on is None else run_on)
        return [_jio_key(text, item) for item in found]

    return extract, f"JioNLP {getattr(jionlp, '__version__', '?')}"


def _jio_key(text: str, item: dict[str, Any]) -> Key:
    start, end = item["offset"]
    detail = item.get("detail") or {}
    number = detail.get("num")
    is_range = isinstance(number, list)
    value = number[0] if is_range else number
    bound = "range" if is_range and detail.get("definition") == "blur" else None
    return text[start:end], normalise_decimal(value), bound or BOUNDS.get(detail.get("definition"))


def on_view(extract: Callable[..., list[Key]]) -> Callable[[str], list[Key]]:
    """Run on the Simplified view; its offsets are offsets into the text (the view is aligned)."""
    return lambda text: extract(text, matching_view(text))


def score(documents, extract: Callable[[str], list[Key]], runs: int) -> dict[str, Any]:
    """Matched/gold/predicted for the three keys, and characters per second."""
    tallies = {name: [0, 0, 0] for name in ("value", "value + text", "text, value, bound")}
    for text, gold in documents:
        predicted = extract(text)
        gold_keys = [(a["text"], normalise_decimal(a["value"]), a["bound"]) for a in gold]
        gold_keys = [
            key for key, amount in zip(gold_keys, gold, strict=True) if not amount["masked"]
        ]
        for name, cut in (
            ("value", (1,)),
            ("value + text", (0, 1)),
            ("text, value, bound", (0, 1, 2)),
        ):
            g = Counter(tuple(k[i] for i in cut) for k in gold_keys)
            p = Counter(tuple(k[i] for i in cut) for k in predicted)
            tally = tallies[name]
            tally[0] += sum((g & p).values())
            tally[1] += g.total()
            tally[2] += p.total()
    texts = [text for text, _ in documents] * TIMING_COPIES
    best = min(_timed(lambda: [extract(text) for text in texts]) for _ in range(runs))
    characters = sum(len(text) for text in texts)
    return {"tallies": tallies, "rate": characters / best}


def _timed(job: Callable[[], object]) -> float:
    start = time.process_time()  # CPU time: other work on a shared machine slows the wall clock
    job()
    return time.process_time() - start


def money_comparison(runs: int = 3) -> str:
    """The markdown section: both tools' precision/recall and throughput on the gold corpus."""
    documents = gold_documents()
    gold = sum(1 for _, amounts in documents for a in amounts if not a["masked"])
    lines = [
        "",
        f"## Money extraction against the gold corpus ({len(documents)} documents, "
        f"{gold} amounts with a value)",
        "",
        "Precision / recall for three ways to count a match (see bench/money_vs_jionlp.py); "
        "throughput is the extraction alone, on the same texts.",
        "",
        "| tool | value P / R | value + text P / R | text, value, bound P / R | characters/s |",
        "|---|---:|---:|---:|---:|",
    ]
    tools: list[tuple[str, Callable[[str], list[Key]]]] = [("extractor (amounts)", ours)]
    jio, label = jionlp_extractor()
    if jio is None:
        print(f"money comparison: {label}; skipping JioNLP")
        lines.append(f"| {label}: skipped | — | — | — | — |")
    else:
        tools += [(f"{label}, text as is", jio), (f"{label}, on the Simplified view", on_view(jio))]
    for name, extract in tools:
        result = score(documents, extract, runs)
        cells = [_pr(*result["tallies"][key]) for key in result["tallies"]]
        lines.append(f"| {name} | {' | '.join(cells)} | {result['rate']:,.0f} |")
    return "\n".join(lines) + "\n"


def _pr(matched: int, gold: int, predicted: int) -> str:
    precision = f"{matched / predicted:.3f}" if predicted else "—"
    recall = f"{matched / gold:.3f}" if gold else "—"
    return f"{precision} / {recall}"


if __name__ == "__main__":
    print(money_comparison())
