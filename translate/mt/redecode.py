"""A second try for a sentence whose machine translation lost a placeholder or wrote a forbidden variant.

translate/mt/protect.py hands the model one private-use character per term,
link, number or code span; a model that drops one (or spells a term the way
the glossary forbids) used to be reported and left so. Before that happens,
the sentence is decoded again, with CTranslate2's own constraints:

* ``suppress_sequences``: the tokens of the forbidden variants of the
  sentence's terms (in the target language, tokenized with the engine) can no
  longer be generated; the same call returns the beam's alternatives
  (``num_hypotheses``);
* ``target_prefix``: the output is forced up to and including the missing
  placeholder, at each word boundary of the best hypothesis so far (the ones
  whose words attend most to the placeholder's source position first), and the
  model continues from there; also the hypothesis with the placeholder in place
  of what the model wrote there instead (a name the source does not mention, a
  variant, a number the source does not have), up to the placeholder and whole;
* ``prefix_bias_beta``: the soft version, the best hypothesis with the
  placeholder put in at the best-aligned boundary, which the model may leave;
* every candidate is scored with ``Translator.score_batch`` (the model's own
  log-likelihood, per token) and the best one is kept that has every
  placeholder, no forbidden form, no name the source does not mention, no
  glossary finding and no QA signal the first output did not have; when none
  does, the first output stays and is reported as before. Forcing goes on for
  a few rounds (one placeholder more each) until a candidate will do.

Two details differ from a plain decode, both because a placeholder is an
unknown piece: the forced prefix comes back from CTranslate2 as ``<unk>``
(``replace_unknowns`` would then copy whatever source piece the decoder
attends to most), so the prefix's own tokens are put back; and an ``<unk>``
the model generates is copied from the unknown source piece it attends to most
(a placeholder), never from a known piece, which the model would have written
itself.

Only the sentences with findings come here, so a sentence whose first output
is fine costs nothing more. Re-decoded outputs are never cached (the cache
keeps plain outputs of a model and its settings).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from translate.checks import placeholders
from translate.checks.placeholders import KINDS, PRIVATE_USE, Slot
from translate.glossary import variants
from translate.glossary.matcher import Matcher
from translate.model import Finding

#: How far the soft candidate follows its prefix (CTranslate2 takes 0 < beta < 1; 0 turns biasing off).
BIAS_BETA = 0.35
#: Word boundaries tried per missing placeholder and round (the best-aligned ones).
POSITIONS = 8
#: Rounds of forcing at most: each goes on from the best hypotheses of the last that still lack a placeholder.
ROUNDS = 4
#: Hypotheses each round goes on from (more found no better candidates on the tiny model, at twice the time).
BASES = 1
#: SentencePiece's word-start mark.
WORD = "▁"
UNK = "<unk>"


@dataclass(frozen=True)
class Unit:
    """One sentence to decode again: what the model was given and what it gave back the first time."""

    source: str  # the text the last hop translated (placeholders in)
    output: str  # its first output (placeholders in)
    slots: Sequence[Slot]
    forbidden: Sequence[str] = ()  # target-language variants of the sentence's terms
    #: What the first output wrote where a placeholder may belong, as (kind, text): ("term", a name the
    #: source does not mention), ("number", a number it does not have); a slot of that kind is tried in its place.
    wrong: Sequence[tuple[str, str]] = ()


@dataclass
class Candidate:
    tokens: list[str]  # the output tokens, target prefix included
    constraint: str  # "alternatives", "suppress", "prefix", "bias"
    attention: list[list[float]] = field(default_factory=list, repr=False)
    score: float = float("-inf")  # mean log-probability per token, as score_batch gives them
    text: str = ""
    accepted: bool = False  # every placeholder, nothing forbidden, and the caller's check passed


@dataclass
class Redecoded:
    """What the second try kept: the first output (``constraint`` "") or the best candidate."""

    output: str
    constraint: str = ""  # what produced the kept output; "" when the first output stays
    candidates: int = 0  # candidates decoded and scored
    decodes: int = 0  # translate_batch calls
    score: float | None = None
    seconds: float = 0.0
    tried: list[Candidate] = field(default_factory=list, repr=False)

    @property
    def redecoded(self) -> bool:
        return bool(self.constraint)


#: Findings a second try can mend: a placeholder the model dropped, a term spelled as a variant or missing.
MENDABLE = ("mt.lost-placeholder", "glossary.variant", "glossary.missing-term")
#: Digits with their separators, as protect.py protects them.
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,:/-]\d+)*(?![\w])")


@dataclass(frozen=True)
class Sentence:
    """A unit's sentence through MT: its source as written and what the last hop was given and gave back."""

    source: str  # the unit's source text (for the checks)
    given: str  # what the last hop translated: the protected source, or the pivot's output
    output: str  # the last hop's first output (placeholders in)
    slots: Sequence[Slot]


