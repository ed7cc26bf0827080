"""The pipeline and Python's cyclic garbage collector: an input leaves no reference cycles, and
the collector is off while it is extracted (``pipeline.collector_paused``), as found after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from types import FunctionType

import pytest

import extractor.pipeline as pipeline
from extractor import extract, extract_lines
from extractor.errors import ExtractionError
from extractor.pipeline import collector_paused
from extractor.rules import default_rules_dir
from extractor.synth_archive import synthesize

CLEAN = Path(__file__).resolve().parents[1] / "corpus" / "clean"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """Damaged pages made from the corpus, and the warm-up page, whose shifted GBK runs need
    the page's search (``gbk_search.Search``): every stage runs on one of them."""
    folder = tmp_path_factory.mktemp("pages")
    synthesize(CLEAN, folder, 12, 5, None)
    made = [path.read_bytes() for path in sorted(folder.glob("*.txt"))]
    return [(default_rules_dir() / "warm_up_page.txt").read_bytes(), *made]


@pytest.fixture
def saved_garbage() -> Iterator[list[object]]:
    """``gc.garbage`` with what a collection finds unreachable saved there, not freed."""
    flags = gc.get_debug()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield gc.garbage
    finally:
        gc.set_debug(flags)
        gc.garbage.clear()


def test_an_input_leaves_nothing_for_the_cyclic_collector(pages, saved_garbage):
    """Reference counting frees all an input allocates: a page's search, its section tree and
    its models are no cycles (each was, and a page's search held its tables until the next
    collection: 495 MB of peak memory on 600 pages, against 330)."""
    for data in pages:  # what the stages load on first use lives on: loaded before
        extract_lines(data)
    gc.collect()
    saved_garbage.clear()
    for data in pages:
        extract_lines(data)
        extract(data)
    gc.collect()
    assert sorted({_name(item) for item in saved_garbage if _ours(item)}) == []


def _ours(item: object) -> bool:
    """Made by the package: an instance of its classes (a compiled closure's too) or one of
    its functions. The test process's own cycles (pytest's, importlib's caches evicted) are
    found in the garbage too, whatever the pipeline does."""
    module = item.__module__ if isinstance(item, FunctionType) else type(item).__module__
    return module.split(".")[0] == "extractor"


def _name(item: object) -> str:
    return item.__qualname__ if isinstance(item, FunctionType) else type(item).__qualname__


def test_the_collector_is_off_while_an_input_is_extracted(pages, monkeypatch):
    seen = []
    fill_dates = pipeline.fill_dates

    def noting(*arguments):
        seen.append(gc.isenabled())
        return fill_dates(*arguments)

    monkeypatch.setattr(pipeline, "fill_dates", noting)
    extract_lines(pages[1])
    assert seen and not any(seen)
    assert gc.isenabled()


def test_the_collector_is_left_as_it_was_found():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # a caller's choice stays
    finally:
        gc.enable()


def test_an_input_that_fails_turns_the_collector_back_on():
    with pytest.raises(ExtractionError):
        extract_lines(b"")
    assert gc.isenabled()
