"""Variants nobody listed, generated from each glossary entry.

* English: romanizations of the Hangul form under Revised Romanization and
  McCune–Reischauer (both from ko-pron, the only library with MR), MR without
  breves and apostrophes, and the DPRK system (derived from MR here: ph/th/kh
  for aspirates, j for ㅈ, no breves); surname spellings; hyphen, space and
  no-separator forms of given names; place suffixes (Province / -do).
* Korean: the initial-sound rule in both directions (량강도/양강도, 리/이, 로동/노동),
  also inside compound names (조선로동당), and compounds written with a space (조선 노동당).
* Japanese: old and variant kanji (與/与, 兩/両, 惠/恵, 壤/壌… from OpenCC's
  kyūjitai table), katakana readings written with or without the middle dot,
  a kanji surname with a katakana given name (李ソルジュ) and Southern readings (イ・ソルジュ).

Capitalization, full-width/half-width forms, dashes and apostrophes need no
generation: the matcher normalizes them.
"""

from __future__ import annotations

import functools
import itertools
import re

from rapidfuzz import fuzz, process

from translate.glossary.terms import Term

#: How close (0-100) a house spelling must be to a romanization to count as one.
SIMILAR = 80

#: Initial-sound rule (두음법칙): the Northern syllable and its Southern form.
INITIAL_SOUND = {
    "량": "양", "리": "이", "로": "노", "류": "유", "룡": "용", "려": "여", "력": "역", "련": "연",
    "렬": "열", "령": "영", "례": "예", "료": "요", "륙": "육", "륜": "윤", "률": "율",
    "름": "음", "릉": "능", "라": "나", "락": "낙", "란": "난", "랑": "낭", "래": "내", "랭": "냉",
    "녀": "여", "뉴": "유", "니": "이", "닉": "익", "년": "연", "념": "염", "뇨": "요",
    "록": "녹", "론": "논", "롱": "농", "뢰": "뇌", "루": "누", "르": "느",
}  # fmt: skip
_TO_NORTH: dict[str, list[str]] = {}
for _north, _south in INITIAL_SOUND.items():
    _TO_NORTH.setdefault(_south, []).append(_north)

#: New (Japanese shinjitai) kanji and the old or variant forms seen in copy: OpenCC's table of
#: kyūjitai (JPVariants, 367 pairs) where it is installed, and these, which copy also uses.
_OLD_KANJI_SEEN = {
    "与": "與", "両": "兩", "恵": "惠", "壌": "壤", "会": "會", "沢": "澤", "竜": "龍", "国": "國",
    "党": "黨", "労": "勞", "県": "縣", "鉄": "鐵", "関": "關", "辺": "邊", "浜": "濱",
    "広": "廣", "徳": "德", "寿": "壽", "栄": "榮", "万": "萬", "来": "來", "実": "實", "争": "爭",
    "発": "發", "戦": "戰", "団": "團", "総": "總", "辞": "辭", "区": "區", "営": "營",
    "清": "淸", "姫": "姬",
}  # fmt: skip


@functools.cache
def old_kanji() -> dict[str, tuple[str, ...]]:
    """Each new kanji and its old forms: 緑 → 綠, 満 → 滿, 黄 → 黃, 権 → 權 …"""
    found: dict[str, set[str]] = {new: {old} for new, old in _OLD_KANJI_SEEN.items()}
    try:
        from importlib.resources import files

        table = files("opencc") / "dictionary" / "JPVariants.txt"
        for line in table.read_text(encoding="utf-8").splitlines():
            old, _, new = line.partition("\t")
            for char in new.split():
                if len(old) == 1 and len(char) == 1 and old != char:
                    found.setdefault(char, set()).add(old)
    except (ModuleNotFoundError, OSError):  # opencc is optional: the short list above still applies
        pass
    return {new: tuple(sorted(olds)) for new, olds in found.items()}


#: Katakana readings under the initial-sound rule: リ・ソルジュ is also written イ・ソルジュ.
_KANA_INITIAL = {"リ": "イ", "リュ": "ユ", "リョ": "ヨ", "ロ": "ノ", "ラ": "ナ", "リャ": "ヤ"}

