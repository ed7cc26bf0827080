"""Dates: the case file, the period-word rules, written styles parsing back, year inference."""

from __future__ import annotations

import pytest
from conftest import case_rows
from hypothesis import given
from hypothesis import strategies as st

import extractor
from extractor.date_rules import load_date_words
from extractor.date_years import infer_years, report_year
from extractor.dates import find_dates
from extractor.views import matching_view

CASES = case_rows(__import__("pathlib").Path(__file__).parent / "cases" / "dates.tsv")
WORDS = load_date_words()
CN = "〇一二三四五六七八九"


def _find(text: str):
    return find_dates(matching_view(text), WORDS)


def _value(field: str):
    return None if field == "-" else (int(field) if field.isdigit() else field)


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_date_cases(sentence, expected):
    found = [(sentence[f.start : f.end], f.year, f.month, f.day, f.period) for f in _find(sentence)]
    if expected == "-":
        assert found == []
        return
    wanted = [
        tuple(_value(v) if i else v for i, v in enumerate(m.split(",")))
        for m in expected.split("|")
    ]
    assert found == wanted


@pytest.mark.parametrize("rule", WORDS, ids=lambda rule: rule.id)
def test_period_word_rules_hold_their_examples(rule):
    for example in rule.examples:
        assert rule.compiled.search(matching_view(example)), (rule.id, example)
    for counter in rule.counter_examples:
        assert not rule.compiled.search(matching_view(counter)), (rule.id, counter)


def _chinese(value: int, positional: bool) -> str:
    if positional:
        return "".join(CN[int(digit)] for digit in str(value))
    tens, ones = divmod(value, 10)
    return ("" if tens < 2 else CN[tens]) + ("十" if tens else "") + (CN[ones] if ones else "")


STYLES = {
    "arabic": lambda y, m, d: f"{y}年{m}月{d}日",
    "chinese": lambda y, m, d: f"{_chinese(y, True)}年{_chinese(m, False)}月{_chinese(d, False)}日",
    "ascii_zero": lambda y, m, d: f"{_chinese(y, True).replace('〇', '0')}年{m}月{d}日",
    "dotted": lambda y, m, d: f"{y}.{m}.{d}",
    "dashed": lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
    "slashed": lambda y, m, d: f"{y}/{m}/{d}",
    "timestamp": lambda y, m, d: f"{y}-{m:02d}-{d:02d} 03:30:45",
}


@given(
    st.integers(1950, 2049),
    st.integers(1, 12),
    st.integers(1, 28),
    st.sampled_from(sorted(STYLES)),
)
def test_any_date_in_any_written_style_parses_back(year, month, day, style):
    written = STYLES[style](year, month, day)
    found = _find(f"于{written}召开")
    assert [(f.year, f.month, f.day) for f in found] == [(year, month, day)]


def test_report_year_is_the_year_before_when_signed_in_january_or_february():
    assert report_year(2012, 1) == 2011
    assert report_year(2011, 12) == 2011


def test_masked_years_resolve_against_the_signing_date():
    text = "201*年9月30日召开，201*年3月18日学习，201*年春与201*年春对比"
    view = matching_view(text)
    found = find_dates(view, WORDS)
    years = [year for year, _ in infer_years(found, view, (2011, 7), [])]
    assert years == [2010, 2011, 2010, 2011]


def test_a_plan_section_speaks_of_next_year():
    view = matching_view("201*年幫扶計劃")
    found = find_dates(view, WORDS)
    assert infer_years(found, view, (2011, 12), [(0, len(view))])[0][0] == 2012


def test_a_masked_year_out_of_its_decade_is_not_inferred():
    view = matching_view("201*年")
    found = find_dates(view, WORDS)
    year, evidence = infer_years(found, view, (2021, 6), [])[0]
    assert year is None and "2010–2019" in evidence


def test_extract_fills_dates_with_offsets_and_sections():
    text = "标题\n一、基本情况\n2019年3月21日，今年5月召开。\n溪源县审计局\n2019年12月20日"
    (document,) = extractor.extract(text)
    dates = document.dates
    assert [d.text for d in dates] == ["2019年3月21日", "今年5月", "2019年12月20日"]
    for date in dates:
        assert document.text[date.start : date.end] == date.text
        assert document.original[date.raw_start : date.raw_end] == date.text
    assert dates[0].section_path == [0] and dates[0].precision == "day"
    assert dates[1].year_inferred == 2019 and dates[1].year is None


def test_a_year_and_a_month_on_two_lines_stay_apart():
    assert [(f.year, f.month) for f in _find("2019年\n3月")] == [(2019, None), (None, 3)]


@given(st.sampled_from(["201*", "201x", "201X", "20xx", "20**", "20__", "19××"]))
def test_any_masked_year_is_masked_with_its_decade(mask):
    (found,) = _find(f"{mask}年工作")
    known = mask.rstrip("*xX×_")
    width = 10 ** (4 - len(known))
    assert found.year_masked and found.year is None
    assert (found.year_low, found.year_high) == (int(known) * width, int(known) * width + width - 1)


# what date atoms are made of, spaces and separators among them
DATE_ALPHABET = "0123456789xX×*_.-/年月日号度学底初末春秋季上下半第一二三十〇零元至到—~ \t\u3000旬"


