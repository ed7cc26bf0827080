"""The characters of a damaged run after a post, read as a person's name: surname, given name.

Names make no dictionary word, so the word model fills a lost byte there with the commoner
character the surviving byte allows (副院长x春燕: 离 outscored 谢, left unrestored; 副院长谢春燕
with 春's lead lost read 谢院燕). Right after a post (``rules/lexicon/roles.txt``; or after a
signature's word, 述职人:, ``people.SIGNED``) a run's first character is likely a surname
(``rules/lexicon/surnames.txt``) and the next two given-name characters; after a post and a
surname the first two are given-name characters. A post someone is appointed to (任组长, 为组长:
``people.APPOINT``) ends a clause: the name came before it. There a candidate gains NAME_WEIGHT
times how much likelier the People's Daily has it in that part of a name than at large (a
log-likelihood ratio, ``running_text.name_affinity``), up to NAME_CAP nats; characters both
bytes of which survive gain it as well (淑仪 tells a name from 菏鐑 as found). Elsewhere nothing
changes. It cannot tell two surnames apart (卢 and 马, 梁 and 魏 share a trail byte): such a
character is most often left 〓. Tuning in bench/accuracy-history.md ("names after a post").
"""

from __future__ import annotations

from functools import lru_cache

from extractor.entity_lexicon import load_entity_lexicon
from extractor.people import APPOINT, SIGNED
from extractor.running_text import running_pairs
from extractor.views import to_simplified

NAME_WEIGHT = 3.0
NAME_CAP = 5.0
SURNAME, GIVEN = "surname", "given"  # ``Slot.name``: the part of a name a slot may be
_TAIL = 12  # characters before a run looked at (the longest post, a surname)
_COLONS = (":", "：")


def name_place(text: str, end: int) -> str:
    """The part of a name the character at ``end`` may be: SURNAME right after a post, GIVEN
    after a post and a one-character surname, "" otherwise."""
    return (name_places(text, end) or ("",))[0]


def name_places(text: str, end: int) -> tuple[str, ...]:
    """The parts of a name the characters from ``end`` on may be, in order: a surname and two
    given-name characters right after a post, two given-name characters after a post and a
    surname (诸葛 is one), none otherwise."""
    return _name_places(text[max(0, end - _TAIL) : end])


@lru_cache(maxsize=4096)
def _name_places(before: str) -> tuple[str, ...]:
    """``name_places`` after the text ``before`` (the _TAIL characters before a run), kept: the
    search asks again for a run it reads once more (a third of the asks on simulated pages),
    and the Simplified view of the text cost ~20,000 instructions compiled."""
    surnames = load_entity_lexicon().surnames
    tail = to_simplified(before)
    if _names_follow(tail):
        return (SURNAME, GIVEN, GIVEN)
    for size in (1, 2):
        if tail[-size:] in surnames and _names_follow(tail[:-size]):
            return (GIVEN, GIVEN)
    return ()


def _names_follow(tail: str) -> bool:
    """Whether a name may follow ``tail``: a post (a colon after it heads a list of names, as
    it does after a signature's word: 述职人:), unless someone was appointed to it (任组长:
    the name came before it)."""
    if tail.endswith(_COLONS):
        signed = SIGNED.search(tail)
        if signed is not None and signed.end() == len(tail):
            return True
        tail = tail[:-1]
    post = _post_length(tail)
    return post > 0 and not tail[:-post].endswith(APPOINT)


def _post_length(tail: str) -> int:
    """How long the longest post ``tail`` ends in is, 0 for none: its last characters of each
    post's length looked up (``str.endswith`` of the posts tried each of hundreds)."""
    posts, lengths = _posts()
    for length in lengths:
        if length <= len(tail) and tail[-length:] in posts:
            return length
    return 0


@lru_cache(maxsize=1)
def _posts() -> tuple[frozenset[str], tuple[int, ...]]:
    """The posts (``rules/lexicon/roles.txt``) and their lengths, the longest first."""
    roles = load_entity_lexicon().roles
    return frozenset(roles), tuple(sorted({len(role) for role in roles}, reverse=True))


def name_bonus(simple: str, place: str) -> float:
    """A Simplified character's bonus in a slot that may be that part of a name."""
    if not place or (place == SURNAME and simple not in load_entity_lexicon().surnames):
        return 0.0
    affinity = running_pairs().names.get(simple)
    if affinity is None:
        return 0.0
    return min(NAME_WEIGHT * affinity[place == GIVEN], NAME_CAP)