#: How surnames are commonly spelled, beyond what the systems give.
SURNAMES = {
    "김": ("Kim", "Gim"), "이": ("Lee", "Yi", "Rhee", "I"), "리": ("Ri", "Rhee", "Lee", "Yi"),
    "박": ("Park", "Pak", "Bak"), "최": ("Choe", "Choi", "Chwe"), "정": ("Jung", "Jeong", "Chung", "Chong", "Jong"),
    "조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"), "장": ("Jang", "Chang"), "한": ("Han",), "강": ("Kang", "Gang"),
    "문": ("Moon", "Mun"), "류": ("Ryu", "Yu", "Yoo"), "유": ("Yoo", "Yu", "Ryu"), "노": ("Roh", "No", "Noh"),
    "로": ("Ro", "Roh"), "황": ("Hwang",), "오": ("Oh", "O"), "신": ("Shin", "Sin"), "서": ("Seo", "Suh", "So"),
    "권": ("Kwon", "Gwon"), "송": ("Song",), "안": ("Ahn", "An"), "홍": ("Hong",), "전": ("Jeon", "Jun", "Chon"),
    "고": ("Ko", "Go"), "양": ("Yang",), "량": ("Ryang", "Yang"), "임": ("Lim", "Im"), "림": ("Rim", "Lim"),
    "현": ("Hyon", "Hyun", "Hyeon"), "태": ("Thae", "Tae"), "주": ("Ju", "Joo", "Chu"), "우": ("Woo", "U"),
    "심": ("Sim", "Shim"), "배": ("Bae", "Pae"), "백": ("Baek", "Paek", "Baik"), "남": ("Nam",),
    "명": ("Myung", "Myong", "Myeong"), "염": ("Yeom", "Yom"), "반": ("Ban", "Pan"), "용": ("Yong",),
}  # fmt: skip
_TWO_SYLLABLE_SURNAMES = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문")

#: Place suffixes: Hangul, English word, romanized suffix.
PLACE_SUFFIXES = (
    ("도", "Province", "do"),
    ("시", "City", "si"),
    ("군", "County", "gun"),
    ("구역", "District", "guyok"),
    ("강", "River", "gang"),
    ("산", "Mountain", "san"),
)
_HANGUL = re.compile(r"^[\uac00-\ud7a3 ]+$")
_BREVES = str.maketrans({"ŏ": "o", "ŭ": "u", "Ŏ": "O", "Ŭ": "U", "'": "", "’": ""})


@functools.cache
def romanise(word: str, system: str) -> str:
    """Hangul in RR ("rr") or McCune-Reischauer ("mr"), by ko_pron (imported when first needed)."""
    from ko_pron import romanise as ko_pron_romanise

    return ko_pron_romanise(word, system)


#: Spellings of given-name syllables that follow no system but fill the press (Kim Il Sung, Park Geun-hye).
POPULAR = {
    "성": ("sung",), "정": ("jung", "chung"), "영": ("young",), "석": ("suk",), "열": ("yul",), "준": ("joon",),
    "현": ("hyun",), "희": ("hee",), "주": ("joo",), "수": ("soo",), "우": ("woo",), "유": ("yoo",),
    "철": ("chul",), "근": ("keun",), "은": ("eun", "un"), "혜": ("hye",), "명": ("myung",), "진": ("jin",),
}  # fmt: skip
_VOICED = str.maketrans({"k": "g", "t": "d", "p": "b"})


def syllable_romanizations(syllable: str, medial: bool = False) -> set[str]:
    """One Hangul syllable in RR, MR (with and without breves), the DPRK system and press spellings.

    ``medial``: inside a given name, where MR voices k/t/p/ch (Yŏ-jŏng).
    """
    rr = romanise(syllable, "rr")
    mr = romanise(syllable, "mr")
    forms = {rr, mr, mr.translate(_BREVES), dprk_spelling(mr), *POPULAR.get(syllable, ())}
    if medial and "'" not in mr[:3]:
        voiced = "j" + mr[2:] if mr.startswith("ch") else mr[:1].translate(_VOICED) + mr[1:]
        forms |= {voiced, voiced.translate(_BREVES)}
    return forms


def dprk_spelling(mr: str) -> str:
    """DPRK system from MR: aspirates ph/th/kh/ch, ㅈ as j, no breves."""
    text = re.sub(r"ch(?!')", "j", mr)
    text = text.replace("ch'", "ch").replace("p'", "ph").replace("t'", "th").replace("k'", "kh")
    return text.translate(_BREVES)


