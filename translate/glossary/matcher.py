"""Finding glossary terms in text, in any of their forms, with one automaton per language.

Text and forms are normalized the same way (NFKC, one kind of dash and
apostrophe, no zero-width characters, whitespace runs as one space, a line
break inside CJK text removed, Latin case folded), keeping a map back to the
original offsets. Hits then pass script-aware boundary rules: Latin words
(Kimchi is not Kim; Kim Yo-jung's is Kim Yo-jung), Korean particles
(김여정은 is 김여정, 개성공단 is not 개성), and leftmost-longest selection for
Japanese without spaces (北朝鮮労働党 is not 朝鮮労働党).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import ahocorasick

from translate.glossary import variants
from translate.glossary.terms import Glossary, Term
from translate.model import Finding
from translate.rules import finding

#: Statuses of a form: the first two are fine anywhere, a reading only as a gloss.
PREFERRED, ADMITTED, READING, FORBIDDEN, GENERATED = "preferred", "admitted", "reading", "forbidden", "generated"
_ACCEPTED = (PREFERRED, ADMITTED)

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u2032\uff07"), "'")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_L_JAMO = range(0x1100, 0x1113)
_V_JAMO = range(0x1161, 0x1176)
_T_JAMO = range(0x11A8, 0x11C3)

#: Korean particles and endings that may follow a name directly.
PARTICLES = frozenset(
    "은 는 이 가 을 를 의 에 에게 에게서 께 께서 와 과 도 만 에서 으로 로 이다 였다 이었다 이라고 라고 이라는 라는 "
    "씨 씨는 씨가 씨의 측 측은 측이 이나 나 이며 며 이고 고 부터 까지 보다 처럼 과의 와의 에서의 으로서 로서 "
    "에는 에도 에서는 으로는 로는 이란 란 조차 마저 뿐 들 들은 들이 등 등이 등은 일대 지역 당국 주민 "
    # a place with its administrative suffix: 혜산시, 나선시의
    "시 시의 시는 시가 시를 시에 시에서 시당 군 군의 읍 읍의".split()
)


@functools.cache  # a pure function of one character: building a glossary's automaton calls it millions of times
def _fold(char: str, fold_case: bool) -> str:
    text = unicodedata.normalize("NFKC", char).translate(_DASHES).translate(_QUOTES)
    return text.casefold() if fold_case and text.isascii() else text


def _is_cjk(char: str) -> bool:
    return bool(char) and ("\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7a3")


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def _is_word(char: str) -> bool:
    return char.isalnum() and not _is_cjk(char)


def normalize_with_map(text: str, fold_case: bool = True) -> tuple[str, list[int], list[int]]:
    """Normalized text and, for each of its characters, the original offsets it came from (start, end)."""
    out: list[str] = []
    where: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        start = i
        i += 1
        code = ord(char)
        if code in _L_JAMO and i < n and ord(text[i]) in _V_JAMO:  # NFD Hangul: compose the syllable
            vowel = ord(text[i]) - 0x1161
            i += 1
            tail = 0
            if i < n and ord(text[i]) in _T_JAMO:
                tail = ord(text[i]) - 0x11A7
                i += 1
            char = chr(0xAC00 + ((code - 0x1100) * 21 + vowel) * 28 + tail)
        if char in _INVISIBLE:
            continue
        if char.isspace():
            if not out or out[-1] == " ":
                continue
            if "\n" in char and _is_cjk(out[-1]) and i < n and _is_cjk(text[i]):
                continue  # 金与\n正: a line break inside Japanese text is no space
            out.append(" ")
            where.append(start)
            ends.append(i)
            continue
        for piece in _fold(char, fold_case):
            out.append(piece)
            where.append(start)
            ends.append(i)
    return "".join(out), where, ends


@functools.lru_cache(maxsize=1 << 16)  # forms and keys recur: each term's are normalized several times
def normalize(text: str) -> str:
    if text.isascii():  # what normalize_with_map does to ASCII, without the offsets: most generated variants
        return " ".join(text.casefold().split())
    return normalize_with_map(text)[0].strip()


def exact(text: str) -> str:
    """Text as written, for telling listed variants apart: case, dashes and apostrophes kept.

    Only what no reader sees differs: Unicode composition (NFC), invisible
    characters, runs of whitespace.
    """
    kept = "".join(c for c in unicodedata.normalize("NFC", text) if c not in _INVISIBLE)
    return " ".join(kept.split())


@dataclass(frozen=True)
class Hit:
    term: Term
    lang: str
    start: int  # offsets into the original text
    end: int
    found: str  # the original text
    form: str  # the glossary form it matched
    status: str
    gloss: bool = False  # a reading right after the kanji: 金与正（キム・ヨジョン）
    caps: bool = False  # on a line set in capitals (a headline, a caption slug): KIM JONG-UN VISITS

    @property
    def accepted(self) -> bool:
        """Written as the glossary wants it (case included; capitals are fine on a line all in capitals)."""
        if self.gloss:
            return True
        if self.status not in _ACCEPTED:
            return False
        found, form = _soft(self.found), _soft(self.form)
        return found == form or (self.caps and found == form.upper())


def _soft(text: str) -> str:
    """Differences that are not spelling: NFKC, dashes, apostrophes, invisible characters, line breaks."""
    return normalize_with_map(text, fold_case=False)[0].strip()


class Matcher:
    """All forms of all terms, one Aho–Corasick automaton per language."""

    def __init__(self, glossary: Glossary, listed: bool = True, generated: bool = True):
        """``listed``/``generated`` switch the forbidden lists and the generated variants (for evaluation)."""
        self.glossary = glossary
        self._automata: dict[str, ahocorasick.Automaton] = {}
        #: per language and normalized key, the forbidden forms listed for it (term, form as written):
        #: ``Kim Jong–un`` (en dash) normalizes like the house ``Kim Jong-un`` but is flagged when written so
        self._listed: dict[str, dict[str, list[tuple[Term, str]]]] = {}
        #: per language and term id, its other senses, normalized: a hit inside one is no mention
        self._other_senses: dict[str, dict[str, tuple[str, ...]]] = {}
        patterns: dict[str, dict[str, list[tuple[Term, str, str]]]] = {}
        house: dict[str, set[str]] = {}
        for term in glossary:
            for lang, forms in term.forms.items():
                house.setdefault(lang, set()).update(normalize(f) for f in (forms.preferred, *forms.admitted))

        def add(lang: str, form: str, term: Term, status: str) -> None:
            key = normalize(form)
            if not key:
                return
            entries = patterns.setdefault(lang, {}).setdefault(key, [])
            if any(t.id == term.id for t, _, _ in entries):
                return
            entries.append((term, form, status))

        for term in glossary:
            for lang, forms in term.forms.items():
                if forms.other_senses:
                    senses = tuple(normalize(p) for p in forms.other_senses if normalize(p))
                    self._other_senses.setdefault(lang, {})[term.id] = senses
                add(lang, forms.preferred, term, PREFERRED)
                for form in forms.admitted:
                    add(lang, form, term, ADMITTED)
                if lang == "en":
                    for form in variants.implied_admitted(term):
                        add(lang, form, term, ADMITTED)
                        house[lang].add(normalize(form))
                for form in variants.readings(forms.reading):
                    add(lang, form, term, READING)
                for form in forms.forbidden if listed else ():
                    add(lang, form, term, FORBIDDEN)
                    if normalize(form):
                        self._listed.setdefault(lang, {}).setdefault(normalize(form), []).append((term, form))
        for term in glossary if generated else ():
            for lang, generated in variants.generate(term).items():
                for form in sorted(generated):
                    if normalize(form) not in house.get(lang, set()):
                        add(lang, form, term, GENERATED)
        for lang, table in patterns.items():
            automaton = ahocorasick.Automaton()
            for key, entries in table.items():
                automaton.add_word(key, (key, tuple(entries)))
            automaton.make_automaton()
            self._automata[lang] = automaton

    def find(self, text: str, lang: str, other_senses: bool = True) -> list[Hit]:
        """Every mention of a glossary term in ``text`` (written in ``lang``), leftmost-longest."""
        base = lang.split("_")[0]
        automaton = self._automata.get(base)
        if automaton is None or not text:
            return []
        norm, where, ends = normalize_with_map(text)
        candidates = []
        for end, (key, entries) in automaton.iter(norm):
            start = end - len(key) + 1
            if _bounded(norm, start, end + 1):
                candidates.append((start, end + 1, key, entries))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        hits: list[Hit] = []
        previous_end = taken_until = 0
        senses = self._other_senses.get(base, {}) if other_senses else {}
        for start, end, key, entries in candidates:
            if start < taken_until:
                continue
            term, form, status = entries[0]
            if term.id in senses and _inside_other_sense(norm, start, end, key, senses[term.id]):
                continue
            # A reading right after the same term's kanji, in brackets, is a gloss: 金与正（キム・ヨジョン）
            gloss = (
                status == READING
                and bool(hits)
                and hits[-1].term.id == term.id
                and hits[-1].status != READING
                and norm[previous_end:start].strip() in ("(", "「", "[")
            )
            o_start, o_end = where[start], ends[end - 1]
            caps = _in_capitals(text, o_start, o_end)
            found = text[o_start:o_end]
            if status != READING:
                listed = self._as_listed(base, key, found, term, form, caps)
                if listed is not None:
                    (term, form), status = listed, FORBIDDEN
            hits.append(Hit(term, lang, o_start, o_end, found, form, status, gloss, caps))
            previous_end = taken_until = end
        return hits

    def _as_listed(self, lang: str, key: str, found: str, term: Term, form: str, caps: bool) -> tuple[Term, str] | None:
        """The forbidden form listed exactly as ``found`` is written (case, dashes, apostrophes), if any.

        Text that differs from the house form only typographically stays accepted
        unless the glossary lists that very spelling as forbidden.
        """
        written = exact(found)
        house = exact(form).upper()
        if caps and written == house:
            return None  # the house form set in capitals, as a headline sets it: even where HYESAN is listed
        for owner, forbidden in sorted(self._listed.get(lang, {}).get(key, ()), key=lambda c: c[0].id != term.id):
            listed = exact(forbidden)
            if written == listed or (caps and written == listed.upper() and listed.upper() != house):
                return owner, forbidden
        return None


def _inside_other_sense(norm: str, start: int, end: int, key: str, senses: tuple[str, ...]) -> bool:
    """Whether norm[start:end] (a mention of ``key``) is part of one of the phrases where it is another word."""
    for phrase in senses:
        at = phrase.find(key)
        while at >= 0:
            if norm.startswith(phrase, start - at) and start - at >= 0:
                return True
            at = phrase.find(key, at + 1)
    return False


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether the line around text[start:end] is set in capitals: nearly every Latin letter upper case."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    letters = [c for c in text[first : last if last >= 0 else len(text)] if c.isascii() and c.isalpha()]
    return len(letters) > 0 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _bounded(norm: str, start: int, end: int) -> bool:
    """Script-aware word boundaries around norm[start:end]."""
    first, last = norm[start], norm[end - 1]
    before = norm[start - 1] if start else ""
    after = norm[end] if end < len(norm) else ""
    if _is_word(first) and before and _is_word(before):
        return False
    if _is_word(last) and after and _is_word(after):
        return False
    if _is_hangul(first) and before and _is_hangul(before):
        return False
    if _is_hangul(last) and after and _is_hangul(after):
        tail_end = end
        while tail_end < len(norm) and _is_hangul(norm[tail_end]):
            tail_end += 1
        return norm[end:tail_end] in PARTICLES
    return True


def self_test(glossary: Glossary, matcher: Matcher | None = None) -> list[Finding]:
    """Run every entry's examples, as prh runs its specs: a glossary that fails does not load.

    ``matcher``: one already built from this glossary (building it is the slow part).
    """
    matcher = matcher or Matcher(glossary)
    problems = []
    for term in glossary:
        for lang, text, line in term.must_match:
            if not any(h.term.id == term.id for h in matcher.find(text, lang)):
                message = f"{term.id}: example {text!r} ({lang}) should match, does not"
                problems.append(_failed(term, line, message))
        for lang, text, line in term.must_not_match:
            if any(h.term.id == term.id for h in matcher.find(text, lang)):
                problems.append(_failed(term, line, f"{term.id}: example {text!r} ({lang}) must not match, does"))
        for lang, forms in term.forms.items():
            for phrase in forms.other_senses:  # each must hold a mention, or it guards nothing
                if not any(h.term.id == term.id for h in matcher.find(phrase, lang, other_senses=False)):
                    message = f"{term.id}: other sense {phrase!r} ({lang}) does not contain a form of the term"
                    problems.append(_failed(term, forms.line, message))
    return problems


def _failed(term: Term, line: int, message: str) -> Finding:
    """A failing example (glossary.self-test), at its line, or its entry's where none is known (a TBX example)."""
    return finding("glossary.self-test", message, path=term.path, line=line or term.line)
