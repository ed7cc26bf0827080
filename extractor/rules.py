"""Loading and validating the rule files in ``rules/`` (and any ``--rules DIR`` a user adds).

Rules are data: each has a stable id, a pattern written in Simplified script with ASCII-width
punctuation (it is matched against ``views.matching_view``, so it fits Traditional and
full-width text too), and examples plus counter-examples that the test-suite checks. A user
directory may add rules, replace a shipped rule by reusing its id, or switch one off with
``disabled = true``. Load errors name the file, the rule id and what to fix.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal, TypeVar

import regex
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from extractor.errors import RulesError
from extractor.pattern_syntax import inline_definitions

HORIZONTAL_SPACE = "\\h"  # in a line word: any of HORIZONTAL_SPACES
# what the regex module's \h matches (a test checks it against every code point)
HORIZONTAL_SPACES = (
    "\t \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)


def _spelled_out(word: str) -> list[str]:
    """A line word as the literal words the page index looks for: one for each horizontal
    space its ``\\h`` may stand for (the index finds literal words only, all in one pass)."""
    if HORIZONTAL_SPACE not in word:
        return [word]
    return [word.replace(HORIZONTAL_SPACE, space) for space in HORIZONTAL_SPACES]


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    pattern: str
    description: str
    disabled: bool = False

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            _compile(pattern)  # as used: compiled once, not again with other flags
        except regex.error as error:
            raise ValueError(f"pattern does not compile: {error}") from error
        return pattern

    @property
    def compiled(self) -> regex.Pattern[str]:
        return _compile(self.pattern)


class ResidueRule(_Rule):
    """A substitution inside a line: HTML residue, watermark junk."""

    kind: Literal["html", "junk"]
    replace: str = ""
    examples: list[tuple[str, str]]
    counter_examples: list[str] = []


class BoilerplateRule(_Rule):
    """Site furniture found line by line, and the markers where a new document starts.

    ``drop_line`` removes the matching line, ``drop_match`` only the match, ``drop_rest`` the
    line and everything after it; ``split`` starts a new document at the line and removes the
    match (the marker), keeping the rest of the line as the new document's first line.
    """

    action: Literal["drop_line", "drop_match", "drop_rest", "split"]
    examples: list[str]
    counter_examples: list[str] = []
    trigger: str | None = None  # words the page must hold somewhere for the rule to be tried
    # words (lower case; matched ignoring ASCII case) of which the line where a match starts
    # must hold one: the pattern is tried only on such lines; ``\h`` in a word stands for any
    # horizontal space (``大\h`` is 大 then a space, a tab, a no-break space …), as in a pattern
    line_words: tuple[str, ...] = ()
    # how many lines above the line where a match starts may hold its text again (its own
    # text, stripped, opens one of them after its leading whitespace): the pattern is tried
    # only on such lines
    repeats_above: int = 0

    @field_validator("trigger")
    @classmethod
    def _trigger_compiles(cls, trigger: str | None) -> str | None:
        return None if trigger is None else cls._compiles(trigger)

    @field_validator("line_words")
    @classmethod
    def _plain_words(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        for word in words:
            if not word or "\n" in word or word != word.lower():
                raise ValueError(f"line word {word!r}: write non-empty, one-line, lower-case words")
            if word.count(HORIZONTAL_SPACE) > 1:
                raise ValueError(f"line word {word!r}: write \\h once in a word at most")
        return tuple(dict.fromkeys(spelled for word in words for spelled in _spelled_out(word)))

    @property
    def compiled_trigger(self) -> regex.Pattern[str] | None:
        """A cheap search that spares a page the full pattern when it cannot match."""
        return None if self.trigger is None else _compile(self.trigger)


class SectionStyleRule(_Rule):
    """One marker form of the heading grammar (``rules/sections.toml``); see that file's header."""

    family: str
    kind: Literal["heading", "item"]
    level: int
    rank: int
    numbering: Literal["cn", "arabic", "circled", "paren_circled", "words", "decimal"]
    positions: list[Literal["line", "sentence", "clause", "word"]]
    line_needs_sequence: bool = False
    values: dict[str, int] = {}
    examples: list[tuple[str, str]]
    counter_examples: list[str] = []

    @field_validator("pattern")
    @classmethod
    def _captures_the_number(cls, pattern: str) -> str:
        if "(?P<num>" not in pattern:
            raise ValueError("pattern must capture the numbering in a group named `num`")
        return pattern


