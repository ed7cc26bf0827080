"""bench/peers.py times each tool on pages it has not seen: the money stage's view is made anew
(as the pipeline makes it for a new page) and is the pipeline's own view."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "bench"))  # a folder of scripts, not a package

from peers import MONEY, side_by_side  # noqa: E402
from stages import new_page_view  # noqa: E402

from extractor.views import matching_view  # noqa: E402

PAGE = "一、資金使用情況\n縣財政局撥付扶貧資金１２０萬元，用於村道硬化。\n一、資金使用情況\n"


def test_the_new_page_view_is_the_pipelines_view():
    assert new_page_view(PAGE) == matching_view(PAGE)


def test_every_usable_peer_is_timed():
    timings = {timing.tool: timing for timing in side_by_side([PAGE.encode()], [PAGE], runs=1)}
    assert timings[MONEY].seconds is not None
    assert timings["OpenCC t2s conversion"].seconds is not None
