"""A saved HTML page cut into tokens: markup, entities, whitespace, and the text between them.

A single compiled regex does the cutting, built for broken pages: a ``<`` that starts no tag is
text, an unclosed quote or comment cannot make it scan the page again and again, and an element
dropped with its content (noscript, template, head) is searched for its end once per name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Token:
    """A stretch of the source: its kind (a regex group name, or "text") and lower tag name."""

    start: int
    end: int
    kind: str
    name: str = ""
    note: str = ""  # for folded furniture: what it was, for the repair log


def tokenize(text: str) -> Iterator[Token]:
    """Markup, entities and whitespace from the regex; whatever lies between them is text."""
    cursor = 0
    no_end_after: dict[str, int] = {}  # hidden element name -> from here on it never closes
    while match := _TOKEN.search(text, cursor):
        if match.start() > cursor:
            yield Token(cursor, match.start(), "text")
        token = _token(match)
        if token.name in _HIDDEN_ENDS and not match.group().startswith("</"):
            token = _hidden(text, token, no_end_after)
        yield token
        cursor = token.end
    if cursor < len(text):
        yield Token(cursor, len(text), "text")


def _token(match: re.Match[str]) -> Token:
    kind = match.lastgroup or "text"  # the outer group: it closes after any nested one
    name = (match.group("name") or "").lower() if kind == "tag" else ""
    return Token(match.start(), match.end(), kind, name)


def _hidden(text: str, token: Token, no_end_after: dict[str, int]) -> Token:
    """Stretch an opening noscript/template/head tag over its content, if it ever ends."""
    if token.end >= no_end_after.get(token.name, len(text) + 1):
        return token
    end = _HIDDEN_ENDS[token.name].search(text, token.end)
    if end is None:
        no_end_after[token.name] = token.end
        return token
    kind = "head" if token.name == "head" else "hidden"
    return Token(token.start, end.end(), kind, token.name)


def unescape(entity: str) -> str:
    """``html.unescape``, except that a no-break space reads as a plain space."""
    return html.unescape(entity).replace("\xa0", " ")
