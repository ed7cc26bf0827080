"""The batch path: --jobs, output order, --resume, the progress bar, exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console

from extractor.batch import Outcome, Tally, _chunks, run
from extractor.cli import main
from extractor.errors import UnreadableInputError
from extractor.inputs import Input, failed, iter_inputs
from extractor.pipeline import Options, extract_json
from extractor.progress import progress_bar
from extractor.sinks import JsonlSink, trim_and_collect


def extract(*args: str) -> tuple[int, list[str], list[dict]]:
    """Exit code, output lines, error records of one `extractor extract` run."""
    result = CliRunner().invoke(main, ["extract", *args])
    errors = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    return result.exit_code, result.stdout.splitlines(), errors


def test_two_workers_write_exactly_what_one_process_writes(batch_dir):
    one = extract(str(batch_dir))
    two = extract(str(batch_dir), "--jobs", "2")
    assert one == two
    code, lines, errors = one
    assert code == 1
    assert len({json.loads(line)["source"] for line in lines}) == 8
    assert sorted(e["error"] for e in errors) == ["E101", "E102"]


def test_unordered_output_holds_the_same_documents_with_each_input_together(batch_dir):
    _, ordered, _ = extract(str(batch_dir))
    code, unordered, _ = extract(str(batch_dir), "--jobs", "2", "--unordered")
    assert code == 1
    assert sorted(unordered) == sorted(ordered)
    sources = [json.loads(line)["source"] for line in unordered]
    blocks = [s for i, s in enumerate(sources) if i == 0 or sources[i - 1] != s]
    assert len(blocks) == len(set(sources))  # one input's documents are never interleaved


def test_the_python_api_gives_one_outcome_per_input_in_order(batch_dir):
    outcomes = list(run(iter_inputs([batch_dir]), jobs=2))
    assert [o.source for o in outcomes] == [i.source for i in iter_inputs([batch_dir])]
    assert [o.error.error for o in outcomes if o.error] == ["E101", "E102"]
    assert all(o.lines for o in outcomes if not o.error)


def test_inputs_go_to_workers_in_chunks_in_order_an_unreadable_one_alone(monkeypatch):
    import extractor.batch

    monkeypatch.setattr(extractor.batch, "CHUNK_BYTES", 10)
    sizes = [1, 2, 3, 4, 5, 1, 9, 1]
    items = [Input(f"{n}.txt", partial(bytes, size)) for n, size in enumerate(sizes)]
    items.insert(2, failed("bad.zip!x", UnreadableInputError("cannot read it")))
    chunks = list(_chunks(iter(items)))
    assert [c.source if isinstance(c, Outcome) else [s for s, _ in c] for c in chunks] == [
        ["0.txt", "1.txt"],
        "bad.zip!x",
        ["2.txt", "3.txt", "4.txt"],  # 3 + 4 + 5 bytes reach 10
        ["5.txt", "6.txt"],
        ["7.txt"],
    ]
    assert chunks[1].error.error == UnreadableInputError.code


def test_chunks_hold_four_inputs_at_most_and_pooled_outcomes_keep_input_order():
    page = "某村2020年扶贫工作总结\n全年帮扶贫困户12户。\n".encode()
    items = [Input(f"{n}.txt", partial(bytes, page)) for n in range(9)]
    items.insert(5, failed("bad.jsonl:3", UnreadableInputError("cannot read it")))
    items.append(Input("empty.txt", bytes))
    chunk_sizes = [len(c) for c in _chunks(iter(items)) if not isinstance(c, Outcome)]
    assert chunk_sizes == [4, 1, 4, 1]
    one, two = list(run(items)), list(run(items, jobs=2))
    assert one == two
    assert [o.source for o in two] == [i.source for i in items]
    assert [o.error.error for o in two if o.error] == [UnreadableInputError.code, "E101"]


def test_an_outcomes_lines_are_its_documents_json_cut_at_newlines_only():
    # JSON escapes a string's control characters, not U+2028 or U+0085: str.splitlines would
    # cut a line there
    page = "某村2020年扶贫工作总结\n全年帮扶贫困户12户\u2028共\x85计。\n".encode()
    (outcome,) = run([Input("a.txt", lambda: page)])
    assert outcome.lines == tuple(extract_json(page, source="a.txt"))
    assert outcome.documents == len(outcome.lines) == 1
    assert outcome.jsonl == outcome.lines[0].encode() + b"\n"


def test_a_bug_on_one_input_is_its_error_record_and_the_batch_goes_on(tmp_path, monkeypatch):
    import extractor.batch

    real = extractor.batch.extract_lines

    def broken_on_b(data, source=None, options=None):
        if source.endswith("b.txt"):
            raise IndexError("list index out of range")
        return real(data, source=source, options=options)

    monkeypatch.setattr(extractor.batch, "extract_lines", broken_on_b)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("某村2020年扶贫工作总结\n全年帮扶贫困户12户。\n", "utf-8")
    code, lines, errors = extract(str(tmp_path))
    assert code == 1 and len(lines) == 2
    assert [(e["error"], Path(e["source"]).name) for e in errors] == [("E199", "b.txt")]
    assert "IndexError: list index out of range" in errors[0]["message"]


def test_a_worker_that_dies_stops_the_batch_with_a_message_and_keeps_the_output(
    tmp_path, monkeypatch
):
    import extractor.batch

    real = extractor.batch.extract_lines
    output = tmp_path / "out.jsonl"

    def dies_on_c(data, source=None, options=None):
        if source.endswith("c.txt"):
            # die once a.txt is written (the sink flushes each input): on a loaded machine c's
            # worker could otherwise die before a.txt's result reached the parent
            deadline = time.monotonic() + 60
            while b"a.txt" not in _read_bytes(output) and time.monotonic() < deadline:
                time.sleep(0.01)
            os._exit(9)  # what the out-of-memory killer does
        return real(data, source=source, options=options)

    monkeypatch.setattr(extractor.batch, "extract_lines", dies_on_c)  # forked workers inherit it
    monkeypatch.setattr(extractor.batch, "CHUNK_INPUTS", 1)  # a.txt's chunk is not c.txt's
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("某村2020年扶贫工作总结\n全年帮扶贫困户12户。\n", "utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", str(output), "-j", "2"])
    assert result.exit_code == 1
    assert "a worker process died" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(output.read_text().splitlines()[0])["source"].endswith("a.txt")


def _read_bytes(path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def test_warm_up_loads_the_tables_of_shifted_gbk_once_before_workers_fork():
    """A batch's first inputs seldom need them all; each worker then loaded its own copy."""
    loaded = (
        "from extractor import gbk, hmm_chars, running_text\n"
        "from extractor.batch import warm_up\n"
        "from extractor.pipeline import Options\n"
        "warm_up(Options())\n"
        "tables = gbk.log_counts, hmm_chars.log_frequencies, running_text.running_pairs\n"
        "print([table.cache_info().currsize for table in tables])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", loaded], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[1, 1, 1]"


