"""The pipeline: bytes → decode → repair → furniture and boundaries → documents.

Each stage proposes splices on the whole input's text; ``EditableText`` applies them and keeps
the map back to the decoded original. Only at the end is the text cut into documents, each
carrying its share of the original and of the repair log.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, TypeVar

from extractor.boilerplate import find_furniture, shift_positions
from extractor.closing import document_type, find_closing
from extractor.date_mentions import fill_dates
from extractor.date_rules import load_date_words
from extractor.decode import Decoded, decode
from extractor.entity_lexicon import load_entity_lexicon
from extractor.entity_patterns import load_patterns
from extractor.entity_stage import fill_entities
from extractor.errors import NoContentError
from extractor.figure_rules import load_money_rules, load_quantity_rules
from extractor.figures import fill_figures
from extractor.html import html_splices, looks_like_html
from extractor.markers import compile_grammar
from extractor.model import (
    SCHEMA_VERSION,
    DateMention,
    Document,
    Repair,
    repair_models,
    trusted_one,
)
from extractor.model_json import document_json, repairs_json
from extractor.offsets import EditableText, Splice
from extractor.repair import RepairConfig, RepairState, repair
from extractor.rules import RuleSet, load_rules
from extractor.section_tree import to_sections
from extractor.sections import parse_sections, section_path_at
from extractor.segment import cut, tidy
from extractor.titles import detect_title
from extractor.views import matching_view

DEFAULT_MAX_BYTES = 64 * 2**20
_ALWAYS_FURNITURE = ("footer.", "paywall.", "split.")  # rule ids no document's own line matches


@dataclass(frozen=True)
class Options:
    """Everything a caller may tune; the defaults are what the CLI uses."""

    repair: RepairConfig = field(default_factory=RepairConfig)
    rules_dirs: tuple[Path, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES


def load_every_rule(rules_dirs: tuple[Path, ...]) -> None:
    """Load every rule family the pipeline reads (each loader keeps what it loads): a broken
    rule in a ``--rules`` folder raises ``RulesError`` now, once, and not on every input as
    the stage that reads it first runs."""
    load_rules(rules_dirs)
    load_money_rules(rules_dirs)
    load_quantity_rules(rules_dirs)
    load_date_words(rules_dirs)
    load_entity_lexicon(rules_dirs)
    load_patterns(rules_dirs)


def extract(
    data: str | bytes, source: str | None = None, options: Options | None = None
) -> list[Document]:
    """All documents in one input, in input order.

    Raises ``ExtractionError`` (a ``ValueError``) for input that holds no document: empty,
    binary, undecodable, too large, or nothing but site furniture.
    """
    documents = []
    with collector_paused():
        for document, repairs in _extracted(data, source, options or Options(), _repair_models):
            document.repairs = repairs
            documents.append(document)
    return documents


def extract_json(
    data: str | bytes, source: str | None = None, options: Options | None = None
) -> list[str]:
    """``[document.model_dump_json() for document in extract(...)]``: ``extract_lines``,
    decoded."""
    return [line.decode() for line in extract_lines(data, source, options)]


def extract_lines(
    data: str | bytes, source: str | None = None, options: Options | None = None
) -> list[bytes]:
    """``extract_json``'s lines in UTF-8, what a batch writes, without a ``Repair`` model for
    each repair (``model_json.document_json``) and without decoding pydantic-core's UTF-8 to encode
    it again for the file."""
    with collector_paused():  # the documents are freed in it, as ``_json_lines`` returns
        return _json_lines(_extracted(data, source, options or Options(), repairs_json))


def _json_lines(extracted: list[tuple[Document, bytes]]) -> list[bytes]:
    return [document_json(document, repairs) for document, repairs in extracted]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while one input is extracted, back on after.

    The pipeline makes no reference cycles (``tests/test_collector.py`` holds it to that): what
    an input allocates is freed by reference counting as soon as it is done with. A collection
    during an input finds nothing to free, yet walks every container the input still holds;
    at Python's default thresholds (a library caller's) 150 simulated pages took about 6% less
    CPU paused. Whatever a cycle of a user's rules or of a library leaves is collected after
    the input, at the process's thresholds. A collector found off stays off; threads
    extracting at once leave it on once the last is done.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _repair_models(editable: EditableText, start: int, end: int, last: bool) -> list[Repair]:
    return repair_models(editable.repair_rows(start, end, last=last))


_Log = TypeVar("_Log")


def _extracted(
    data: str | bytes,
    source: str | None,
    options: Options,
    log: Callable[[EditableText, int, int, bool], _Log],
) -> list[tuple[Document, _Log]]:
    """Each document of one input, its repairs still empty, with what ``log`` makes of its
    share of the repair log (``log(editable, start, end, last)``, as ``repair_rows`` reads
    it): the models of ``extract`` or the JSON of a batch."""
    decoded = decode(data, max_bytes=options.max_bytes)
    rules = load_rules(options.rules_dirs)
    editable = EditableText(decoded.text)
    input_format = "html" if looks_like_html(decoded.text) else "text"
    if input_format == "html":
        editable.apply(html_splices(decoded.text))
    state = RepairState(editable, rules, hints=[])
    repair(state, options.repair)
    spans = _documents(editable, rules)
    if not spans:
        raise NoContentError(
            "nothing is left once site furniture is removed; run `extractor clean --explain` "
            "on it to see what each rule removed",
            source=source,
        )
    digest = hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()
    shared = _Shared(
        digest[:20],
        source,
        editable,
        decoded,
        input_format,
        _notes(decoded, state),
        log,
    )
    documents = []
    for index, (start, end) in enumerate(spans):
        document, repairs = _document(shared, index, index == len(spans) - 1, start, end)
        view = matching_view(document.text)  # one matching view per document, for every stage
        document = _structure(document, editable, start, rules, view)
        document = fill_figures(document, editable, start, view, options.rules_dirs)
        document = fill_dates(document, editable, start, view, options.rules_dirs)
        document = fill_entities(document, editable, start, view, options.rules_dirs)
        documents.append((document, repairs))
    return documents


@dataclass(frozen=True)
class _Shared(Generic[_Log]):
    """What every document of one input shares: the start of their ids, the input's name, the
    repaired text with its repair log, how it was decoded and read, the notes about it, and
    what to make of each document's share of the log."""

    id_stem: str
    source: str | None
    editable: EditableText
    decoded: Decoded
    input_format: str
    notes: list[str]
    log: Callable[[EditableText, int, int, bool], _Log]


