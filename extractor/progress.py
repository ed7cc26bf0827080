"""The batch progress bar: inputs, documents, errors and rate, on stderr, only on a terminal."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from extractor.batch import Tally


class Display:
    """What the batch shows on stderr: the bar (on a terminal) and the error records."""

    def __init__(self, tally: Tally, console: Console, bar: Progress | None) -> None:
        self.tally, self.console, self.bar = tally, console, bar
        self.started = time.monotonic()
        self.task: TaskID | None = bar.add_task(self._describe()) if bar else None

    def refresh(self) -> None:
        """Redraw the bar with the tally's counts; call after each outcome."""
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, description=self._describe())

    def report(self, line: str) -> None:
        """Print a line (an error record) as it is, above the bar."""
        self.console.out(line, highlight=False)

    def _describe(self) -> str:
        tally, elapsed = self.tally, time.monotonic() - self.started
        rate = tally.inputs / elapsed if elapsed > 0 else 0.0
        return (
            f"{tally.inputs:,} inputs · {tally.documents:,} documents · "
            f"{tally.errors:,} errors · {rate:,.1f} inputs/s"
        )


@contextmanager
def progress_bar(tally: Tally, console: Console | None = None) -> Iterator[Display]:
    """The batch's display; the bar shows only when stderr is a terminal."""
    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield Display(tally, console, None)
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        display = Display(tally, console, bar)
        yield display
        display.refresh()
