"""Evaluation: matchers and metrics on tiny hand-made pairs, floors, and the real corpus gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.evaluate import (
    Case,
    Counts,
    EvaluationError,
    Report,
    check_floors,
    garbled_counts,
    load_floors,
    match_field,
    match_roles,
    normalise_decimal,
    same_value,
    score_case,
)

ROOT = Path(__file__).resolve().parents[1]


def _amount(text: str, value: str | None, bound: str = "exact") -> dict:
    return {"text": text, "value": value, "bound": bound}


def _case(documents: list[dict], kind: str = "gold", buckets: tuple[str, ...] = ("clean",)):
    return Case("made-up", Path("made-up.txt"), kind, buckets, documents)


# ---- matchers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["864000", "8.64E+5", "864000.00", "864000.0"])
def test_decimal_values_compare_by_number_not_spelling(spelling):
    assert normalise_decimal(spelling) == "864000"


def test_a_missing_value_stays_missing():
    assert normalise_decimal(None) is None


def test_mentions_match_as_multisets():
    gold = [_amount("5万元", "50000")] * 2 + [_amount("500元", "500")]
    predicted = [_amount("5万元", "50000"), _amount("9元", "9"), _amount("9元", "9")]
    assert match_field("amounts", gold, predicted) == Counts(matched=1, gold=3, predicted=3)


def test_a_repeated_prediction_matches_only_as_often_as_gold_has_it():
    gold = [_amount("5万元", "50000")]
    predicted = [_amount("5万元", "50000")] * 3
    assert match_field("amounts", gold, predicted) == Counts(matched=1, gold=1, predicted=3)


def test_amount_values_match_through_decimal_and_bound_counts():
    gold = [_amount("86.4万元", "864000"), _amount("近3万元", "30000", "at_most")]
    predicted = [_amount("86.4万元", "8.64E+5"), _amount("近3万元", "30000", "about")]
    assert match_field("amounts", gold, predicted).matched == 1


def test_predicted_sections_are_matched_through_their_tree():
    child = {"level": 2, "marker": "（一）", "title": "加强领导", "children": []}
    predicted = [{"level": 1, "marker": "一、", "title": "基本情况", "children": [child]}]
    gold = [{"level": 1, "marker": "一、", "title": "基本情况"}, dict(child)]
    assert match_field("sections", gold, predicted) == Counts(matched=2, gold=2, predicted=2)


def test_roles_recall_counts_only_people_found_by_name():
    gold = [{"name": "罗建平", "roles": ["组长", "局长"]}, {"name": "田晓燕", "roles": ["副组长"]}]
    predicted = [{"name": "罗建平", "roles": ["局长", "书记"]}]
    ratio = match_roles(gold, predicted)
    assert (ratio.hits, ratio.total, ratio.value) == (1, 2, 0.5)


def test_a_signed_date_is_equal_in_year_month_and_day():
    gold = {"text": "2019年12月20日", "year": 2019, "month": 12, "day": 20}
    assert same_value("signed_date", gold, {**gold, "text": "2019.12.20"})
    assert not same_value("signed_date", gold, {**gold, "day": 2})
    assert not same_value("signed_date", gold, None)
    assert same_value("issuer", None, None)


# ---- metrics ----------------------------------------------------------------------------------


def test_nothing_on_either_side_is_null_not_zero():
    counts = Counts()
    assert (counts.precision, counts.recall, counts.f1) == (None, None, None)


def test_nothing_predicted_is_zero_recall_and_null_precision():
    counts = Counts(matched=0, gold=4, predicted=0)
    assert (counts.precision, counts.recall, counts.f1) == (None, 0.0, 0.0)


def test_f1_is_micro_averaged_from_counts():
    counts = Counts(matched=3, gold=4, predicted=6)
    assert counts.f1 == pytest.approx(2 * 0.5 * 0.75 / (0.5 + 0.75))


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


def test_garbled_and_undamaged_characters_on_a_hand_built_alignment():
    truth = "做到每户有人"  # 到每 was garbled (offsets 1-3)
    predicted = "做?每户有个"  # 到 lost, 每 restored, 人 (undamaged) changed
    restored, changed = garbled_counts(truth, predicted, [[1, 3, "gbk_shift"]])
    assert (restored.hits, restored.total) == (1, 2)
    assert (changed.hits, changed.total) == (1, 4)


def test_garbling_is_summed_over_the_documents_of_a_truth_file():
    truth = _case(
        [{"title": "t", "text": "做到每户有人", "garbled": [[1, 3, "lost_lead"]]}], "truth"
    )
    report = Report()
    score_case(report, truth, [{"title": "t", "text": "做到每户有人"}])
    assert report.metrics()["garbled.restored"] == 1.0
    assert report.metrics()["undamaged.changed"] == 0.0
    assert report.metrics()["undamaged.changed.count"] == 0.0


# ---- floors -----------------------------------------------------------------------------------


def _floors(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "floors.toml"
    path.write_text("[floors]\n" + body, encoding="utf-8")
    return path


def test_a_ceiling_breaks_above_and_a_floor_below(tmp_path):
    floors = load_floors(_floors(tmp_path, '"text.cer.max" = 0.1\n"title.accuracy" = 0.9\n'))
    metrics = {"text.cer": 0.2, "title.accuracy": 0.95}
    breaches, _ = check_floors(metrics, floors)
    assert [(b.floor.metric, b.value) for b in breaches] == [("text.cer", 0.2)]
    assert "above its max 0.1" in str(breaches[0])


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ('"sections.f2" = 0.1\n', "names no metric"),
        ('"text.cer" = 0.1\n', "needs the .max suffix"),
        ('"title.accuracy.max" = 0.1\n', "must not have the .max"),
        ('"title.accuracy" = "high"\n', "must be a number"),
    ],
)
def test_a_floors_file_that_would_gate_nothing_is_refused(tmp_path, body, complaint):
    with pytest.raises(EvaluationError, match=complaint):
        load_floors(_floors(tmp_path, body))


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
    floors = _floors(tmp_path, '"title.accuracy" = 1.01\n"text.cer.max" = 0.5\n')
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
