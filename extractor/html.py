"""A saved HTML page reduced to its readable text, as edits on the page source.

The source is never rewritten here: ``html_splices`` returns the edits, and the pipeline applies
them through ``EditableText`` so every character of the result still points back into the page.
A single compiled regex cuts the source into markup, entities, whitespace and text; each run of
adjacent markup and whitespace becomes one splice (a line break if a block tag is in it). The
tokenizer is built for broken pages: a ``<`` that starts no tag is text, an unclosed quote or
comment cannot make it scan the page again and again, and nothing in here raises.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.offsets import Splice

KIND = "html"
ENTITY_KIND = "html_entity"
_QUOTED = "\"[^\"]{0,1000}\"|'[^']{0,1000}'"  # bounded: an unclosed quote cannot run away
_TOKEN = re.compile(
    r"(?P<comment><!--.*?(?:--!?>|\Z))"
    r"|(?P<cdata><!\[CDATA\[.*?(?:\]\]>|\Z))"
    r"|(?P<doctype><[!?][^<>]{0,1000}>)"
    r"|(?P<script><(?P<raw>script|style)(?=[\s/>])[^<>]*+>.*?(?:</(?P=raw)\s*>|\Z))"
    rf"|(?P<tag></?(?P<name>[a-z][a-z0-9:-]*+)(?=[\s/>])(?:[^>\"'<]|{_QUOTED})*+>)"
    r"|(?P<entity>&(?:\#[0-9]{1,8};?|\#x[0-9a-f]{1,8};?|[a-z][a-z0-9]{1,31};?))"
    r"|(?P<space>[ \t\n\r\f]+)",
    re.DOTALL | re.IGNORECASE | re.ASCII,
)
# Elements dropped with their content; searched for their end once each, so that many unclosed
# ones cannot make the scan quadratic. A <head> without </head> ends where <body> begins.
_HIDDEN_ENDS = {
    "noscript": re.compile(r"</noscript\s*>", re.IGNORECASE | re.ASCII),
    "template": re.compile(r"</template\s*>", re.IGNORECASE | re.ASCII),
    "head": re.compile(r"</head\s*>|(?=<body[\s/>])", re.IGNORECASE | re.ASCII),
}
_RULES = {
    "comment": "html.comment",
    "cdata": "html.comment",
    "doctype": "html.doctype",
    "script": "html.script",
    "hidden": "html.script",
    "head": "html.head",
    "tag": "html.tag",
    "space": "html.whitespace",
}
_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "center"),
        *("dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer"),
        *("form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main"),
        *("nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead"),
        *("title", "tr", "ul"),
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_PAGE_MARKERS = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s/>]", re.IGNORECASE)
_BLOCK_MARKUP = re.compile(r"</?(?:p|div|br|td|li|tr|h[1-6]|table|ul|ol)[\s/>]", re.IGNORECASE)
_CJK = re.compile(
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
    r"\U00020000-\U0003ffff]"
)


@dataclass(frozen=True, slots=True)
class _Token:
    """A stretch of the source: its kind (a regex group name, or "text") and lower tag name."""

    start: int
    end: int
    kind: str
    name: str = ""


def looks_like_html(text: str) -> bool:
    """True for a real page; False for text with a little residue such as a stray ``</p>``."""
    if _PAGE_MARKERS.search(text[:4096]):
        return True
    tags = sum(1 for _ in _BLOCK_MARKUP.finditer(text))
    return tags >= 5 and tags * 400 >= len(text)


def html_splices(text: str) -> list[Splice]:
    """Sorted, non-overlapping edits that turn page source into readable text."""
    tokens = list(_tokenize(text))
    splices: list[Splice] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "entity":
            splices.extend(_entity_splice(text, token))
            index += 1
        elif token.kind == "text":
            index += 1
        else:
            end = _run_end(tokens, index)
            splices.extend(_run_splice(text, tokens, index, end))
            index = end
    return splices


def _tokenize(text: str) -> Iterator[_Token]:
    """Markup, entities and whitespace from the regex; whatever lies between them is text."""
    cursor = 0
    no_end_after: dict[str, int] = {}  # hidden element name -> from here on it never closes
    while match := _TOKEN.search(text, cursor):
        if match.start() > cursor:
            yield _Token(cursor, match.start(), "text")
        token = _token(match)
        if token.name in _HIDDEN_ENDS and not match.group().startswith("</"):
            token = _hidden(text, token, no_end_after)
        yield token
        cursor = token.end
    if cursor < len(text):
        yield _Token(cursor, len(text), "text")


def _token(match: re.Match[str]) -> _Token:
    kind = match.lastgroup or "text"  # the outer group: it closes after any nested one
    name = (match.group("name") or "").lower() if kind == "tag" else ""
    return _Token(match.start(), match.end(), kind, name)


def _hidden(text: str, token: _Token, no_end_after: dict[str, int]) -> _Token:
    """Stretch an opening noscript/template/head tag over its content, if it ever ends."""
    if token.end >= no_end_after.get(token.name, len(text) + 1):
        return token
    end = _HIDDEN_ENDS[token.name].search(text, token.end)
    if end is None:
        no_end_after[token.name] = token.end
        return token
    kind = "head" if token.name == "head" else "hidden"
    return _Token(token.start, end.end(), kind, token.name)


def _run_end(tokens: list[_Token], start: int) -> int:
    """Index just past the run of markup and whitespace tokens that begins at ``start``."""
    end = start
    while end < len(tokens) and tokens[end].kind not in ("text", "entity"):
        end += 1
    return end


def _run_splice(text: str, tokens: list[_Token], start: int, end: int) -> list[Splice]:
    """One splice for a run: a line break, a cell gap, one space, or nothing."""
    run = tokens[start:end]
    before = _neighbour(text, tokens, start - 1, last=True)
    after = _neighbour(text, tokens, end, last=False)
    replacement = _run_replacement(run, text, before, after)
    first, last = run[0].start, run[-1].end
    if text[first:last] == replacement:
        return []
    main = max(run, key=lambda token: token.end - token.start)
    return [Splice(first, last, replacement, KIND, _RULES[main.kind], _describe(run))]


def _run_replacement(run: list[_Token], text: str, before: str, after: str) -> str:
    if not before or not after:  # the edges of the page: nothing to separate
        return ""
    names = {token.name for token in run}
    if names & _BLOCK_TAGS:
        return "\n"
    if names & _CELL_TAGS:
        return " "
    spaces = [text[token.start : token.end] for token in run if token.kind == "space"]
    if not spaces or before.isspace() or after.isspace():
        return ""
    between_cjk = _is_cjk(before) and _is_cjk(after)
    if len(run) == 1:  # whitespace in a text node: a line break between ideographs is a wrap
        return "" if between_cjk and ("\n" in spaces[0] or "\r" in spaces[0]) else " "
    return "" if between_cjk else " "  # around inline tags Chinese needs no space


def _neighbour(text: str, tokens: list[_Token], index: int, *, last: bool) -> str:
    """The character a run touches on one side, entities taken as what they stand for."""
    if index < 0 or index >= len(tokens):
        return ""
    token = tokens[index]
    if token.kind == "entity":
        value = _unescape(text[token.start : token.end])
        return value[-1] if last else value[0]
    return text[token.end - 1] if last else text[token.start]


def _is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def _describe(run: list[_Token]) -> str:
    """What a run removed, e.g. "script, 3 tags, whitespace", for the repair log."""
    counts: dict[str, int] = {}
    for token in run:
        label = {"space": "whitespace", "hidden": token.name}.get(token.kind, token.kind)
        counts[label] = counts.get(label, 0) + 1
    parts = []
    for label, count in counts.items():
        parts.append(label if count == 1 or label == "whitespace" else f"{count} {label}s")
    return ", ".join(parts)


def _entity_splice(text: str, token: _Token) -> list[Splice]:
    source = text[token.start : token.end]
    value = _unescape(source)
    if value == source:
        return []
    return [Splice(token.start, token.end, value, ENTITY_KIND, "html.entity")]


def _unescape(entity: str) -> str:
    """``html.unescape``, except that a no-break space reads as a plain space."""
    return html.unescape(entity).replace("\xa0", " ")