def worth_a_second_try(found: Sequence[Finding]) -> bool:
    return any(f.rule in MENDABLE for f in found)


def retry(engine, sentences: Sequence[Sentence], src: str, tgt: str, matcher: Matcher | None) -> list[Redecoded]:
    """Each sentence decoded again; a candidate is kept only if it is clean where the first output was not.

    Clean: every placeholder back, no glossary finding, no glossary name the source does not mention, and
    no QA signal the first output did not have (translate/quality/signals.py: a loop, a truncation, a
    length far off).
    """
    from translate.checks import signals
    from translate.mt import protect

    units, before = [], []
    names = [mentioned(matcher, s, src) for s in sentences]
    for s in sentences:
        first = protect.restore(s.output, s.slots, tgt)[0]
        units.append(unit(matcher, s, src, tgt, first))
        before.append(set(signals.signals(s.source, first, src, tgt)))

    def accept(i: int, output: str) -> bool:
        s = sentences[i]
        text, problems = protect.restore(output, s.slots, tgt)
        if problems or placeholders.verify(matcher, s.source, src, text, tgt):
            return False
        if matcher is not None and any(h.term.id not in names[i] for h in matcher.find(text, tgt)):
            return False  # a name the source does not mention, put in by the model in its stead
        return set(signals.signals(s.source, text, src, tgt)) <= before[i]

    return redecode(engine, units, accept)


def mentioned(matcher: Matcher | None, sentence: Sentence, src: str) -> set[str]:
    """The glossary terms a sentence's source mentions (those it has placeholders for among them)."""
    if matcher is None:
        return set()
    found = {hit.term.id for hit in matcher.find(sentence.source, src)}
    return found | {slot.what for slot in sentence.slots if slot.what not in KINDS}


def unit(matcher: Matcher | None, sentence: Sentence, src: str, tgt: str, first: str) -> Unit:
    """What to suppress and what may stand where a placeholder belongs, from the glossary and the first output.

    Forbidden: every variant of the sentence's terms in the target language (listed forbidden forms and
    generated ones, house forms never). Stand-ins: a term of the glossary in the first output that the
    source does not mention or that is spelled as a variant, and a number the source does not have.
    """
    lang = tgt.split("_")[0]
    wrong: list[tuple[str, str]] = []
    forbidden: list[str] = []
    if matcher is not None:
        terms = mentioned(matcher, sentence, src)
        for term in matcher.glossary:
            forms = term.forms.get(lang)
            if term.id not in terms or forms is None:
                continue
            house = {forms.preferred, *forms.admitted}
            generated = variants.generate(term).get(lang, set())
            forbidden += sorted({*forms.forbidden, *generated} - house)
        for hit in matcher.find(first, tgt):
            if hit.term.id not in terms or not hit.accepted:
                wrong.append(("term", hit.found))
                if hit.term.id in terms:
                    forbidden.append(hit.found)
    wrong += [("number", n) for n in _NUMBER.findall(first) if n not in sentence.source]
    return Unit(sentence.given, sentence.output, sentence.slots, tuple(dict.fromkeys(forbidden)), tuple(wrong))


def redecode(engine, units: Sequence[Unit], accept: Callable[[int, str], bool] | None = None) -> list[Redecoded]:
    """Each unit decoded again under constraints; ``accept(i, output)`` may refuse a candidate of unit i."""
    return [_one(engine, unit, (lambda out, i=i: accept(i, out)) if accept else None) for i, unit in enumerate(units)]


def target_pieces(engine, text: str) -> list[str]:
    """The engine's tokens for a piece of target text, without the special tokens ``encode`` adds."""
    empty = engine.encode("")
    pieces = engine.encode(text)
    head = 0
    while head < len(empty) and head < len(pieces) and pieces[head] == empty[head]:
        head += 1
    tail = len(empty) - head
    return pieces[head : len(pieces) - tail] if tail else pieces[head:]


