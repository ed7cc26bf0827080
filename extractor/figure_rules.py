"""Loading ``rules/money.toml`` and ``rules/quantities.toml``: word lists and pattern rules.

Pattern rules are written with placeholders (⟨NUM⟩, ⟨CUR⟩, ⟨UNIT⟩ …) that expand here from the
word lists of the same file and the number grammar of ``extractor.numbers``, so a currency or a
classifier is added by adding a word, not by editing a regular expression. Like the other rule
files, a user folder (``--rules DIR``) may add rules, replace one by its id, disable one, and
extend the word lists; a broken file names the file and the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import regex
from pydantic import BaseModel, ConfigDict, Field

from extractor.entity_lexicon import trie_source
from extractor.errors import RulesError
from extractor.figure_rule_files import entries, mapping, merged, read_tables, validated, word_lists
from extractor.numbers import (
    ARABIC_TAIL,
    CN_BIG_CLASS,
    CN_DIGIT_CLASS,
    CN_SMALL_CLASS,
    COUNT_NUMBER,
    MONEY_NUMBER,
    NUMBER_GUARD,
    on_ascii_digits,
)
from extractor.pattern_engine import led_by_first_characters, led_by_second_characters, on_std_re
from extractor.pattern_syntax import SPACE, required_words
from extractor.unicode_classes import (
    DIGIT_ASTRAL,
    DIGIT_BMP,
    PUNCTUATION_SYMBOL_ASTRAL,
    PUNCTUATION_SYMBOL_BMP,
    char_class,
)

Rules = TypeVar("Rules", "MoneyRules", "QuantityRules")
Bound = Literal["exact", "at_least", "at_most", "about", "range"]

_DIGIT = rf"[\d{CN_DIGIT_CLASS}]"
_SEP = r"(?:至|到|-|~|—|–|－|～)"
# `regex`'s [\d\s\p{P}\p{S}] for `re`: a counted noun's stop, sought in the ten characters
# after a count, where `regex`'s cost per call is most of it
_COUNTED_STOP = char_class(
    DIGIT_BMP + SPACE[1:-1] + PUNCTUATION_SYMBOL_BMP, DIGIT_ASTRAL + PUNCTUATION_SYMBOL_ASTRAL
)
_MASK = r"(?:[xX×*?]|某)(?<![A-Za-z\d].)(?:[xX×*?]|某)*(?:\.(?:[xX×*?])+)?"
_SUB = (
    rf"(?:零?{_DIGIT}[角毛](?:零?{_DIGIT}分)?|零?{_DIGIT}分|整"
    rf"|{_DIGIT}(?<=块.)(?![\d{CN_DIGIT_CLASS}{CN_SMALL_CLASS}{CN_BIG_CLASS}元块]))"
)


# ISO codes written after a number (100 USD): anchors for rule money.code_after.
ISO_CODES = ("RMB", "CNY", "USD", "HKD", "EUR", "JPY", "GBP")


class PatternRule(BaseModel):
    """One pattern of the money or quantity grammar, with what it must and must not find."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    description: str
    pattern: str
    examples: list[list[str]]
    counter_examples: list[str] = []
    disabled: bool = False
    after: bool = Field(False, description="a rate cue read after the amount (30元/人)")
    trigger: str | None = Field(
        None,
        description="a pattern every match holds (placeholders too): the rule is tried only "
        "on the stretches that hold it",
    )


