"""Language codes, names, plural forms and script detection, all from Babel.

Country codes typed as language codes ("kr", "jp") are the most common mistake
in a newsroom config, so they get a suggestion rather than a bare "unknown".
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from translate.errors import InputError

DEFAULT_LANGUAGES = ("en", "ko", "ja")

#: Country or legacy codes people type for a language, and what they mean.
COMMON_MISTAKES = {
    "kr": "ko",
    "jp": "ja",
    "kp": "ko",
    "cn": "zh",
    "us": "en",
    "uk": "en",
    "gb": "en",
    "en_us": "en",
}

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")

#: Languages written without spaces between words or sentences.
UNSPACED = frozenset({"ja", "zh", "th", "lo", "km", "my"})


def validate(code: str, source: str | None = None) -> str:
    """Return the canonical form of a language code, or raise InputError."""
    raw = code.strip()
    key = raw.lower().replace("-", "_")
    if key in COMMON_MISTAKES:
        raise InputError(
            f"unknown language code {raw!r}: did you mean {COMMON_MISTAKES[key]!r}?"
            " (language codes are ISO 639, not country codes)",
            source,
        )
    try:
        locale = Locale.parse(raw.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise InputError(f"unknown language code {raw!r}", source) from None
    return str(locale)


def detect(text: str) -> str:
    """Guess the source language from its script: kana → ja, Hangul → ko, else en."""
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    return "en"


def display_name(code: str, in_language: str | None = None) -> str:
    """The language's name, by default in the language itself (한국어, 日本語)."""
    locale = Locale.parse(code)
    name = locale.get_display_name(in_language or code) or code
    return name[:1].upper() + name[1:] if locale.language not in UNSPACED else name


def plural_forms(code: str) -> str:
    return str(get_plural(code))


def sentence_joiner(code: str) -> str:
    """What goes between two sentences of one paragraph in this language."""
    return "" if Locale.parse(code).language in UNSPACED else " "