def suppressed(engine, forbidden: Sequence[str]) -> list[list[str]]:
    """Token sequences of the forbidden variants, as a word and inside one; none with an unknown piece.

    An unknown piece would be ``<unk>``, and suppressing that would suppress every placeholder.
    """
    known = _vocabulary(engine)
    out: list[list[str]] = []
    for variant in forbidden:
        pieces = target_pieces(engine, variant)
        if not pieces or not all(known(p) for p in pieces):
            continue
        forms = [pieces]
        if pieces[0].startswith(WORD) and len(pieces[0]) > 1 and known(pieces[0][1:]):
            forms.append([pieces[0][1:], *pieces[1:]])  # after a prefix glued to it
        if pieces[0] == WORD and len(pieces) > 1:
            forms.append(pieces[1:])
        out += [f for f in forms if f not in out]
    return out


def _vocabulary(engine) -> Callable[[str], bool]:
    """Whether the target vocabulary has a piece (a SentencePiece model answers; without one, only placeholders)."""
    spm = getattr(engine, "target_tokenizer", None) or getattr(engine, "tokenizer", None)
    if spm is not None and hasattr(spm, "piece_to_id") and hasattr(spm, "unk_id"):
        unk = spm.unk_id()
        return lambda piece: spm.piece_to_id(piece) != unk
    return lambda piece: not PRIVATE_USE.search(piece)


def _one(engine, unit: Unit, accept: Callable[[str], bool] | None) -> Redecoded:
    started = time.perf_counter()
    result = Redecoded(unit.output)
    tokens = engine.encode(unit.source)
    prefix = list(engine.prefix() or [])
    known = _vocabulary(engine)
    unknown_at = [j for j, piece in enumerate(tokens) if not known(piece)]
    suppress = suppressed(engine, unit.forbidden)
    beam = engine.settings.beam_size

    def decode(prefixes: list[list[str]], constraint: str, beta: float = 0.0, hypotheses: int = 1) -> list[Candidate]:
        result.decodes += 1
        answers = engine.translator.translate_batch(
            [tokens] * len(prefixes),
            target_prefix=[p or None for p in prefixes] if any(prefixes) else None,
            beam_size=max(beam, hypotheses),
            num_hypotheses=hypotheses,
            length_penalty=getattr(engine, "length_penalty", 0.2),  # the engine's (Argos: 0.2)
            suppress_sequences=suppress or None,
            prefix_bias_beta=beta,
            return_attention=True,
            replace_unknowns=False,
            max_batch_size=len(prefixes),
        )
        out = []
        for forced, answer in zip(prefixes, answers, strict=True):
            keep = prefix if beta else forced  # a biased prefix is a suggestion the model may have left
            for hypothesis, attention in zip(answer.hypotheses, answer.attention, strict=True):
                copied = _copied(hypothesis, attention, keep, tokens, unknown_at)
                out.append(Candidate(copied, constraint, attention))
        _score(engine, tokens, prefix, out)
        return out

    names = [text for what, text in unit.wrong if what == "term"]

    def flaws(c: Candidate) -> int:
        """Placeholders lost, and forbidden forms or stand-in names kept beside them."""
        return _lost(c, unit.slots) + sum(form in c.text for form in (*unit.forbidden, *names))

    def judge(candidates: list[Candidate]) -> bool:
        """Mark the candidates that may be kept; whether there is one."""
        for c in candidates:
            c.accepted = not flaws(c) and (accept is None or accept(c.text))
        return any(c.accepted for c in candidates)

    tried = decode([prefix], "suppress" if suppress else "alternatives", hypotheses=max(1, beam))
    bases, seen = tried[:1], {tuple(prefix)}
    for _ in range(ROUNDS if not judge(tried) else 0):  # forcing only when no hypothesis will do
        forced: list[list[str]] = []
        soft: list[list[str]] = []
        for base in bases:
            for slot in (slot for slot in unit.slots if slot.token not in base.text):
                forced_here, soft_here = _placements(engine, unit, base, slot, tokens, prefix)
                forced += forced_here
                soft += soft_here
        forced = [f for f in dict.fromkeys(map(tuple, forced)) if f not in seen]
        soft = [f for f in dict.fromkeys(map(tuple, soft)) if ("bias", f) not in seen]
        seen.update(forced)
        seen.update(("bias", f) for f in soft)
        fresh = decode([list(f) for f in forced], "prefix") if forced else []
        fresh += decode([list(f) for f in soft], "bias", beta=BIAS_BETA) if soft else []
        tried += fresh
        # Until one will do, the next round goes on from the best few that still lack a placeholder.
        bases = sorted((c for c in fresh if _lost(c, unit.slots)), key=lambda c: (flaws(c), -c.score))[:BASES]
        if judge(fresh) or not bases:
            break
    result.tried = tried
    result.candidates = len(tried)
    good = [c for c in tried if c.accepted]
    if good:
        best = max(good, key=lambda c: c.score)
        result.output, result.constraint, result.score = best.text, best.constraint, best.score
    result.seconds = time.perf_counter() - started
    return result


