"""Dates and periods in a document: absolute, partial, ranges, periods, relative, masked.

Found on the matching view (Simplified, ASCII punctuation), so Traditional and full-width pages
read the same; offsets are offsets into the text. The scanner finds atoms (a year, a month with
its day, a numeric date, a period word) and joins them: a year directly followed by a month or a
period (2019年3月, 201*年春节), and two atoms joined by 至/到/-/— (7月31日至8月1日) are one
mention whose year/month/day are the start's. Years are read as written: Arabic or Chinese
numerals, an ASCII 0 for 〇, a year that lost its 〇 (二一一年) read as the one plausible year and
flagged, a masked year (201*, 20xx, xx年) kept masked with its decade range. What the masked and
relative years stand for is worked out afterwards, in ``extractor.date_years``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.date_rules import DateWordRule, scan_of, word_meaning, words_present
from extractor.markers import chinese_number
from extractor.pattern_engine import led_by_second_characters
from extractor.pattern_syntax import HORIZONTAL_SPACE

MASKS = frozenset("*xX×_")
PLAUSIBLE_YEARS = range(1950, 2050)
_CN_DIGITS = "〇○零0OΟ一二三四五六七八九"
YEAR = (
    r"(?<![\d.])[12]\d{3}(?![\d.])"
    r"|(?<![A-Za-z])(?:1[89]|2\d)(?:\d[*xX×_]|[*xX×_]{2})(?![\dA-Za-z])"
    r"|(?<![A-Za-z\d*])[xX×]{2}"
    rf"|(?<![{_CN_DIGITS}十])(?:[一二][{_CN_DIGITS}]{{3}}|二[{_CN_DIGITS}]{{2}})"
)
# YEAR and MONTH from their second character, once the atoms' one opening class has taken the
# first: each alternative checks what it opened with (and what stood before) behind it.
_YEAR_TAIL = (
    r"(?<=[12])(?<![\d.].)\d{3}(?![\d.])"
    r"|(?<=[12])(?<![A-Za-z].)(?:(?<=1)[89]|(?<=2)\d)(?:\d[*xX×_]|[*xX×_]{2})(?![\dA-Za-z])"
    r"|(?<=[xX×])(?<![A-Za-z\d*].)[xX×]"
    rf"|(?<=[一二])(?<![{_CN_DIGITS}十].)(?:[{_CN_DIGITS}]{{3}}|(?<=二)[{_CN_DIGITS}]{{2}})"
)
MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九元]"
_MONTH_TAIL = r"(?<=1)[0-2]|(?<=0)[1-9]|(?<=[1-9])|(?<=十)[一二]?|(?<=[一二三四五六七八九元])"
DAY = r"3[01]|[12]\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九]"
SEP = r"\h*(?:至|到|-|—|~|－)\h*"
YEAR_SUFFIX = (
    r"上半年|下半年|第?[一二三四1-4]季度|底|初|末|春节|元旦"
    r"|[春秋]季学期|[春夏秋冬]季|[春秋](?![耕收播])"
)
# on `re`, \h spelled out: called per pair of atoms, where `regex` costs more a call
_SPACE = re.compile(f"{HORIZONTAL_SPACE}*")
_SEPARATOR = re.compile(SEP.replace(r"\h", HORIZONTAL_SPACE))
_SCHOOL_YEAR = re.compile(r"学年度|学年")
_YEAR_PARTS = ("年底", "年初", "春节", "暑假", "寒假", "上半年", "下半年")
MONTH_SUFFIX = r"上旬|中旬|下旬|底|初"
# The atoms open with one class, what every atom starts with: `re` skips to its characters (a
# pattern that opens with a lookahead is tried at every position). Each alternative goes on from
# the second character, so the groups that open with the atom (its alternative's, and ny, cy,
# ymy, y, m, its first number's) hold them from their second character: `_lead` reads them whole.
# Before the alternatives, what none of them takes fails at once (a digit's inner characters:
# only 1 or 2 after a digit or point, for a masked year, and 一 or 二; 3 to 9 and 0 only before
# what a month goes on with; 1 or 2 and a digit only before two more digits, a masked year's
# tail, or what a two-digit month goes on with: 126人 and 100% fail there, not after trying
# every alternative), and the numeric dates' shared checks are made once.
_ATOMS = rf"""(?x)
  [0-9xX×十一二三四五六七八九元]
  (?<![\d.][03-9三四五六七八九十元]|\d[xX×])
  (?!(?<=[3-9])\d|(?<=0)[^1-9]|(?<=[12])\d(?!\d[\d*xX×_]|[*xX×_]{{2}}|\h|[月至到\-—~－]))
  (?:(?<=[12])(?<![\d.].)(?=\d{{3}})
  (?:(?P<numeric>(?P<ny>\d{{3}})(?P<s>[.\-/])(?P<nm>1[0-2]|0?[1-9])(?P=s)
      (?P<nd>3[01]|[12]\d|0?[1-9])(?![\d.%]))
| (?P<compact>(?P<cy>(?:(?<=1)9|(?<=2)0)\d\d)(?P<cm>0[1-9]|1[0-2])
      (?P<cd>0[1-9]|[12]\d|3[01])(?![\d.]))
| (?P<yearmonth>(?P<ymy>(?:(?<=1)9|(?<=2)0)\d\d)
      (?P<ys2>[.\-/])(?P<ymm>1[0-2]|0?[1-9])
      (?![\d.%万亿千百元个人户]|\h*[-—至到~])))
| (?P<year>(?P<y>{_YEAR_TAIL})(?:{SEP}(?P<y2>{YEAR})\h*(?=年|学年))?\h*
      (?:(?P<school>学年度|学年)|年(?P<du>度)?(?:(?P<ys>{YEAR_SUFFIX}))?))
| (?P<month>(?<![\d{_CN_DIGITS}十.].)(?P<m>{_MONTH_TAIL})(?:\h*月?{SEP}(?P<m2>{MONTH}))?\h*月
      (?:\h*(?:(?P<bad>\d{{3,4}})\h*[日号]
              |(?P<d>{DAY})\h*(?:[日号]\h*)?(?:{SEP}(?P<d2>{DAY})\h*)?[日号]))?
      (?P<ms>{MONTH_SUFFIX})?))
