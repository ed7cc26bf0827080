"""bench/gbk_misses.py, the tool that lists wrong shifted-GBK runs, runs on simulated pages.

It reaches into the repair's private helpers, so a change there can break it unseen: this runs
it end to end, with ``--detail`` (the path that searches each hypothesis again)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from extractor.synth_archive import synthesize

ROOT = Path(__file__).resolve().parent.parent


def test_gbk_misses_lists_runs_and_totals(tmp_path):
    synthesize(ROOT / "corpus" / "clean", tmp_path, 8, 11, ("s2t", "gbk_shift"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "gbk_misses.py"), str(tmp_path), "--detail"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "== total:" in result.stdout
    assert "traced" in result.stdout
    assert "    segment " in result.stdout  # a wrong run, shown with what the stage saw