R = TypeVar("R", bound=_Rule)


@dataclass(frozen=True)
class RuleSet:
    residue: tuple[ResidueRule, ...]
    boilerplate: tuple[BoilerplateRule, ...]
    document_types: tuple[str, ...]  # longest first, so 述职报告 wins over 报告
    section_styles: tuple[SectionStyleRule, ...] = ()
    secondary_document_types: tuple[str, ...] = ()  # 打算 after 总结: the type only if alone
    issuer_suffixes: tuple[str, ...] = ()  # what a signing unit's name ends with: 局, 委员会 …
    # 什么, 哪 …: a sentence's "?" is the writer's (gbk_marks.asked)
    question_words: tuple[str, ...] = ()
    # the user's folders these came from: stages that load other rule families (the entity
    # lexicon, the quantity and money rules) load them from the same folders
    extra_dirs: tuple[Path, ...] = ()
    # what a stage works out from these rules once (by the stage's name), kept as long as they are
    derived: dict[str, object] = field(default_factory=dict, init=False, compare=False, repr=False)

    @cached_property
    def line_words(self) -> tuple[str, ...]:
        """Every boilerplate rule's line words, once each, sorted: indexed on each page
        (gathered and sorted once a rule set, not once a page)."""
        return tuple(sorted({word for rule in self.boilerplate for word in rule.line_words}))


@lru_cache(maxsize=256)
def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(inline_definitions(pattern), regex.MULTILINE)


def default_rules_dir() -> Path:
    """The shipped rules: inside the installed wheel, or beside the package in a checkout."""
    packaged = Path(__file__).parent / "rules"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "rules"


def load_rules(extra_dirs: Sequence[Path] = ()) -> RuleSet:
    """The shipped rules, extended or overridden by each directory in ``extra_dirs``."""
    return _load(tuple(Path(d).resolve() for d in extra_dirs))


@lru_cache(maxsize=16)
def _load(extra_dirs: tuple[Path, ...]) -> RuleSet:
    for directory in extra_dirs:
        if not directory.is_dir():
            raise RulesError(
                f"rules directory {directory} does not exist; pass a folder of .toml files"
            )
    directories = (default_rules_dir(), *extra_dirs)
    residue = _merge(directories, "residue.toml", ResidueRule)
    boilerplate = _merge(directories, "boilerplate.toml", BoilerplateRule)
    document_types = word_list(directories, "lexicon/document_types.txt")
    return RuleSet(
        residue=residue,
        boilerplate=boilerplate,
        document_types=document_types,
        section_styles=_merge(directories, "sections.toml", SectionStyleRule),
        secondary_document_types=word_list(directories, "lexicon/secondary_document_types.txt"),
        issuer_suffixes=word_list(directories, "lexicon/issuer_suffixes.txt"),
        question_words=word_list(directories, "lexicon/question_words.txt"),
        extra_dirs=extra_dirs,
    )


def _merge(directories: Sequence[Path], name: str, model: type[R]) -> tuple[R, ...]:
    by_id: dict[str, R] = {}
    for directory in directories:
        path = directory / name
        if path.is_file():
            for rule in _read(path, model):
                by_id[rule.id] = rule
    return tuple(rule for rule in by_id.values() if not rule.disabled)


def word_list(directories: Sequence[Path], name: str) -> tuple[str, ...]:
    """Words from every directory's copy of a word list, longest first."""
    words: set[str] = set()
    for directory in directories:
        path = directory / name
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            words.update(
                line.strip() for line in lines if line.strip() and not line.startswith("#")
            )
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


def validation_problems(error: ValidationError) -> str:
    """A rule's validation errors on one line: each field's path and what is wrong with it."""
    return "; ".join(
        f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in error.errors()
    )


def _read(path: Path, model: type[R]) -> list[R]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RulesError(f"{path}: cannot read rule file: {error}") from error
    rules: list[R] = []
    seen: set[str] = set()
    for number, entry in enumerate(data.get("rule", []), start=1):
        rule_id = entry.get("id", f"#{number}") if isinstance(entry, dict) else f"#{number}"
        try:
            rule = model.model_validate(entry)
        except ValidationError as error:
            raise RulesError(f"{path}: rule {rule_id}: {validation_problems(error)}") from error
        if rule.id in seen:
            raise RulesError(f"{path}: rule {rule.id}: id used twice; give each rule its own id")
        seen.add(rule.id)
        rules.append(rule)
    return rules
