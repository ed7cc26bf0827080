"""The batch engine on a simulated archive: --jobs 1 against --jobs 2, peak memory per worker,
and a long streamed run that shows memory stays flat.

Each measurement runs in a fresh process (``python bench/scaling.py batch|stream …``) so its
peak resident memory is its own: ``ru_maxrss`` of the process (the worker when jobs = 1) and of
its largest finished child (the largest worker when jobs > 1). The parent reads the JSON it
prints.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from types import ModuleType

from extractor.batch import run, warm_up
from extractor.inputs import Input
from extractor.pipeline import Options

BENCH = Path(__file__).resolve().parent


@dataclass(frozen=True)
class BatchRun:
    jobs: int
    inputs: int
    documents: int
    errors: int
    seconds: float  # wall clock
    cpu_seconds: float  # of the process and its workers: what a core would need unshared
    rss_mb: float  # peak resident memory of one worker (the process itself when jobs = 1)


def archive_inputs(paths: list[Path], count: int | None = None) -> Iterator[Input]:
    """``count`` inputs cycling through the archive's pages (all of them once by default);
    each pass gives its inputs new source names, as a larger archive would."""
    total = len(paths) if count is None else count
    for number, path in enumerate(itertools.islice(itertools.cycle(paths), total)):
        yield Input(f"{number // len(paths)}/{path.name}", path.read_bytes)


def _cpu() -> float:
    """User + system time of this process and of its finished workers."""
    own, workers = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def batch(paths: list[Path], jobs: int) -> dict[str, float]:
    """One pass over the archive through ``extractor.batch.run``, making the JSON lines.

    Everything loaded on first use (seconds) is loaded before the clock starts
    (``extractor.batch.warm_up``), for every ``jobs``: the figures are those of a long batch.
    """
    warm_up(Options())
    documents = errors = inputs = 0
    start, cpu_start = time.perf_counter(), _cpu()
    for outcome in run(archive_inputs(paths), Options(), jobs=jobs):
        inputs += 1
        documents += outcome.documents
        errors += outcome.error is not None
    seconds, cpu_seconds = time.perf_counter() - start, _cpu() - cpu_start
    worker = resource.RUSAGE_SELF if jobs == 1 else resource.RUSAGE_CHILDREN
    return {
        "jobs": jobs,
        "inputs": inputs,
        "documents": documents,
        "errors": errors,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rss_mb": _peak_mb(worker),
    }


def stream(paths: list[Path], count: int, jobs: int, every: int, log: Path) -> None:
    """``count`` inputs streamed through the pool; resident memory logged every ``every``."""
    import psutil

    me = psutil.Process()
    start = time.perf_counter()
    documents = 0
    with log.open("w", encoding="utf-8") as out:
        outcomes = run(archive_inputs(paths, count), Options(), jobs=jobs)
        for number, outcome in enumerate(outcomes, start=1):
            documents += outcome.documents
            if number % every == 0 or number == count:
                workers = [child.memory_info().rss for child in me.children(recursive=True)]
                point = {
                    "inputs": number,
                    "documents": documents,
                    "seconds": round(time.perf_counter() - start, 1),
                    "parent_mb": round(me.memory_info().rss / 2**20, 1),
                    "largest_worker_mb": round(max(workers, default=0) / 2**20, 1),
                }
                out.write(json.dumps(point) + "\n")
                out.flush()


def measured(archive: Path, jobs: int, source: Path | None = None) -> BatchRun:
    """A ``batch`` pass in a fresh process, of the package in ``source`` when given (the
    pure-Python modules of a source tree) or else of the one this process imports."""
    result = _child("batch", "--archive", str(archive), "--jobs", str(jobs), source=source)
    return BatchRun(**json.loads(result.stdout.strip().splitlines()[-1]))


def streamed(archive: Path, count: int, jobs: int, every: int, log: Path) -> list[dict]:
    """A ``stream`` run in a fresh process; its memory log (partial if it was interrupted)."""
    arguments = ["--archive", str(archive), "--jobs", str(jobs), "--count", str(count)]
    _child("stream", *arguments, "--every", str(every), "--log", str(log))
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def _child(*arguments: str, source: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(BENCH / "scaling.py"), *arguments]
    env = None if source is None else {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(command, check=True, capture_output=True, text=True, env=env)


def build_of(module: ModuleType) -> str:
    """How the package was built: "compiled" (``hatch_build.py``) or "pure Python"."""
    compiled = str(module.__file__).endswith(tuple(EXTENSION_SUFFIXES))
    return "compiled" if compiled else "pure Python"


def pages(archive: Path) -> list[Path]:
    """The archive's input pages (not the truth files beside them)."""
    return sorted(path for path in archive.glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("batch", "stream"))
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--log", type=Path)
    arguments = parser.parse_args()
    paths = pages(arguments.archive)
    if arguments.mode == "batch":
        print(json.dumps(batch(paths, arguments.jobs)))
    else:
        stream(paths, arguments.count, arguments.jobs, arguments.every, arguments.log)


if __name__ == "__main__":
    main()
