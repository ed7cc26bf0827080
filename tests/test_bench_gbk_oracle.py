"""bench/gbk_oracle.py, the tool that explains each missed shifted-GBK run against the truth,
runs on a simulated page.

It re-runs the search's private workings (a hypothesis' steps scored to a reading it is given,
the readings left in the last beam), so a change there can break it unseen: this runs it end to
end on a page whose miss is a model error (the path that reads the last beam and the character
trigrams), and checks that it still gives the search's own readings their own scores."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from extractor.synth_archive import synthesize

ROOT = Path(__file__).resolve().parent.parent


def test_gbk_oracle_buckets_a_miss_and_follows_the_search(tmp_path):
    synthesize(ROOT / "corpus" / "clean", tmp_path, 8, 11, ("s2t", "gbk_shift"))
    command = [sys.executable, str(ROOT / "bench" / "gbk_oracle.py"), str(tmp_path), "--runs"]
    # the oracle re-runs the search's Python workings: the source tree, even when the suite
    # runs on the compiled build (where a beam is a C type the oracle cannot look into)
    source_tree = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [*command, "--doc", "00007"], capture_output=True, text=True, check=False, env=source_tree
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "| bucket | runs | characters |" in out
    # page 7's one miss (科科長尹海濤同志具體 comes out 科科長季具體) is the model's: if the
    # repair now gets it right, pick another page with one (``--runs`` lists them)
    assert re.search(r"^model, same bytes \(.*\n.*in the last beam: True", out, re.M), out
    assert re.search(r"rescored by the oracle: \{'exact': \d+\}$", out, re.M), out
    assert re.search(r"among its last readings: \{'held': \d+\}$", out, re.M), out
