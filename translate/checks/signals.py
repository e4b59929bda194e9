"""Reference-free signals: what in one machine translation a reviewer should look at, as findings.

A wrong language, a copy of the source, a loop, numbers that differ, a lost
glossary term, a length far off, a sentence cut short, unbalanced brackets:
each is rule ``qa.<signal>`` in translate/rules.py. translate/quality/signals.py
turns them into the QA score kept in the PO file; translate/mt/redecode.py
refuses a re-decoded candidate that fires one the first output did not.
"""

from __future__ import annotations

import re

from translate.checks import numbers, placeholders
from translate.glossary.matcher import Matcher
from translate.model import Finding
from translate.rules import finding

#: Signal name → how much it takes off the 0-100 QA score. Each is rule ``qa.<name>`` in translate.rules.
WEIGHTS = {
    "wrong-language": 60,
    "copy-of-source": 50,
    "repetition": 40,
    "numbers": 30,
    "glossary": 25,
    "length": 20,
    "truncated": 20,
    "brackets": 10,
}
#: Characters of target per character of source, roughly, for news copy.
LENGTH_RATIO = {
    ("en", "ko"): 0.45,
    ("en", "ja"): 0.42,
    ("ko", "en"): 2.2,
    ("ja", "en"): 2.4,
    ("ko", "ja"): 0.95,
    ("ja", "ko"): 1.05,
}
_PAIRS = ("()", "[]", "（）", "「」", "『』", "“”", "【】")


def _script_ok(text: str, lang: str) -> bool:
    hangul = sum("\uac00" <= c <= "\ud7a3" for c in text)
    kana = sum("\u3040" <= c <= "\u30ff" for c in text)
    han = sum("\u4e00" <= c <= "\u9fff" for c in text)
    latin = sum(c.isascii() and c.isalpha() for c in text)
    letters = hangul + kana + han + latin
    if not letters:
        return True
    if lang == "ko":
        return hangul / letters >= 0.3
    if lang == "ja":
        return (kana + han) / letters >= 0.3 and hangul == 0
    return (hangul + kana) / letters < 0.2


def _numbers(text: str) -> list[str]:
    """The quantities of 10 and more a text states, however written (four million, 400만, ２０２０年), once each."""
    return [f"{v:.15g}" for v in sorted(set(numbers.values(text)))]


#: A stretch with a letter in it said three times in a row: "떠났다 떠났다 떠났다", "mvmvmv".
_LOOP = re.compile(r"(\S.{0,29}?)(?:\s?\1){2,}")
_LETTER = re.compile(r"[^\W\d_]")


def _repeats(text: str) -> bool:
    """MT hallucination: a loop, or a long text made of few distinct word trigrams.

    Counting repeated n-grams anywhere in a text is not enough: long human
    translations repeat phrases too (the UDHR's "everyone has the right to").
    """
    folded = " ".join(text.split())
    if any(len(m.group(0)) >= 6 and _LETTER.search(m.group(1)) for m in _LOOP.finditer(folded)):
        return True
    words = folded.split()
    trigrams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return len(trigrams) >= 12 and len(set(trigrams)) / len(trigrams) < 0.5


_CLOSING = "\"'”’」』）)]】"


def _ended(text: str) -> bool:
    """Whether a text ends as a sentence does: a full stop, question or exclamation mark (then quotes)."""
    return text.rstrip().rstrip(_CLOSING)[-1:] in tuple(".?!。？！…")


def findings(
    source: str, target: str, src: str, tgt: str, glossary: Matcher | None = None, path: str = "", line: int = 0
) -> list[Finding]:
    """The reference-free signals that fire for one translation: rule ``qa.<signal>``, the message what to look at.

    A string is scored, not a file: ``path`` and ``line`` are only what the caller
    passes (``""`` and 0 by default, see translate.model.Finding).
    """
    lang = tgt
    src, tgt = src.split("_")[0], tgt.split("_")[0]
    fired: list[tuple[str, str]] = []
    if not _script_ok(target, tgt):
        fired.append(("wrong-language", f"does not read as {tgt}"))
    if src != tgt and " ".join(target.split()) == " ".join(source.split()) and re.search(r"[^\W\d_]", source):
        fired.append(("copy-of-source", "the translation is the source text"))
    if _repeats(target):
        fired.append(("repetition", "words or characters repeat as in MT hallucinations"))
    ours, theirs = _numbers(source), _numbers(target)
    if ours != theirs:
        fired.append(("numbers", f"source has {', '.join(ours) or 'none'}; translation {', '.join(theirs) or 'none'}"))
    found = placeholders.verify(glossary, source, src, target, tgt)  # what MT output is checked with, too
    if found:
        fired.append(("glossary", "; ".join(f.message for f in found)))
    expected = LENGTH_RATIO.get((src, tgt))
    if expected and len(source) >= 20:
        ratio = len(target) / len(source) / expected
        if not 0.4 <= ratio <= 2.5:
            fired.append(("length", f"{ratio:.1f} times the usual length for {src}→{tgt}"))
    short = not expected or len(source) < 20 or len(target) / len(source) / expected < 0.6  # humans: ≥ 0.65
    if _ended(source) and not _ended(target) and short:  # a full-length one merely lacks its full stop
        fired.append(("truncated", "the source ends a sentence, the translation stops short"))
    for opening, closing in _PAIRS:
        if source.count(opening) == source.count(closing) and target.count(opening) != target.count(closing):
            fired.append(("brackets", f"unbalanced {opening}{closing}"))
            break
    return [finding(f"qa.{name}", note, path=path, line=line, lang=lang) for name, note in fired]


def name(found: Finding) -> str:
    """The signal a QA finding is: its rule without ``qa.`` (the name WEIGHTS and the stored scores use)."""
    return found.rule.removeprefix("qa.")


def signals(source: str, target: str, src: str, tgt: str, glossary: Matcher | None = None) -> list[str]:
    """Which reference-free signals fire for one translation."""
    return [name(f) for f in findings(source, target, src, tgt, glossary)]
