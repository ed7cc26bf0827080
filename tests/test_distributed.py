"""The Dask engine: the same documents, in the same order, as the single-process run."""

from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from extractor import distributed as engine
from extractor.batch import run
from extractor.cli import main
from extractor.distributed import extract_bag, outcome_bag
from extractor.errors import DistributedError
from extractor.inputs import iter_inputs


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
    ) as local:
        yield local


def test_the_bag_holds_what_the_local_run_writes(batch_dir, cluster):
    local = list(run(iter_inputs([batch_dir])))
    with Client(cluster) as client:
        lines = client.compute(extract_bag([batch_dir])).result()
        outcomes = client.compute(outcome_bag([batch_dir])).result()
    assert lines == [line for outcome in local for line in outcome.lines]
    assert outcomes == local


def test_extract_on_a_scheduler_writes_what_one_process_writes(batch_dir, cluster):
    runner = CliRunner()
    alone = runner.invoke(main, ["extract", str(batch_dir)])
    remote = runner.invoke(
        main, ["extract", str(batch_dir), "--scheduler", cluster.scheduler_address]
    )
    assert remote.exit_code == alone.exit_code == 1
    assert remote.stdout == alone.stdout
    assert remote.stderr == alone.stderr


def test_without_dask_the_error_says_what_to_install(monkeypatch, batch_dir):
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(DistributedError, match=r"pip install 'extractor\[dask\]'"):
        extract_bag([batch_dir])
    result = CliRunner().invoke(main, ["extract", str(batch_dir), "--scheduler", "tcp://x:1"])
    assert result.exit_code == 2
    assert "extractor[dask]" in result.stderr


def test_an_unreachable_scheduler_is_a_usage_error(batch_dir, monkeypatch):
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 1)
    result = CliRunner().invoke(
        main, ["extract", str(batch_dir), "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.stderr


def test_resume_on_a_scheduler_completes_the_output(batch_dir, cluster, tmp_path):
    full = CliRunner().invoke(main, ["extract", str(batch_dir)]).stdout.splitlines()
    sources = list(dict.fromkeys(json.loads(line)["source"] for line in full))
    output = tmp_path / "out.jsonl"
    output.write_text("".join(f"{x}\n" for x in full if json.loads(x)["source"] in sources[:3]))
    args = ["extract", str(batch_dir), "-o", str(output), "--resume"]
    result = CliRunner().invoke(main, [*args, "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 1  # the junk and the empty file fail again
    assert output.read_text().splitlines() == full