def _word(word: str) -> set[str]:
    """A whole word (place stem): romanized as one word, assimilation included."""
    rr = romanise(word, "rr").replace("-", "")
    mr = romanise(word, "mr")
    syllables = ["".join(sorted(syllable_romanizations(s))[:1]) for s in word]
    return {rr, mr, mr.translate(_BREVES), dprk_spelling(mr), "".join(syllables)}


def hangul_forms(hangul: str) -> set[str]:
    """The form itself and its initial-sound twins (량강도 ↔ 양강도)."""
    forms = {hangul}
    first = hangul[:1]
    if first in INITIAL_SOUND:
        forms.add(INITIAL_SOUND[first] + hangul[1:])
    for north in _TO_NORTH.get(first, []):
        forms.add(north + hangul[1:])
    return forms


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def person(hangul: str) -> set[str]:
    """Romanized spellings of a Korean personal name (surname first)."""
    hangul = hangul.replace(" ", "")
    split = 2 if hangul[:2] in _TWO_SYLLABLE_SURNAMES else 1
    surname, given = hangul[:split], hangul[split:]
    if not given or len(given) > 3:
        return set()
    surnames: set[str] = set()
    for form in hangul_forms(surname):
        surnames |= set(SURNAMES.get(form, ()))
        spellings = syllable_romanizations(form) if len(form) == 1 else _word(form)
        surnames |= {_cap(r) for r in spellings}
    givens: set[str] = set()
    options = [sorted(syllable_romanizations(s, medial=i > 0)) for i, s in enumerate(given)]
    for combo in itertools.product(*options):
        parts = list(combo)
        givens |= {
            _cap("-".join(parts)),
            " ".join(_cap(p) for p in parts),
            _cap("".join(parts)),
            "-".join(_cap(p) for p in parts),
        }
    return {f"{s} {g}" for s in surnames for g in givens if s and g}


def place(hangul: str) -> set[str]:
    """Romanized spellings of a place: stem in every system, with and without its suffix."""
    suffix, english, roman = next(
        # A stem of one syllable is no stem: 원산 is Wonsan, not Mount "Won" (and "won" is money).
        (s for s in PLACE_SUFFIXES if hangul.endswith(s[0]) and len(hangul) - len(s[0]) >= 2),
        ("", "", ""),
    )
    stem_hangul = hangul[: len(hangul) - len(suffix)]
    stems: set[str] = set()
    for form in hangul_forms(stem_hangul):
        stems |= {_cap(s) for s in _word(form) if s}
    out = set(stems)
    if english:
        for stem in stems:
            out |= {f"{stem} {english}", f"{stem}-{roman}", f"{stem}{roman}", f"{stem} {roman}"}
    else:  # a city written without 시 in Hangul is still "Hyesan-si" in some romanized copy
        out |= {f"{stem}-si" for stem in stems} | {f"{stem} si" for stem in stems}
    return out


def _compact(text: str) -> str:
    return re.sub(r"[\s\-'’]", "", text).lower()


def generate(term: Term) -> dict[str, set[str]]:
    """Generated variants per language (house forms not yet removed)."""
    out: dict[str, set[str]] = {}
    if not term.generate:
        return out
    ko = term.forms.get("ko")
    en = term.forms.get("en")
    if ko and _HANGUL.match(ko.preferred) and en and not en.dnt:
        hangul = ko.preferred
        if term.type == "person":
            spellings = person(hangul)
        elif term.type == "place":
            spellings = place(hangul.replace(" ", ""))
        else:
            spellings = set()
        # Only a house form that is (close to) a romanization gets romanized variants:
        # "Kim Yo-jung" is, "Yalu River" is not a spelling of 압록강.
        house = [_compact(_strip_suffix(f)) for f in (en.preferred, *en.admitted)]
        compact = {_compact(_strip_suffix(s)) for s in spellings}
        if compact and process.extractOne(house[0], compact, scorer=fuzz.ratio, score_cutoff=SIMILAR) is not None:
            out["en"] = spellings
    if en and not en.dnt and term.type not in ("person", "place"):
        out.setdefault("en", set()).update(*(english_wordings(f) for f in (en.preferred, *en.admitted)))
    if ko and not ko.dnt:
        words = ko.preferred.split(" ")
        variants = set()
        for i, word in enumerate(words):
            for form in hangul_forms(word):
                variants.add(" ".join([*words[:i], form, *words[i + 1 :]]))
        if term.type == "person" and len(ko.preferred) == 3:  # the given name starts a word too: 최룡해/최용해
            surname, given = ko.preferred[:1], ko.preferred[1:]
            variants |= {surname + form for form in hangul_forms(given)}
        if term.type != "person" and _HANGUL.match(ko.preferred):
            variants |= compound_forms(ko.preferred)
        out["ko"] = variants
    ja = term.forms.get("ja")
    if ja and not ja.dnt:
        variants = set()
        table = old_kanji()
        options = [(ch, *table.get(ch, ())) for ch in ja.preferred]
        for combo in itertools.islice(itertools.product(*options), 64):
            variants.add("".join(combo))
        if term.type == "person" and ja.reading:
            variants |= mixed_renderings(ja.preferred, ja.reading)
        out["ja"] = variants
    return out


