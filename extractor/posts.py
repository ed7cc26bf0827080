"""A person's posts with their unit and responsibility, where the text states them.

The unit is the organisation written right before the post or the name (人事科杨东明副科长,
审计局局长罗建平); the responsibility is what follows 负责 after the name and post (副校长冉光胜
负责鹅池校区), or what 分管 names before them (分管教学的冉光胜副校长). Offsets are view offsets,
so the caller copies the text's own script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.pattern_syntax import SPACE

Span = tuple[int, int]
# On `re`, with `regex`'s \s spelled out: searched once per post, where `regex`'s cost per call
# is most of it.
_BREAK = SPACE[1:-1] + ",，。;；:：、"
DUTY_AFTER = re.compile(
    rf"(?:同志)?(?:具体)?(?:负责|分管)([^{_BREAK}()（）]{{2,30}}?)(?=[{_BREAK}()（）]|协助|$)"
)
DUTY_BEFORE = re.compile(rf"分管([^{_BREAK}的]{{1,10}})的$")


@dataclass(frozen=True)
class PostSpans:
    """Where one post of a hit stands, and its unit's and responsibility's spans if stated."""

    post: Span | None
    unit: Span | None
    duty: Span | None


def locate(view: str, start: int, end: int, role: str, org_end: dict[int, int]) -> PostSpans:
    """The post ``role`` of the name at ``start:end``: written after the name or before it."""
    if view.startswith(role, end):
        post = (end, end + len(role))
        unit_end = start
    elif view.endswith(role, 0, start):
        post = (start - len(role), start)
        unit_end = post[0]
    else:
        return PostSpans(None, None, None)
    unit = (org_end[unit_end], unit_end) if unit_end in org_end else None
    return PostSpans(post, unit, _duty(view, min(start, post[0]), max(end, post[1])))


def _duty(view: str, left: int, right: int) -> Span | None:
    after = DUTY_AFTER.match(view, right)
    if after:
        return after.span(1)
    before = DUTY_BEFORE.search(view, max(0, left - 14), left)
    return before.span(1) if before else None