class VetoRule(BaseModel):
    """A pattern whose matches veto every candidate they overlap (not money, not a count)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    description: str
    pattern: str
    examples: list[str]
    counter_examples: list[str] = []
    disabled: bool = False


class Currency(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    words: list[str]
    generic: list[str] = []
    prefix: list[str] = []
    symbols: list[str] = []


class Qualifier(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    bound: Bound
    prefix: list[str] = []
    inner: list[str] = []
    suffix: list[str] = []


@dataclass(frozen=True)
class Compiled:
    """A rule with its placeholders expanded and compiled."""

    rule: PatternRule | VetoRule
    regex: re.Pattern[str] | regex.Pattern[str]
    trigger: re.Pattern[str] | regex.Pattern[str] | None = None  # in every match: searched first
    words: tuple[str, ...] | None = None  # one of them in every match (``required_words``)


@dataclass(frozen=True)
class MoneyRules:
    rules: tuple[Compiled, ...]
    anchors: re.Pattern[str]  # currency words and signs: every amount contains one
    vetoes: re.Pattern[str] | regex.Pattern[str] | None
    veto_rules: tuple[Compiled, ...]
    currency_of: dict[str, str]  # currency word, prefix word or symbol → ISO code
    generic: frozenset[str]  # words that take a prefix's currency (元, 块)
    word_scale: dict[str, Decimal]  # currency words worth a fraction of the unit (毛钱)
    bound_of: dict[str, Bound]  # qualifier word → bound
    per: tuple[Compiled, ...]
    per_aliases: dict[str, str]
    actions: re.Pattern[str]
    totals: re.Pattern[str]
    parts: re.Pattern[str]
    givers: tuple[str, ...]
    giver_lead: re.Pattern[str]
    recipient_markers: re.Pattern[str]
    purpose_markers: re.Pattern[str]
    beneficiary_units: frozenset[str]
    ascii_digits: MoneyRules | None = None  # the twin for pages with ASCII digits only


@dataclass(frozen=True)
class QuantityRules:
    rules: tuple[Compiled, ...]
    vetoes: re.Pattern[str] | regex.Pattern[str] | None
    veto_rules: tuple[Compiled, ...]
    units: frozenset[str]  # the classifiers (名, 座, 人次): what a count is written before
    people_units: frozenset[str]
    counted_stops: re.Pattern[str]  # where the words naming what is counted end
    ascii_digits: QuantityRules | None = None  # the twin for pages with ASCII digits only


def load_money_rules(extra_dirs: Sequence[Path] = ()) -> MoneyRules:
    return _money(tuple(Path(d).resolve() for d in extra_dirs))


def load_quantity_rules(extra_dirs: Sequence[Path] = ()) -> QuantityRules:
    return _quantities(tuple(Path(d).resolve() for d in extra_dirs))


def _money_places(
    currencies: list[Currency], qualifiers: list[Qualifier], not_after: dict[str, str]
) -> dict[str, str]:
    """What each placeholder of a money pattern (⟨CUR⟩, ⟨QPRE⟩ …) stands for."""
    return {
        "NUM": MONEY_NUMBER,
        "ARABIC": rf"\d{NUMBER_GUARD}{ARABIC_TAIL}",
        "DIGIT": _DIGIT,
        "CUR": _alternation(w for c in currencies for w in c.words),
        "CPRE": _alternation(w for c in currencies for w in c.prefix),
        "SYMBOL": _alternation(s for c in currencies for s in c.symbols),
        "QPRE": _guarded([w for q in qualifiers for w in q.prefix], not_after),
        "INNER": _alternation(w for q in qualifiers for w in q.inner),
        "QPOST": _alternation(w for q in qualifiers for w in q.suffix),
        "SEP": _SEP,
        "MASK": _MASK,
        "SUB": _SUB,
    }


@lru_cache(maxsize=16)
def _money(extra_dirs: tuple[Path, ...]) -> MoneyRules:
    tables = read_tables(extra_dirs, "money.toml")
    currencies = [validated(file, Currency, entry) for file, entry in entries(tables, "currency")]
    qualifiers = [validated(file, Qualifier, entry) for file, entry in entries(tables, "qualifier")]
    bound_of = {w: q.bound for q in qualifiers for w in (*q.prefix, *q.inner, *q.suffix)}
    places = _money_places(currencies, qualifiers, mapping(tables, "not_after"))
    rules = _on_re(_compiled(merged(tables, "rule", PatternRule), places, ("num",)))
    veto_rules = _compiled(merged(tables, "not_money", VetoRule), places)
    currency_of: dict[str, str] = {}
    for currency in currencies:
        for word in (*currency.words, *currency.prefix, *currency.symbols):
            currency_of.setdefault(word, currency.code)
    lists = word_lists(tables, "context")
    anchor_words = [w for c in currencies for w in (*c.words, *c.prefix, *c.symbols)]
    anchor_words += [*mapping(tables, "word_scale"), *ISO_CODES]
    money = MoneyRules(
        rules=rules,
        anchors=_words(anchor_words),
        vetoes=_union(veto_rules),
        veto_rules=veto_rules,
        currency_of=currency_of,
        generic=frozenset(w for c in currencies for w in c.generic),
        word_scale={w: Decimal(s) for w, s in mapping(tables, "word_scale").items()},
        bound_of=bound_of,
        per=_on_re(_compiled(merged(tables, "per", PatternRule), places, ("label",))),
        per_aliases=mapping(tables, "per_aliases"),
        actions=_words(lists.get("actions", [])),
        totals=_words(lists.get("totals", [])),
        parts=_words(lists.get("parts", [])),
        givers=tuple(sorted(set(lists.get("givers", [])), key=len, reverse=True)),
        giver_lead=re.compile(f"^(?:{_alternation(lists.get('giver_lead', []), re.escape)})+"),
        recipient_markers=_words(lists.get("recipient_markers", [])),
        purpose_markers=_words(lists.get("purpose_markers", [])),
        beneficiary_units=frozenset(lists.get("beneficiary_units", [])),
    )
    twin = _with_ascii_digits(money, per=_on_ascii_digits(money.per))
    return replace(money, ascii_digits=twin)


@lru_cache(maxsize=16)
def _quantities(extra_dirs: tuple[Path, ...]) -> QuantityRules:
    tables = read_tables(extra_dirs, "quantities.toml")
    lists = word_lists(tables)
    places = {"QNUM": COUNT_NUMBER, "UNIT": _alternation(lists.get("units", [])), "SEP": _SEP}
    veto_rules = _compiled(merged(tables, "not_quantity", VetoRule), places)
    counts = QuantityRules(
        rules=_on_re(_compiled(merged(tables, "rule", PatternRule), places, ("num", "unit"))),
        vetoes=_union(veto_rules),
        veto_rules=veto_rules,
        units=frozenset(lists.get("units", [])),
        people_units=frozenset(lists.get("people_units", [])),
        counted_stops=re.compile(
            _COUNTED_STOP + "|" + _alternation(lists.get("counted_stops", []), re.escape)
        ),
    )
    return replace(counts, ascii_digits=_with_ascii_digits(counts))


def _compiled(
    rules: Iterable[tuple[Path, PatternRule | VetoRule]],
    places: dict[str, str],
    named: tuple[str, ...] = (),
) -> tuple:
    """The rules compiled, each pattern checked to name the ``named`` groups its reader needs
    (a user's rule without them would fail on every page it matches, not where it is wrong)."""
    compiled = []
    for file, rule in rules:
        try:
            expanded = _expand(rule.pattern, places)
            trigger = getattr(rule, "trigger", None)
            compiled.append(
                Compiled(
                    rule,
                    regex.compile(expanded, regex.V0),
                    regex.compile(_expand(trigger, places), regex.V0) if trigger else None,
                    required_words(expanded),
                )
            )
        except (KeyError, regex.error) as error:
            raise RulesError(
                f"{file}: rule {rule.id}: pattern does not compile: {error}"
            ) from error
        missing = [name for name in named if name not in compiled[-1].regex.groupindex]
        if missing:
            groups = ", ".join(f"(?P<{name}>…)" for name in missing)
            raise RulesError(
                f"{file}: rule {rule.id}: pattern must name {groups}; the comment at the top "
                f"of {file.name} lists the groups read"
            )
    return tuple(compiled)


def _on_re(rules: tuple[Compiled, ...]) -> tuple[Compiled, ...]:
    """The rules and their triggers on `re` where it reads them as `regex` does
    (``on_std_re``): each `regex` call sets up more than `re`'s, which the count rule's scan
    of a whole view, a rate cue's search in the clause around an amount, and a money rule's
    and its trigger's in the few characters of each window around an anchor all pay (the
    money rules, measured on pages with their readings left, once stayed on `regex`; on the
    documents the stages read they cost about a twentieth less on `re`)."""
    moved = []
    for rule in rules:
        plain = _led(rule.regex.pattern) or rule.regex
        trigger = rule.trigger and (_led(rule.trigger.pattern) or rule.trigger)
        moved.append(replace(rule, regex=plain, trigger=trigger))
    return tuple(moved)


def _led(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` on `re` (``on_std_re``; else None), led by a lookahead for its first
    characters where `re` would not skip to them, else for the characters after its first."""
    plain = on_std_re(pattern)
    return None if plain is None else led_by_second_characters(led_by_first_characters(plain))


def _with_ascii_digits(rules: Rules, **changes: Any) -> Rules:
    """The rules with their `re` patterns' \\d read as 0-9 (``on_ascii_digits``): the same
    matches on a page whose only digits are ASCII, where the scans then skip faster."""
    vetoes = rules.vetoes
    if isinstance(vetoes, re.Pattern):
        vetoes = on_ascii_digits(vetoes)
    return replace(rules, rules=_on_ascii_digits(rules.rules), vetoes=vetoes, **changes)


def _on_ascii_digits(rules: tuple[Compiled, ...]) -> tuple[Compiled, ...]:
    def narrow(pattern: Any) -> Any:
        return on_ascii_digits(pattern) if isinstance(pattern, re.Pattern) else pattern

    return tuple(replace(c, regex=narrow(c.regex), trigger=narrow(c.trigger)) for c in rules)


def _expand(pattern: str, places: dict[str, str]) -> str:
    return regex.sub(r"⟨(\w+)⟩", lambda m: f"(?:{places[m.group(1)]})", pattern)


def _union(rules: tuple[Compiled, ...]) -> re.Pattern[str] | regex.Pattern[str] | None:
    """The veto rules as one pattern, on `re` where it reads them as `regex` does: sought
    around every count of a page, where each `regex` call's setup cost most of the search."""
    if not rules:
        return None
    union = "|".join(f"(?:{c.regex.pattern})" for c in rules)
    return _led(union) or regex.compile(union)


def _alternation(words: Iterable[str], escape: Callable[[str], str] = regex.escape) -> str:
    """Literal words as a trie, which finds them as a longest-first alternation would (美元
    wins over 元, 人次 over 人) without trying each word in turn at every position."""
    return trie_source(words, escape) or "(?!)"


def _words(words: Iterable[str]) -> re.Pattern[str]:
    """The words as one pattern of the standard library's `re`, which scans a plain class or
    word list several times faster than `regex` (currency words are sought on every page)."""
    return re.compile(_alternation(words, re.escape))


def _guarded(words: list[str], not_after: dict[str, str]) -> str:
    """Prefix qualifiers, each kept from matching inside a longer word (节约 is not 约)."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        guard = not_after.get(word)
        head, tail = regex.escape(word[0]), regex.escape(word[1:])
        # the guard after the word's first character: the engine tests that character first
        parts.append(f"{head}(?<![{regex.escape(guard)}].){tail}" if guard else head + tail)
    return "|".join(parts) or "(?!)"