#: American and British spellings of the words in institution names, either way round.
_SPELLINGS = [
    ("ization", "isation"), ("Defense", "Defence"), ("Labor", "Labour"), ("Center", "Centre"),
    ("Program", "Programme"),
]  # fmt: skip
_DEMONYMS = {"Korea": "Korean", "China": "Chinese", "Japan": "Japanese", "Russia": "Russian"}


def _respelled(text: str) -> set[str]:
    found = set()
    for american, british in _SPELLINGS:
        found.add(re.sub(rf"{american}\b", british, text))
        found.add(re.sub(rf"{british}\b", american, text))
    return found


def english_wordings(name: str) -> set[str]:
    """An institution's name as English copy also words it: the other side of the Atlantic's
    spelling (Organisation, Defence), and "X of Y" as "Y X" (Ministry of State Security →
    State Security Ministry; Workers' Party of Korea → Korean Workers' Party)."""
    found = _respelled(name)
    head, of, tail = name.partition(" of ")
    if of and " of " not in tail and tail[:1].isupper():
        reordered = f"{_DEMONYMS.get(tail, tail)} {head}"
        found |= {reordered, *_respelled(reordered)}
    found.discard(name)
    return found


def compound_forms(hangul: str) -> set[str]:
    """A Korean compound name as it is also written: with a space inside (조선 노동당, 개성 공단),
    or with the Northern or Southern syllable where a Sino-Korean word starts inside it (조선로동당).

    One change at a time, and only in names of four syllables or more (or three, for the
    initial-sound rule): "국무 위원회" is the State Affairs Commission, "개 성" nothing.
    """
    found: set[str] = set()
    for word_start, word in _words_with_offsets(hangul):
        if len(word) >= 4:
            found |= {hangul[: word_start + i] + " " + hangul[word_start + i :] for i in range(2, len(word) - 1)}
        if len(word) >= 3:
            for i in range(1, len(word)):
                at = word_start + i
                for other in (INITIAL_SOUND.get(word[i]), *_TO_NORTH.get(word[i], [])):
                    if other:
                        found.add(hangul[:at] + other + hangul[at + 1 :])
    return found


def _words_with_offsets(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in re.finditer(r"\S+", text)]


def mixed_renderings(kanji: str, reading: str) -> set[str]:
    """A Korean name in Japanese copy: the surname in kanji, the given name in katakana (李ソルジュ),
    and the reading under the initial-sound rule (イ・ソルジュ)."""
    parts = re.split(r"[・･\s]", reading)
    found: set[str] = set()
    if len(parts) == 2 and len(kanji) == 3:  # one-character surname, two-character given name
        found |= {kanji[0] + parts[1], kanji[0] + "・" + parts[1]}
    for north in sorted(_KANA_INITIAL, key=len, reverse=True):  # リュ before リ
        if parts[0].startswith(north):
            southern = _KANA_INITIAL[north] + parts[0][len(north) :]
            found |= readings("・".join([southern, *parts[1:]]))
            break
    return found


def readings(reading: str) -> set[str]:
    """A katakana reading with the middle dot, a space or nothing between the parts."""
    if not reading:
        return set()
    parts = re.split(r"[・･\s]", reading)
    return {"・".join(parts), " ".join(parts), "".join(parts)}


def _strip_suffix(form: str) -> str:
    for _, english, _ in PLACE_SUFFIXES:
        if form.endswith(" " + english):
            return form[: -len(english) - 1]
    return form


def implied_admitted(term: Term) -> set[str]:
    """A place's house stem alone is fine: "Ryanggang" for "Ryanggang Province"."""
    en = term.forms.get("en")
    if term.type != "place" or en is None:
        return set()
    stem = _strip_suffix(en.preferred)
    return {stem} if stem != en.preferred else set()