def _notes(decoded: Decoded, state: RepairState) -> list[str]:
    """What a reader of every document of the input should know about how it was read."""
    notes = [decoded.confidence_note] if decoded.confidence_note else []
    if state.hints:
        notes.append(
            f"{len(state.hints)} pinyin readings stood beside garbled characters; "
            "they are kept as hints for mojibake recovery"
        )
    return notes + state.notes


def _document(
    shared: _Shared[_Log], index: int, last: bool, start: int, end: int
) -> tuple[Document, _Log]:
    """The document at ``[start, end)`` of the repaired text, before any extractor ran, with
    its share of the original (from the end of the one before it to its own end; the first
    starts at 0, the last ends with the input) and of the repair log, as ``shared.log`` makes
    it (a removal exactly at a boundary belongs to the document after it; the last takes
    those at the very end of the input)."""
    editable = shared.editable
    raw_start = 0 if index == 0 else editable.raw_end_of(start - 1)
    raw_end = len(shared.decoded.text) if last else editable.raw_end_of(end - 1)
    document = trusted_one(  # every field, in Document's order (validated: ~37,000 instructions)
        Document,
        {
            "schema_version": SCHEMA_VERSION,
            "id": f"{shared.id_stem}-{index}",
            "source": shared.source,
            "index": index,
            "encoding": shared.decoded.encoding,
            "input_format": shared.input_format,
            "title": None,
            "document_type": None,
            "issuer": None,
            "signed_date": None,
            "text": editable.text[start:end],
            "raw_start": raw_start,
            "raw_end": raw_end,
            "original": shared.decoded.text,
            "repairs": [],  # ``extract`` sets the models ``shared.log`` made, a batch writes
            "notes": list(shared.notes),
            "sections": [],
            "amounts": [],
            "quantities": [],
            "dates": [],
            "people": [],
            "organisations": [],
            "places": [],
        },
    )
    return document, shared.log(editable, start, end, last)


def _structure(
    document: Document, editable: EditableText, start: int, rules: RuleSet, view: str
) -> Document:
    """Title, type, section tree, issuer and signed date of one document, in place."""
    text = document.text

    def raw_span(span_start: int, span_end: int) -> tuple[int, int]:
        return editable.raw_span(start + span_start, start + span_end)

    document.title = detect_title(text, rules.document_types)
    title_view = matching_view(document.title) if document.title else None
    document.document_type = document_type(
        title_view, rules.document_types, rules.secondary_document_types
    )
    closing = find_closing(text, view, rules.issuer_suffixes)
    grammar = compile_grammar(rules.section_styles)
    nodes = parse_sections(text, view, grammar, end=closing.start)
    document.sections = to_sections(text, nodes, raw_span)
    document.issuer = closing.issuer
    document.notes.extend(closing.notes)
    if closing.date is not None:
        date = closing.date
        raw_start, raw_end = raw_span(date.start, date.end)
        document.signed_date = DateMention(
            start=date.start,
            end=date.end,
            raw_start=raw_start,
            raw_end=raw_end,
            text=text[date.start : date.end],
            year=date.year,
            month=date.month,
            day=date.day,
            year_masked=date.year_masked,
            section_path=section_path_at(document.sections, date.start),
        )
    return document


def _documents(editable: EditableText, rules: RuleSet) -> list[tuple[int, int]]:
    """Remove furniture, cut at document boundaries, tidy edges; the non-empty spans."""
    view = matching_view(editable.text)
    furniture = find_furniture(editable.text, view, rules)
    if not _kept(editable.text, furniture.splices).strip():
        # A lone line that looks like page furniture (a bare timestamp, a title-like heading)
        # is the whole input: only what no document ever says (footers, paywalls) goes then.
        sure = tuple(r for r in rules.boilerplate if r.id.startswith(_ALWAYS_FURNITURE))
        furniture = find_furniture(editable.text, view, replace(rules, boilerplate=sure))
    editable.apply(furniture.splices)
    boundaries = shift_positions(furniture.boundaries, furniture.splices)
    spans = cut(len(editable.text), boundaries)
    tidying = tidy(editable.text, spans)
    editable.apply(tidying)
    starts = shift_positions([start for start, _ in spans], tidying)
    return [(s, e) for s, e in cut(len(editable.text), starts) if e > s]


def _kept(text: str, splices: list[Splice]) -> str:
    """What a text would read once the splices are applied."""
    parts, cursor = [], 0
    for splice in splices:
        parts.append(text[cursor : splice.start] + splice.replacement)
        cursor = splice.end
    return "".join(parts) + text[cursor:]
