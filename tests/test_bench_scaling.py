"""bench/scaling.py's modes on a tiny archive: what `make bench` and the pool's overhead read."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.synth_archive import synthesize

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    synthesize(ROOT / "corpus" / "clean", folder, 3, 7)
    return folder


def scaling(*arguments: str) -> dict:
    command = [sys.executable, str(ROOT / "bench" / "scaling.py"), *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def test_a_batch_run_reports_the_minor_faults_of_the_parent_and_of_each_worker(archive):
    one = scaling("batch", "--archive", str(archive), "--jobs", "1")
    two = scaling("batch", "--archive", str(archive), "--jobs", "2")
    assert one["inputs"] == two["inputs"] == 3 and one["documents"] == two["documents"]
    assert one["worker_minor_faults"] == 0 and two["worker_minor_faults"] > 0


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_instructions_count_the_parent_and_each_worker_apart(archive, tmp_path):
    counted = scaling(
        "instructions", "--archive", str(archive), "--jobs", "2", "--keep", str(tmp_path)
    )
    assert len(counted["workers"]) == 2
    assert counted["total"] == counted["parent"] + sum(counted["workers"])
    assert 0 < counted["parent"] < sum(counted["workers"])  # the pages went to the workers
    assert len(list(tmp_path.glob("callgrind.*"))) == 3
