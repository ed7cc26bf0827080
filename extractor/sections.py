"""The section tree: which marker candidates are headings, how they nest, and their titles.

Candidates come from the marker grammar (``extractor/markers.py``). One pass in text order then
decides, per candidate:

- **whether it is a heading**: at a line start it is (a few damaged forms also need a plausible
  number); after a sentence end (。；：！？, for items also ，、) its number must start a run (1)
  or continue it (the previous sibling's number + 1, or the last number of its family anywhere
  when it is the first under its parent: 第五条 under 第三章, 四是 under a new heading), or jump
  ahead when the next of its family follows on (四、 after 二、, then 五、: lost content); anywhere
  else it must continue its run and the next of its family must follow on (名次3.校本 between 2.
  and 4.). So a lone 3.14, 1.5万元 or 五年级(2)班 is never a heading. Sequence words (首先，其次，
  最后，) carry their own evidence, the comma: once 首先 has begun a run they may stand anywhere.
- **where it goes**: a family already open on the stack makes it a sibling of that heading; a
  family seen before goes back under the kind of parent it was first seen under; a new family
  nests under the open heading when GB/T 9704 ranks it lower (一、 → (一) → 1. → (1) → ①),
  else closes headings until it does. Items (一是, 首先, 第一,) are leaves of the open heading.
- **irregular numbering** is kept as written and flagged on the section: ``repeated`` (5. twice),
  ``out_of_order`` (三、 after 四、), ``jump`` (一、 then 三、, or a run starting at 二、),
  ``restart`` (a heading run that starts again at 1 under the same parent).

A heading's title runs to the first 。；： or the line end (an item's also stops at ，), or to
the next section found inline; corpus/ANNOTATION.md is the convention.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Protocol

from extractor.markers import Candidate, Grammar, Style, find_candidates

_HEADING_TITLE_END = re.compile(r"[。;:\n]")
_ITEM_TITLE_END = re.compile(r"[,。;:\n]")
_SPACES = " \t\r\u3000"
# compiled, a title's end is found by a loop in C (``_title_end``); interpreted, by a search (the
# compiled module's file is no ``.py``)
_COMPILED = not __file__.endswith(".py")


class Node:
    """A section being built: offsets into the document text, children in text order.

    A plain class, not a dataclass: compiled, a dataclass's generated ``__init__`` still runs
    as Python bytecode, about 7,000 instructions a node with its keywords and factories.
    Compiled, a C class (``sections.pxd``; the slots serve pure Python).
    """

    __slots__ = (
        "children",
        "end",
        "family",
        "flags",
        "kind",
        "level",
        "marker_end",
        "n",
        "number",
        "rank",
        "start",
        "style",
        "title_end",
        "title_start",
    )

    def __init__(
        self,
        family: str,
        kind: str,
        level: int,
        rank: int,
        number: tuple[int, ...],
        start: int,
        marker_end: int,
        style: str = "",
    ) -> None:
        self.family, self.kind, self.level, self.rank = family, kind, level, rank
        self.number, self.start, self.marker_end = number, start, marker_end
        self.n = number[-1]
        self.style = style
        self.flags: list[str] = []
        self.children: list[Node] = []
        self.title_start = self.title_end = self.end = 0

    def last_child(self, family: str) -> Node | None:
        for child in reversed(self.children):
            if child.family == family:
                return child
        return None


def parse_sections(text: str, view: str, grammar: Grammar, end: int | None = None) -> list[Node]:
    """The heading tree of one document (``view`` is its matching view).

    The last sections run to ``end`` (the closing block, when the caller knows where it is).
    """
    candidates = _resolve_outline(find_candidates(view, grammar), view, grammar)
    root = Node("", "root", 0, 0, (0,), 0, 0)
    nodes = _Builder(candidates).build(root)
    _fill_titles(text, view, nodes)
    root.end = max(len(text) if end is None else end, nodes[-1].title_end if nodes else 0)
    _fill_ends(root)
    return root.children


# ---- decimal outlines -------------------------------------------------------------------------


def _resolve_outline(candidates: list[Candidate], view: str, grammar: Grammar) -> list[Candidate]:
    """In a document with decimal headings (2.1), 1. and a bare 1 at a line start are its top.

    Elsewhere 1. is the third level and a bare number at a line start is no heading.
    """
    decimal = [c for c in candidates if c.style.numbering == "decimal" and len(c.number) > 1]
    if not decimal:
        return [c for c in candidates if c.style.numbering != "decimal"]
    tops = {c.number[0] for c in decimal}
    top_style = replace(decimal[0].style, level=1)
    resolved = []
    for candidate in candidates:
        if candidate.style.family == "arabic" and candidate.position == "line":
            dotted = view[candidate.end - 1] == "."
            spaced = view[candidate.end : candidate.end + 1] in (" ", "\t", "\u3000")
            if dotted and (candidate.n in tops or spaced):
                candidate = Candidate(
                    candidate.start, candidate.end, top_style, candidate.number, candidate.position
                )
        resolved.append(candidate)
    return resolved


def _family(candidate: Candidate) -> str:
    if candidate.style.numbering == "decimal":
        return f"{candidate.style.family}.{len(candidate.number)}"
    return candidate.style.family


def _rank(candidate: Candidate) -> int:
    if candidate.style.numbering == "decimal":
        return candidate.style.rank + 10 * len(candidate.number)
    return candidate.style.rank


# ---- the structural pass ----------------------------------------------------------------------


class _Builder:
    """One pass over the candidates with a stack of open headings."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        self.stack: list[Node] = []
        self.last_number: dict[str, int] = {}  # family → last accepted number, anywhere
        self.first_parent: dict[str, str] = {}  # family → family of its first parent
        self.next_number = _next_in_family(candidates)

    def build(self, root: Node) -> list[Node]:
        accepted = []
        for index, candidate in enumerate(self.candidates):
            family = _family(candidate)
            parent, previous, keep = self._place(candidate, family, root)
            if not self._plausible(index, candidate, family, previous):
                continue
            node = self._node(candidate, family, parent, previous)
            parent.children.append(node)
            if node.kind == "heading":
                del self.stack[keep:]
                self.stack.append(node)
                self.first_parent.setdefault(family, parent.family)
            self.last_number[family] = node.n
            accepted.append(node)
        return accepted

    def _place(
        self, candidate: Candidate, family: str, root: Node
    ) -> tuple[Node, Node | None, int]:
        """(parent, previous sibling of the same family, stack depth kept)."""
        stack = self.stack
        if candidate.style.kind == "item":
            parent = stack[-1] if stack else root
            return parent, parent.last_child(family), len(stack)
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].family == family:
                parent = stack[depth - 1] if depth else root
                return parent, stack[depth], depth
        rank = _rank(candidate)
        ancestors = self._ancestors(family)
        depth = len(stack)
        while depth and not self._above(stack[depth - 1], family, rank, ancestors):
            depth -= 1
        parent = stack[depth - 1] if depth else root
        return parent, parent.last_child(family), depth

    def _ancestors(self, family: str) -> list[str]:
        """The families ``family`` was first seen under, its parent's, and so on."""
        chain = []
        current = self.first_parent.get(family)
        while current and current not in chain:
            chain.append(current)
            current = self.first_parent.get(current)
        return chain

    def _above(self, open_node: Node, family: str, rank: int, ancestors: list[str]) -> bool:
        """May a heading of ``family`` nest under ``open_node``? As learned, else by GB/T rank."""
        if open_node.family in ancestors:
            return True
        if family in self._ancestors(open_node.family):
            return False
        return open_node.rank < rank

    def _expected(self, family: str, previous: Node | None) -> int:
        if previous is not None:
            return previous.n + 1
        return self.last_number.get(family, 0) + 1

    def _plausible(
        self, index: int, candidate: Candidate, family: str, previous: Node | None
    ) -> bool:
        n = candidate.n
        if candidate.style.numbering == "words":
            return n == 1 or family in self.last_number
        expected = self._expected(family, previous)
        in_sequence = n in (1, expected)
        proved = self.next_number[index] == n + 1
        if candidate.position == "line":
            return in_sequence or not candidate.style.line_needs_sequence
        if candidate.position in ("sentence", "clause"):
            return in_sequence or (n > expected and proved)  # 四、 after 二、, then 五、
        return in_sequence and proved

    def _node(self, candidate: Candidate, family: str, parent: Node, previous: Node | None) -> Node:
        style: Style = candidate.style
        n = candidate.n
        if style.numbering == "words" and n < 0:  # 最后 closes the run, whatever its length
            n = (previous.n if previous else self.last_number.get(family, 0)) + 1
        if style.kind == "item":
            level = parent.level + 1
        elif style.numbering == "decimal":
            level = len(candidate.number)
        else:
            level = style.level
        node = Node(
            family,
            style.kind,
            level,
            _rank(candidate),
            (*candidate.number[:-1], n),
            candidate.start,
            candidate.end,
            style.id,
        )
        if style.numbering != "words":
            node.flags = _flags(node, parent, previous, self.last_number.get(family))
        return node


