"""Where the pipeline's time goes: CPU seconds per stage on the same pages, in one run.

Each stage function is wrapped with a timer for the run (and restored after); a stage's time
excludes the wrapped stages it calls (applying splices is its own row), so the rows add up.
Like a batch run, it warms up first and then settles the garbage collector as batches do
(``extractor.batch.settle_collector``).
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import extractor
from extractor import batch, pipeline, repair
from extractor.offsets import EditableText

WARM_UP = 20  # inputs run untimed first
# row name → (object holding the function, attribute name)
STAGES: dict[str, tuple[Any, str]] = {
    "decode": (pipeline, "decode"),
    "html": (pipeline, "html_splices"),
    "repair: UTF-8/Latin-1 (ftfy)": (repair.FIXERS, "fix_text_encoding"),
    "repair: pinyin readings": (repair.FIXERS, "fix_pinyin_annotations"),
    "repair: shifted GBK (mojibake stage)": (repair.FIXERS, "fix_shifted_gbk"),
    "repair: HTML residue": (repair.FIXERS, "fix_html_residue"),
    "furniture and boundaries": (pipeline, "_documents"),
    "applying splices (EditableText)": (EditableText, "apply"),
    "matching views": (pipeline, "matching_view"),
    "title, sections, issuer, date": (pipeline, "_structure"),
    "amounts and quantities": (pipeline, "fill_figures"),
    "dates": (pipeline, "fill_dates"),
    "people, organisations, places (entity stage)": (pipeline, "fill_entities"),
    "JSON lines (document_json)": (pipeline, "document_json"),
}


class _Clock:
    """Exclusive CPU time per stage: a nested stage's time is taken out of its caller's."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._inner: list[float] = []

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            self._inner.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.process_time() - start
                inner = self._inner.pop()
                self.spent[name] += elapsed - inner
                if self._inner:
                    self._inner[-1] += elapsed

        return timed


@contextlib.contextmanager
def _wrapped(clock: _Clock, unwrapped: list[str]) -> Iterator[None]:
    """The stages timed while inside; those whose function cannot be replaced (a method of a
    class the wheel compiles, such as ``EditableText``) are named in ``unwrapped``: their time
    counts in their callers' rows."""
    originals = {name: _get(*where) for name, where in STAGES.items()}
    wrapped = []
    try:
        for name, (holder, attribute) in STAGES.items():
            try:
                _set(holder, attribute, clock.wrap(name, originals[name]))
            except TypeError:  # an immutable (compiled) type
                unwrapped.append(name)
            else:
                wrapped.append(name)
        yield
    finally:
        for name in wrapped:
            _set(*STAGES[name], originals[name])


def _get(holder: Any, attribute: str) -> Any:
    return holder[attribute] if isinstance(holder, dict) else getattr(holder, attribute)


def _set(holder: Any, attribute: str, value: Any) -> None:
    if isinstance(holder, dict):
        holder[attribute] = value
    else:
        setattr(holder, attribute, value)


def breakdown(inputs: list[bytes], characters: int, description: str) -> str:
    """The markdown section: each stage's CPU seconds and share over ``inputs``."""
    for data in inputs[:WARM_UP]:  # loads the dictionaries and tables, untimed
        with contextlib.suppress(extractor.ExtractionError):
            extractor.extract_lines(data)
    threshold = gc.get_threshold()
    batch.settle_collector()  # as batch runs do once the first input gives documents
    clock, unwrapped = _Clock(), []
    start = time.process_time()
    with _wrapped(clock, unwrapped):
        for data in inputs:
            with contextlib.suppress(extractor.ExtractionError):
                extractor.extract_lines(data)  # as a batch runs each input
    total = time.process_time() - start
    gc.unfreeze()
    gc.set_threshold(*threshold)
    clock.spent["other (document models, glue)"] = total - sum(clock.spent.values())
    lines = [
        "",
        f"## Where the time goes ({description}, {characters:,} characters, "
        f"{characters / total:,.0f} characters/s with the timers)",
        "",
        "| stage | CPU seconds | share | characters/s of the stage alone |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds in sorted(clock.spent.items(), key=lambda item: -item[1]):
        rate = f"{characters / seconds:,.0f}" if seconds > 0 else "—"
        lines.append(f"| {name} | {seconds:.2f} | {seconds / total:.1%} | {rate} |")
    if unwrapped:
        lines += [
            "",
            f"Timed within their callers (compiled, not replaceable): {', '.join(unwrapped)}.",
        ]
    return "\n".join(lines) + "\n"
