"""The quantities a sentence states, however a translator writes them.

Professional translations rarely copy digits: "four million" becomes 400만,
"November" becomes 11월, "12.00 GMT" becomes 오후 9시 or 12시, ２０２０年 is
2020. The QA numbers signal compares values, not spellings, so it speaks only
when a quantity really changed.
"""

from __future__ import annotations

import re
import unicodedata

#: Values below this are left out: small numbers are spelled out, dropped or merged too freely to compare.
SMALLEST = 10

_UNITS = {"십": 10, "백": 100, "천": 1_000, "만": 10_000, "억": 10**8, "조": 10**12}
_UNITS |= {"十": 10, "百": 100, "千": 1_000, "万": 10_000, "萬": 10_000, "億": 10**8, "兆": 10**12}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALES |= {"bn": 10**9, "tn": 10**12, "mn": 10**6}
_WORDS = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
        " sixteen seventeen eighteen nineteen".split()
    )
}
_WORDS |= {w: 10 * (n + 2) for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_MONTHS = {
    m: n
    for n, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
_MONTHS |= {m[:3]: n for m, n in list(_MONTHS.items())} | {"sept": 9}
del _MONTHS["may"]  # far more often the verb; the digits of a May date carry it anyway

_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
#: Digits followed by CJK units: 2만5000, 1억 2천만, 3万5千, 5.2万.
_MYRIAD = re.compile(rf"(?:{_DIGITS}\s?[십백천만억조十百千万萬億兆]+(?:\s?(?=\d))?)+(?:{_DIGITS})?")
#: Clock times, which time zones and 12/24-hour habits change in translation: consumed, never compared.
_CLOCK = re.compile(
    r"(?<![\d.:])\d{1,2}:\d{2}(?![\d:])(?:\s*[ap]\.?m\.?)?"
    r"|(?<![\d.])\d{1,2}(?:\.\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|GMT|UTC|KST|JST)"
    r"|(?:오전|오후|午前|午後)?\s?\d{1,2}\s?[시時](?![대代간間])(?:\s?\d{1,2}\s?[분分])?",
    re.IGNORECASE,
)
_NUMBER = re.compile(_DIGITS)
_NUMERALS = "|".join(sorted([*_WORDS, "a", "an", "half", "dozen"], key=len, reverse=True))
_SCALE_WORDS = "|".join(_SCALES)
_TENS_AND_UNITS = "|".join(sorted(_WORDS, key=len, reverse=True))
_GROUP = (
    rf"(?:(?:{_NUMERALS})[\s-]+(?:and\s+)?)*(?:{_NUMERALS})[\s-]+(?:{_SCALE_WORDS})\b(?:[\s-]+(?:{_SCALE_WORDS})\b)*"
)
_WORD_NUMBER = re.compile(
    rf"\b{_GROUP}(?:(?:\s+and\s+|[\s-]+){_GROUP})*"
    rf"(?:(?:\s+and\s+|[\s-]+)(?:{_TENS_AND_UNITS})\b(?:-(?:{_TENS_AND_UNITS})\b)?)?",
    re.IGNORECASE,
)
_DIGIT_SCALE = re.compile(rf"({_DIGITS})\s*({_SCALE_WORDS})\b", re.IGNORECASE)
_PLAIN_WORD = re.compile(
    r"\b(?:" + "|".join(w for w, n in _WORDS.items() if n >= SMALLEST) + r"|dozen)(?:-[a-z]+)?\b", re.IGNORECASE
)
#: Korean native tens before a counter (스무 살, 일흔 살, 서른두 명); alone, 열 and 쉰 are ordinary words.
_NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70}
_NATIVE_TENS |= {"여든": 80, "아흔": 90}
_NATIVE_UNITS = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5, "여섯": 6}
_NATIVE_UNITS |= {"일곱": 7, "여덟": 8, "아홉": 9}
_NATIVE = re.compile(
    "(" + "|".join(_NATIVE_TENS) + ")(" + "|".join(sorted(_NATIVE_UNITS, key=len, reverse=True)) + r")?"
    r"\s?(?=살|명|개|시간|번|마리|사람|해|달|채|척|대|곳|권|가지|차례)"
)
#: Tenths (7割 = 70%) and decades (two decades = 20 years).
_TENTHS = re.compile(r"(\d+(?:\.\d+)?)\s?割")
_DECADES = re.compile(rf"\b(?:({_TENS_AND_UNITS}|\d+)[\s-]+)?decades?\b", re.IGNORECASE)
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)


def values(text: str) -> list[float]:
    """Every quantity of SMALLEST or more the text states, sorted; each spelling counted once where it stands."""
    text = unicodedata.normalize("NFKC", text)
    found: list[float] = []

    def take(pattern: re.Pattern[str], value) -> None:
        nonlocal text
        for m in pattern.finditer(text):
            amount = value(m)
            if amount is not None:
                found.append(amount)
        text = pattern.sub(lambda m: " " * len(m.group()), text)

    take(_CLOCK, lambda m: None)
    take(_MYRIAD, lambda m: _myriad(m.group()))
    take(_TENTHS, lambda m: _number(m.group(1)) * 10)
    take(_NATIVE, lambda m: _NATIVE_TENS[m.group(1)] + _NATIVE_UNITS.get(m.group(2) or "", 0))
    take(_DECADES, lambda m: 10.0 * _count(m.group(1)))
    take(_DIGIT_SCALE, lambda m: _number(m.group(1)) * _SCALES[m.group(2).lower()])
    take(_WORD_NUMBER, lambda m: _words(m.group()))
    take(_MONTH, lambda m: float(_MONTHS[m.group(1).lower()]))
    take(_PLAIN_WORD, lambda m: _words(m.group()))
    take(_NUMBER, lambda m: _number(m.group()))
    return sorted(round(v, 6) for v in found if v >= SMALLEST)


def _count(word: str | None) -> float:
    if not word:
        return 1.0
    return _number(word) if word[0].isdigit() else float(_WORDS[word.lower()])


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _myriad(text: str) -> float:
    total = group = 0.0
    for digits, unit in re.findall(rf"({_DIGITS})?\s?([십백천만억조十百千万萬億兆])?", text):
        if not digits and not unit:
            continue
        amount = _number(digits) if digits else 1.0
        if not unit:
            group += amount
            continue
        scale = _UNITS[unit]
        if scale >= 10_000:
            total += (group + amount) * scale if digits else max(group, 1) * scale
            group = 0.0
        else:
            group += amount * scale
    return total + group


def _words(text: str) -> float | None:
    """English number words: twenty-five, four million, two and a half million, a dozen."""
    text = text.lower().replace("and a half", "half").replace("half a ", "half ")
    total = current = 0.0
    for word in re.findall(r"[a-z]+", text):
        if word == "half":
            current += 0.5
        elif word in ("a", "an"):
            current += 1
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _WORDS:
            current += _WORDS[word]
        elif word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1_000:
                total, current = total + current, 0.0
    return total + current