def _next_in_family(candidates: list[Candidate]) -> list[int | None]:
    """For each candidate, the number of the next candidate of its family (None at the end)."""
    following: dict[str, int] = {}
    result: list[int | None] = [None] * len(candidates)
    for index in range(len(candidates) - 1, -1, -1):
        family = _family(candidates[index])
        result[index] = following.get(family)
        following[family] = candidates[index].n
    return result


def _flags(node: Node, parent: Node, previous: Node | None, last: int | None) -> list[str]:
    """How the numbering departs from 1, 2, 3 …: kept as written, only flagged."""
    n = node.n
    flags = []
    if previous is not None and previous.number[:-1] != node.number[:-1]:
        previous, last = None, None  # 3.1 after 2.4: a new branch of a decimal outline
    if previous is not None:
        if n == previous.n:
            flags.append("repeated")
        elif n < previous.n:
            if n != 1:
                flags.append("out_of_order")
            elif node.kind == "heading":
                flags.append("restart")
        elif n > previous.n + 1:
            flags.append("jump")
    elif n != 1:
        if last is None or n > last + 1:
            flags.append("jump")
        elif n == last:
            flags.append("repeated")
        elif n < last:
            flags.append("out_of_order")
    if (
        len(node.number) > 1
        and len(parent.number) == len(node.number) - 1
        and parent.family.startswith("decimal")
        and parent.number != node.number[:-1]
        and "out_of_order" not in flags
    ):
        flags.append("out_of_order")  # 2.4 under 3
    return flags


