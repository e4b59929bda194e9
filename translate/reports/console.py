"""What each command says on the terminal, and the JSON it prints for scripts: formatting only.

Every function takes the result a library call returned and gives the text
(lines joined, no trailing newline) or the JSON-ready value; ``shown`` turns a
path into the one the user knows (workspace-relative).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from translate.catalog.status import Progress, brief
from translate.catalog.update import UpdateReport
from translate.glossary.suggest import Suggestion
from translate.mt.packages import Package
from translate.mt.prefill import FillReport
from translate.quality.score import CatalogScore

Shown = Callable[[Path], str]


def update(reports: list[UpdateReport], dry_run: bool) -> str:
    verb = "would write" if dry_run else "wrote"
    lines = []
    for done in reports:
        lines.append(f"{done.source}: {done.units} units, source {done.source_lang}")
        for lang, stats in done.languages.items():
            respelled = f", {stats.respelled} respelled" if stats.respelled else ""
            edited = f", {stats.edited} edited (untranslated)" if stats.edited else ""
            lines.append(
                f"  {lang}: {stats.kept} kept{respelled}, {stats.fuzzy} fuzzy{edited}, {stats.new} new, "
                f"{stats.obsoleted} obsolete, {stats.revived} restored"
            )
        lines.append(f"  {verb}: {', '.join(done.written) if done.written else 'nothing (up to date)'}")
    return "\n".join(lines)


def out_of_date(stale: list[tuple[str, str]]) -> str:
    if not stale:
        return "every template and catalog is up to date"
    return "\n".join([*(f"{path}: {why}" for path, why in stale), "run: translate update"])


def status(rows: list[Progress]) -> str:
    header = ("article", "lang", "units", "words", "translated", "fuzzy", "untranslated", "%", "QA", "corpus")
    body = [
        (
            r.slug,
            r.language + (" (source)" if r.source else ""),
            str(r.units),
            str(r.words),
            str(r.translated),
            str(r.fuzzy),
            str(r.untranslated),
            f"{r.percent:.1f}",
            "-" if r.qa is None else f"{r.qa:.1f}",
            brief(r.scores) or "-",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in (header, *body)) for i in range(len(header))]

    def line(cells) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        return "  ".join(c.ljust(w) if i < 2 or i == len(widths) - 1 else c.rjust(w) for i, (c, w) in pairs)

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, body)])


def build(editions: list[dict], shown: Shown) -> str:
    """The report of translate build, from the editions' summaries (what --json prints)."""
    lines = []
    for edition in editions:
        label = f"{edition['slug']} [{edition['language']}{' source' if edition['source'] else ''}]"
        lines += [f"{label}: line {finding['line']}: {finding['message']}" for finding in edition["glossary"]]
        if edition["refused"]:
            lines.append(f"{label}: REFUSED, {edition['refused']}")
            continue
        fallback, drafts = edition["fallback"], edition["machine_drafts"]
        note = f", {len(fallback)} unit(s) in the source language (marked)" if fallback else ""
        note += f", {len(drafts)} unreviewed machine draft(s)" if drafts else ""
        outputs = ", ".join(shown(Path(p)) for p in edition["outputs"])
        qa = f"QA {edition['qa']:.1f}" if edition["qa"] is not None else ""
        scored = "; ".join(filter(None, [qa, brief(edition["scores"])]))
        scored = f" ({scored})" if scored else ""
        percent = 100.0 * edition["translated"] / edition["units"] if edition["units"] else 100.0
        lines.append(f"{label}: {percent:.1f}% translated{note}{scored} -> {outputs}")
        lines += [f"    line {t['line']} [{t['id']}] {t['problem']}: {t['source']}" for t in fallback]
        lines += [
            f"    line {t['line']} [{t['id']}] published as a draft of {t['engine']}: {t['text']}" for t in drafts
        ]
        lines += [f"    warning: {warning}" for warning in edition["warnings"]]
    return "\n".join(lines)


