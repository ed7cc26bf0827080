"""Numbers as written in Chinese documents, parsed to ``Decimal`` (never float).

Handles Arabic digits with thousands separators (5,310 · 5，310 · 233,333，333), decimals and
full-width digits; Chinese numerals (一百二十万, 两千, 二〇一九, 一万五); financial capitals
(壹万贰仟, 叁佰零伍); mixed forms (1萬, 3.5亿, 2377.2万, 1万5千); and the approximate ranges
written with two neighbouring digits (二三十 → 20–30, 五六百 → 500–600, 十二三 → 12–13).

Strings may be Traditional or Simplified and of either width: they are folded here first, so
a caller may pass text or matching-view slices alike. Everything works on one short number
string at a time; finding numbers in a text is the job of the callers' compiled patterns.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

# Digit and unit characters, Simplified, after folding.
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "貮": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8}
DECIMAL_POINT = "点"

# Traditional and full-width spellings folded to the forms above.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "，": ",", "．": ".", "萬": "万", "億": "亿", "兩": "两", "貳": "贰", "陸": "陆",
        "點": "点", "〇": "〇", "零": "零",
    }
)  # fmt: skip

# Regex character classes for callers that build patterns (Simplified, ASCII width).
CN_DIGIT_CLASS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
CN_SMALL_CLASS = "十拾百佰千仟"
CN_BIG_CLASS = "万亿"
# An Arabic number after its first digit (5,310 · 3.5): rules put guards between the two, so
# the engine tests the first character at each position before it runs a lookbehind.
ARABIC_TAIL = r"(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"
ARABIC_PATTERN = rf"\d{ARABIC_TAIL}"
# The patterns of a number in a text, which the rules of ``extractor.figure_rules`` expand.
_CN = CN_DIGIT_CLASS + CN_SMALL_CLASS
# Numbers may not start inside another number (5,310 · 3.5): the guard on the character
# before the number, written after its first character.
NUMBER_GUARD = r"(?<![\d.].)(?<!\d,.)"
# A money number (the money rules' ⟨NUM⟩). An atomic group, as a count's number below: what
# follows a money number (多, 余, a currency word, a range's separator) is none of its
# characters, so no shorter number matches where the longest failed.
MONEY_NUMBER = (
    rf"(?>(?:\d{NUMBER_GUARD}{ARABIC_TAIL}|[{_CN}]{NUMBER_GUARD}"
    rf"|[数几]{NUMBER_GUARD}(?=[{CN_SMALL_CLASS}{CN_BIG_CLASS}]))"
    rf"(?:{ARABIC_PATTERN}|[{_CN}{CN_BIG_CLASS}]|点(?=[{CN_DIGIT_CLASS}])"
    rf"|[多余](?=[{CN_SMALL_CLASS}{CN_BIG_CLASS}])|几(?<=[{CN_SMALL_CLASS}{CN_BIG_CLASS}]几))*)"
)
# A count's number (the count rules' ⟨QNUM⟩): like a money number, and not after 第 or a
# numeral either. Its first character one class, the rest told apart after the guard: a
# pattern that opens with a class is searched by skipping to that class's characters, where two
# branches are tried at every position. The rest is an atomic group: nothing that may follow a
# count (至, 余, a classifier) is a digit, a numeral, a comma or a point, so a shorter number
# never matches where the longest failed, and a number with no classifier after it fails once
# instead of once for each shorter number.
COUNT_GUARD = rf"(?<![第\d.{_CN}{CN_BIG_CLASS}].)(?<!\d,.)"
COUNT_NUMBER = (
    rf"[\d{_CN}]{COUNT_GUARD}"
    rf"(?>(?<=\d){ARABIC_TAIL}[万亿]?|(?<!\d)[{_CN}{CN_BIG_CLASS}]*)"
)

# A pattern's escapes and classes (whole, with their escapes): where ``on_ascii_digits`` reads
# a \d as 0-9.
_ESCAPE_OR_CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]|\\.", re.DOTALL)
_ESCAPE = re.compile(r"\\.", re.DOTALL)

# on `re`: plain classes and groups, read alike by both engines, and each `regex` call sets up
# more (a number new to the page is parsed with a dozen calls)
_TOKEN = re.compile(
    rf"(?P<arabic>{ARABIC_PATTERN})|(?P<point>点)|(?P<char>[{CN_DIGIT_CLASS}{CN_SMALL_CLASS}{CN_BIG_CLASS}])"
)
_PLAIN_ARABIC = re.compile(ARABIC_PATTERN)
_VAGUE = re.compile(r"[几数](?=[十百千万亿])|(?<=[十百千万亿])几")
_RANGE_PAIRS = {(a, a + 1) for a in range(1, 9)} | {(1, 2)}


class Number:
    """A parsed number: ``low == high`` unless the writing gave a range (二三十).

    Never changed once made (``parse`` caches it). A plain class, not a frozen dataclass,
    whose ``__init__`` sets each field through ``object.__setattr__``; compiled, a C class with
    read-only fields (``numbers.pxd``).
    """

    __slots__ = ("high", "low")

    def __init__(self, low: Decimal, high: Decimal) -> None:
        self.low, self.high = low, high

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def fold(text: str) -> str:
    """Full-width digits and Traditional numeral characters in their plain forms."""
    return text.translate(_FOLD)


def parse_number(text: str) -> Decimal | None:
    """The value of one number string, or None if it is not one number (or is a range)."""
    parsed = parse(text)
    if parsed is None or parsed.is_range:
        return None
    return parsed.low


@lru_cache(maxsize=8192)
def parse(text: str) -> Number | None:
    """The value (or neighbouring-digit range) of one number string; None if unparseable."""
    if _PLAIN_ARABIC.fullmatch(text):  # the common case, without the general machinery
        value = parse_arabic(text)
        return Number(value, value)
    folded = fold(text).strip()
    if not folded:
        return None
    if _VAGUE.search(folded):  # 十几, 几十, 数百: a range over the unknown digit
        low, high = _evaluate(_VAGUE.sub("一", folded)), _evaluate(_VAGUE.sub("九", folded))
        return None if low is None or high is None else Number(low, high)
    split = _range_split(folded)
    if split is not None:
        low, high = (_evaluate(part) for part in split)
        if low is None or high is None:
            return None
        return Number(low, high)
    value = _evaluate(folded)
    return None if value is None else Number(value, value)


def parse_arabic(text: str) -> Decimal:
    """An Arabic number with optional thousands separators: "5,310" → Decimal("5310")."""
    return Decimal(fold(text).replace(",", ""))


def has_digit_run(text: str) -> bool:
    """Two Chinese digits side by side with no unit between (二〇一九, 七一): a code, not a count.

    Neighbouring-digit ranges (五六百) and a zero inside a number (一百零五) do not count.
    """
    folded = fold(text)
    if _range_split(folded) is not None:
        return False
    previous = None
    for char in folded:
        digit = DIGITS.get(char)
        if digit is not None and previous is not None and digit != 0 and previous != 0:
            return True
        previous = digit
    return False


def _range_split(text: str) -> tuple[str, str] | None:
    """二三十 → ("二十", "三十"); 十二三 → ("十二", "十三"); None if no such pair.

    A range needs a unit somewhere (二三 alone is not one) and exactly one pair of Chinese
    digits n, n+1 side by side (一两 counts as 1, 2).
    """
    text, point, fraction = text.partition(DECIMAL_POINT)  # 十六点四五 is not a range
    if not any(c in SMALL_UNITS or c in BIG_UNITS for c in text):
        return None
    pairs = [
        i
        for i in range(len(text) - 1)
        if (DIGITS.get(text[i]), DIGITS.get(text[i + 1])) in _RANGE_PAIRS
    ]
    if len(pairs) != 1:
        return None
    i = pairs[0]
    rest = point + fraction
    return text[: i + 1] + text[i + 2 :] + rest, text[:i] + text[i + 1 :] + rest


def _evaluate(text: str) -> Decimal | None:
    """Positional Chinese/Arabic arithmetic over the tokens of one number string."""
    tokens = _tokens(text)
    if tokens is None:
        return None
    state = _Accumulator()
    for kind, value in tokens:
        if not state.feed(kind, value):
            return None
    return state.result()


def _tokens(text: str) -> list[tuple[str, Decimal | str]] | None:
    """("num", Decimal) for digits and Arabic numbers, ("unit", char), ("point", "点")."""
    tokens: list[tuple[str, Decimal | str]] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() != position:
            return None
        position = match.end()
        arabic = match.group("arabic")
        if arabic and len(arabic) == 1:  # one digit reads like a Chinese one: 二0一一
            tokens.append(("digit", Decimal(arabic)))
        elif arabic:
            tokens.append(("num", parse_arabic(arabic)))
        elif match.group("point"):
            tokens.append(("point", DECIMAL_POINT))
        else:
            char = match.group("char")
            if char in DIGITS:
                tokens.append(("digit", Decimal(DIGITS[char])))
            else:
                tokens.append(("unit", char))
    if position != len(text) or not tokens:
        return None
    return tokens


class _Accumulator:
    """亿-level total, 万-level part, small part and the pending number, as read so far."""

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.wan = Decimal(0)
        self.small = Decimal(0)
        self.number: Decimal | None = None
        self.previous = ""  # kind of the token before: "", "num", "digit", "unit", "point"
        self.last_unit = 0  # the last unit read
        self.elidable = False  # the pending number follows a unit directly (一万五)
        self.fraction: str | None = None  # digits after 点

    def feed(self, kind: str, value: Decimal | str) -> bool:
        """Take one token; False when the string is not a well-formed number."""
        ok = self._take(kind, value)
        self.previous = kind
        return ok

    def _take(self, kind: str, value: Decimal | str) -> bool:
        if self.fraction is not None:
            if kind == "digit":
                self.fraction += str(int(value))
                return True
            if not self._end_fraction():
                return False
        if kind in ("num", "digit"):
            return self._number(kind, Decimal(value))
        if kind == "point":  # 三点五, 三百一十点零一 (the fraction adds to what is read)
            if self.previous not in ("digit", "unit") or self.fraction is not None:
                return False
            self.number = self.number or Decimal(0)
            self.fraction = ""
            return True
        return self._unit(str(value))

    def _number(self, kind: str, value: Decimal) -> bool:
        if self.number is None:
            self.number = value
            self.elidable = self.previous == "unit" and value != 0
            return True
        if kind == "num" or self.previous != "digit":
            return False
        self.number = self.number * 10 + value  # digits side by side: 二〇一九, 零五
        self.elidable = False
        return True

    def _unit(self, char: str) -> bool:
        number = self.number
        if char in SMALL_UNITS:
            unit = SMALL_UNITS[char]
            if number is None:
                if self.previous:  # 十 and 百 stand alone only at the start (十二, 百万)
                    return False
                number = Decimal(1)
            self.small += number * unit
        elif char == "万":
            unit = BIG_UNITS[char]
            if number is None and not self.small:
                return False
            self.wan = (self.small + (number or 0)) * unit
            self.small = Decimal(0)
        else:  # 亿
            unit = BIG_UNITS[char]
            if number is None and not (self.small or self.wan):
                return False
            self.total = (self.total + self.wan + self.small + (number or 0)) * unit
            self.wan = self.small = Decimal(0)
        self.number, self.last_unit, self.elidable = None, unit, False
        return True

    def _end_fraction(self) -> bool:
        if not self.fraction or self.number is None:
            return False
        self.number = Decimal(f"{int(self.number)}.{self.fraction}")
        self.fraction = None
        self.elidable = False
        return True

    def result(self) -> Decimal | None:
        if self.fraction is not None and not self._end_fraction():
            return None
        if not self.previous:
            return None
        number = self.number or Decimal(0)
        if self.elidable and self.last_unit > 10:
            number *= self.last_unit // 10  # 一万五 = 15000, 两千五 = 2500, 三百五 = 350
        return _plain(self.total + self.wan + self.small + number)


def _plain(value: Decimal) -> Decimal:
    """No exponent and no trailing zeros after the point: 3.5亿 → 350000000."""
    normalized = value.normalize()
    exponent = normalized.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return normalized.quantize(Decimal(1))
    return normalized


def ascii_digits_only(view: str) -> bool:
    """Are the text's only decimal digits (`re`'s \\d) the ASCII ones? Then a pattern finds
    there what its ``on_ascii_digits`` twin finds. Compiled, a C loop that asks the Unicode
    database only of characters past ASCII and outside the CJK ideographs (most of a page)."""
    for char in view:
        code = ord(char)
        if code > 0x7F and not 0x4E00 <= code <= 0x9FFF and char.isdecimal():
            return False
    return True


def on_ascii_digits(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with each \\d read as 0-9, for texts with ASCII digits only: `re` tests
    the digits in its classes' bitmaps then, not by a call into the Unicode database for each
    character it skips (a count rule opens with such a class). Verbose patterns, whose comments
    this does not read, stay as they are."""
    if pattern.flags & re.VERBOSE:
        return pattern
    return re.compile(_ESCAPE_OR_CLASS.sub(_ascii_digit, pattern.pattern), pattern.flags)


def _ascii_digit(item: re.Match[str]) -> str:
    text = item.group()
    if text[0] == "\\":
        return "[0-9]" if text == r"\d" else text
    return _ESCAPE.sub(lambda escape: "0-9" if escape.group() == r"\d" else escape.group(), text)
