"""People, organisations and places side by side with jieba's POS tags on the gold corpus.

Both read the same gold document texts. jieba's tagger runs on the Simplified matching view (it
knows no Traditional script); its nr / nt / ns words are mapped back to the text through the
aligned view, consecutive ns words joined into one place (龙塘乡石板村). Items are matched by
name, once per document, as ``extractor eval`` does; short forms are not folded into their full
names here (the pipeline makes them aliases), so our organisation precision reads lower than the
evaluation's. Baidu LAC is not measured here (it needs
paddlepaddle); the issue quotes its figures on the seed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractor.entity_stage import find_entities
from extractor.evaluate import load_cases
from extractor.views import matching_view

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("people", "organisations", "places")
Names = dict[str, set[str]]


def gold_documents() -> list[tuple[str, Names]]:
    cases = [case for case in load_cases(ROOT / "corpus" / "gold") if case.kind == "gold"]
    return [
        (doc["text"], {f: {item["name"] for item in doc.get(f) or []} for f in FIELDS})
        for case in cases
        for doc in case.documents
    ]


def ours(text: str) -> Names:
    _, orgs, people, free = find_entities(matching_view(text))
    return {
        "people": {text[h.start : h.end] for h in people},
        "organisations": {text[s:e] for s, e in orgs},
        "places": {text[s:e] for s, e in free},
    }


def jieba_tags(text: str) -> Names:
    import jieba.posseg

    view = matching_view(text)
    found: Names = {f: set() for f in FIELDS}
    at, place_start, place_end = 0, None, None
    for pair in jieba.posseg.lcut(view):
        start, end = at, at + len(pair.word)
        at = end
        if pair.flag == "ns":
            place_start = start if place_end != start else place_start
            place_end = end
            continue
        if place_end is not None:
            found["places"].add(text[place_start:place_end])
            place_start = place_end = None
        if pair.flag == "nr" and len(pair.word) >= 2:
            found["people"].add(text[start:end])
        elif pair.flag == "nt":
            found["organisations"].add(text[start:end])
    if place_end is not None:
        found["places"].add(text[place_start:place_end])
    return found


def score(documents: list[tuple[str, Names]], extract: Callable[[str], Names]) -> dict[str, Any]:
    tallies = {f: [0, 0, 0] for f in FIELDS}
    started = time.perf_counter()
    predictions = [extract(text) for text, _ in documents]
    elapsed = time.perf_counter() - started
    for (_, gold), found in zip(documents, predictions, strict=True):
        for f in FIELDS:
            tallies[f][0] += len(gold[f] & found[f])
            tallies[f][1] += len(gold[f])
            tallies[f][2] += len(found[f])
    characters = sum(len(text) for text, _ in documents)
    return {"tallies": tallies, "rate": characters / elapsed}


def _prf(matched: int, gold: int, predicted: int) -> str:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.2f} / {r:.2f} / {f:.2f}"


def entity_comparison() -> str:
    """The markdown section: P / R / F1 per field and throughput, ours and jieba's tags."""
    documents = gold_documents()
    ours(documents[0][0])  # load the lexicons and jieba's dictionary outside the timing
    jieba_tags(documents[0][0])
    lines = [
        "",
        f"## People, organisations and places against the gold corpus ({len(documents)} documents)",
        "",
        "Precision / recall / F1 by name, once per document; throughput on the same texts "
        "(the first pass, so jieba's word cache is cold for both).",
        "",
        "| tool | people | organisations | places | characters/s |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, extract in (("extractor (entities)", ours), ("jieba POS nr/nt/ns", jieba_tags)):
        result = score(documents, extract)
        cells = [_prf(*result["tallies"][f]) for f in FIELDS]
        lines.append(f"| {name} | {' | '.join(cells)} | {result['rate']:,.0f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(entity_comparison())
