"""Evaluation: scoring inputs document by document, the eval command, and the real corpus gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.eval_floors import check_floors, load_floors
from extractor.eval_report import Counts, Report
from extractor.evaluate import Case, score_case

ROOT = Path(__file__).resolve().parents[1]


def _case(documents: list[dict], kind: str = "gold", buckets: tuple[str, ...] = ("clean",)):
    return Case("made-up", Path("made-up.txt"), kind, buckets, documents)


# ---- the report -------------------------------------------------------------------------------


def test_a_field_empty_everywhere_reports_null_and_its_floor_is_skipped(tmp_path):
    report = Report()
    score_case(report, _case([{"text": "甲乙", "places": []}]), [{"text": "甲乙", "places": []}])
    metrics = report.metrics()
    assert metrics["places.precision"] is None
    assert metrics["places.recall"] is None
    assert metrics["places.f1"] is None
    floors = tmp_path / "floors.toml"
    floors.write_text('[floors]\n"places.f1" = 0.5\n', encoding="utf-8")
    breaches, skipped = check_floors(metrics, load_floors(floors))
    assert breaches == []
    assert [floor.key for floor in skipped] == ["places.f1"]


def test_cer_is_summed_distance_over_summed_gold_length_per_kind():
    report = Report()
    truth = _case([{"title": "t", "text": "abcd", "garbled": []}], "truth", ("s2t", "pinyin"))
    score_case(report, truth, [{"title": "t", "text": "abXd"}])
    score_case(
        report, _case([{"title": "t", "text": "efghijkl"}]), [{"title": "t", "text": "efgh"}]
    )
    assert (report.text.distance, report.text.length) == (5, 12)
    assert report.metrics()["text.cer"] == pytest.approx(5 / 12)
    assert report.metrics()["text.cer.s2t"] == pytest.approx(1 / 4)
    assert report.metrics()["text.cer.pinyin"] == pytest.approx(1 / 4)
    assert report.metrics()["text.cer.clean"] == pytest.approx(4 / 8)


def test_missing_and_extra_documents_count_in_full():
    gold = {"title": "甲", "issuer": None, "signed_date": None, "text": "一二三", "places": []}
    second = {**gold, "title": "乙", "text": "四五", "places": [{"name": "石板村"}]}
    report = Report()
    score_case(report, _case([gold, second]), [{"title": "甲", "text": "一二三"}])
    assert report.fields["places"] == Counts(matched=0, gold=1, predicted=0)
    assert (report.text.distance, report.text.length) == (2, 5)
    assert (report.accuracy["title"].hits, report.accuracy["title"].total) == (1, 2)
    extra = {"title": "丙", "text": "六", "places": [{"name": "龙塘乡"}]}
    score_case(report, _case([gold]), [{"title": "甲", "text": "一二三"}, extra])
    assert report.fields["places"] == Counts(matched=0, gold=1, predicted=1)
    assert (report.text.distance, report.text.length) == (3, 8)


def test_truth_files_score_text_and_title_but_not_fields():
    report = Report()
    truth = _case([{"title": "甲", "text": "一二", "garbled": []}], "truth", ("s2t",))
    score_case(report, truth, [{"title": "甲", "text": "一二", "places": [{"name": "石板村"}]}])
    assert report.fields["places"] == Counts()
    assert report.accuracy["title"].total == 1
    assert report.accuracy["issuer"].total == 0


def test_garbling_is_summed_over_the_documents_of_a_truth_file():
    truth = _case(
        [{"title": "t", "text": "做到每户有人", "garbled": [[1, 3, "lost_lead"]]}], "truth"
    )
    report = Report()
    score_case(report, truth, [{"title": "t", "text": "做到每户有人"}])
    assert report.metrics()["garbled.restored"] == 1.0
    assert report.metrics()["undamaged.changed"] == 0.0
    assert report.metrics()["undamaged.changed.count"] == 0.0


# ---- command line -----------------------------------------------------------------------------


@pytest.fixture
def tiny_gold(tmp_path: Path) -> Path:
    """One clean input and its gold, laid out like corpus/ (gold input relative to the parent)."""
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "x.txt").write_text("某县审计局工作总结\n全年审计单位12个。\n", "utf-8")
    document = {"title": "某县审计局工作总结", "issuer": None, "signed_date": None}
    document["text"] = "某县审计局工作总结\n全年审计单位12个。"
    record = {"input": "clean/x.txt", "documents": [document]}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.gold.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    return tmp_path / "gold"


def test_an_impossible_floor_fails_the_command_and_names_the_metric(tiny_gold, tmp_path):
    floors = tmp_path / "floors.toml"
    floors.write_text('[floors]\n"title.accuracy" = 1.01\n"text.cer.max" = 0.5\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(tiny_gold), "--floors", str(floors)])
    assert result.exit_code == 1, result.output
    broken = [line for line in result.output.splitlines() if line.startswith("FLOOR BROKEN")]
    assert broken == ["FLOOR BROKEN: title.accuracy = 1.0000 is below its floor 1.01"]


def test_json_output_carries_the_same_numbers(tiny_gold, tmp_path):
    out = tmp_path / "eval.json"
    result = CliRunner().invoke(main, ["eval", str(tiny_gold), "--json", str(out)])
    assert result.exit_code == 0, result.output
    numbers = json.loads(out.read_text(encoding="utf-8"))
    assert numbers["metrics"]["title.accuracy"] == 1.0
    assert numbers["metrics"]["sections.f1"] is None
    assert numbers["text"]["by_kind"]["clean"]["cer"] == 0.0


def test_a_folder_without_gold_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert "no *.gold.json or *.truth.json" in result.output


def test_the_corpus_passes_its_pinned_floors(monkeypatch):
    monkeypatch.chdir(ROOT)
    arguments = ["eval", "corpus/gold", "--floors", "corpus/floors.toml"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert "0 broken" in result.output
