"""What a character or two say about a shifted-GBK run: whether a run can show it, whether it
is rare, a lone trail byte, a full-width form the mirror folded, the character after which
runs start, or one or two common characters stranded after it (``stranded``); and what the
rules say against a run: a sentence that asks, a surname (``RunRules``). ``gbk_runs`` builds
the runs and their ends from these tests.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Container
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from extractor.entity_lexicon import load_entity_lexicon
from extractor.gbk import FOLDED, LEAD_BYTES
from extractor.gbk_shifted import has_two_bytes, reads_shifted
from extractor.lm import LanguageModel, is_list_marker, language_model
from extractor.views import to_simplified

# run characters read back before a letter: seven re-paired ones hold a word when the run is
# shifted, and a bound keeps the look cheap (every lone-mark check pays for it)
_SHIFTED_LOOKBACK = 8
RARE_COUNT = 1500  # characters rarer than this in jieba's dictionary make a run suspect
_COMMON_SYMBOLS = frozenset("、。，：；！？“”‘’（）《》〈〉【】—…·〓「」『』─〇℃％×÷±≤≥→←↑↓∨∧√※§№")
_MASKED_UNITS = frozenset("万萬亿億元年月日号%个人户戶名次镇鎮县縣乡鄉村市区區")
_PAGE_NUMBER = re.compile(r"第\d+[頁页]")  # a document site's 總結_第1頁

Hints = dict[int, tuple[str, ...]]


def is_run_char(char: str) -> bool:
    """A character a shifted run can show: two GBK bytes, not ASCII, not a toned Latin letter
    (those are GBK too, but likelier a word's; see ``is_run_at``)."""
    return not char.isascii() and not "\u00c0" <= char <= "\u02af" and has_two_bytes(char)


def is_run_at(text: str, position: int) -> bool:
    """``is_run_char``, or a toned Latin letter (a8 row: ǚ, ā, ü) that is not inside a Latin
    word: readings are gone by now, so one standing among Chinese characters is a shifted pair
    (定发 → ǚ⒄, 建縣 → ǹh)."""
    char = text[position]
    if is_run_char(char):
        return True
    if not ("\u00c0" <= char <= "\u02af" and has_two_bytes(char)):
        return False
    before, after = text[max(position - 1, 0) : position], text[position + 1 : position + 3]
    return not (_latin(before) or (len(after) == 2 and _latin(after[0]) and _latin(after[1])))


def _latin(char: str) -> bool:
    """A letter of a Latin word, pinyin with tone marks included."""
    return char.isalpha() and (char.isascii() or "\u00c0" <= char <= "\u02af")


def is_lone_mark(text: str, position: int, read: bool = False) -> bool:
    """A trail byte in the ASCII range standing in Chinese text, not part of a word or code.

    A letter beside a digit is taken for part of a code (3A, 5G) unless a reading follows it
    (``read``: the mirror annotates Han characters only) or a suspect character stands before
    it (駟T1名: 格員 shifted, then 1名).
    """
    char = text[position]
    if not 0x40 <= ord(char) <= 0x7E:
        return False
    before = text[position - 1] if position > 0 else "\n"
    after = text[position + 1] if position + 1 < len(text) else "\n"
    shifted = not read and reads_shifted_before(text, position)
    paired = after_folded(text, position, read)  # after a suspect character and a folded pair
    coded = not (read or paired or shifted or (is_suspect(before) and not before.isascii()))
    for neighbour in (after,) if paired else (before, after):
        if neighbour.isascii() and (
            neighbour.isalpha() or (neighbour.isdigit() and char.isalpha() and coded)
        ):
            return False  # part of a word, a code or a number such as 3A
    if char in (before, after):
        return False  # a placeholder such as __ or a rule such as ~~
    if char == "_" and _PAGE_NUMBER.match(text, position + 1):
        return False  # a title's page number on a document site: 工作總結_第1頁
    if not read and _starts_a_word(text, position):
        return False  # B超, T恤: the dictionary writes them with the letter
    if not read and char in "xX" and after in _MASKED_UNITS:
        return False  # a masked figure: xx万元, X县
    if paired or (position and is_run_at(text, position - 1)) or (read and before == "?"):
        return True  # after a run character or a folded pair, or read and after a seam
    return (before in FOLDED or before in "\n " or before.isdigit()) and (
        (position + 1 < len(text) and is_run_at(text, position + 1)) or after.isdigit()
    )


def reads_shifted_before(text: str, position: int) -> bool:
    """Whether the run characters right before ``position`` (two or more, up to
    ``_SHIFTED_LOOKBACK``) read as Chinese re-paired one byte along, as a shifted run's do
    (才胖行男 is 安排中心小 shifted): then a letter after them is the run's last trail byte,
    even beside a digit (W3名)."""
    start = position
    while start > 0 and position - start < _SHIFTED_LOOKBACK and is_run_at(text, start - 1):
        start -= 1
    return position - start >= 2 and reads_shifted(text, start, position, language_model())


def after_folded(text: str, position: int, read: bool = False) -> bool:
    """Whether ``text[position]`` may be a trail byte after a full-width letter that a shifted
    pair made and the mirror folded: 保險 (b1 a3 eb 55) without its first byte reads a3 eb
    (ｋ, folded to k) and the lone trail 55 (U), so 醫療保險 shows as 醫療kU. Only right after
    Chinese text, and only when read (the mirror annotates Han characters only), after a rare
    character, or where a run may start (``after_extension``: 醫療kU, 療 = af 9f): after
    common ones in GB2312 two letters are a code or a word (GB/T); after 級 (縣級IT部門) the
    search finds no reading worth it."""
    if position < 2:
        return False
    folded, first = text[position - 1], text[position - 2]
    if not (folded.isascii() and folded.isalnum()) or first.isascii() or not is_run_char(first):
        return False
    if read:
        return True
    letter = text[position]
    symbol = folded.isupper() and letter.islower() and folded.lower() != letter  # Li, Se
    placed = is_suspect(first) or after_extension(text, position - 1)
    return folded.isalpha() and not symbol and placed


def _starts_a_word(text: str, position: int) -> bool:
    words = language_model().words
    following = to_simplified(text[position + 1 : position + 3])
    return any(text[position] + following[:n] in words for n in (1, 2))


def orphan_suspect(text: str, position: int, model: LanguageModel) -> bool:
    """A suspect character that makes no dictionary word with either neighbour: 圾 in 垃圾 or
    栋 in a name's 国栋 is rare but at home; garbled characters stand alone."""
    if not _suspect_at(text, position):
        return False
    pair = to_simplified(text[max(position - 1, 0) : position + 2])
    at = 1 if position > 0 else 0
    for word in (pair[at - 1 : at + 1] if at else "", pair[at : at + 2]):  # no generator
        if len(word) == 2 and model.word_logprob(word) is not None:
            return False
    return True


def is_suspect(char: str) -> bool:
    """A character rarely seen in real Chinese text, or a symbol out of place in it."""
    return _suspect_at(char, 0)


_BMP = 0x10000
# is_suspect's answers by code point, 1 + the answer (0: not asked yet): ``orphan_suspect``
# asks about every character before a run's end, most of them asked before
_SUSPECTS = array("B", bytes(_BMP))


def _suspect_at(text: str, position: int) -> bool:
    """``is_suspect(text[position])``, kept in ``_SUSPECTS``."""
    point = ord(text[position])
    if point >= _BMP:
        return _suspect(text[position])
    known = _SUSPECTS[point]
    if not known:
        known = _SUSPECTS[point] = 1 + _suspect(text[position])
    return known == 2


def _suspect(char: str) -> bool:
    if char in _COMMON_SYMBOLS or is_list_marker(char):
        return False
    if char.isascii():  # folded punctuation and digits are common; a letter among Han is not
        return char.isalpha()
    simplified = to_simplified(char)
    if "\u4e00" <= simplified <= "\u9fff":
        return language_model().is_rare(simplified, RARE_COUNT)
    return not "\uff01" <= char <= "\uff5e"


def is_folded_inside(text: str, position: int, hints: Hints | None = None) -> bool:
    """An ASCII character that may be a full-width one a shifted pair made (a3 xx: ，；？ or a
    letter or digit), folded by the mirror: one of the folded marks, or a letter or digit on
    its own, with run characters on the right, or before the run's last trail letter."""
    char = text[position]
    if position + 1 >= len(text) or not is_run_at(text, position + 1):
        if folded_before_question(text, position):
            return True
        if char in FOLDED:
            return letter_ends_run(text, position + 1)
        read = hints is not None and position + 1 in hints
        return (
            position + 1 < len(text)
            and after_folded(text, position + 1, read)
            and is_lone_mark(text, position + 1, read)
        )
    if char in FOLDED:
        return True
    before = text[position - 1] if position else "\n"
    return char.isascii() and char.isalnum() and not (before.isascii() and before.isalnum())


def folded_before_question(text: str, position: int) -> bool:
    """A folded mark, letter or digit right where a run may start or after a rare character,
    then a ``?``: a pair (a3 xx) the run made, then its last trail byte with the ASCII byte
    it swallowed (學!?6所: 校、2 shifted; 規P?: 模小,; 逦7?1戶: 村危房1)."""
    char, before = text[position], text[position - 1] if position else "\n"
    placed = after_extension(text, position) or (not before.isascii() and is_suspect(before))
    folded = char in FOLDED or (char.isascii() and char.isalnum())
    return text[position + 1 : position + 2] == "?" and folded and char != "?" and placed


def letter_ends_run(text: str, position: int) -> bool:
    """A lone letter right after a folded mark, Chinese text after it and a suspect character
    before the mark, or one or two characters after a character outside GB2312 (where runs
    start), or characters that read as words re-paired one byte along (``reads_shifted_before``:
    心坎上。現 → 目采稀,F): the run's last trail byte (工作。現 → ぷ鳌,F; 調研。現 → 調小,F).
    After sound text (共贏,F將) the mark is the writer's and the letter a lost lead byte alone."""
    after = text[position + 1 : position + 2]
    letter = text[position : position + 1]
    if not (letter.isascii() and letter.isalpha() and after and is_run_char(after)):
        return False
    before = range(max(position - 3, 0), position - 1)
    return (
        any(is_suspect(text[p]) for p in before)
        or any(is_run_char(text[p]) and after_extension(text, p) for p in before)
        or reads_shifted_before(text, position - 1)
    )


def _extension_chars() -> frozenset[str]:
    """Every character whose two GBK bytes end in 0x40–0xA0 (private-use ones too), each
    decoded once: ``after_extension`` asks about a thousand places a page, and encoding the
    character for each cost a codec call."""
    after = (bytes((lead, trail)) for lead in LEAD_BYTES for trail in range(0x40, 0xA1))
    chars = (pair.decode("gb18030", "ignore") for pair in after)
    return frozenset(char for char in chars if len(char) == 1 and not char.isascii())


EXTENSION_CHARS = _extension_chars()


def _by_code_point(chars: frozenset[str]) -> array[int]:
    """1 at each of ``chars``' code points (all in the BMP), 0 elsewhere: read in C compiled,
    where a set's lookup made a string of the character and hashed it (~550 instructions)."""
    flags = array("B", bytes(_BMP))
    for char in chars:
        flags[ord(char)] = 1
    return flags


_EXTENDED = _by_code_point(EXTENSION_CHARS)


def after_extension(text: str, start: int) -> bool:
    """Whether ``text[start - 1]`` lies outside GB2312 (trail byte 0x40–0xA0: 當 = ae 94, 學 =
    8c 57). Every shifted run of the real pages starts right after such a character, the one
    whose trail byte forms the seam; after 的 (b5 c4) none does."""
    if start < 1:
        return False
    point = ord(text[start - 1])
    return point < _BMP and _EXTENDED[point] != 0


STRANDED_LOGPROB = -10.5  # a character likelier than this on its own may end a clause


def stranded(text: str, end: int, model: LanguageModel, surnames: Container[str]) -> int | None:
    """Where one or two Han characters before an ASCII byte start, right after a character
    outside GB2312, when they make no word with the text before them, the last is no common
    word on its own and the page does not write them so again: what a short run whose last
    trail byte was lost leaves (區卫, is 區治理, shifted; 線詢取\n is 線以內。\n).

    Before a digit too (婦摇24 is 婦女之家”24, two private-use pairs dropped before 摇):
    the search has nothing after the run to go on there, so it is the search's margin that
    leaves sound text alone (聽評課4節). Not after a surname (a given name: 張德胜), where
    sound text that no repair would touch stands far more often than runs."""
    last = text[end - 1 : end]
    if not ("\u4e00" <= last <= "\u9fff" and _may_strand(text, end)):
        return None
    if _ends_clause(last, model):
        return None  # common enough to end a clause, however many characters stand before it
    for start in (end - 2, end - 1):
        if not after_extension(text, start):
            continue
        if start == end - 2 and not "\u4e00" <= text[start] <= "\u9fff":
            continue
        seen = to_simplified(text[max(0, start - 3) : end])
        if _in_a_word(seen, end - start, model.words):
            continue  # asked first: of 361 places it let 12 through on 30 pages
        if to_simplified(text[start - 1]) in surnames:
            continue
        if text.count(text[start - 1 : end]) < 2:  # the page does not write them so again
            return start
    return None


def _may_strand(text: str, end: int) -> bool:
    """Whether a start ``stranded`` tries follows a character outside GB2312: the character
    before ``end``'s last, or before a Han character before it. A test of flags (in C
    compiled) that a third of the places asked fail, before the costlier ones."""
    return after_extension(text, end - 1) or (
        after_extension(text, end - 2) and "\u4e00" <= text[end - 2] <= "\u9fff"
    )


def _ends_clause(char: str, model: LanguageModel) -> bool:
    """Whether a Han character is common enough on its own to end a clause (``stranded``
    asks about each place a run may end, most of them at a few hundred characters: kept in
    ``_CLAUSE_ENDS``, read in C compiled, where an ``lru_cache`` call cost ~2,000)."""
    key = (char, model)
    known = _CLAUSE_ENDS.get(key)
    if known is None:
        known = _CLAUSE_ENDS[key] = model.char_logprob(to_simplified(char)) >= STRANDED_LOGPROB
    return known


# _ends_clause's answers by character and model: a few thousand characters a model
_CLAUSE_ENDS: dict[tuple[str, LanguageModel], bool] = {}


def _in_a_word(seen: str, length: int, words: Container[str]) -> bool:
    """Whether a dictionary word of ``seen`` holds any of its last ``length`` characters."""
    first = len(seen) - length
    for a in range(len(seen) - 1):
        for b in range(max(a + 2, first + 1), len(seen) + 1):
            if seen[a:b] in words:
                return True
    return False


def line_start(text: str, position: int) -> int:
    """Where the line holding ``position`` starts."""
    return text.rfind("\n", 0, position) + 1


def line_before(text: str, position: int) -> str:
    """The text of ``position``'s line before it: what a run's or a mark's context is."""
    return text[line_start(text, position) : position]


class RunRules(NamedTuple):
    """What the rules say about where runs are not: a sentence that asks (its ``?`` is the
    writer's) and a surname (a given name follows it, not a run)."""

    questions: re.Pattern[str]
    surnames: frozenset[str]


@lru_cache(maxsize=16)
def run_rules(question_words: tuple[str, ...], extra_dirs: tuple[Path, ...]) -> RunRules:
    """The question words given and the surnames of the entity lexicon with ``extra_dirs``."""
    surnames = load_entity_lexicon(extra_dirs).surnames
    return RunRules(question_pattern(question_words), surnames)


def asked(text: str, position: int, questions: re.Pattern[str]) -> bool:
    """Whether the ``?`` at ``position`` ends a sentence that asks something (怎麼解決?, 滿意
    嗎?) and holds nothing rare: the writer's own, even right after a character outside
    GB2312. (Shifted runs show common characters too, 呢 among them, but seldom only those.)"""
    opening = max(text.rfind(mark, 0, position) for mark in "\n。!！?？;；") + 1
    sentence = text[opening:position]
    if questions.search(to_simplified(sentence)) is None:
        return False
    return not any(is_suspect(char) for char in sentence)


@lru_cache(maxsize=16)
def question_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` (``rules/lexicon/question_words.txt``); none: a pattern that never
    matches."""
    return re.compile("|".join(map(re.escape, words)) or "(?!)")
