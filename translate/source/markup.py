"""Inline Markdown that must survive translation: links and URLs.

A URL is never translatable text. In a unit, ``[text](url)`` becomes
``[text][1]`` and a bare or angle-bracketed URL becomes ``{1}``; the URLs stay
with the structure and come back in every edition. Numbers restart at 1 in each
unit so a msgid does not change when a link elsewhere is added.
Emphasis and inline code stay as they are: translators keep them.
"""

from __future__ import annotations

import re
from collections import Counter

_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<url>[^()\s]+(?:\s+\"[^\"]*\")?)\)")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto|ftp):[^<>\s]+)>")
#: A bare URL ends where full-width punctuation starts (資料はhttps://x.org/a。, 詳細（https://x.org/b）),
#: and before Hangul that follows a letter or digit of it (자료는 https://x.org/a에서: the particle is Korean);
#: Hangul that starts a path segment (/wiki/혜산시) and kana or kanji are part of the address.
#: It may start right after Korean or Japanese text or an opening bracket (통일부(https://…)도).
_ASCII = r"[^\s<>()\[\]\u1100-\u11ff\u3000-\u303f\uac00-\ud7af\uff00-\uffef]"
_HANGUL = r"(?<=[/=#?&_\-\uac00-\ud7af])[\uac00-\ud7af]"
_BARE_URL = re.compile(
    rf"(?<![A-Za-z0-9_<\[])(?<!\]\()(?P<url>https?://(?:{_ASCII}|{_HANGUL})*(?:(?![.,;:!?'\"”’]){_ASCII}|{_HANGUL}))"
)
PLACEHOLDER = re.compile(r"\]\[(?P<ref>\d+)\]|\{(?P<url>\d+)\}")


def protect(text: str, markdown: bool = True) -> tuple[str, tuple[str, ...]]:
    """Replace URLs by numbered placeholders; return the text and the URLs."""
    links: list[str] = []

    def keep(url: str) -> int:
        links.append(url)
        return len(links)

    if markdown:
        text = _LINK.sub(lambda m: f"[{m['text']}][{keep(m['url'])}]", text)
        text = _AUTOLINK.sub(lambda m: f"{{{keep('<' + m['url'] + '>')}}}", text)
    text = _BARE_URL.sub(lambda m: f"{{{keep(m['url'])}}}", text)
    return text, tuple(links)


def renumber(text: str, links: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Number the placeholders of one unit from 1, taking their URLs along."""
    own: list[str] = []

    def swap(m: re.Match[str]) -> str:
        own.append(links[int(m["ref"] or m["url"]) - 1])
        return f"][{len(own)}]" if m["ref"] else f"{{{len(own)}}}"

    return PLACEHOLDER.sub(swap, text), tuple(own)


def restore(text: str, links: tuple[str, ...], autolink: bool = False) -> str:
    """Put the URLs back as Markdown; ``autolink``: a bare URL as ``<url>``, so it renders as a link
    ending exactly where it ended in the source (a Korean particle or Japanese text may follow it)."""

    def put(m: re.Match[str]) -> str:
        number = int(m["ref"] or m["url"])
        if not 1 <= number <= len(links):
            return m[0]
        url = links[number - 1]
        if m["ref"]:
            return f"]({url})"
        return f"<{url}>" if autolink and not url.startswith("<") else url

    return PLACEHOLDER.sub(put, text)


def placeholders(text: str) -> Counter[str]:
    """The placeholders a translation must carry over, as a multiset."""
    return Counter(m[0] for m in PLACEHOLDER.finditer(text))
