"""Help staff de-identify a lesson under the Chatham House Rule. Plain Python, no database.

`find_flags(text, vocabulary)` returns the spans that may identify a speaker, an organisation or
a situation, each with a reason: names of municipalities and provinces, names of registered
users, e-mail addresses, Dutch phone numbers, postcodes (1234 AB) and web addresses. The flags
are advice: staff decide what to rewrite. `highlight(text, flags)` marks them in escaped HTML.

Names are matched word by word (longest name first), case-insensitively except for the first
letter of each word, so "Buren" (a municipality) is flagged and "buren" (neighbours) is not.
Adjectives formed from a municipality's name ("Arnhemse", "Edese") are flagged too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _


class Reason(StrEnum):
    ORGANISATION = "organisation"
    PERSON = "person"
    EMAIL = "email"
    PHONE = "phone"
    POSTCODE = "postcode"
    URL = "url"


REASON_LABELS = {
    Reason.ORGANISATION: _("naam van een gemeente of provincie"),
    Reason.PERSON: _("naam van een persoon"),
    Reason.EMAIL: _("e-mailadres"),
    Reason.PHONE: _("telefoonnummer"),
    Reason.POSTCODE: _("postcode"),
    Reason.URL: _("webadres"),
}


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    text: str
    reason: Reason

    @property
    def label(self) -> str:
        return str(REASON_LABELS[self.reason])


@dataclass(frozen=True)
class Vocabulary:
    organisations: frozenset[str]  # word keys (see _key) of organisation names
    persons: frozenset[str]  # word keys of full names and of distinctive name parts
    max_words: int
    first_words: frozenset[str] = frozenset()  # the first word of every name: a quick pre-check


# Words that are part of names but never identify anyone on their own.
PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ter", "ten", "te", "op", "in", "la", "le", "du", "von", "vd"}
    | {"'t", "aan", "bij", "onder", "over", "uit", "auf", "dem"}
)
ADJECTIVE_SUFFIXES = ("se", "ers", "er", "s")
MIN_NAME_PART = 3

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_PARENTHESES = re.compile(r"\([^)]*\)")
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"']+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:nl|com|org|net|eu|info|be|de|frl|gov|io)(?:/[^\s<>\"']*)?(?![\w-])",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:(?:\+|00)31[ .-]?(?:\(0\)[ .-]?)?|\(?0)[1-9](?:\)?[ .-]?\d){8}"  # 10-digit numbers, +31 too
    r"|0[89]0[0-9][ .-]?\d(?:[ .-]?\d){2,6}"  # 0800 / 0900 service numbers
    r")(?!\d)"
)
_POSTCODE = re.compile(r"(?<!\w)[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?!\w)")
_TRAILING = ".,;:!?)]}'\""


def _key(words: Iterable[str]) -> str:
    return " ".join(w[:1] + w[1:].casefold() for w in words)


def _words(name: str) -> list[str]:
    return _WORD.findall(_PARENTHESES.sub(" ", name))


def build_vocabulary(*, organisation_names: Iterable[str], person_names: Iterable[str]) -> Vocabulary:
    organisations: set[str] = set()
    persons: set[str] = set()
    longest = 1
    for name in organisation_names:
        words = _words(name)
        if words:
            organisations.add(_key(words))
            longest = max(longest, len(words))
    for name in person_names:
        words = _words(name)
        if not words:
            continue
        if len(words) > 1:
            persons.add(_key(words))
            longest = max(longest, len(words))
        for word in words:
            if len(word) >= MIN_NAME_PART and word[0].isupper() and word.casefold() not in PARTICLES:
                persons.add(_key([word]))
    first_words = frozenset(key.split(" ", 1)[0] for key in organisations | persons)
    return Vocabulary(frozenset(organisations), frozenset(persons), longest, first_words)


def _pattern_flags(text: str) -> list[Flag]:
    flags: list[Flag] = []
    for pattern, reason in (
        (_EMAIL, Reason.EMAIL),
        (_URL, Reason.URL),
        (_DOMAIN, Reason.URL),
        (_PHONE, Reason.PHONE),
        (_POSTCODE, Reason.POSTCODE),
    ):
        for match in pattern.finditer(text):
            start, end = match.span()
            if reason == Reason.URL:
                while end > start and text[end - 1] in _TRAILING:
                    end -= 1
            flags.append(Flag(start, end, text[start:end], reason))
    return flags


def _may_start_a_name(word: str, vocabulary: Vocabulary) -> bool:
    key = _key([word])
    return key in vocabulary.first_words or any(
        key.endswith(suffix) and key[: -len(suffix)] in vocabulary.organisations for suffix in ADJECTIVE_SUFFIXES
    )


def _organisation_match(words: list[str], vocabulary: Vocabulary) -> bool:
    if _key(words) in vocabulary.organisations:
        return True
    last = words[-1]
    return any(
        last.endswith(suffix)
        and len(last) > len(suffix) + 1
        and _key([*words[:-1], last[: -len(suffix)]]) in vocabulary.organisations
        for suffix in ADJECTIVE_SUFFIXES
    )


def _name_flags(text: str, vocabulary: Vocabulary) -> list[Flag]:
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    flags: list[Flag] = []
    i = 0
    while i < len(tokens):
        matched = 0
        if not _may_start_a_name(tokens[i][2], vocabulary):
            i += 1
            continue
        for n in range(min(vocabulary.max_words, len(tokens) - i), 0, -1):
            words = [t[2] for t in tokens[i : i + n]]
            reason = None
            if _organisation_match(words, vocabulary):
                reason = Reason.ORGANISATION
            elif _key(words) in vocabulary.persons:
                reason = Reason.PERSON
            if reason is not None:
                start, end = tokens[i][0], tokens[i + n - 1][1]
                if start and text[start - 1] in "'’":  # 's-Hertogenbosch
                    start -= 1
                flags.append(Flag(start, end, text[start:end], reason))
                matched = n
                break
        i += matched or 1
    return flags


def find_flags(text: str, vocabulary: Vocabulary) -> list[Flag]:
    """Every span worth a second look, in text order, never overlapping (the longer span wins)."""
    candidates = sorted(
        _pattern_flags(text) + _name_flags(text, vocabulary),
        key=lambda f: (f.start, -(f.end - f.start)),
    )
    flags: list[Flag] = []
    for flag in candidates:
        if flags and flag.start < flags[-1].end:
            continue
        flags.append(flag)
    return flags


def highlight(text: str, flags: Iterable[Flag]) -> SafeString:
    """The text, escaped, with each flag in a <mark> that also says its reason to screen readers."""
    parts: list[str] = []
    position = 0
    for flag in sorted(flags, key=lambda f: f.start):
        if flag.start < position:
            continue
        parts.append(escape(text[position : flag.start]))
        parts.append(
            f'<mark class="cim-flag cim-flag--{flag.reason.value}">{escape(flag.text)}'
            f'<span class="utrecht-visually-hidden"> ({escape(flag.label)})</span></mark>'
        )
        position = flag.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # every piece of user text above is escaped
