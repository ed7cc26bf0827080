"""The batch engine: inputs in, one ``Outcome`` per input out, in this process or in a pool.

>>> from extractor.batch import run
>>> from extractor.inputs import Input
>>> page = Input("a.txt", lambda: "某村2020年工作总结\\n全年脱贫12户。".encode())
>>> [(o.source, o.documents, o.error) for o in run([page])]
[('a.txt', 1, None)]

Inputs are read here, in the calling process (archives stream in order, one member at a time);
only the bytes go to the workers, a chunk of a few inputs a task, and the workers fork from a
parent that loaded everything first. At most two chunks per worker are in flight, so memory stays
flat whatever the number of inputs.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import ExtractionError, InternalError
from extractor.inputs import Input
from extractor.model import ErrorRecord
from extractor.pipeline import Options, extract_lines, load_every_rule
from extractor.rules import default_rules_dir

YOUNG_COLLECTION = 20_000  # allocations between collections of the collector's youngest objects

CHUNK_INPUTS = 4  # inputs a pool task extracts at most
CHUNK_BYTES = 256 * 1024  # or fewer, once their data reaches this size
CHUNKS_PER_WORKER = 2  # chunks in flight per worker: one at work, one queued
REPORT_BUG = "this is a bug in extractor: please report it with this input attached"


@dataclass(frozen=True)
class Outcome:
    """What one input gave: its documents as JSON lines and their number, or its error record.

    The lines are kept as the JSONL file holds them (UTF-8, each ended by a newline): the sink
    writes them as they are, and a worker of ``--jobs`` hands them to the batch as one bytes
    object, where text was encoded to be pickled and decoded again (and encoded for the file).
    """

    source: str
    jsonl: bytes = b""
    documents: int = 0
    error: ErrorRecord | None = None

    @property
    def encoded_lines(self) -> list[bytes]:
        """Each document's JSON in UTF-8, without its newline (JSON escapes the newlines of
        strings, so the file's newlines end documents and nothing else does)."""
        return self.jsonl.split(b"\n")[:-1]

    @property
    def lines(self) -> tuple[str, ...]:
        """Each document's JSON, without its newline."""
        return tuple(line.decode() for line in self.encoded_lines)


@dataclass
class Tally:
    """Running counts of a batch, for the progress bar and the closing line."""

    inputs: int = 0
    documents: int = 0
    errors: int = 0
    skipped: int = 0

    def add(self, outcome: Outcome) -> None:
        self.inputs += 1
        self.documents += outcome.documents
        self.errors += outcome.error is not None

    def __str__(self) -> str:
        skipped = f", {self.skipped} skipped (already in the output)" if self.skipped else ""
        return f"{self.inputs} inputs, {self.documents} documents, {self.errors} errors{skipped}"


def pending(inputs: Iterable[Input], done: set[str], tally: Tally) -> Iterator[Input]:
    """The inputs whose source is not in ``done`` (``--resume``), counting the others."""
    for item in inputs:
        if item.source in done:
            tally.skipped += 1
        else:
            yield item


def extract_input(source: str, data: bytes | str, options: Options) -> Outcome:
    """The outcome of one input's data; a bad input is an error record, never an exception."""
    try:
        lines = extract_lines(data, source=source, options=options)
    except ExtractionError as error:
        return failure(source, error)
    except Exception as error:  # a bug met on one input must not cost the rest of the batch
        return failure(source, InternalError(f"{type(error).__name__}: {error}; {REPORT_BUG}"))
    return Outcome(source, b"\n".join([*lines, b""]), len(lines))


def outcome_of(item: Input, options: Options) -> Outcome:
    """Read and extract one input in this process."""
    try:
        data = item.read()
    except ExtractionError as error:
        return failure(item.source, error)
    return extract_input(item.source, data, options)


def failure(source: str, error: ExtractionError) -> Outcome:
    return Outcome(
        source, error=ErrorRecord(error=error.code, source=source, message=error.message)
    )


def run(
    inputs: Iterable[Input],
    options: Options | None = None,
    *,
    jobs: int = 1,
    ordered: bool = True,
) -> Iterator[Outcome]:
    """One outcome per input: in input order, or as workers finish when ``ordered`` is false.

    ``jobs=1`` runs in this process; ``jobs=N`` uses N worker processes.
    """
    options = options or Options()
    inputs = iter(inputs)
    if jobs > 1:
        warm_up(options)  # what the workers fork from: loaded and settled
        yield from _pooled(inputs, options, jobs, ordered)
        return
    yield from _until_loaded(inputs, options)
    yield from (outcome_of(item, options) for item in inputs)


def _until_loaded(inputs: Iterator[Input], options: Options) -> Iterator[Outcome]:
    """Outcomes until an input gives documents, then the collector settled: by then the
    dictionaries and tables the pipeline loads on first use (seconds of work) are loaded,
    those the inputs need only (``warm_up`` loads them all)."""
    for item in inputs:
        outcome = outcome_of(item, options)
        yield outcome
        if outcome.documents:
            settle_collector()
            return