def _placements(
    engine, unit: Unit, base: Candidate, slot: Slot, tokens: list[str], prefix: list[str]
) -> tuple[list[list[str]], list[list[str]]]:
    """Prefixes that force a missing placeholder into a hypothesis (hard), and full ones to bias towards (soft).

    Hard: the hypothesis up to a word boundary, then the placeholder, at the boundaries whose words attend
    most to the placeholder's source piece; and the hypothesis with the placeholder in place of a name or
    number the model wrote instead, up to the placeholder and whole. Soft: the best-aligned insertion and
    those replacements, whole.
    """
    at = tokens.index(slot.token) if slot.token in tokens else -1
    places = _boundaries(base.tokens, len(prefix), base.attention, at)[:POSITIONS]
    forced = [_insert(base.tokens[:k], slot.token) for k in places]
    soft = [[*_insert(base.tokens[: places[0]], slot.token), *base.tokens[places[0] :]]] if places else []
    kind = slot.what if slot.what in KINDS else "term"
    for text in dict.fromkeys((base.text, unit.output)):
        for what, wrong in unit.wrong:
            if what != kind or not wrong or wrong not in text:
                continue
            edited = [*prefix, *target_pieces(engine, text.replace(wrong, slot.token, 1))]
            if slot.token in edited:
                forced += [edited[: edited.index(slot.token) + 1], edited]
                soft.append(edited)
    return forced, soft


def _insert(head: list[str], token: str) -> list[str]:
    """A placeholder as the next word after ``head``."""
    return [*head, token] if head and head[-1] == WORD else [*head, WORD, token]


def _copied(hypothesis: list[str], attention, forced: list[str], source: list[str], unknown_at: list[int]) -> list[str]:
    """The hypothesis with its forced prefix put back and each generated <unk> copied from an unknown source piece."""
    out = list(hypothesis)
    out[: len(forced)] = forced
    for i in range(len(forced), len(out)):
        if out[i] != UNK:
            continue
        row = attention[i] if i < len(attention) else []
        pool = [j for j in (unknown_at or range(len(source))) if j < len(row)]
        out[i] = source[max(pool, key=lambda j: row[j])] if pool else ""
    return [t for t in out if t]


def _boundaries(tokens: list[str], start: int, attention, source_at: int) -> list[int]:
    """Word starts of a hypothesis (and its end), those whose word attends most to ``source_at`` first."""
    starts = [k for k in range(start, len(tokens)) if tokens[k].startswith(WORD)] + [len(tokens)]
    if source_at < 0:
        return starts

    def weight(k: int) -> float:
        end = next((s for s in starts if s > k), len(tokens))
        rows = [attention[i][source_at] for i in range(k, min(end, len(attention))) if source_at < len(attention[i])]
        return max(rows, default=0.0)

    return sorted(starts, key=lambda k: -weight(k))


def _score(engine, source: list[str], prefix: list[str], candidates: list[Candidate]) -> None:
    """The model's own log-likelihood of each candidate from score_batch, per token (target prefix left out)."""
    if not candidates:
        return
    results = engine.translator.score_batch(
        [source] * len(candidates), [c.tokens for c in candidates], offset=len(prefix), max_batch_size=len(candidates)
    )
    for candidate, scored in zip(candidates, results, strict=True):
        kept = list(scored.log_probs)
        candidate.score = sum(kept) / len(kept) if kept else float("-inf")
        candidate.text = engine.decode(candidate.tokens)


def _lost(candidate: Candidate, slots: Sequence[Slot]) -> int:
    return sum(slot.token not in candidate.text for slot in slots)
