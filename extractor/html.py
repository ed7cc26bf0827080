"""A saved HTML page reduced to its readable text, as edits on the page source.

The source is never rewritten here: ``html_splices`` returns the edits, and the pipeline applies
them through ``EditableText`` so every character of the result still points back into the page.
``html_tokens`` cuts the source into markup, entities, whitespace and text; each run of
adjacent markup and whitespace becomes one splice (a line break if a block tag is in it),
and nothing in here raises, however broken the page.

Saved pages also carry site furniture: menus, breadcrumbs, sidebars of related links, footers.
Left as text they become lines of "首页 / 工作总结 / …" before the title, so one pass over the
tokens with a stack per tag name finds such elements, by their tag (nav, footer, aside), their
class or id ("top-nav", "sidebar"), or their make-up (a block that is nearly all link text), and
each one is folded into a single token that the run logic drops like any other markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.html_tokens import Token, tokenize, unescape
from extractor.offsets import Splice

KIND = "html"
ENTITY_KIND = "html_entity"
_RULES = {
    "comment": "html.comment",
    "cdata": "html.comment",
    "doctype": "html.doctype",
    "script": "html.script",
    "hidden": "html.script",
    "head": "html.head",
    "tag": "html.tag",
    "space": "html.whitespace",
    "navigation": "html.navigation",
    "link_list": "html.link_list",
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
# Opening block tags only: residue in plain text is mostly closing tags (</p>) and line breaks.
_BLOCK_MARKUP = re.compile(r"<(?:p|div|td|li|tr|h[1-6]|table|ul|ol)[\s>]", re.IGNORECASE)
# Site furniture. Elements removed with their content by tag name, or by a class or id that
# names them; "nav" etc. may sit anywhere in the value, "ad" only as a word of its own.
_FURNITURE = ("navigation", "link_list")  # token kinds of folded elements
_NAV_ELEMENTS = frozenset({"nav", "footer", "aside"})
_NEVER_FURNITURE = frozenset({"html", "head", "body", "main"})  # a stray class cannot empty a page
_NAV_WORDS = re.compile(
    r"nav|menu|footer|sidebar|crumb|share|comment|related|recommend|copyright", re.IGNORECASE
)
_AD_WORDS = frozenset({"ad", "ads", "advert"})
_WORD_SEGMENT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")  # "main_menu", "adBox", "AD-top"
_CLASS_OR_ID = re.compile(
    r"(?<![\w-])(?P<attr>class|id)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'>]+))",
    re.IGNORECASE | re.ASCII,
)
# Link lists: a block of these whose words are nearly all inside <a>. A block that holds a
# paragraph of prose is never one, however many links sit beside it (a page wrapper, say).
_LIST_BLOCKS = frozenset({"ul", "ol", "div", "p", "td"})
_LINK_SHARE = 0.9
_MIN_LINKS = 2
_PROSE_WORDS = 20
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_NON_WORD = re.compile(r"[\W_]+")  # separators such as "|", "·", ">" count as no text
_CJK = re.compile(
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
    r"\U00020000-\U0003ffff]"
)


@dataclass(slots=True)
class _Tally:
    """Running totals over the tokens seen so far; an element's share is the change across it."""

    words: int = 0
    link_words: int = 0
    links: int = 0
    titles: int = 0  # <h1> elements opened
    prose: int = 0  # list-like blocks closed that held a paragraph's worth of non-link words
    in_link: bool = False

    def counts(self) -> tuple[int, int, int, int, int]:
        return (self.words, self.link_words, self.links, self.titles, self.prose)


@dataclass(frozen=True, slots=True)
class _Open:
    """An opening tag waiting for its close: where it is, why it is furniture, totals then."""

    index: int
    note: str
    counts: tuple[int, int, int, int, int]


def looks_like_html(text: str) -> bool:
    """True for a real page; False for text with a little residue such as a stray ``</p>``."""
    if _PAGE_MARKERS.search(text[:4096]):
        return True
    tags = sum(1 for _ in _BLOCK_MARKUP.finditer(text))
    return tags >= 5 and tags * 400 >= len(text)


