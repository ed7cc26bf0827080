"""The command line: JSON lines out, per-file error records, exit code 1 on any failure."""

from __future__ import annotations

import io
import json
import random
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.model import Document


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seed_folder(tmp_path: Path, seed_bytes: bytes) -> Path:
    (tmp_path / "seed.txt").write_bytes(seed_bytes)
    return tmp_path


def _documents(output: str) -> list[Document]:
    return [Document.model_validate_json(line) for line in output.splitlines() if line]


def test_extract_prints_one_json_line_per_document(runner, seed_folder):
    result = runner.invoke(main, ["extract", str(seed_folder / "seed.txt")])
    assert result.exit_code == 0, result.output
    documents = _documents(result.stdout)
    assert len(documents) == 2
    assert documents[1].title == "黔江區人民小學校實施城鄉互動幫扶工作總結"


def test_junk_beside_the_seed_is_reported_and_the_batch_goes_on(runner, seed_folder):
    (seed_folder / "junk.bin").write_bytes(random.Random(7).randbytes(4096))
    (seed_folder / "empty.txt").write_bytes(b"")
    output = seed_folder / "out.jsonl"
    result = runner.invoke(main, ["extract", str(seed_folder), "-o", str(output)])
    assert result.exit_code == 1
    assert len(_documents(output.read_text(encoding="utf-8"))) == 2
    errors = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert {Path(e["source"]).name: e["error"] for e in errors} == {
        "junk.bin": "E102",
        "empty.txt": "E101",
    }
    assert "Traceback" not in result.stderr


def test_a_missing_file_is_an_error_record_not_a_traceback(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    (record,) = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert record["error"] == "E105"
    assert "missing.txt" in record["source"]


def test_stdin(runner):
    result = runner.invoke(main, ["extract", "-"], input="某村2020年工作总结\n全年脱贫12户。")
    assert result.exit_code == 0
    (document,) = _documents(result.stdout)
    assert document.source == "<stdin>"
    assert document.title == "某村2020年工作总结"


def test_clean_explain_lists_repairs(runner, seed_folder):
    result = runner.invoke(main, ["clean", str(seed_folder / "seed.txt"), "--explain"])
    assert result.exit_code == 0
    assert "=== document 2 of 2" in result.stdout
    assert "footer.friendly_tip" in result.stdout
    assert "(jié)" not in result.stdout.split("--- ")[0]


def test_schema_is_the_document_json_schema(runner):
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Document"
    assert {"text", "repairs", "amounts", "original"} <= set(schema["properties"])


def test_summarize(runner, seed_folder):
    output = seed_folder / "out.jsonl"
    runner.invoke(main, ["extract", str(seed_folder / "seed.txt"), "-o", str(output)])
    result = runner.invoke(main, ["summarize", str(output)])
    assert result.exit_code == 0
    assert "pinyin_annotation=" in result.stdout


@pytest.mark.parametrize(
    ("file", "rule"),
    [
        ("boilerplate.toml", "[[rule]]\nid = 'x'\n"),
        # read only as a stage first needs them: loaded before any input all the same
        ("money.toml", "[[rule]]\nid = 'x'\ndescription = 'd'\npattern = '(元'\nexamples = []\n"),
        ("dates.toml", "[[rule]]\nid = 'x'\n"),
    ],
)
def test_bad_rules_folder_is_a_usage_error(runner, seed_folder, tmp_path, file, rule):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / file).write_text(rule, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(seed_folder / "seed.txt"), "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    assert f"{file}: rule x" in result.output


def test_outline_prints_the_section_tree(runner, seed_folder):
    result = runner.invoke(main, ["outline", str(seed_folder / "seed.txt")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("畢節地區審計局201*年度開展集團幫扶工作總結")
    assert "畢節地區審計局" in lines[0] and "二0一一年十二月九日" in lines[0]
    assert any("一、 工作基本情況" in line for line in lines)
    assert any("一是 加強組織領導" in line and "item" in line for line in lines)
    assert any("5." in line and "repeated" in line for line in lines)
    assert sum(line.lstrip("│ ").startswith(("├", "└")) for line in lines) == 58


def test_archives_and_dumps_are_read_in_place_with_one_record_per_bad_member(runner, tmp_path):
    page = "某村2020年扶贫工作总结\n一、基本情况\n全年帮扶贫困户12户。\n"
    archive = tmp_path / "pages.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        for name, data in [("a.txt", page.encode("gb18030")), ("junk.bin", bytes(range(256)) * 8)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "x1", "html": f"<p>{page}</p>"}) + "\n{}\n", "utf-8")
    result = runner.invoke(main, ["extract", str(archive), str(dump)])
    assert result.exit_code == 1
    assert [(d.source, d.title) for d in _documents(result.stdout)] == [
        (f"{archive}!a.txt", "某村2020年扶贫工作总结"),
        (f"{dump}#x1", "某村2020年扶贫工作总结"),
    ]
    errors = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert [(e["source"], e["error"]) for e in errors] == [
        (f"{archive}!junk.bin", "E102"),
        (f"{dump}:2", "E110"),
    ]