@functools.cache  # once a process and options: a caller that warmed up first is not paid again
def warm_up(options: Options) -> None:
    """Load everything the pipeline may load on first use, then settle the collector.

    A made-up page that needs all of it (``rules/warm_up_page.txt``: Traditional script, pinyin
    readings, shifted GBK runs, lost lead bytes, furniture) goes through the pipeline. Before a
    pool forks, this loads the shifted-GBK tables once for all workers: the first inputs seldom
    need them all, and each worker then loaded its own copy (about 0.18 s of CPU, and memory
    not shared). ``--jobs 1`` loads them only if some input needs them.
    """
    page = (default_rules_dir() / "warm_up_page.txt").read_bytes()
    with contextlib.suppress(ExtractionError):  # a user's rules may leave it no document
        extract_lines(page, source="warm-up", options=options)
    settle_collector()


def settle_collector() -> None:
    """Tune the garbage collector for a batch, once what the pipeline loads is loaded.

    The loaded dictionaries and tables are frozen out of its full scans, which otherwise walk
    their hundreds of thousands of objects again and again (a tenth of the CPU on simulated
    pages). And the youngest generation is collected every ``YOUNG_COLLECTION`` allocations
    instead of every 700. The collector is off while an input is extracted
    (``pipeline.collector_paused``); between inputs, what an input left in the caches it
    filled counts towards the next collection, and at 700 one followed almost every input and
    walked those again (the 30 pages of ``bench/instructions.py``: 946.6 -> 938.4 million
    instructions). Both settings are the process's.
    """
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])


def _pooled(
    inputs: Iterator[Input], options: Options, jobs: int, ordered: bool
) -> Iterator[Outcome]:
    """The outcomes of the inputs extracted by ``jobs`` workers, a chunk of inputs a task."""
    window = jobs * CHUNKS_PER_WORKER
    pool = ProcessPoolExecutor(
        jobs, mp_context=_context(), initializer=_warm, initargs=(options.rules_dirs,)
    )
    with pool:
        pending: deque[Future[list[Outcome]]] = deque()
        for chunk in _chunks(inputs):
            pending.append(_submit(pool, chunk, options))
            if len(pending) >= window:
                yield from _collect(pending, ordered, everything=False)
        yield from _collect(pending, ordered, everything=True)


Chunk = list[tuple[str, bytes | str]]  # inputs read: (source, data)


def _chunks(inputs: Iterator[Input]) -> Iterator[Chunk | Outcome]:
    """The inputs read, in order, in chunks of up to ``CHUNK_INPUTS`` inputs or ``CHUNK_BYTES``
    of data; one that cannot be read comes alone, as its error's outcome.

    A task of a pool costs a pickling, two queue passes and thread wake-ups each way (about
    0.3 million instructions in the parent alone, which shares the cores with the workers): a
    chunk pays them once for a few pages.
    """
    chunk: Chunk = []
    size = 0
    for item in inputs:
        try:
            data = item.read()
        except ExtractionError as error:
            if chunk:
                yield chunk
                chunk, size = [], 0
            yield failure(item.source, error)
            continue
        chunk.append((item.source, data))
        size += len(data)
        if len(chunk) >= CHUNK_INPUTS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _submit(
    pool: ProcessPoolExecutor, chunk: Chunk | Outcome, options: Options
) -> Future[list[Outcome]]:
    """The future outcomes of a chunk; an input that could not be read is already done."""
    if isinstance(chunk, Outcome):
        done: Future[list[Outcome]] = Future()
        done.set_result([chunk])
        return done
    return pool.submit(extract_chunk, chunk, options)


def extract_chunk(chunk: Chunk, options: Options) -> list[Outcome]:
    """In a worker: the outcome of each input of a chunk, in order."""
    return [extract_input(source, data, options) for source, data in chunk]


def _collect(
    pending: deque[Future[list[Outcome]]], ordered: bool, *, everything: bool
) -> Iterator[Outcome]:
    """The oldest chunk's outcomes (ordered) or the first finished chunk's; with
    ``everything``, all of them."""
    while pending:
        if ordered:
            yield from pending.popleft().result()
        else:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                pending.remove(future)
                yield from future.result()
        if not everything:
            return


def _context() -> multiprocessing.context.BaseContext:
    """Forked workers where the system has fork: they start at once and inherit the loaded
    rules, and scripts need no ``if __name__ == "__main__"`` guard. Elsewhere, spawned."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _warm(rules_dirs: tuple[Path, ...]) -> None:
    """Load the rules once per worker, before its first input (forked workers find them
    loaded); leave Ctrl-C to the parent, which stops the batch cleanly (what was written
    stays, ready for ``--resume``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_every_rule(rules_dirs)
