"""Where shifted-GBK restoration goes wrong on simulated pages: one line per wrong run.

Usage: ``python bench/gbk_misses.py DIR [DIR …] [--detail] [--only BUCKET] [--doc NNNNN …]`` on
folders made by ``extractor synth … --kind gbk_shift`` (``--doc`` keeps the pages whose truth
file starts with those five characters). Each traced garbled character left wrong falls in one
bucket: ``lost`` (written 〓), ``wrong`` (inside a restoration, another character), ``cut`` (the
run was restored in part, not this character) or ``missed`` (no restoration touches the run).
With ``--detail`` each run also shows the segments the stage saw there and the gain of each
hypothesis over the text as found (what decided it).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from extractor import repair
from extractor.gbk_hypotheses import hypotheses
from extractor.gbk_runs import suspect_segments
from extractor.gbk_search import Search
from extractor.lm import language_model
from extractor.mojibake import _needed_margin, _searched
from extractor.pipeline import Options, extract
from extractor.views import is_traditional

RESTORING = ("mojibake", "lost_character")
_counts: Counter[str] = Counter()
_stage: list[Any] = []


def _capture(state: repair.RepairState) -> list:
    hints: dict[int, tuple[str, ...]] = {}
    for hint in state.hints:
        position = state.editable.text_position(hint.position)
        if position is not None:
            hints[position] = (*hints.get(position, ()), hint.reading)
    _stage.append((state.editable.text, hints, state.editable))
    return _ORIGINAL(state)


_ORIGINAL = repair.FIXERS["fix_shifted_gbk"]
repair.FIXERS["fix_shifted_gbk"] = _capture


def truth_to_predicted(truth: str, predicted: str) -> list[int]:
    """For each truth position, a predicted position standing for it."""
    mapping = [0] * (len(truth) + 1)
    for op in Levenshtein.opcodes(truth, predicted):
        span = max(1, op.dest_end - op.dest_start)
        for index in range(op.src_start, op.src_end):
            step = (index - op.src_start) * span // max(1, op.src_end - op.src_start)
            mapping[index] = op.dest_start + min(step, span - 1)
    mapping[len(truth)] = len(predicted)
    return mapping


def raw_of(document: Any, position: int) -> int:
    """Original offset of a Document.text position (through the recorded repairs; their raw
    offsets are the page's, so text before the first one starts at the document's own)."""
    delta = document.raw_start
    for item in sorted(document.repairs, key=lambda r: r.start):
        after_end = item.start + len(item.after)
        if position < item.start:
            break
        if position < after_end:
            return item.raw_start
        delta = item.raw_end - after_end
    return position + delta


def runs(garbled: list, traceless: set[int]) -> list[tuple[int, int]]:
    """The garbled runs with at least one character that left a trace (the others cannot be
    restored, only marked)."""
    return [(s, e) for s, e, *_ in garbled if any(p not in traceless for p in range(s, e))]


def classify(document: Any, truth_doc: dict) -> list[dict]:
    truth, predicted = truth_doc["text"], document.text
    kept = [False] * len(truth)
    for op in Levenshtein.opcodes(truth, predicted):
        if op.tag == "equal":
            kept[op.src_start : op.src_end] = [True] * (op.src_end - op.src_start)
    mapping = truth_to_predicted(truth, predicted)
    restored = [r for r in document.repairs if r.kind in RESTORING]
    traceless = set(truth_doc.get("traceless", ()))
    damaged = [False] * len(truth)
    for start, end, *_ in truth_doc["garbled"]:
        damaged[start:end] = [True] * (end - start)
    _counts["traced"] += sum(d and p not in traceless for p, d in enumerate(damaged))
    _counts["changed"] += sum(not d and not k for d, k in zip(damaged, kept, strict=True))
    found = []
    for start, end in runs(truth_doc["garbled"], traceless):
        wrong = [p for p in range(start, end) if not kept[p] and p not in traceless]
        if not wrong:
            continue
        p_start, p_end = mapping[start], mapping[end]
        touching = [r for r in restored if r.start < p_end and r.start + len(r.after) > p_start]
        buckets = Counter()
        for position in wrong:
            q = mapping[position]
            inside = any(r.start <= q < r.start + len(r.after) for r in touching)
            if q < len(predicted) and predicted[q] == "〓":
                buckets["lost"] += 1
            elif inside:
                buckets["wrong"] += 1
            elif touching:
                buckets["cut"] += 1
            else:
                buckets["missed"] += 1
        found.append(
            {
                "truth": truth[max(0, start - 3) : end + 3],
                "run": truth[start:end],
                "output": predicted[max(0, p_start - 3) : p_end + 3],
                "buckets": buckets,
                "raw": (raw_of(document, max(0, p_start - 3)), raw_of(document, p_end + 3)),
                "notes": [(r.before, r.after, r.note) for r in touching],
            }
        )
    return found


def detail(item: dict, stage: tuple) -> None:
    text, hints, editable = stage
    positions = [p for raw in range(*item["raw"]) if (p := editable.text_position(raw)) is not None]
    if not positions:
        return
    lo, hi = min(positions), max(positions) + 1
    near = {p - lo: h for p, h in hints.items() if lo <= p < hi}
    print(f"    stage: {text[lo:hi]!r}  hints: {near}")
    search = Search(language_model(), text, is_traditional(text))
    for segment in suspect_segments(text, hints):
        if segment.end < lo or segment.reach > hi:
            continue
        shown = text[segment.start : segment.end]
        print(f"    segment {shown!r} {segment.terminator} reach={segment.reach - lo}")
        for hypothesis in hypotheses(text, segment, hints, search.model):
            found = _searched(text, hypothesis, hints, search)
            if found is None:
                print(f"      {hypothesis.rule} @{hypothesis.start - lo}: unfillable/none")
                continue
            gain, reading = found.gain(search)
            need = _needed_margin(text, segment, hypothesis, reading)
            print(
                f"      {hypothesis.rule} @{hypothesis.start - lo}..{hypothesis.end - lo} "
                f"{hypothesis.kept + reading.characters!r} gain {gain:.1f} need {need:.1f} "
                f"uncertain {reading.uncertain}"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--detail", action="store_true")
    parser.add_argument("--only", default=None)
    parser.add_argument("--doc", action="append", default=[])
    args = parser.parse_args()
    total = Counter()
    for folder in args.dirs:
        per_dir = Counter()
        for path in sorted(folder.glob("*.truth.json")):
            if args.doc and path.name[:5] not in args.doc:
                continue
            record = json.loads(path.read_text(encoding="utf-8"))
            _stage.clear()
            documents = extract((folder / record["input"]).read_bytes(), options=Options())
            for document, truth_doc in zip(documents, record["documents"], strict=False):
                for item in classify(document, truth_doc):
                    per_dir.update(item["buckets"])
                    if args.only and not item["buckets"][args.only]:
                        continue
                    kinds = " ".join(f"{k}={v}" for k, v in item["buckets"].items())
                    where = f"{folder.name}/{path.name[:5]} {kinds}"
                    print(f"{where}: {item['run']} | {item['truth']} -> {item['output']}")
                    for before, after, note in item["notes"]:
                        print(f"    {before!r} -> {after!r}: {note}")
                    if args.detail and _stage:
                        detail(item, _stage[-1])
        per_dir.update(_counts)
        _counts.clear()
        print(f"== {folder}: {dict(per_dir)}")
        total.update(per_dir)
    wrong = sum(total[k] for k in ("lost", "wrong", "cut", "missed"))
    print(f"== total: {dict(total)}; restored {1 - wrong / max(1, total['traced']):.4f}")


if __name__ == "__main__":
    main()