def html_splices(text: str) -> list[Splice]:
    """Sorted, non-overlapping edits that turn page source into readable text."""
    tokens = list(tokenize(text))
    tokens = _fold(tokens, _furniture(text, tokens))
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


def _run_end(tokens: list[Token], start: int) -> int:
    """Index just past the run of markup and whitespace tokens that begins at ``start``."""
    end = start
    while end < len(tokens) and tokens[end].kind not in ("text", "entity"):
        end += 1
    return end


def _run_splice(text: str, tokens: list[Token], start: int, end: int) -> list[Splice]:
    """Splices for a run: a line break, a cell gap, one space, or nothing.

    Folded furniture gets a splice of its own, so the log shows each removed menu whole under its
    rule; the run's separator goes to the markup beside it, or to the element if there is none.
    """
    run = tokens[start:end]
    before = _neighbour(text, tokens, start - 1, last=True)
    after = _neighbour(text, tokens, end, last=False)
    replacement = _run_replacement(run, text, before, after)
    groups = _groups(run)
    carrier = next((n for n, group in enumerate(groups) if group[0].kind not in _FURNITURE), 0)
    splices = []
    for number, group in enumerate(groups):
        first, last = group[0].start, group[-1].end
        value = replacement if number == carrier else ""
        if text[first:last] == value:
            continue
        if group[0].kind in _FURNITURE:
            splices.append(Splice(first, last, value, KIND, _RULES[group[0].kind], group[0].note))
        else:
            main = max(group, key=lambda token: token.end - token.start)
            splices.append(Splice(first, last, value, KIND, _RULES[main.kind], _describe(group)))
    return splices


def _groups(run: list[Token]) -> list[list[Token]]:
    """The run cut into stretches of plain markup, with each folded element alone."""
    groups: list[list[Token]] = []
    for token in run:
        if token.kind in _FURNITURE or not groups or groups[-1][0].kind in _FURNITURE:
            groups.append([token])
        else:
            groups[-1].append(token)
    return groups


def _run_replacement(run: list[Token], text: str, before: str, after: str) -> str:
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


def _neighbour(text: str, tokens: list[Token], index: int, *, last: bool) -> str:
    """The character a run touches on one side, entities taken as what they stand for."""
    if index < 0 or index >= len(tokens):
        return ""
    token = tokens[index]
    if token.kind == "entity":
        value = unescape(text[token.start : token.end])
        return value[-1] if last else value[0]
    return text[token.end - 1] if last else text[token.start]


def _is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def _describe(run: list[Token]) -> str:
    """What a run removed, e.g. "script, 3 tags, whitespace", for the repair log."""
    counts: dict[str, int] = {}
    for token in run:
        label = {"space": "whitespace", "hidden": token.name}.get(token.kind, token.kind)
        counts[label] = counts.get(label, 0) + 1
    parts = []
    for label, count in counts.items():
        parts.append(label if count == 1 or label == "whitespace" else f"{count} {label}s")
    return ", ".join(parts)


def _furniture(text: str, tokens: list[Token]) -> list[tuple[int, int, str, str]]:
    """Token index spans (open, close, kind, note) of the outermost furniture elements.

    Each tag name has its own stack, so a close tag matches the nearest open one of its name
    and nesting is counted per name; an element whose close never comes is never removed. Only
    running totals are kept, so the pass stays linear however deep or broken the page is.
    """
    tally = _Tally()
    open_tags: dict[str, list[_Open]] = {}
    found: list[tuple[int, int, str, str]] = []
    for index, token in enumerate(tokens):
        if token.kind in ("text", "entity"):
            _count_words(tally, text[token.start : token.end], token.kind)
        elif token.kind == "tag" and token.name not in _VOID_TAGS:
            closing = text[token.start + 1] == "/"
            _count_tag(tally, token.name, closing)
            stack = open_tags.setdefault(token.name, [])
            if not closing:
                stack.append(_Open(index, _navigation_note(text, token), tally.counts()))
            elif stack:
                entry = stack.pop()
                verdict = _verdict(entry, token.name, tally)
                if verdict is not None:
                    found.append((entry.index, index, *verdict))
    return _outermost(found)