# ---- titles and spans -------------------------------------------------------------------------


def _fill_titles(text: str, view: str, nodes: list[Node]) -> None:
    """Each title runs from after its marker to its end mark, or to the next section inline."""
    for index, node in enumerate(nodes):
        limit = nodes[index + 1].start if index + 1 < len(nodes) else len(text)
        start = node.marker_end
        while start < limit and view[start] in _SPACES:
            start += 1
        if node.kind == "item" and start < limit and view[start] == ",":
            start += 1  # 首先， / 第一，: the comma separates marker and title
        end = _title_end(view, start, limit, node.kind == "item")
        while end > start and view[end - 1] in _SPACES:
            end -= 1
        node.title_start, node.title_end = start, end


def _title_end(view: str, start: int, limit: int, item: bool) -> int:
    """Where a title from ``start`` stops: at its first 。;: or line end (an item's also at ,),
    else at ``limit``. Compiled, a loop in C over the title's few characters (a search called
    cost ~1,000 instructions a title); interpreted, the search."""
    if not _COMPILED:
        found = (_ITEM_TITLE_END if item else _HEADING_TITLE_END).search(view, start, limit)
        return found.start() if found else limit
    for at in range(start, limit):
        char = view[at]
        if char in "。;:\n" or (item and char == ","):
            return at
    return limit


def _fill_ends(parent: Node) -> None:
    """A section runs until its next sibling, or to the end of its parent."""
    children = parent.children
    for index, child in enumerate(children):
        child.end = children[index + 1].start if index + 1 < len(children) else parent.end
        _fill_ends(child)


# ---- paths ------------------------------------------------------------------------------------


class _Spanned(Protocol):
    start: int
    end: int

    @property
    def children(self) -> Sequence[_Spanned]: ...


_START = attrgetter("start")


def section_path_at(sections: Sequence[_Spanned], offset: int) -> list[int]:
    """Indices from the top of the tree down to the deepest section holding ``offset``.

    ``[]`` before the first section (the preamble); ``[1, 0]`` is the first child of the second
    top-level section. Works on ``Section`` models and on parser nodes alike.
    """
    path: list[int] = []
    level = sections
    while level:
        index = bisect_right(level, offset, key=_START) - 1
        if index < 0 or offset >= level[index].end:
            break
        path.append(index)
        level = level[index].children
    return path
