"""People, organisations and places side by side with jieba's POS tags and Baidu LAC, on the
gold corpus and on the seed's hand annotation (tests/seed_annotation.py).

All read the same document texts. jieba's tagger and LAC run on the Simplified matching view
(they know no Traditional script); their words are mapped back to the text through the aligned
view: jieba's nr / nt / ns, LAC's PER / ORG / LOC (and nr / nt / ns), consecutive place words
joined into one place (龙塘乡石板村). Items are matched by name, once per document, as
``extractor eval`` does; our organisations count their aliases as names (the seed annotation
lists short forms too, the gold does not, so there our precision reads lower than the
evaluation's). LAC is optional: it runs in the interpreter named by ``LAC_PYTHON``
(bench/lac_worker.py says why); without it the table says why it is missing.
Runs on its own: ``python bench/entities_vs_jieba.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import extractor
from extractor.entity_stage import find_entities
from extractor.evaluate import load_cases
from extractor.views import matching_view

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT.parent / "shared" / "seed"
sys.path.insert(0, str(ROOT))  # the seed annotation lives beside the tests that check it
from tests.seed_annotation import gold as seed_gold  # noqa: E402

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
    places, orgs, people = find_entities(matching_view(text))
    return {
        "people": {text[h.start : h.end] for h in people},
        "organisations": {text[s:e] for s, e in orgs},
        "places": {text[s:e] for s, e in places},
    }


def seed_documents() -> list[tuple[str, Names]]:
    """The seed's repaired documents and the hand annotation (empty when the seed is absent)."""
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        return []
    documents = extractor.extract(files[0].read_bytes(), source="seed")
    return [(d.text, names) for d, names in zip(documents, seed_gold(), strict=True)]


def jieba_tags(text: str) -> Names:
    import jieba.posseg

    pairs = [(pair.word, pair.flag) for pair in jieba.posseg.lcut(matching_view(text))]
    return tagged_names(text, pairs, JIEBA_FIELDS)


JIEBA_FIELDS = {"nr": "people", "nt": "organisations", "ns": "places"}
LAC_FIELDS = JIEBA_FIELDS | {"PER": "people", "ORG": "organisations", "LOC": "places"}


def tagged_names(text: str, pairs: list[tuple[str, str]], fields: dict[str, str]) -> Names:
    """Names from (word, tag) pairs of the view, in the text's script; places joined."""
    found: Names = {f: set() for f in FIELDS}
    at, place = 0, None
    for word, tag in pairs:
        start, end = at, at + len(word)
        at = end
        field = fields.get(tag)
        if field == "places":
            place = (place[0] if place and place[1] == start else start, end)
            continue
        if place:
            found["places"].add(text[place[0] : place[1]])
            place = None
        if field == "organisations" or (field == "people" and len(word) >= 2):
            found[field].add(text[start:end])
    if place:
        found["places"].add(text[place[0] : place[1]])
    return found


def lac_results(texts: list[str]) -> tuple[list[Names] | None, float, str]:
    """LAC's names for each text and its seconds, or None and why it did not run."""
    python = os.environ.get("LAC_PYTHON", sys.executable)
    views = [matching_view(text) for text in texts]
    try:
        done = subprocess.run(
            [python, str(Path(__file__).with_name("lac_worker.py"))],
            input=json.dumps(views),
            capture_output=True,
            text=True,
            timeout=1800,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        lines = [line for line in detail.splitlines() if "Error" in line] or [str(error)]
        return None, 0.0, lines[-1].strip()
    output = json.loads(done.stdout)
    names = [
        tagged_names(text, list(zip(words, tags, strict=True)), LAC_FIELDS)
        for text, (words, tags) in zip(texts, output["results"], strict=True)
    ]
    return names, output["seconds"], ""


def score(
    documents: list[tuple[str, Names]], predictions: list[Names], seconds: float
) -> dict[str, Any]:
    tallies = {f: [0, 0, 0] for f in FIELDS}
    for (_, gold), found in zip(documents, predictions, strict=True):
        for f in FIELDS:
            tallies[f][0] += len(gold[f] & found[f])
            tallies[f][1] += len(gold[f])
            tallies[f][2] += len(found[f])
    characters = sum(len(text) for text, _ in documents)
    return {"tallies": tallies, "rate": characters / seconds if seconds else 0.0}


def timed(extract: Callable[[str], Names], texts: list[str]) -> tuple[list[Names], float]:
    started = time.perf_counter()
    predictions = [extract(text) for text in texts]
    return predictions, time.perf_counter() - started


def _prf(matched: int, gold: int, predicted: int) -> str:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.2f} / {r:.2f} / {f:.2f}"


def entity_comparison() -> str:
    """The markdown section: P / R / F1 per field and throughput, ours, jieba's tags and LAC."""
    sets = [("the gold corpus", gold_documents()), ("the seed's hand annotation", seed_documents())]
    ours(sets[0][1][0][0])  # load the lexicons and jieba's dictionary outside the timing
    jieba_tags(sets[0][1][0][0])
    lines = []
    for title, documents in sets:
        if documents:
            lines += _table(title, documents)
    return "\n".join(lines) + "\n"


def _table(title: str, documents: list[tuple[str, Names]]) -> list[str]:
    texts = [text for text, _ in documents]
    lines = [
        "",
        f"## People, organisations and places on {title} ({len(documents)} documents)",
        "",
        "Precision / recall / F1 by name, once per document; throughput on the same texts "
        "(the first pass, so jieba's word cache is cold for both).",
        "",
        "| tool | people | organisations | places | characters/s |",
        "|---|---:|---:|---:|---:|",
    ]
    runs = [(name, *timed(extract, texts)) for name, extract in PEERS]
    found, seconds, why = lac_results(texts)
    if found is not None:
        runs.append(("Baidu LAC 2.1.2 (PER/ORG/LOC, nr/nt/ns)", found, seconds))
    for name, predictions, elapsed in runs:
        result = score(documents, predictions, elapsed)
        cells = [_prf(*result["tallies"][f]) for f in FIELDS]
        lines.append(f"| {name} | {' | '.join(cells)} | {result['rate']:,.0f} |")
    if found is None:
        lines += ["", f"Baidu LAC did not run: {why} (set LAC_PYTHON; see bench/lac_worker.py)."]
    return lines


PEERS = (
    ("extractor (entities stage)", ours),
    ("jieba POS nr/nt/ns", jieba_tags),
)


if __name__ == "__main__":
    print(entity_comparison())