def _count_words(tally: _Tally, source: str, kind: str) -> None:
    """Add a text or entity token's words (letters, digits, ideographs) to the totals."""
    value = unescape(source) if kind == "entity" else source
    words = len(value) - sum(len(gap) for gap in _NON_WORD.findall(value))
    tally.words += words
    if tally.in_link:
        tally.link_words += words


def _count_tag(tally: _Tally, name: str, closing: bool) -> None:
    """Follow links (an <a> open or closed) and titles for the totals."""
    if name == "a":
        tally.in_link = not closing
        tally.links += not closing
    elif name == "h1" and not closing:
        tally.titles += 1


def _navigation_note(text: str, token: Token) -> str:
    """Why an opening tag starts furniture ("nav", 'div class="top-nav"'), or "" if it does not."""
    if token.name in _NAV_ELEMENTS:
        return token.name
    if token.name in _NEVER_FURNITURE:
        return ""
    for match in _CLASS_OR_ID.finditer(text, token.start, token.end):
        value = match.group("dq") or match.group("sq") or match.group("bare") or ""
        if _names_furniture(value):
            return f'{token.name} {match.group("attr").lower()}="{value[:60]}"'
    return ""


def _names_furniture(value: str) -> bool:
    """True for "top-nav", "main_menu", "ad-box", "headerAd"; False for "header", "shadow"."""
    if _NAV_WORDS.search(value):
        return True
    for segment in _WORD_SEGMENT.findall(value):
        word = segment.lower()
        if word in _AD_WORDS or word.startswith("advert"):
            return True
    return False


def _verdict(entry: _Open, name: str, tally: _Tally) -> tuple[str, str] | None:
    """(kind, note) if the element just closed is furniture; None keeps it.

    An element holding an <h1> always stays: that is the page's own title. A list-like block
    that is not a link list but has a paragraph's worth of other words is counted as prose, so
    that no block around it can pass for a link list. A class or id, when it names the element,
    is the better reason to give in the log.
    """
    words, link_words, links, titles, prose = entry.counts
    if tally.titles > titles:
        return None
    if name in _LIST_BLOCKS:
        words, link_words = tally.words - words, tally.link_words - link_words
        links, prose = tally.links - links, tally.prose - prose
        if links >= _MIN_LINKS and words and not prose and link_words >= _LINK_SHARE * words:
            if not entry.note:
                return "link_list", f"{name}, {links} links"
        elif words - link_words >= _PROSE_WORDS:
            tally.prose += 1
    return ("navigation", entry.note) if entry.note else None


def _outermost(found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Spans in order with nested ones dropped; spans that cross (misnested tags) are joined."""
    merged: list[tuple[int, int, str, str]] = []
    for first, last, kind, note in sorted(found):
        if merged and first <= merged[-1][1]:
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last, merged[-1][2], merged[-1][3])
            continue
        merged.append((first, last, kind, note))
    return merged


def _fold(tokens: list[Token], spans: list[tuple[int, int, str, str]]) -> list[Token]:
    """Each furniture span becomes one token, named after its tag so it still breaks a line."""
    if not spans:
        return tokens
    folded: list[Token] = []
    cursor = 0
    for first, last, kind, note in spans:
        folded.extend(tokens[cursor:first])
        opening = tokens[first]
        folded.append(Token(opening.start, tokens[last].end, kind, opening.name, note))
        cursor = last + 1
    folded.extend(tokens[cursor:])
    return folded


def _entity_splice(text: str, token: Token) -> list[Splice]:
    source = text[token.start : token.end]
    value = unescape(source)
    if value == source:
        return []
    return [Splice(token.start, token.end, value, ENTITY_KIND, "html.entity")]