"""


class Found:
    """One date mention as found, before its year is resolved.

    A plain class, not a dataclass: compiled, a dataclass's generated ``__init__`` (keywords,
    two list factories) still runs as Python bytecode for each atom and join; compiled, a C
    class (``dates.pxd``; the slots serve pure Python).
    """

    __slots__ = (
        "day",
        "end",
        "flags",
        "kind",
        "month",
        "open_year",
        "period",
        "relative",
        "seasons",
        "start",
        "year",
        "year_high",
        "year_low",
        "year_masked",
    )

    def __init__(
        self,
        start: int,
        end: int,
        year: int | None = None,
        month: int | None = None,
        day: int | None = None,
        period: str | None = None,
        relative: int | None = None,  # year offset from the report year (今年 0, 去年 -1)
        kind: str = "year",  # year, month, numeric, word
        open_year: bool = False,  # ends with a year a month may still follow (2015年1月至2018年)
    ) -> None:
        self.start, self.end, self.year, self.month, self.day = start, end, year, month, day
        self.period, self.relative, self.kind, self.open_year = period, relative, kind, open_year
        self.year_masked = False
        self.year_low: int | None = None
        self.year_high: int | None = None
        self.flags: list[str] = []
        self.seasons: list[str] = []  # 春/秋 of each end of a school year


def find_dates(view: str, words: tuple[DateWordRule, ...]) -> list[Found]:
    """Every date mention of a text (``view`` is its matching view), in text order."""
    atoms = _atoms(view, words)
    mentions: list[Found] = []
    index = 0
    while index < len(atoms):
        current = atoms[index]
        index += 1
        while index < len(atoms):
            following = atoms[index]
            gap = view[current.end : following.start]
            joined = _join(current, following, gap)
            if joined is None:
                break
            current, index = joined, index + 1
        _absorb_school_year(view, current)
        if _keep(current):
            mentions.append(current)
    return mentions


def _atoms(view: str, words: tuple[DateWordRule, ...]) -> list[Found]:
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for match in _atom_pattern().finditer(view):
        kind = match.lastgroup  # the one alternative that matched: it closes last
        if kind == "numeric" or kind == "compact":
            atom = _numeric(match)
        elif kind == "yearmonth":
            atom = _year_month(match)
        elif kind == "year":
            atom = _year_atom(match)
        else:
            atom = _month_atom(match)
        if atom is not None:
            found.append(atom)
            taken.append((atom.start, atom.end))
    scan = scan_of(words)
    present = words_present(scan, view)  # most pages hold no festival, no term
    candidates = [
        (match.start(), -len(match.group()), rule, match)
        for rule, needs, pattern in zip(words, scan.needs, scan.patterns, strict=True)
        if needs is None or not needs.isdisjoint(present)
        for match in pattern.finditer(view)
    ]
    for start, _, rule, match in sorted(candidates, key=lambda c: (c[0], c[1])):
        if any(s < match.end() and start < e for s, e in taken):
            continue
        period, month, day, relative = word_meaning(rule, match.group())
        kind = "relative" if relative is not None else "word"
        found.append(
            Found(start, match.end(), None, month, day, period, relative=relative, kind=kind)
        )
        taken.append((start, match.end()))
    return sorted(found, key=lambda f: f.start)


@lru_cache(maxsize=1)
def _atom_pattern() -> re.Pattern[str]:
    """The atoms, scanned by `re`: more than twice as fast as `regex` on this pattern (every
    digit and numeral of a page is a candidate start), and led by the characters an atom goes
    on with (most numerals start none); a test matches it against `regex`'s."""
    return led_by_second_characters(re.compile(_ATOMS.replace(r"\h", HORIZONTAL_SPACE)))


