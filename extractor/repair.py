"""Character-level repairs, each a small function named by its verb, run in a fixed order.

A fixer looks at the current text (and its matching view) and proposes splices; the pipeline
applies them through ``EditableText`` so each change is logged with its original span. A fixer
is switched by the ``RepairConfig`` field of the same name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields

import ftfy
import regex
from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad

from extractor.mojibake import find_repairs
from extractor.offsets import EditableText, Splice
from extractor.pattern_syntax import may_match
from extractor.pinyin import ReadingHint, find_annotations
from extractor.rules import ResidueRule, RuleSet
from extractor.running_text import running_pairs
from extractor.views import matching_view

# ftfy's defaults fold full-width Chinese punctuation and straighten quotes: never in `text`.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
_GROUP_REFERENCE = regex.compile(r"\\([1-9])")
# Every sequence ftfy's badness heuristic flags holds a C1 control, Œ, œ, Ã or Â, or two
# characters of its categories side by side, one of them neither a quote nor a dash nor another
# "common" one. Pages with neither, most (pinyin readings' lone tone marks included), are spared
# that heuristic's many-branched scan.
_ANY = "".join(MOJIBAKE_CATEGORIES.values())
_UNCOMMON = "".join(
    chars
    for category, chars in MOJIBAKE_CATEGORIES.items()
    if category not in ("common", "start_punctuation", "end_punctuation")
)
_LONE = MOJIBAKE_CATEGORIES["c1"] + "ŒœÃÂ"
# [LONE]|[UNCOMMON][ANY]|[ANY][UNCOMMON], written to open with one class: the engine then skips
# the characters outside it at once (twice as fast on pages whose readings carry tone marks)
_SUSPECT = re.compile(f"[{_ANY}{_LONE}](?:(?<=[{_LONE}])|(?<=[{_UNCOMMON}])[{_ANY}]|[{_UNCOMMON}])")
# compiled, a loop over the characters (``_suspect_pair_in``) is eight times as fast as that
# scan; interpreted, the scan is the faster (the compiled module's file is no ``.py``)
_COMPILED = not __file__.endswith(".py")
# what each BMP character is of those (all three classes are in the BMP), as flags: one byte
# each, in C a read of the buffer (``_suspect_pair_in``)
_IS_ANY, _IS_UNCOMMON, _IS_LONE = 1, 2, 4


def _suspect_flags() -> bytes:
    """Each BMP character's flags, as the classes' own expressions match them."""
    every = "".join(map(chr, range(0x10000)))
    flags = bytearray(len(every))
    for flag, chars in ((_IS_ANY, _ANY), (_IS_UNCOMMON, _UNCOMMON), (_IS_LONE, _LONE)):
        for match in re.finditer(f"[{chars}]", every):
            flags[match.start()] |= flag
    return bytes(flags)


_SUSPECT_FLAGS = _suspect_flags()


@dataclass(frozen=True)
class RepairConfig:
    """Which fixers run; each field is the name of a fixer."""

    fix_text_encoding: bool = True
    fix_pinyin_annotations: bool = True
    fix_shifted_gbk: bool = True
    fix_html_residue: bool = True


@dataclass
class RepairState:
    """What the fixers share: the text being repaired, the rules, and the hints they leave."""

    editable: EditableText
    rules: RuleSet
    hints: list[ReadingHint]  # positions are offsets into the original
    notes: list[str] = field(default_factory=list)  # what every document of the input should know


Fixer = Callable[[RepairState], list[Splice]]


def fix_text_encoding(state: RepairState) -> list[Splice]:
    """UTF-8 read as Latin-1/cp1252 (Ã©, â€œ): ftfy repairs it, line by line, widths untouched,
    on a page its heuristic (``is_bad``) finds bad. The page is asked last, once a line is
    found bad, and only the lines ``could_be_bad`` lets through are asked: the heuristic's
    scan of a whole page cost ~9 million instructions where no line of it was bad."""
    text = state.editable.text
    if not could_be_bad(text):
        return []
    bad, position = [], 0
    for line in text.splitlines(keepends=True):
        if could_be_bad(line) and is_bad(line):
            bad.append((position, line))
        position += len(line)
    if not bad or not is_bad(text):
        return []
    splices = []
    for position, line in bad:
        fixed = ftfy.fix_text(line, config=_FTFY_CONFIG)
        if fixed != line:
            splices.append(_narrowed(position, line, fixed))
    return splices


def could_be_bad(text: str) -> bool:
    """False only where ftfy's ``is_bad`` is False too, found by one pass over the text."""
    return _suspect_pair_in(text) if _COMPILED else _SUSPECT.search(text) is not None


