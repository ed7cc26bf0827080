"""Which full-width mark a run's last character was when only its lead byte 0xA1 is left.

The row of lead byte 0xA1 holds the marks of Chinese text (、。“”《》 …). When a run's last
trail byte is lost, the word model cannot tell them apart (each is one common mark), but their
own grammar can: a separator or an opening mark never stands right before another mark (、, or
“, are no text; ”, and 》, are), and a closing mark closes one opened before it on its line. The
last slot carries the text after the run (``Slot.then``) and its line up to the slot, the run's
known characters included (``Slot.line``).
"""

from __future__ import annotations

import re

from extractor.gbk_slots import Slot

PUNCTUATION_LEAD = 0xA1
MISFIT_COST = 6.0  # nats: a mark against its grammar is that much less likely than one without
_PAIRS = dict(zip("“‘《〈「『【〔", "”’》〉」』】〕", strict=True))  # opening: closing
OPENERS = {closer: opener for opener, closer in _PAIRS.items()}
_NOT_BEFORE_MARK = frozenset("、。·" + "".join(_PAIRS))  # separators and opening marks
_MARKS = frozenset(",;:.!?)，。、；：！？）")
ENUMERATION_TRAIL = 0xA2  # 、 = a1 a2, the trail byte of 將 (8c a2) too
# the trail bytes of the closing marks (” = a1 b1, the trail byte of 直 (d6 b1) too)
CLOSING_TRAILS = frozenset(closer.encode("gbk")[1] for closer in OPENERS)
# one character opening a sentence, clause or line, not a numeral: no item of a list (現、 is
# 現將, after a comma too: 根據要求,現將)
_ONE_CHARACTER_ITEM = re.compile(
    r"(?:^|[。！？；;!?:：,，])[^一二三四五六七八九十0-9０-９A-Za-z\s]$"
)
# The text after a 、 or 。 up to the clause's end, and what ends it. An enumeration goes on to
# another item (、), a closing 等 or a joining 和, 及, 与 before its clause ends, seldom at a
# comma; a sentence that a 。 opens runs on to one. In the People's Daily (January 1998), of
# the 、 and 。 between a Han character and a Han character or digit, where such a word follows
# before the clause's end and no comma ends it, 7,000 are 、 and 1,200 。; where none follows,
# a comma ends it and it is longer than 8 characters, 1,700 are 、 and 6,600 。.
_CLAUSE = re.compile(r"([^，,。；;：:！？!?\n“”]*)(.?)")
_ENUMERATING = re.compile("[、等和及与與]")
_YEAR = re.compile("[0-9]{4}年")
_TIED = frozenset(("、。", "。、"))
ENUMERATION_LEAD = 1.5  # nats: an enumeration's clause for 、 (or a sentence's for 。)
SENTENCE_LENGTH = 8  # characters a clause after a mark runs on to a comma: a sentence's


def misfit(char: str, slot: Slot) -> float:
    """What a mark costs in a slot for going against punctuation's grammar (0 for a slot
    without context, and for any other character)."""
    if not weighs_marks(slot):
        return 0.0
    cost = 0.0
    if breaks_before(char, slot.then[:1]):
        cost += MISFIT_COST
    opener = OPENERS.get(char)
    if opener is not None and _still_open(slot.line, opener, char) <= 0:
        cost += MISFIT_COST  # a closing mark with nothing to close
    if char == "、" and _ONE_CHARACTER_ITEM.search(slot.line):
        cost += MISFIT_COST  # an enumeration comma after one character opening a clause
    if char == "。" and _still_open(slot.line, "《", "》") > 0:
        cost += MISFIT_COST  # no sentence ends inside a title (一封信》, not 一封信。)
    closer = _PAIRS.get(char)
    if closer is not None and _still_open(slot.line, char, closer) > 0:
        cost += MISFIT_COST  # the same mark opened again inside itself
    if closer is not None and slot.then.endswith("\n") and closer not in slot.then:
        cost += MISFIT_COST  # … or one its line never closes
    if char == "、" and _YEAR.match(slot.then) and not slot.line.endswith("年"):
        cost += MISFIT_COST  # a year is an item only among years (2018年、2019年)
    return cost


def enumeration_lead(char: str, rival: str, after: str) -> float:
    """How much better ``char`` fits than ``rival`` before the text ``after`` by the clause it
    opens (``_CLAUSE``), in nats: nonzero only between 、 and 。, which the word model and the
    pairs of characters cannot tell apart (each is a mark, and each mark follows most words)."""
    if char + rival not in _TIED:
        return 0.0
    clause, end = _CLAUSE.match(after).groups()  # type: ignore[union-attr]
    if not end:  # the clause runs past what is known of the text
        return 0.0
    if _ENUMERATING.search(clause) and end not in ",，":
        lead = ENUMERATION_LEAD
    elif not _ENUMERATING.search(clause) and end in ",，" and len(clause) > SENTENCE_LENGTH:
        lead = -ENUMERATION_LEAD
    else:
        return 0.0
    return lead if char == "、" else -lead


def weighs_marks(slot: Slot) -> bool:
    """Whether ``misfit`` may cost anything in a slot: one with context that is no ``?``'s."""
    return not slot.swallowed and bool(slot.then or slot.line)


def breaks_before(char: str, following: str) -> bool:
    """Whether a separator or an opening mark stands right before another mark (、, is no
    text): a search that learns the mark after the run only once it is filled (a byte a ``?``
    swallowed) asks again."""
    return char in _NOT_BEFORE_MARK and following in _MARKS


def _still_open(line: str, opener: str, closer: str) -> int:
    return line.count(opener) - line.count(closer)
