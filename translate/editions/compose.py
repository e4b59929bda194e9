"""An edition's text: for every unit, its translation when one may be published, else the source, marked.

Structure (headings, ``◆``, ``-- ``/``A: `` turn markers, images, links) comes
from the source article; text comes from the catalog. The renderers
(markdown.py, html.py) only lay out what is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.dates import format_date

from translate import languages
from translate.catalog import notes, status
from translate.catalog.pofile import POEntry, POFile
from translate.catalog.workspace import Source
from translate.model import Block, BlockKind, Finding, Unit
from translate.source import markup


@dataclass
class Text:
    """One unit's text in an edition."""

    unit: Unit
    text: str
    fallback: bool = False  # the source text stands in for a missing translation
    fuzzy: bool = False  # a fuzzy translation used because --allow-fuzzy or --allow-mt
    problem: str = ""
    fallback_lang: str = ""  # the language the text is in when it is a fallback
    draft: str = ""  # an unreviewed draft of translate mt, used because --allow-mt: its engine ("argos", "tm")
    entry: POEntry | None = None  # where a translation came from (its scores are the edition's)


@dataclass
class Edition:
    slug: str
    lang: str
    source_lang: str
    title: str
    texts: list[Text]
    blocks: tuple[Block, ...]
    date: object = None
    outputs: list[str] = field(default_factory=list)
    refused: str = ""
    violations: list[Finding] = field(default_factory=list)  # glossary findings in the edition's text
    qa: float | None = None  # mean QA score of the published units scored and not edited since
    warnings: list[str] = field(default_factory=list)  # published, but an editor should know (a missing photo)
    scores: dict[str, dict] = field(default_factory=dict)  # corpus scores kept in the catalog, marked stale

    @property
    def is_source(self) -> bool:
        return self.lang == self.source_lang

    @property
    def translated(self) -> int:
        return sum(not t.fallback for t in self.texts)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / len(self.texts) if self.texts else 100.0

    def summary(self) -> dict:
        return {
            "slug": self.slug,
            "language": self.lang,
            "source": self.is_source,
            "units": len(self.texts),
            "translated": self.translated,
            "fuzzy_used": sum(t.fuzzy for t in self.texts),
            "machine_drafts": [
                {"id": t.unit.id, "line": t.unit.line, "engine": t.draft, "text": t.text} for t in self.texts if t.draft
            ],
            "fallback": [
                {"id": t.unit.id, "line": t.unit.line, "source": t.unit.text, "problem": t.problem}
                for t in self.texts
                if t.fallback
            ],
            "percent": round(self.percent, 1),
            "outputs": self.outputs,
            "refused": self.refused or None,
            "warnings": self.warnings,
            "qa": self.qa,
            "scores": self.scores,
            "glossary": [
                {
                    "line": f.line,
                    "term": f.term,
                    "found": f.found,
                    "expected": f.expected,
                    "language": f.lang,
                    "message": f.message,
                }
                for f in self.violations
            ],
        }


def compose(source: Source, lang: str, po: POFile | None, allow_fuzzy: bool = False, allow_mt: bool = False) -> Edition:
    """Pick the text of every unit for one language."""
    article = source.article
    entries = {e.msgctxt: e for e in po if not e.obsolete} if po is not None else {}
    texts = []
    for unit in source.units:
        if lang == article.source_lang:
            texts.append(Text(unit, unit.text))
            continue
        entry = entries.get(unit.id)
        texts.append(_choose(unit, entry, allow_fuzzy, allow_mt, article.source_lang))
    return Edition(
        slug=article.slug,
        lang=lang,
        source_lang=article.source_lang,
        title=article.title,
        texts=texts,
        blocks=article.blocks,
        date=article.date,
    )


def draft_engine(entry: POEntry) -> str:
    """The engine of an unreviewed ``translate mt`` draft ("argos", "tm"), "" for anything a person touched.

    The provenance note survives msgmerge and editors, and keeps the raw output: an entry
    still fuzzy and still equal to it is a draft nobody reviewed, whatever happened to its
    source since; a fuzzy entry that differs from it, or has none, is a person's translation.
    """
    mark = notes.Provenance.of(entry)
    return mark.engine if entry.fuzzy and mark is not None and mark.raw == entry.msgstr else ""


def _choose(unit: Unit, entry: POEntry | None, allow_fuzzy: bool, allow_mt: bool, source_lang: str) -> Text:
    problem = ""
    draft = draft_engine(entry) if entry is not None and entry.msgstr else ""
    if entry is None or entry.msgid != unit.text:
        problem = "catalog not updated (run translate update)"
    elif not entry.msgstr:
        problem = "untranslated"
    elif draft and not allow_mt:
        problem = "machine draft" if draft != "tm" else "translation-memory draft"
    elif entry.fuzzy and not draft and not allow_fuzzy:
        problem = "fuzzy"
    elif markup.placeholders(entry.msgstr) != markup.placeholders(unit.text):
        problem = "translation does not keep the link placeholders"
    if problem:
        return Text(unit, unit.text, fallback=True, problem=problem, fallback_lang=source_lang)
    return Text(unit, entry.msgstr, fuzzy=entry.fuzzy, draft=draft, entry=entry)


def block_texts(edition: Edition) -> dict[int, list[Text]]:
    grouped: dict[int, list[Text]] = {}
    for text in edition.texts:
        grouped.setdefault(text.unit.block, []).append(text)
    return grouped


def inline_text(edition: Edition, texts: list[Text], piece=lambda text, markdown: markdown) -> str:
    """Join a block's sentences in the edition's language, links restored.

    ``piece(text, markdown)`` turns one sentence into output (marking a fallback,
    rendering HTML); sentences in a fallback language are spaced as that language is.
    """
    joiner = languages.sentence_joiner(edition.lang)
    spaced = languages.sentence_joiner(edition.source_lang)
    out = ""
    for i, text in enumerate(texts):
        if i:
            out += spaced if (text.fallback or texts[i - 1].fallback) and spaced else joiner
        out += piece(text, markup.restore(text.text, text.unit.links, autolink=True))
    return out


#: Question and answer markers as each language's newsroom writes an interview (translate.toml
#: [editions.interview.<lang>] changes them): Korean and Japanese lead a question with a dash
#: (―, ――) and print the answer as it is.
INTERVIEW = {"en": ("Q: ", "A: "), "ko": ("―", ""), "ja": ("――", "")}


def turn_marker(block: Block, lang: str, style: tuple[tuple[str, str | None, str | None], ...] = ()) -> str:
    """The marker a question or answer block gets in this language's edition (other blocks keep theirs)."""
    if block.kind not in (BlockKind.QUESTION, BlockKind.ANSWER):
        return block.prefix
    question, answer = INTERVIEW.get(lang.split("_")[0], INTERVIEW["en"])
    for code, q, a in style:
        if code == lang:
            question, answer = q if q is not None else question, a if a is not None else answer
    return question if block.kind is BlockKind.QUESTION else answer


def mean_qa(edition: Edition) -> float | None:
    """The mean current QA score of the units the edition publishes (a fallback's score is not its text's)."""
    entries = [t.entry for t in edition.texts if t.entry is not None]
    return status.mean_qa(entries) if entries else None


def dateline(edition: Edition) -> str:
    return format_date(edition.date, "long", locale=edition.lang) if edition.date else ""


def title_block(edition: Edition) -> int:
    return next((i for i, b in enumerate(edition.blocks) if b.kind is BlockKind.TITLE), -1)
