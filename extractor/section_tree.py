"""The contract's section tree from the parser's nodes, and the section path of each item.

``parse_sections`` (``sections.py``) finds the headings; this builds the ``Section`` models with
their paths and raw offsets, and answers ``section_path_at`` for the many items of a document
at once (``SectionPaths``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from extractor.model import Section, trusted_one
from extractor.offsets import position_index

if TYPE_CHECKING:
    from extractor.sections import Node


def to_sections(
    text: str, nodes: list[Node], raw_span: Callable[[int, int], tuple[int, int]]
) -> list[Section]:
    """The contract's ``Section`` tree, with paths and raw offsets (``raw_span(start, end)``)."""
    return [_section(text, node, [index], raw_span) for index, node in enumerate(nodes)]


def _section(
    text: str, node: Node, path: list[int], raw_span: Callable[[int, int], tuple[int, int]]
) -> Section:
    raw_start, raw_end = raw_span(node.start, node.end)
    return trusted_one(  # every field, in Section's order
        Section,
        {
            "start": node.start,
            "end": node.end,
            "raw_start": raw_start,
            "raw_end": raw_end,
            "level": node.level,
            "kind": "item" if node.kind == "item" else "heading",
            "marker": text[node.start : node.marker_end],
            "title": text[node.title_start : node.title_end],
            "title_start": node.title_start,
            "title_end": node.title_end,
            "style": node.style,
            "flags": list(node.flags),
            "path": path,
            "children": [
                _section(text, child, [*path, index], raw_span)
                for index, child in enumerate(node.children)
            ],
        },
    )


class SectionPaths:
    """``section_path_at`` for the many items of one document: the offsets where the path
    changes, in order, each with the path from there on (a section's own ``path``, its
    parent's after its end). Needs a tree as ``to_sections`` builds it: siblings in text order,
    apart, inside their parent (``tests/test_sections.py`` compares the two). Compiled, a C
    class (``section_tree.pxd``): an item's path is a bisect in C, where the walk from the top
    bisected each level by a key on the models, ~5,000 instructions an item."""

    def __init__(self, sections: list[Section]) -> None:
        self._changes: list[int] = []
        self._paths: list[list[int]] = []
        self._add(sections, [])

    def _add(self, sections: list[Section], outer: list[int]) -> None:
        for section in sections:
            fields = section.__dict__  # a model's fields: read there, each by name cost more
            path = fields["path"]
            self._changes.append(fields["start"])
            self._paths.append(path)
            self._add(fields["children"], path)
            self._changes.append(fields["end"])
            self._paths.append(outer)

    def at(self, offset: int) -> list[int]:
        """``section_path_at(sections, offset)``, a list of its own."""
        index = position_index(self._changes, offset)
        return list(self._paths[index - 1]) if index else []


def flatten(sections: Sequence[Section]) -> list[Section]:
    """All sections in text order (a heading before its children)."""
    flat: list[Section] = []
    for section in sections:
        flat.append(section)
        flat.extend(flatten(section.children))
    return flat