def test_warm_up_runs_once_a_process_and_options(monkeypatch):
    """A caller that warmed up (the bench, before its clock) does not pay again in ``run``."""
    import extractor.batch

    pages = []
    monkeypatch.setattr(extractor.batch, "extract_lines", lambda page, **_: pages.append(page))
    options = Options(max_bytes=12_345)  # options no other test warmed up
    extractor.batch.warm_up(options)
    extractor.batch.warm_up(options)
    assert len(pages) == 1


def test_resume_skips_done_inputs_and_completes_the_rest(batch_dir, tmp_path):
    _, full, _ = extract(str(batch_dir))
    output = tmp_path / "out.jsonl"
    by_source: dict[str, list[str]] = {}
    for line in full:
        by_source.setdefault(json.loads(line)["source"], []).append(line)
    done = list(by_source)[:3]
    torn = by_source[list(by_source)[3]][0][:50]  # a run killed while writing the fourth input
    output.write_text("".join(f"{line}\n" for s in done for line in by_source[s]) + torn)
    code, _, errors = extract(str(batch_dir), "-o", str(output), "--resume")
    assert code == 1 and len(errors) == 2  # the failed inputs are tried again
    assert output.read_text().splitlines() == full
    result = CliRunner().invoke(main, ["extract", str(batch_dir), "-o", str(output), "--resume"])
    assert "8 skipped" in result.stderr
    assert output.read_text().splitlines() == full


def test_a_torn_line_takes_its_input_back_with_it(tmp_path):
    output = tmp_path / "out.jsonl"
    lines = [json.dumps({"source": s, "index": i}) for s, i in [("a", 0), ("b", 0), ("b", 1)]]
    output.write_text("\n".join(lines) + "\n" + lines[2][:10])
    assert trim_and_collect(output) == {"a"}
    assert output.read_text() == lines[0] + "\n"
    assert trim_and_collect(output) == {"a"}  # a whole file is left alone


def test_a_damaged_line_inside_the_output_stops_resume_with_a_usage_error(tmp_path, batch_dir):
    output = tmp_path / "out.jsonl"
    output.write_text('{"source": "a"}\nnot json\n{"source": "b"}\n')
    result = CliRunner().invoke(main, ["extract", str(batch_dir), "-o", str(output), "--resume"])
    assert result.exit_code == 2
    assert "line 2" in result.stderr
    assert output.read_text().count("\n") == 3  # nothing lost


def test_resume_needs_an_output_file(batch_dir):
    result = CliRunner().invoke(main, ["extract", str(batch_dir), "--resume"])
    assert result.exit_code == 2
    assert "-o out.jsonl" in result.stderr


def test_a_clean_batch_exits_0_and_stdin_is_an_input(tmp_path):
    page = "某村2020年扶贫工作总结\n全年帮扶贫困户12户。\n"
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "-", "-j", "2"], input=page)
    assert result.exit_code == 0, result.output
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == [str(tmp_path / "a.txt"), "<stdin>"]
    assert result.stderr.strip() == "2 inputs, 2 documents, 0 errors"


def test_the_jsonl_sink_writes_an_inputs_lines_together(tmp_path):
    output = tmp_path / "out.jsonl"
    sink = JsonlSink(str(output))
    sink.write(Outcome("a", b'{"source": "a"}\n{"source": "a"}\n', 2))
    sink.write(Outcome("b", error=None))
    sink.close()
    assert output.read_text() == '{"source": "a"}\n{"source": "a"}\n'


def test_the_progress_bar_shows_counts_and_rate_on_a_terminal_only():
    tally = Tally(inputs=3, documents=5, errors=1)
    screen = io.StringIO()
    with progress_bar(tally, Console(file=screen, force_terminal=True, width=120)) as display:
        display.report('{"error":"E102"}')
        display.refresh()
    shown = screen.getvalue()
    assert "3 inputs · 5 documents · 1 errors" in shown and "inputs/s" in shown
    assert '\x1b[2K{"error":"E102"}\n' in shown  # the bar's line is cleared first
    quiet = io.StringIO()
    with progress_bar(tally, Console(file=quiet, force_terminal=False, width=20)) as display:
        display.report('{"error":"E102","message":"a long line is never wrapped"}')
        display.refresh()
    assert quiet.getvalue() == '{"error":"E102","message":"a long line is never wrapped"}\n'
