"""The quality report: one static HTML page per workspace that people would rather look at than read.

Per article and language: a progress bar, the distribution of QA scores, the
corpus scores with their signatures, and the worst units side by side
(source, translation, and the machine output or reference it was scored
against with the differences marked), with the signals that fired. It only
formats what ``translate score`` and the catalogs already hold.
"""

from __future__ import annotations

import difflib
import html

from translate.catalog import notes
from translate.catalog.pofile import POEntry
from translate.quality.score import Section

WORST = 5


def _diff(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML with what differs marked (<del> in the old, <ins> in the new)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    before, after = [], []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        left, right = html.escape(old[a1:a2]), html.escape(new[b1:b2])
        if op == "equal":
            before.append(left)
            after.append(right)
        else:
            before.append(f"<del>{left}</del>" if left else "")
            after.append(f"<ins>{right}</ins>" if right else "")
    return "".join(before), "".join(after)


def _histogram(values: list[float]) -> str:
    """QA scores in ten bins, as an inline SVG bar chart."""
    bins = [0] * 10
    for value in values:
        bins[min(9, int(value // 10))] += 1
    top = max(bins) or 1
    bars = "".join(
        f'<rect x="{i * 22}" y="{60 - 56 * n / top:.1f}" width="18" height="{56 * n / top:.1f}" fill="#3b6ea5">'
        f"<title>{i * 10}–{i * 10 + 10}: {n}</title></rect>"
        for i, n in enumerate(bins)
    )
    labels = "".join(
        f'<text x="{i * 22 + 9}" y="74" font-size="8" text-anchor="middle">{i * 10}</text>' for i in range(10)
    )
    frame = 'class="histogram" viewBox="0 0 220 78" width="220" height="78" role="img" aria-label="QA scores"'
    return f"<svg {frame}>{bars}{labels}</svg>"


def _worst(section: Section) -> str:
    """The units with the lowest QA or chrF (against a reference or the post-edit), lowest first."""
    rows = []
    ranked = []
    for entry, scores in section.scores:
        values = [s.score for s in scores if s.metric == "QA" or (s.metric == "chrF2" and s.source != "round-trip")]
        if values:
            ranked.append((min(values), entry, scores))
    ranked.sort(key=lambda r: r[0])
    for value, entry, scores in ranked[:WORST]:
        if value >= 100:
            break
        before, after, against = _compared(entry, scores)
        qa = next((s for s in scores if s.metric == "QA"), None)
        signals = (qa.signals or []) if qa else []
        notes = (qa.notes or [""] * len(signals)) if qa else []
        fired = "".join(
            f"<li><b>{html.escape(name)}</b> {html.escape(note)}</li>"
            for name, note in zip(signals, notes, strict=False)
        )
        others = " ".join(f"{s.metric} {s.score:.1f} <small>({s.source})</small>" for s in scores if s.metric != "QA")
        rows.append(
            f'<tr><td>{value:.0f}</td><td>{html.escape(entry.msgid)}</td><td lang="{section.lang}">{after}</td>'
            f'<td lang="{section.lang}"><small class="against">{against}</small> {before}</td>'
            f"<td><ul>{fired}</ul></td><td>{others}</td></tr>"
        )
    if not rows:
        return '<p class="clean">No unit scored below 100.</p>'
    return (
        "<table><thead><tr><th>lowest</th><th>source</th><th>translation</th><th>compared with</th>"
        "<th>signals</th><th>scores</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _compared(entry: POEntry, scores: list[notes.Score]) -> tuple[str, str, str]:
    """The text a unit was compared with (a reference, else the machine output), both diffed, and which it is."""
    from translate.catalog.notes import Provenance

    reference = next((s.reference for s in scores if s.reference), None)
    if reference is not None:
        return (*_diff(reference, entry.msgstr), "reference")
    mark = Provenance.of(entry)
    if mark is not None:
        return (*_diff(mark.raw, entry.msgstr), "machine output")
    return "", html.escape(entry.msgstr), ""


def render(sections: list[Section], title: str = "Translation quality") -> str:
    parts = []
    for section in sections:
        p = section.progress
        values = [s.score for _, scores in section.scores for s in scores if s.metric == "QA"]
        mean = f"{sum(values) / len(values):.1f}" if values else "–"
        width = f"{p.percent:.0f}"
        parts.append(
            f'<section><h2>{html.escape(section.slug)} <span class="lang">{section.lang}</span></h2>'
            f'<div class="bar" role="progressbar" aria-valuenow="{width}" aria-valuemin="0" aria-valuemax="100">'
            f'<div style="width:{width}%"></div></div>'
            f"<p>{p.translated} of {p.units} units translated ({p.percent:.1f}%), {p.fuzzy} fuzzy; mean QA {mean}</p>"
            f"{_histogram(values) if values else ''}{_worst(section)}</section>"
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem}}
.bar{{background:#eee;height:.8rem;border-radius:.4rem;overflow:hidden}}.bar div{{background:#2e8b57;height:100%}}
table{{border-collapse:collapse;width:100%;font-size:.9rem}}
td,th{{border:1px solid #ddd;padding:.3rem;vertical-align:top}}
ul{{margin:0;padding-left:1rem}}.against{{color:#777;display:block}}del{{background:#fdd}}ins{{background:#dfd;text-decoration:none}}.lang{{color:#777;font-size:.8em}}</style></head>
<body><h1>{html.escape(title)}</h1>
{"".join(parts)}
</body></html>
"""
