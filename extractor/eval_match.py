"""Matching one document against its gold: mentions as multisets, roles, values, characters.

Each function compares one gold document (or one field of it) with the one predicted in its
place and returns counts; ``evaluate`` sums them over a folder.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from rapidfuzz.distance import Levenshtein

from extractor.eval_report import FIELD_KEYS, Counts, Ratio

DECIMAL_KEYS = frozenset({"value"})

Doc = dict[str, Any]


def normalise_decimal(value: Any) -> str | None:
    """One spelling per number: "864000", "8.64E+5" and "864000.00" all give "864000"."""
    if value is None:
        return None
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except InvalidOperation:
        return str(value)


def mention_key(name: str, item: Doc) -> tuple[Any, ...]:
    """What must be equal for a predicted mention to match a gold one."""
    return tuple(
        normalise_decimal(item.get(key)) if key in DECIMAL_KEYS else item.get(key)
        for key in FIELD_KEYS[name]
    )


def flatten(items: Iterable[Doc]) -> Iterator[Doc]:
    """Sections may come as a tree (``children``); gold lists them flat, in text order."""
    for item in items:
        yield item
        yield from flatten(item.get("children") or [])


def match_field(name: str, gold: list[Doc], predicted: list[Doc]) -> Counts:
    """Multiset matching: a key counts at most as often as it occurs on both sides."""
    gold_keys = Counter(mention_key(name, item) for item in flatten(gold))
    predicted_keys = Counter(mention_key(name, item) for item in flatten(predicted))
    matched = sum((gold_keys & predicted_keys).values())
    return Counts(matched, gold_keys.total(), predicted_keys.total())


def match_roles(gold: list[Doc], predicted: list[Doc]) -> Ratio:
    """Of the gold people the extractor found by name, the share of their roles it found."""
    by_name: dict[str, Doc] = {}
    for person in predicted:
        by_name.setdefault(person.get("name", ""), person)
    ratio = Ratio()
    for person in gold:
        found = by_name.get(person.get("name", ""))
        if found is None:
            continue
        roles = Counter(person.get("roles") or [])
        ratio.hits += sum((roles & Counter(found.get("roles") or [])).values())
        ratio.total += roles.total()
    return ratio


def same_value(name: str, gold: Any, predicted: Any) -> bool:
    """Titles and issuers are equal strings; a signed date is equal in year, month and day."""
    if name != "signed_date" or gold is None or predicted is None:
        return gold == predicted
    return all(gold.get(key) == predicted.get(key) for key in ("year", "month", "day"))


# ---- text -------------------------------------------------------------------------------------


def kept_characters(truth: str, predicted: str) -> list[bool]:
    """For each truth character: does it sit in an "equal" block of the alignment?"""
    kept = [False] * len(truth)
    for op in Levenshtein.opcodes(truth, predicted):
        if op.tag == "equal":
            kept[op.src_start : op.src_end] = [True] * (op.src_end - op.src_start)
    return kept


def garbled_counts(
    truth: str, predicted: str, garbled: Iterable[list], traceless: Iterable[int] = ()
) -> tuple[Ratio, Ratio, Ratio]:
    """(garbled characters restored, those of them that left a trace on the page restored,
    undamaged characters changed) for one document. A traceless character (the simulator
    lists them; older truth files do not) is out of any repair's reach: the ceiling."""
    damaged = [False] * len(truth)
    for start, end, *_ in garbled:
        damaged[start:end] = [True] * (end - start)
    unseen = frozenset(traceless)
    restored, recoverable, changed = Ratio(), Ratio(), Ratio()
    for offset, is_kept in enumerate(kept_characters(truth, predicted)):
        if not damaged[offset]:
            changed.hits += not is_kept
            changed.total += 1
            continue
        restored.hits += is_kept
        restored.total += 1
        if offset not in unseen:
            recoverable.hits += is_kept
            recoverable.total += 1
    return restored, recoverable, changed
