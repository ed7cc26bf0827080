"""The title of a document: its first short line, joined with a second one when broken.

Scraped titles are often split after the issuing unit (``某某小学校`` / ``实施…工作总结``): when
the first line does not end in a document type (总结, 计划, 报告 …) and the second does, the
two lines form the title.
"""

from __future__ import annotations

import regex

from extractor.views import matching_view

_MAX_TITLE_LENGTH = 60
_SENTENCE_END = "。;!?,:"  # in the width-folded view
_HEADING_START = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十\d]+\)|\d+[、.]|第[一二三四五六七八九十\d]+[章节条部])"
)


def detect_title(text: str, document_types: tuple[str, ...]) -> str | None:
    """The title, as written in the text (its own script), or None when nothing looks like one."""
    lines = [line.strip() for line in text.split("\n", 3)[:3]]
    views = [matching_view(line) for line in lines]
    if not lines or not _could_be_title(views[0]):
        return None
    if _ends_with_type(views[0], document_types):
        return lines[0]
    if (
        len(lines) > 1
        and _could_be_title(views[1])
        and _ends_with_type(views[1], document_types)
        and len(lines[0]) + len(lines[1]) <= _MAX_TITLE_LENGTH
    ):
        return lines[0] + lines[1]
    return lines[0]


def _could_be_title(line: str) -> bool:
    return (
        0 < len(line) <= _MAX_TITLE_LENGTH
        and line[-1] not in _SENTENCE_END
        and not _HEADING_START.match(line)
    )


def _ends_with_type(line: str, document_types: tuple[str, ...]) -> bool:
    return line.endswith(document_types)
