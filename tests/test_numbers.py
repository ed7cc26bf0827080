"""Number parsing: every style the documents use, and round trips of rendered numbers."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.figure_rules import load_money_rules, load_quantity_rules
from extractor.figures import find_figures
from extractor.numbers import (
    ascii_digits_only,
    has_digit_run,
    on_ascii_digits,
    parse,
    parse_number,
)

CASES = [
    ("5,310", "5310"),
    ("5，310", "5310"),
    ("233,333，333", "233333333"),
    ("３２３９９.９４", "32399.94"),
    ("一百二十万", "1200000"),
    ("两千", "2000"),
    ("兩千", "2000"),
    ("二〇一九", "2019"),
    ("二0一一", "2011"),
    ("十二", "12"),
    ("一百零五", "105"),
    ("一万零五十", "10050"),
    ("一万五", "15000"),
    ("两千五", "2500"),
    ("一亿二千万", "120000000"),
    ("一亿零一万", "100010000"),
    ("三点五亿", "350000000"),
    ("壹万贰仟", "12000"),
    ("叁佰零伍", "305"),
    ("1萬", "10000"),
    ("3.5亿", "350000000"),
    ("3.5億", "350000000"),
    ("2377.2万", "23772000"),
    ("1万5千", "15000"),
    ("0.86亿", "86000000"),
    ("百万", "1000000"),
]


@pytest.mark.parametrize(("text", "value"), CASES)
def test_number_styles(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("二三十", 20, 30), ("五六百", 500, 600), ("十二三", 12, 13), ("一千五六百", 1500, 1600)],
)
def test_neighbouring_digits_are_a_range(text, low, high):
    parsed = parse(text)
    assert parsed is not None and parsed.is_range
    assert (parsed.low, parsed.high) == (low, high)
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["", "万", "亿", "abc", "十十十", "1,2", "点五"])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_digit_runs_are_codes_not_counts():
    assert has_digit_run("二〇一九") and has_digit_run("七一")
    assert not has_digit_run("一百零五") and not has_digit_run("五六百")


def test_values_are_decimal_never_float():
    assert isinstance(parse_number("3.5亿"), Decimal)


# ---- renderers for the round trips ------------------------------------------------------------

LOWER = ("零一二三四五六七八九", ("", "十", "百", "千"))
UPPER = ("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"))
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def chinese(n: int, style=LOWER) -> str:
    """An integer in Chinese numerals (or capitals), 万/亿 groups, 零 where digits are skipped."""
    digits, units = style
    if n == 0:
        return digits[0]
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out, zero = "", False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            zero = bool(out)
            continue
        if out and (zero or group < 1000):
            out += digits[0]
        out += _group(group, digits, units) + ("", "万", "亿")[index]
        zero = False
    return out


def _group(group: int, digits: str, units: tuple[str, ...]) -> str:
    out, zero = "", False
    for power in (3, 2, 1, 0):
        digit = group // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        out += digits[digit] + units[power]
    return out


def renderings(value: Decimal) -> list[str]:
    """The amount written with 元 in each style the documents use."""
    integer = int(value)
    cents = int((value - integer) * 100)
    plain = format(value, "f")
    grouped = f"{value:,}"
    styles = [plain + "元", grouped + "元", grouped.translate(FULL_WIDTH) + "元"]
    styles.append(format((value / 10000).normalize(), "f") + "万元")
    styles.append(format((value / 10**8).normalize(), "f") + "亿元")
    fraction = ""
    if cents:
        fraction = "点" + "".join(LOWER[0][int(d)] for d in f"{cents:02d}".rstrip("0"))
    styles.append(chinese(integer) + fraction + "元")
    capital = chinese(integer, UPPER) + "元"
    if cents:
        jiao, fen = divmod(cents, 10)
        capital += (UPPER[0][jiao] + "角" if jiao else "零") + (UPPER[0][fen] + "分" if fen else "")
    else:
        capital += "整"
    styles.append(capital)
    return styles


AMOUNTS = st.one_of(
    st.integers(min_value=1, max_value=10**11 - 1).map(Decimal),
    st.integers(min_value=1, max_value=10**11 - 1).map(lambda n: Decimal(n).scaleb(-2)),
)
MONEY, COUNTS = load_money_rules(), load_quantity_rules()


@given(AMOUNTS)
def test_rendered_amounts_parse_back(value):
    for rendering in renderings(value):
        amounts, _ = find_figures(f"共捐款{rendering}，", MONEY, COUNTS)
        assert [a.value for a in amounts] == [value], rendering
        assert amounts[0].bound == "exact", rendering


@given(st.integers(min_value=1, max_value=10**11 - 1))
def test_rendered_integers_parse_back(value):
    for text in (chinese(value), chinese(value, UPPER), f"{value:,}", str(value)):
        assert parse_number(text) == value, text


def test_renderer_examples():
    assert chinese(120000000) == "一亿二千万"
    assert chinese(10050) == "一万零五十"
    assert chinese(12000, UPPER) == "壹万贰仟"
    assert renderings(Decimal("100.05"))[-1] == "壹佰元零伍分"


@given(
    st.text(alphabet="0123456789一二十万人元,.\u0660\u0967\uff10\U000104a0\U0001d7ce", max_size=20)
)
def test_ascii_digits_only_tells_the_texts_whose_decimal_digits_are_all_ascii(text):
    assert ascii_digits_only(text) == all(char.isascii() for char in text if char.isdecimal())


def test_on_ascii_digits_reads_each_digit_escape_as_ascii_digits():
    """In classes and out of them; an escaped backslash before a d, and \\D, stay."""
    pattern = re.compile(r"[\d十](?<![\d.].)\d+\\d\D[^\d]")
    assert on_ascii_digits(pattern).pattern == r"[0-9十](?<![0-9.].)[0-9]+\\d\D[^0-9]"
