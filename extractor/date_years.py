"""What masked and relative years stand for, worked out from the signed date and context.

The report year is the signed year, or the year before when the document was signed in January
or February (a summary written after the year it reports on). Then, for each mention:

- a school year (201*年秋-201*年春学年度) is the one that ends with the spring before the
  signing (or the coming spring when signed from September): its autumn year;
- a mention in a section whose heading speaks of plans (计划, 打算, 设想, 思路) is next year's;
- a masked year with a month (or a season, 春节) is the latest such month up to the signing
  date (signed 2011-07-08: 201*年9月30日 is 2010, 201*年3月18日 is 2011);
- a relative year (今年, 上年度, 明年) is the report year plus its offset;
- otherwise a masked year is the report year.
Of two masked years compared (201*年与201*年), the first is the year before the second. An
inferred year outside the mask's decade range (201* → 2010–2019) is dropped. Each mention
records its evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.dates import Found

PLAN_WORDS = ("计划", "打算", "设想", "思路", "安排", "要点")
_SEASON_MONTH = {"春": 3, "夏": 6, "秋": 9, "冬": 12, "春节": 2, "元旦": 1, "上半年": 6}
_COMPARED = ("与", "和", "及", "、", "同", "比")


def report_year(signed_year: int | None, signed_month: int | None) -> int | None:
    if signed_year is None:
        return None
    return signed_year - 1 if signed_month is not None and signed_month <= 2 else signed_year


def infer_years(
    found: Sequence[Found],
    view: str,
    signed: tuple[int | None, int | None],
    plan_spans: Sequence[tuple[int, int]],
) -> list[tuple[int | None, str | None]]:
    """(year_inferred, evidence) for each mention; ``plan_spans`` are the plan sections."""
    signed_year, signed_month = signed
    base = report_year(signed_year, signed_month)
    results = []
    for mention in found:
        if mention.year is not None:
            results.append((mention.year, None))
            continue
        if (
            base is None
            or signed_year is None
            or not (mention.year_masked or mention.relative is not None)
        ):
            results.append((None, None))
            continue
        year, evidence = _one(mention, view, base, signed_year, signed_month or 12, plan_spans)
        if mention.year_low is not None and not mention.year_low <= year <= mention.year_high:
            year, evidence = None, f"{evidence}, but outside {mention.year_low}–{mention.year_high}"
        results.append((year, evidence))
    _compared(found, view, results)
    return results


def _one(
    mention: Found,
    view: str,
    base: int,
    signed_year: int,
    signed_month: int,
    plan_spans: Sequence[tuple[int, int]],
) -> tuple[int, str]:
    in_plan = any(start <= mention.start < end for start, end in plan_spans)
    if mention.period == "学年度" and mention.seasons[:1] == ["秋"]:
        spring = signed_year if signed_month <= 8 else signed_year + 1
        return spring - 1, f"school year ending in the spring of {spring} (signed {signed_year})"
    if mention.relative is not None:
        year = base + mention.relative
        return year, f"relative to the report year {base}" + (
            " in a plan section" if in_plan else ""
        )
    if in_plan:
        return base + 1, f"in a plan section: the year after the report year {base}"
    month = mention.month or _SEASON_MONTH.get(mention.period or "")
    if month is not None:
        year = signed_year if month <= signed_month else signed_year - 1
        return (
            year,
            f"the latest month {month} up to the signing ({signed_year}-{signed_month:02d})",
        )
    return base, f"the report year (signed {signed_year})"


def _compared(
    found: Sequence[Found], view: str, results: list[tuple[int | None, str | None]]
) -> None:
    """201*年春与201*年春: the first of two compared masked years is the year before."""
    for index in range(len(found) - 1, 0, -1):
        left, right = found[index - 1], found[index]
        gap = view[left.end : right.start]
        same = view[left.start : left.end] == view[right.start : right.end]
        year = results[index][0]
        if left.year_masked and right.year_masked and same and gap in _COMPARED and year:
            results[index - 1] = (year - 1, "compared with the next year mentioned")