def _lead(match: re.Match[str], name: str) -> str:
    """The atom's first number whole: its group ``name`` holds it from its second character."""
    return match.string[match.start() : match.end(name)]


def _numeric(match: re.Match[str]) -> Found | None:
    """2011.12.9, 2011-12-09, 2011/12/9, a site timestamp's date, 20111209."""
    lead, rest = ("ny", ("nm", "nd")) if match.group("numeric") else ("cy", ("cm", "cd"))
    year = int(_lead(match, lead))
    month, day = (int(match.group(name)) for name in rest)
    if year not in PLAUSIBLE_YEARS:
        return None
    return Found(match.start(), match.end(), year, month, day, kind="numeric")


def _year_month(match: re.Match[str]) -> Found | None:
    """2019.12, 2019-12, 2019/12: a year and a month."""
    year, month = int(_lead(match, "ymy")), int(match.group("ymm"))
    if year not in PLAUSIBLE_YEARS:
        return None
    return Found(match.start(), match.end(), year, month, kind="numeric")


def _year_atom(match: re.Match[str]) -> Found | None:
    atom = Found(match.start(), match.end(), open_year=not match.group("ys"))
    if not read_year(_lead(match, "y"), atom):
        return None
    if match.group("y2") is not None and not read_year(match.group("y2"), Found(0, 0)):
        return None
    if match.group("school"):
        atom.period = "学年度"
    suffix = match.group("ys")
    if suffix:
        atom.period, atom.seasons = _year_suffix(suffix), [suffix[0]]
    return atom


def _year_suffix(suffix: str) -> str:
    if suffix in ("底", "末"):
        return "年底"
    if suffix == "初":
        return "年初"
    if suffix.endswith("季度"):
        digit = suffix.lstrip("第")[0]
        return (
            "第"
            + "一二三四"[int(digit) - 1 if digit.isdigit() else "一二三四".index(digit)]
            + "季度"
        )
    if suffix[0] in "春夏秋冬" and suffix != "春节":
        return suffix[0]
    return suffix