def test_horizontal_space_is_regexs():
    """`re` lacks `regex`'s \\h: the class spelled out holds the same characters."""
    import re as std_re
    import sys

    import regex

    from extractor.pattern_syntax import HORIZONTAL_SPACE

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert regex.findall(r"\h", every) == std_re.findall(HORIZONTAL_SPACE, every)


@given(st.text(alphabet=DATE_ALPHABET, max_size=40))
def test_the_atom_scan_on_re_finds_what_regex_finds(text):
    """The atom pattern runs on `re`: the same matches and groups as on `regex`."""
    import regex

    from extractor.dates import _ATOMS, _atom_pattern

    reference = regex.compile(_ATOMS)
    assert [(m.span(), m.groupdict()) for m in _atom_pattern().finditer(text)] == [
        (m.span(), m.groupdict()) for m in reference.finditer(text)
    ]


@given(st.text(alphabet=DATE_ALPHABET, max_size=40))
def test_an_atom_match_names_its_alternative_last(text):
    """`_atoms` reads which alternative matched from ``lastgroup``: the one that took part."""
    from extractor.dates import _atom_pattern

    alternatives = ("numeric", "compact", "yearmonth", "year", "month")
    for match in _atom_pattern().finditer(text):
        assert [name for name in alternatives if match.group(name)] == [match.lastgroup]


def _lookahead_led_atoms() -> str:
    """The atoms as first written: a lookahead for the first character, each alternative from
    there, its first number's group whole."""
    from extractor import dates

    cn = dates._CN_DIGITS
    return rf"""(?x)
  (?=[0-9xX×十一二三四五六七八九元])
  (?:(?P<numeric>(?<![\d.])(?P<ny>[12]\d{{3}})(?P<s>[.\-/])(?P<nm>1[0-2]|0?[1-9])(?P=s)
      (?P<nd>3[01]|[12]\d|0?[1-9])(?![\d.%]))
| (?P<compact>(?<![\d.])(?P<cy>(?:19|20)\d\d)(?P<cm>0[1-9]|1[0-2])
      (?P<cd>0[1-9]|[12]\d|3[01])(?![\d.]))
| (?P<yearmonth>(?<![\d.])(?P<ymy>(?:19|20)\d\d)(?P<ys2>[.\-/])(?P<ymm>1[0-2]|0?[1-9])
      (?![\d.%万亿千百元个人户]|\h*[-—至到~]))
| (?P<year>(?P<y>{dates.YEAR})(?:{dates.SEP}(?P<y2>{dates.YEAR})\h*(?=年|学年))?\h*
      (?:(?P<school>学年度|学年)|年(?P<du>度)?(?:(?P<ys>{dates.YEAR_SUFFIX}))?))
| (?P<month>(?<![\d{cn}十.])(?P<m>{dates.MONTH})(?:\h*月?{dates.SEP}(?P<m2>{dates.MONTH}))?\h*月
      (?:\h*(?:(?P<bad>\d{{3,4}})\h*[日号]
              |(?P<d>{dates.DAY})\h*(?:[日号]\h*)?(?:{dates.SEP}(?P<d2>{dates.DAY})\h*)?[日号]))?
      (?P<ms>{dates.MONTH_SUFFIX})?))
"""


@given(st.text(alphabet=DATE_ALPHABET + "19203.-/x×AO〇十元学年度", max_size=40))
def test_the_atoms_opening_with_one_class_find_what_the_lookahead_led_form_finds(text):
    """The atoms open with one class (so `re` skips to its characters) and go on from the
    second character: the same matches and groups as the lookahead-led form, the groups that
    open with the atom read whole by `_lead`."""
    import regex

    from extractor.dates import _ATOMS, _atom_pattern, _lead

    assert _ATOMS.startswith("(?x)\n  [")
    leads = ("numeric", "ny", "compact", "cy", "yearmonth", "ymy", "year", "y", "month", "m")
    found = []
    for match in _atom_pattern().finditer(text):
        groups = match.groupdict()
        groups.update({name: _lead(match, name) for name in leads if groups[name] is not None})
        found.append((match.span(), match.lastgroup, groups))
    reference = regex.compile(_lookahead_led_atoms())
    assert found == [(m.span(), m.lastgroup, m.groupdict()) for m in reference.finditer(text)]


@given(st.text(alphabet="今年底初上下半学期春节国庆十近三季度第一", max_size=30))
def test_the_words_found_in_one_scan_are_the_words_the_page_holds(text):
    """`words_present` finds in one scan each word of the period rules the text holds,
    overlapping ones (今年 in 今年底, 年底 too) and one-character ones (年) alike, and no other."""
    from extractor.date_rules import word_scan, words_present

    scan = word_scan(tuple(rule.compiled for rule in load_date_words()))
    every = {word for words in scan.needs if words for word in words}
    assert words_present(scan, text) == {word for word in every if word in text}


@given(st.text(alphabet="今年底初上下半学期春节国庆十近三季度第一\U00020000", max_size=30))
def test_the_words_found_by_character_are_the_words_found_by_search(text):
    """The compiled build's loop over the characters finds the longer words the pattern does."""
    from extractor.date_rules import _words_by_character, _words_by_search, word_scan

    scan = word_scan(tuple(rule.compiled for rule in load_date_words()))
    assert _words_by_character(scan, text) == _words_by_search(scan, text)
