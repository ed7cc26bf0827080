"""bench/scale.py (`make bench-scale`) runs end to end on a tiny archive.

It takes two hours at full size, so nothing else would notice when a change to the benchmark
helpers it shares with `make bench` breaks it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_scale_writes_the_archive_and_streaming_tables(tmp_path):
    output = tmp_path / "results-scale.md"
    command = [sys.executable, str(ROOT / "bench" / "scale.py"), "--archive", "4"]
    command += ["--stream", "6", "--every", "3", "--output", str(output)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert "## Full pipeline on a simulated archive (4 pages" in text
    assert "## Streaming 6 inputs with --jobs 2 (memory every 3)" in text
    assert "Streamed all 6 inputs" in text