def read_year(digits: str, atom: Found) -> bool:
    """Fill ``atom``'s year from the digits as written; False when they are no year."""
    if any(char in MASKS for char in digits):
        known = "".join(char for char in digits if char.isdigit())
        width = 10 ** (4 - len(known)) if len(known) >= 2 else None
        atom.year_masked = True
        if width is not None and len(digits) == 4:
            atom.year_low = int(known) * width
            atom.year_high = atom.year_low + width - 1
        return True
    if digits.isdigit() and len(digits) == 4 and not all(c in "0O" for c in digits[1:]):
        atom.year = int(digits)
        return int(digits) in PLAUSIBLE_YEARS
    values = "".join(str(chinese_number(char)) for char in digits)
    if len(values) == 4:
        atom.year = int(values)
        return atom.year in PLAUSIBLE_YEARS
    readings = sorted(
        {int(values[:i] + "0" + values[i:]) for i in range(len(values) + 1)} & set(PLAUSIBLE_YEARS)
    )
    if len(readings) != 1:
        return False
    atom.year = readings[0]
    atom.flags.append("lost_zero")
    return True


def _month_atom(match: re.Match[str]) -> Found | None:
    written = _lead(match, "m")
    month = number(written)
    atom = Found(match.start(), match.end(), None, month, kind="month")
    if month is None or not 1 <= month <= 12:
        return None
    if match.group("bad"):
        atom.flags.append("damaged_day")
    elif match.group("d"):
        atom.day = number(match.group("d"))
        if atom.day is None or not 1 <= atom.day <= 31:
            return None
    suffix = match.group("ms")
    if suffix:
        atom.period = "月底" if suffix == "底" else ("月初" if suffix == "初" else suffix)
    if not written.isdigit() and atom.day is None:
        atom.kind = "cn_month"  # 三月 alone: kept only after a year
    return atom


def number(numeral: str | None) -> int | None:
    if not numeral:
        return None
    if numeral == "元":  # 元月
        return 1
    return int(numeral) if numeral.isdigit() else chinese_number(numeral)


def _join(left: Found, right: Found, gap: str) -> Found | None:
    """One mention of two neighbouring atoms, or None when they stand apart."""
    yearish = left.open_year or (left.kind == "relative" and left.month is None)
    if _SPACE.fullmatch(gap) and yearish and right.kind in ("month", "cn_month"):
        merged = _copy(left, end=right.end)
        merged.kind = "year"
        if merged.month is None:
            merged.month, merged.day = right.month, right.day
        merged.period = merged.period or right.period
        merged.flags += right.flags
        merged.open_year = False
        return merged
    if gap == "" and left.kind == "relative" and _year_part(right.period):
        merged = _copy(left, end=right.end)
        merged.period = right.period
        return merged
    if gap and _SEPARATOR.fullmatch(gap) and left.kind != "word" and right.kind != "word":
        if right.kind == "relative" or (left.kind == "relative" and right.kind == "year"):
            return None
        merged = _copy(left, end=right.end)
        merged.seasons = left.seasons + right.seasons
        merged.open_year = right.open_year
        merged.kind = "year" if left.kind == "cn_month" else left.kind
        return merged
    return None


def _year_part(period: str | None) -> bool:
    """A period that narrows a relative year: 今年一季度, 去年春节, 今年暑假."""
    return bool(period) and (period.endswith("季度") or period in _YEAR_PARTS)


def _copy(found: Found, end: int) -> Found:
    copy = Found(found.start, end, found.year, found.month, found.day, found.period)
    copy.relative, copy.kind, copy.open_year = found.relative, found.kind, found.open_year
    copy.year_masked, copy.year_low = found.year_masked, found.year_low
    copy.year_high, copy.flags, copy.seasons = found.year_high, [*found.flags], [*found.seasons]
    return copy


def _absorb_school_year(view: str, found: Found) -> None:
    """201*年秋-201*年春学年度: the school year word after a range belongs to it."""
    tail = _SCHOOL_YEAR.match(view, found.end)
    if tail and len(found.seasons) == 2:
        found.end = tail.end()
        found.period = "学年度"


def _keep(found: Found) -> bool:
    return found.kind != "cn_month"
