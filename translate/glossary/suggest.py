"""Names in articles that the glossary does not know yet, proposed as entries.

* English: runs of capitalized words (Choe Ryong-hae, Sinpo South Shipyard).
* Korean: a surname and a one- or two-syllable given name before a title
  (위원장, 부부장, 씨…), and place names with an administrative suffix before a
  particle (신포시에서). kiwipiepy's proper-noun tags are used instead when it is
  installed (pip install kiwipiepy).
* Japanese: kanji followed by a katakana reading in brackets: 金徳訓（キム・ドックン）.

Korean names get romanized proposals in the house style (DPRK spelling,
hyphenated lower-case given name), which an editor confirms or corrects.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from translate.catalog import store
from translate.catalog.workspace import Workspace
from translate.glossary import folder as glossary_folder
from translate.glossary import variants
from translate.glossary.matcher import Matcher
from translate.glossary.terms import Glossary
from translate.source import article

_EN_NAME = re.compile(r"\b([A-Z][A-Za-z]+(?:(?: |-)[A-Z][a-z]+|-[a-z]+){1,6})\b(?!-)")
#: Titles and roles written before a name: "Unification Minister Kim Yung-ho" proposes Kim Yung-ho.
_EN_TITLES = frozenset(
    "Minister Ministry President Premier Prime Chairman Chairwoman Chair Vice Deputy First Director General Department "
    "Secretary Ambassador Foreign Defense Defence Unification Supreme Leader Marshal Comrade Spokesperson "
    "Spokesman Spokeswoman Commander Chief Senior Sister Brother Wife Daughter Lt Gen Col Maj Capt Sgt Adm "
    "Lawmaker Rep Sen Gov Mayor Professor Prof Judge Justice Envoy Officer Official Leader".split()
)
_EN_STOP = frozenset(
    "The A An In On At As After According Before When While If But And Or So Yet Then There This That These "
    "Those It He She They We I You His Her Their Our My Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday January February March April May June July August September October November "
    "December Photo Read See".split()
)
_KO_TITLES = "위원장|부위원장|제1부부장|부부장|부장|총비서|비서|총리|장관|대사|의원|대통령|여사|씨|기자|국장"
_PARTICLE_AHEAD = r"(?=[\s.,]|$|이|가|은|는|을|를|의|에|와|과|도|께)"
_KO_PERSON = re.compile(rf"(?<![가-힣])([가-힣]{{2,3}})\s?(?:{_KO_TITLES}){_PARTICLE_AHEAD}")
_KO_PLACE = re.compile(r"(?<![가-힣])([가-힣]{2,4}(?:도|시|군))(?=에서|에|의|은|는|을|를|으로|로|과|와)")
_JA_GLOSS = re.compile(r"([\u4e00-\u9fff]{2,5})[（(]([\u30a0-\u30ff・ー]{2,})[）)]")


@dataclass(frozen=True)
class Suggestion:
    lang: str
    form: str
    type: str
    count: int
    proposals: dict[str, str]  # language -> proposed form

    def as_entry(self) -> dict:
        entry: dict = {"id": _slug(self.proposals.get("en") or self.form), "type": self.type}
        entry.update(self.proposals)
        entry[self.lang] = self.form if self.lang != "ja" else self.proposals.get("ja", self.form)
        return entry


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "term"


def house_romanization(hangul: str) -> str:
    """A proposal in the house style: Surname Given-name, DPRK-like spelling without breves."""
    surname, given = hangul[:1], hangul[1:]
    syllables = [variants.dprk_spelling(variants.romanise(s, "mr")) for s in given]
    spelled = variants.dprk_spelling(variants.romanise(surname, "mr")).capitalize()
    return f"{spelled} {'-'.join(syllables).capitalize()}"


def find(texts: list[tuple[str, str]], matcher: Matcher) -> list[Suggestion]:
    """(text, language) pairs → names that no glossary form covers, most frequent first."""
    counts: Counter[tuple[str, str, str]] = Counter()
    readings: dict[str, str] = {}
    for text, lang in texts:
        known = [(h.start, h.end) for h in matcher.find(text, lang)]

        def unknown(start: int, end: int, known=known) -> bool:
            return not any(s < end and start < e for s, e in known)

        if lang == "en":
            for m in _EN_NAME.finditer(text):
                name, start = _whole_name(m.group(1), m.start(1))
                if name and unknown(start, start + len(name)):
                    counts[("en", name, "other")] += 1
        elif lang == "ko":
            for name, kind in _korean_names(text):
                start = text.find(name)
                if unknown(start, start + len(name)):
                    counts[("ko", name, kind)] += 1
        elif lang == "ja":
            for m in _JA_GLOSS.finditer(text):
                if unknown(m.start(1), m.end(1)):
                    counts[("ja", m.group(1), "person" if "・" in m.group(2) else "other")] += 1
                    readings[m.group(1)] = m.group(2)
    out = []
    for (lang, form, kind), count in counts.most_common():
        proposals: dict[str, str] = {}
        if lang == "ko" and kind == "person" and len(form) == 3:
            proposals["en"] = house_romanization(form)
        elif lang == "ko":
            proposals["en"] = variants.romanise(form, "rr").replace("-", "").capitalize()
        if lang == "ja" and form in readings:
            proposals["ja"] = f"{form}（{readings[form]}）"
        out.append(Suggestion(lang, form, kind, count, proposals))
    return out


def _whole_name(run: str, start: int) -> tuple[str, int]:
    """A run of capitalized words without the sentence word, title or role before the name."""
    words = run.split(" ")
    while words and (words[0] in _EN_STOP or words[0] in _EN_TITLES):
        start += len(words.pop(0)) + 1
    name = " ".join(words)
    return (name, start) if len(words) > 1 or "-" in name else ("", start)


def valid(suggestions: list[Suggestion], glossary: Glossary) -> list[Suggestion]:
    """Only proposals that would load: a new id, no form another entry has, a form in every field.

    Each proposal is tried as an entry of the glossary as it is (glossary.validate),
    so pasting the output never breaks ``translate check``.
    """
    from translate.glossary.folder import validate
    from translate.glossary.terms import Forms, Term

    out, ids = [], {t.id for t in glossary}
    problems = len(validate(glossary))
    for suggestion in suggestions:
        entry = suggestion.as_entry()
        forms = {lang: Forms(preferred=form) for lang, form in entry.items() if lang not in ("id", "type") and form}
        term = Term(id=entry["id"], type=entry["type"], forms=forms, path="(suggested)", line=0)
        if term.id in ids or len(validate(Glossary([*glossary.terms, term]))) > problems:
            continue
        ids.add(term.id)
        out.append(suggestion)
    return out


def _korean_names(text: str) -> list[tuple[str, str]]:
    if importlib.util.find_spec("kiwipiepy"):
        kiwi = _kiwi()
        return [(t.form, "other") for t in kiwi.tokenize(text) if t.tag == "NNP" and len(t.form) > 1]
    found = [(m.group(1), "person") for m in _KO_PERSON.finditer(text) if m.group(1)[:1] in variants.SURNAMES]
    found += [(m.group(1), "place") for m in _KO_PLACE.finditer(text) if len(m.group(1)) > 2]
    return found


@functools.cache
def _kiwi():
    from kiwipiepy import Kiwi

    return Kiwi()


def for_workspace(ws: Workspace, articles: list[Path], folder: Path | None = None) -> list[Suggestion]:
    """``translate glossary suggest``: names in these articles (default: every article and catalog) to add."""
    terms = glossary_folder.load(glossary_folder.locate(ws, folder))
    texts: list[tuple[str, str]] = []
    for path in articles or ws.article_files():
        parsed = article.read(path)
        texts += [(b.text, parsed.source_lang) for b in parsed.blocks if b.kind.translatable]
    if not articles:
        for path in ws.catalogs():
            cat = store.read(path)
            texts += [(e.msgstr, cat.language) for e in cat.po if cat.language and e.msgstr and not e.obsolete]
    return valid(find(texts, Matcher(terms)), terms)