def _suspect_pair_in(text: str) -> bool:
    """Whether [LONE]|[UNCOMMON][ANY]|[ANY][UNCOMMON] stands in the text (``_SUSPECT``), read
    character by character."""
    flags, previous = _SUSPECT_FLAGS, 0
    for char in text:
        code = ord(char)
        own = flags[code] if code < len(flags) else 0
        if own & _IS_LONE or (own & _IS_ANY and previous & _IS_UNCOMMON):
            return True
        if own & _IS_UNCOMMON and previous & _IS_ANY:
            return True
        previous = own
    return False


def fix_pinyin_annotations(state: RepairState) -> list[Splice]:
    """Drop readings such as 節(jié); keep those beside garbled characters as hints."""
    splices, hints = find_annotations(state.editable.text)
    state.hints.extend(
        ReadingHint(state.editable.raw_start_of(h.position), h.reading) for h in hints
    )
    return splices


def fix_shifted_gbk(state: RepairState) -> list[Splice]:
    """Runs decoded one byte out of step, and lone trail bytes (馗刹咳 → 地干部, F將 → 現將)."""
    hints: dict[int, tuple[str, ...]] = {}
    for hint in state.hints:
        position = state.editable.text_position(hint.position)
        if position is not None:
            hints[position] = (*hints.get(position, ()), hint.reading)
    splices = find_repairs(state.editable.text, hints, state.rules)
    missing = running_pairs().missing if splices else None  # loaded already when any are
    if missing:
        state.notes.append(f"shifted-GBK repairs were scored by the word model alone: {missing}")
    return splices


def fix_html_residue(state: RepairState) -> list[Splice]:
    """Stray tags, entities and watermark junk, by the rules in rules/residue.toml."""
    text = state.editable.text
    view = matching_view(text)
    found: list[Splice] = []
    for rule in state.rules.residue:
        if not may_match(rule.compiled.pattern, view):  # most pages hold no &nbsp; and no tag
            continue
        for match in rule.compiled.finditer(view):
            replacement = _replacement(rule, text, match)
            found.append(Splice(match.start(), match.end(), replacement, rule.kind, rule.id))
    return _first_wins(found)


FIXERS: dict[str, Fixer] = {
    "fix_text_encoding": fix_text_encoding,
    "fix_pinyin_annotations": fix_pinyin_annotations,
    "fix_shifted_gbk": fix_shifted_gbk,
    "fix_html_residue": fix_html_residue,
}


def repair(state: RepairState, config: RepairConfig) -> None:
    """Run every enabled fixer in order, applying each one's splices before the next looks."""
    enabled = {option.name for option in fields(config) if getattr(config, option.name)}
    for name, fixer in FIXERS.items():
        if name in enabled:
            state.editable.apply(fixer(state))


def apply_residue_rule(rule: ResidueRule, text: str) -> str:
    """The rule applied on its own to ``text``: what its examples in the rule file promise."""
    editable = EditableText(text)
    view = matching_view(text)
    editable.apply(
        Splice(m.start(), m.end(), _replacement(rule, text, m), rule.kind, rule.id)
        for m in rule.compiled.finditer(view)
    )
    return editable.text


def _replacement(rule: ResidueRule, text: str, match: regex.Match[str]) -> str:
    """The rule's replacement, with group references filled from the text, not the view."""
    if rule.replace == "{html_unescape}":
        return html.unescape(text[match.start() : match.end()])

    def group_text(reference: regex.Match[str]) -> str:
        start, end = match.span(int(reference.group(1)))
        return text[start:end]

    return _GROUP_REFERENCE.sub(group_text, rule.replace)


def _first_wins(splices: list[Splice]) -> list[Splice]:
    """Drop splices that overlap one found earlier in position order."""
    kept: list[Splice] = []
    for splice in sorted(splices, key=lambda s: (s.start, -s.end)):
        if kept and splice.start < kept[-1].end:
            continue
        kept.append(splice)
    return kept


def _narrowed(offset: int, before: str, after: str) -> Splice:
    """One splice covering only the part of a line that changed."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return Splice(
        offset + prefix,
        offset + len(before) - suffix,
        after[prefix : len(after) - suffix],
        "mojibake",
        "ftfy.fix_text",
        "UTF-8 bytes that had been read as Latin-1/cp1252",
    )
