"""The same batch on a Dask cluster: a ``dask.bag`` whose results equal the local run's.

A unit of work is a path: a file, or a whole archive or JSONL dump, which the worker that gets it
streams in order, as ``extractor.inputs`` does locally. Folders are listed here; stdin is read
here and shipped as bytes. Every path must be readable on the workers (a shared file system).
Dask is optional: ``pip install 'extractor[dask]'``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.batch import Outcome, extract_input, outcome_of
from extractor.errors import DistributedError
from extractor.inputs import STDIN, STDIN_SOURCE, Limits, expand, inputs_of, read_path
from extractor.pipeline import Options

if TYPE_CHECKING:
    from dask.bag import Bag

INSTALL_HINT = "pip install 'extractor[dask]'"
CONNECT_TIMEOUT = 10  # seconds to reach the scheduler
PARTITION_SIZE = 16  # paths per task: enough work to pay for scheduling, small enough to spread


@dataclass(frozen=True)
class _Data:
    """An input read here (stdin), shipped to a worker as it is."""

    source: str
    data: bytes


def extract_bag(
    paths: Iterable[str | Path], options: Options | None = None, *, skip: Iterable[str] = ()
) -> Bag:
    """A bag of JSON documents (one str per document), in input order.

    >>> extract_bag(["archive.tar.gz", "pages/"]).to_textfiles("out/*.jsonl")  # doctest: +SKIP
    """
    return outcome_bag(paths, options, skip=skip).map(_lines).flatten()


def outcome_bag(
    paths: Iterable[str | Path], options: Options | None = None, *, skip: Iterable[str] = ()
) -> Bag:
    """A bag of ``Outcome``s, one per input in input order; ``skip`` lists sources to leave out."""
    bag = _require("dask.bag")
    options = options or Options()
    units = [_Data(STDIN_SOURCE, read_path(STDIN)) if p == STDIN else p for p in expand(paths)]
    if not units:
        return bag.from_sequence([], npartitions=1)
    done = _require("dask").delayed(frozenset(skip))  # one graph node, not a copy per task
    return bag.from_sequence(units, partition_size=PARTITION_SIZE).map_partitions(
        _outcomes, options, done
    )


def run_on_cluster(
    paths: Iterable[str | Path],
    options: Options,
    address: str,
    *,
    skip: Iterable[str] = (),
    ordered: bool = True,
) -> Iterator[Outcome]:
    """The outcomes of a batch run on the scheduler at ``address`` (``tcp://host:8786``)."""
    bag = outcome_bag(paths, options, skip=skip)
    distributed = _require("distributed")
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise DistributedError(
            f"cannot reach the Dask scheduler at {address} ({error}); check the address "
            "(tcp://host:8786) and that `dask scheduler` runs there"
        ) from error
    with client:
        futures = client.compute(bag.to_delayed())
        finished = futures if ordered else distributed.as_completed(futures)
        for future in finished:
            yield from future.result()
            future.release()


def _outcomes(units: Iterable[str | _Data], options: Options, skip: frozenset[str]) -> list:
    """Run on a worker: the outcomes of a partition's paths."""
    limits = Limits(max_bytes=options.max_bytes)
    outcomes = []
    for unit in units:
        if isinstance(unit, _Data):
            if unit.source not in skip:
                outcomes.append(extract_input(unit.source, unit.data, options))
            continue
        outcomes.extend(
            outcome_of(item, options) for item in inputs_of(unit, limits) if item.source not in skip
        )
    return outcomes


def _lines(outcome: Outcome) -> tuple[str, ...]:
    return outcome.lines


def _require(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise DistributedError(
            f"the distributed engine needs Dask ({error}); install it with {INSTALL_HINT}"
        ) from error