def mt(report: FillReport, shown: Shown, dry_run: bool) -> str:
    verb = "would fill" if dry_run else "filled"
    lines = [f"{shown(Path(path))}: {verb} {count} unit(s)" for path, count in report.catalogs.items()]
    lines += [f"{pair}: {' then '.join(used)}" for pair, used in report.pairs.items()]
    if not report.units:
        return "\n".join([*lines, "nothing to fill"])
    cached = f", {report.cached} machine translation(s) from the cache" if report.cached else ""
    lines.append(
        f"{report.units} unit(s) {verb} ({report.memory} from translation memory{cached}), fuzzy with provenance"
    )
    if report.issues:
        lines.append(
            f"{report.issues} machine translation(s) lost or misspelled a term or link: see 'issues' in"
            " their translate-mt comment, or run translate check"
        )
    return "\n".join(lines)


def mt_json(report: FillReport, shown: Shown) -> dict:
    return {
        "units": report.units,
        "memory": report.memory,
        "cached": report.cached,
        "issues": report.issues,
        "catalogs": {shown(Path(p)): n for p, n in report.catalogs.items()},
        "pairs": report.pairs,
        "written": [shown(Path(p)) for p in report.written],
    }


def score(results: list[CatalogScore]) -> str:
    lines = []
    for result in results:
        if not result.lines:
            lines.append(f"{result.catalog}: nothing to score ({result.source})")
        for n, (name, value, source) in enumerate(result.lines):
            mark = "  BELOW --fail-under" if result.below_threshold and n == 0 else ""
            lines.append(
                f"{result.catalog}: {name} = {value['score']:.2f} over {value['units']} units"
                f" ({source}; {value['signature']}){mark}"
            )
    return "\n".join(lines)


def models(
    directory: Path, found: list[Package], broken: list[Exception], pairs: list[dict], configured: list | None = None
) -> str:
    """Installed packages and configured models, each with its licence, then how each workspace pair is served."""
    lines = [f"packages in {directory}:"]
    lines += [f"  {package.pair:8} {package.signature}  (licence: {package.licence or 'unknown'})" for package in found]
    if not found:
        lines.append("  (none: `argospm install translate-en_ko` or `translate models install FILE.argosmodel`)")
    lines += [f"  broken: {exc}" for exc in broken]
    if configured:
        lines.append("models in translate.toml [mt]:")
        for model, served, problem in configured:
            pairs_text = ", ".join(served) or "no pair ([mt.pairs] names it for none)"
            lines.append(f"  {model.name} ({model.kind}, licence: {model.shown_licence}): {pairs_text}")
            lines.append(f"    {model.folder}" + (f"\n    broken: {problem}" if problem else ""))
    lines.append("workspace pairs:")
    for pair in pairs:
        how = "missing" if not pair["available"] else ("via " + ", ".join(pair["via"]) if pair["via"] else "direct")
        named = [m for m in pair.get("models", []) if configured and m in {c[0].name for c in configured}]
        lines.append(f"  {pair['from']}→{pair['to']}: {how}" + (f" ({', '.join(named)})" if named else ""))
    return "\n".join(lines)


_UNKNOWN = "unknown"


def models_json(
    directory: Path, found: list[Package], broken: list[Exception], pairs: list[dict], configured: list | None = None
) -> dict:
    """``installed`` as before; ``models`` lists every model, Argos or configured, with kind, pairs and licence."""
    installed = [
        {"from": p.from_code, "to": p.to_code, "name": p.name, "version": p.version, "path": str(p.path)} for p in found
    ]
    every = [
        {"name": p.signature, "kind": "argos", "path": str(p.path), "pairs": [p.pair], "licence": p.licence or _UNKNOWN}
        for p in found
    ]
    every += [
        {
            "name": model.name,
            "kind": model.kind,
            "path": str(model.folder),
            "pairs": served,
            "licence": model.shown_licence,
            "broken": problem,
        }
        for model, served, problem in configured or []
    ]
    return {
        "directory": str(directory),
        "installed": installed,
        "models": every,
        "pairs": pairs,
        "broken": [str(e) for e in broken],
    }


def suggestions(found: list[Suggestion]) -> str:
    """Glossary entries ready to paste, each with how often and where its name was seen."""
    blocks = [
        f"# {s.count}× in {s.lang}\n" + yaml.safe_dump([s.as_entry()], allow_unicode=True, sort_keys=False).rstrip()
        for s in found
    ]
    return "\n".join(blocks)
