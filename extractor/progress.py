"""The batch progress bar: inputs, documents, errors and rate, on stderr, only on a terminal."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from extractor.batch import Tally


@contextmanager
def progress_bar(tally: Tally, console: Console | None = None) -> Iterator[Callable[[], None]]:
    """A ``refresh()`` to call after each outcome; a no-op unless stderr is a terminal.

    Lines written to stderr meanwhile (error records) appear above the bar.
    """
    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield lambda: None
        return
    started = time.monotonic()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task(_describe(tally, 0.0))

        def refresh() -> None:
            elapsed = time.monotonic() - started
            progress.update(task, description=_describe(tally, elapsed))

        yield refresh
        refresh()


def _describe(tally: Tally, elapsed: float) -> str:
    rate = tally.inputs / elapsed if elapsed > 0 else 0.0
    return (
        f"{tally.inputs:,} inputs · {tally.documents:,} documents · "
        f"{tally.errors:,} errors · {rate:,.1f} inputs/s"
    )
