"""What a translation is scored against: the machine output it was post-edited from, a reference
catalog (by unit identity), a reference edition (aligned by block, then by length) or a round trip.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translate.catalog.pofile import POEntry, POFile
from translate.quality import align
from translate.source import segment


@dataclass
class Pair:
    """A translation and what it is compared with; a block-level pair scores all its units."""

    entry: POEntry
    hypothesis: str
    reference: str
    source: str  # "post-edit", "reference", "reference-aligned" or "round-trip"
    also: list[POEntry] = field(default_factory=list)  # the other units of a block-level pair


def post_edit_pairs(po: POFile) -> list[Pair]:
    """Units MT filled and a translator then confirmed: the raw output against the final text."""
    from translate.catalog.notes import Provenance

    pairs = []
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgstr:
            continue
        mark = Provenance.of(entry)
        if mark is not None and mark.engine != "tm":
            pairs.append(Pair(entry, mark.raw, entry.msgstr, "post-edit"))
    return pairs


def reference_pairs(po: POFile, reference: POFile) -> list[Pair]:
    """Translated units against the same units (by identity) of a reference catalog."""
    wanted = {e.msgctxt: e.msgstr for e in reference if not e.obsolete and e.msgstr and not e.fuzzy}
    return [
        Pair(e, e.msgstr, wanted[e.msgctxt], "reference")
        for e in po
        if not e.obsolete and e.msgstr and e.msgctxt in wanted
    ]


def round_trip_pairs(po: POFile, src: str, tgt: str, router) -> list[Pair]:
    """Translations machine-translated back into the source language, against the source.

    Needs a model for tgt→src (through English if need be). A low round-trip
    chrF hints at a translation that lost or changed meaning; it is kept as its
    own score, not folded into QA, because it also measures the model.
    """
    entries = [e for e in po if not e.obsolete and e.msgstr]
    back, _ = router.translate([e.msgstr for e in entries], tgt, src)
    return [Pair(e, text, e.msgid, "round-trip") for e, text in zip(entries, back, strict=True)]


def edition_pairs(po: POFile, units, reference) -> list[Pair]:
    """Units against a reference edition (Markdown or text) of the same article.

    Blocks are matched in order (the reference must have the article's
    translatable blocks, in the same order). Inside a block, sentences are
    paired one to one when both sides have as many; otherwise they are aligned
    by length (Gale-Church, see align.py): a unit whose sentences were joined
    or split in the reference is scored together with its neighbours, and each
    of them keeps that score; a unit with no counterpart gets none. Scores from
    an aligned block are marked "reference-aligned".
    """
    from translate import languages
    from translate.errors import InputError

    ours = sorted({u.block for u in units})
    theirs = [b for b in reference.blocks if b.kind.translatable and b.text.strip()]
    if len(ours) != len(theirs):
        raise InputError(
            f"reference edition has {len(theirs)} text blocks, the article {len(ours)}: cannot align them",
            reference.path,
        )
    entries = {e.msgctxt: e for e in po if not e.obsolete}
    joiner = languages.sentence_joiner(reference.source_lang)
    pairs = []
    for block, theirs_block in zip(ours, theirs, strict=True):
        mine = [entries[u.id] for u in units if u.block == block and u.id in entries and entries[u.id].msgstr]
        sentences = [text for _, text in segment.split(theirs_block.text, reference.source_lang)]
        if not mine or not sentences:
            continue
        if len(mine) == len(sentences):
            pairs += [Pair(e, e.msgstr, ref, "reference") for e, ref in zip(mine, sentences, strict=True)]
            continue
        lengths = [len(e.msgstr) for e in mine], [len(text) for text in sentences]
        for left, right in align.align(*lengths):
            if left and right:
                hypothesis = joiner.join(mine[i].msgstr for i in left)
                reference_text = joiner.join(sentences[j] for j in right)
                also = [mine[i] for i in left[1:]]
                pairs.append(Pair(mine[left[0]], hypothesis, reference_text, "reference-aligned", also))
    return pairs
