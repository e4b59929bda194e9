"""The ``translate`` command: a thin layer over the library, one function per subcommand.

Exit codes: 0 done, 1 a gate refused (an edition below --min-translated),
2 bad input or usage. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from translate import __version__, glossary, memory
from translate.catalog import notes, status, store
from translate.catalog.update import update
from translate.catalog.workspace import Workspace, load_source
from translate.checks import accept, documents, fix, rules
from translate.checks import glossary as glossary_checks
from translate.editions import build
from translate.errors import InputError, TranslateError
from translate.files import TEXT_LIMIT, file_kind, read_text, walk
from translate.glossary import exchange, matcher, suggest
from translate.quality import metrics, pairs, signals
from translate.reports import formats, scorecard
from translate.source import article as articles
from translate.transaction import MUST_NOT_EXIST, Transaction, write, write_output

EXIT_OK, EXIT_REFUSED, EXIT_ERROR = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        ws = Workspace.load(args.workspace)
        return args.run(ws, args)
    except TranslateError as exc:
        print(f"translate: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("translate: interrupted; files are as they were or fully written", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python quiet at exit
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="translate",
        description="Articles → translation units → PO catalogs → English, Korean and Japanese editions.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "-C",
        "--workspace",
        type=Path,
        default=None,
        metavar="DIR",
        help="workspace directory (default: the nearest one holding translate.toml, else the current directory)",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    p = commands.add_parser(
        "update",
        help="segment articles, write templates and merge every language's catalog",
        description="Segment articles into units, write locales/templates/<slug>.pot and merge it into "
        "locales/<lang>/<slug>.po like msgmerge --previous: nothing a translator wrote is lost.",
    )
    p.add_argument(
        "articles",
        nargs="*",
        type=Path,
        metavar="ARTICLE",
        help="article files (.md or .txt; default: every article in the articles folder)",
    )
    p.add_argument("--source-lang", metavar="LANG", help="source language when the front matter gives none")
    p.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(run=cmd_update)

    p = commands.add_parser(
        "status",
        help="units, words, translated, fuzzy and untranslated per article and language",
        description="Translation progress of every article in every language of the workspace.",
    )
    p.add_argument("slugs", nargs="*", metavar="SLUG", help="articles to show (default: all)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_status)

    p = commands.add_parser(
        "build",
        help="write Markdown and HTML editions in every language",
        description="Build build/editions/<lang>/<slug>.{md,html} for every language, the source included. "
        "Units without a translation fall back to the source text, marked and reported.",
    )
    p.add_argument("slugs", nargs="*", metavar="SLUG", help="articles to build (default: all)")
    p.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: build/editions)")
    p.add_argument(
        "--min-translated",
        type=_percent,
        default=0.0,
        metavar="PERCENT",
        help="refuse to publish an edition with fewer translated units (like po4a --keep)",
    )
    p.add_argument("--allow-fuzzy", action="store_true", help="publish fuzzy translations instead of the source")
    p.add_argument("--format", default="md,html", type=_formats, help="md, html or md,html (default)")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.add_argument("--allow-glossary-violations", action="store_true", help="publish editions that break the glossary")
    p.add_argument(
        "--min-score",
        type=_percent,
        metavar="N",
        help="refuse a translated edition whose mean QA score (translate score) is below N",
    )
    p.set_defaults(run=cmd_build)

    p = commands.add_parser(
        "check",
        help="find names not written the house way (glossary), for people and CI",
        description="Check PO catalogs, Markdown, text and HTML against the glossary. Exit 0 clean, "
        "1 findings, 2 usage or input error.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: the workspace's templates and catalogs)",
    )
    p.add_argument("--lang", help="language of text files (default: a <lang>/ folder or a .<lang>.md name)")
    p.add_argument("--format", default="text", choices=sorted(formats.FORMATS), help="output format (default: text)")
    p.add_argument("--fix", action="store_true", help="rewrite variants to the house form (translations and text)")
    p.add_argument("--diff", action="store_true", help="show what --fix would change, write nothing")
    p.add_argument("--glossary", type=Path, metavar="DIR", help="glossary folder (default: the workspace's)")
    p.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="accept the findings listed in FILE (JSON, from --write-baseline): CI fails only on new ones",
    )
    p.add_argument("--write-baseline", type=Path, metavar="FILE", help="list the current findings in FILE and exit 0")
    p.set_defaults(run=cmd_check)

    p = commands.add_parser(
        "glossary",
        help="validate, export or import the glossary",
        description="Work with the glossary in glossary/*.yaml.",
    )
    actions = p.add_subparsers(title="actions", metavar="ACTION", required=True)
    q = actions.add_parser("validate", help="check every entry and run its examples; exit 1 on problems")
    q.set_defaults(run=cmd_glossary_validate)
    q = actions.add_parser("export", help="write the glossary as TBX-Basic, CSV or YAML")
    q.add_argument("--format", choices=sorted(exchange.FORMATS), default="tbx", help="default: tbx")
    q.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    q.set_defaults(run=cmd_glossary_export)
    q = actions.add_parser("import", help="add entries from a TBX or CSV file as a new glossary/*.yaml file")
    q.add_argument("file", type=Path, help="a .tbx or .csv (.tsv) file")
    q.add_argument("-o", "--output", type=Path, help="YAML file to create (default: glossary/<name>.yaml)")
    q.add_argument(
        "--report",
        action="store_true",
        help="print a line per entry: its type and where from, its forms with their status,"
        " what went into the notes or was dropped",
    )
    q.add_argument("--source-lang", metavar="LANG", help="language of the source column of a source,target CSV")
    q.add_argument("--target-lang", metavar="LANG", help="language of the target column of a source,target CSV")
    q.set_defaults(run=cmd_glossary_import)
    q = actions.add_parser("suggest", help="names in articles and translations that the glossary lacks")
    q.add_argument("articles", nargs="*", type=Path, metavar="ARTICLE", help="default: every article and catalog")
    q.add_argument("--format", choices=("yaml", "json"), default="yaml", help="default: yaml entries to paste")
    q.set_defaults(run=cmd_glossary_suggest)
    for q in actions.choices.values():
        q.add_argument("--glossary", type=Path, metavar="DIR", help="glossary folder (default: the workspace's)")

    p = commands.add_parser(
        "models",
        help="machine translation models (Argos Translate packages)",
        description="Installed Argos Translate packages in $ARGOS_PACKAGES_DIR "
        "(default ~/.local/share/argos-translate/packages). Real models: `argospm install translate-en_ko`.",
    )
    actions = p.add_subparsers(title="actions", metavar="ACTION", required=True)
    q = actions.add_parser("list", help="installed pairs, and the workspace pairs reachable through English")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.set_defaults(run=cmd_models_list)
    q = actions.add_parser("install", help="install an .argosmodel file (checked before it is unpacked)")
    q.add_argument("file", type=Path)
    q.set_defaults(run=cmd_models_install)

    p = commands.add_parser(
        "mt",
        help="pre-fill untranslated units with machine translation (fuzzy, with provenance)",
        description="Fill untranslated units of the catalogs with Argos Translate models. Everything written is "
        "fuzzy and records its engine, packages, pivot and raw output; translations by people are never touched.",
    )
    p.add_argument("slugs", nargs="*", metavar="SLUG", help="articles (default: all)")
    p.add_argument("--lang", help="target languages, comma-separated (default: every target)")
    p.add_argument("--refresh", action="store_true", help="also redo fuzzy units this command filled, if unedited")
    p.add_argument("--no-tm", action="store_true", help="skip translation memory, machine-translate everything")
    p.add_argument("--no-glossary", action="store_true", help="do not protect glossary terms through MT")
    p.add_argument(
        "--tm-threshold",
        type=_percent,
        default=75.0,
        metavar="PERCENT",
        help="lowest translation-memory match to use (default 75)",
    )
    p.add_argument(
        "--padded-batches",
        action="store_true",
        help="batch sentences of different lengths together: faster, but a sentence may come out "
        "differently from argostranslate where two words score within rounding of each other",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would be filled, write nothing")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(run=cmd_mt)

    p = commands.add_parser(
        "score",
        help="quality scores (sacrebleu) per unit and per catalog, kept in the PO files",
        description="Score translations with sacrebleu against the machine output they were post-edited from "
        "(default), or against a reference catalog. Unit scores are written into the catalogs.",
    )
    p.add_argument("slugs", nargs="*", metavar="SLUG", help="articles (default: all)")
    p.add_argument("--lang", help="target languages, comma-separated (default: every target)")
    p.add_argument(
        "--reference",
        type=Path,
        metavar="FILE",
        help="a reference catalog (.po) of the same article and language, or a reference edition (.md, .txt); "
        "with an edition, name one article and --lang",
    )
    p.add_argument(
        "--metric",
        default="chrf,ter,qa",
        help="chrf, bleu, ter, qa (reference-free), comma-separated (default: all but bleu)",
    )
    p.add_argument(
        "--round-trip",
        action="store_true",
        help="also translate every translation back with the installed MT model for the reverse pair "
        "and keep its chrF against the source (a score of its own, not part of QA)",
    )
    p.add_argument("--fail-under", type=float, metavar="N", help="exit 1 when a catalog's first metric is below N")
    p.add_argument("--dry-run", action="store_true", help="compute and print, write nothing")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_score)

    p = commands.add_parser(
        "report",
        help="a static HTML quality report: progress, score distribution, worst units",
        description="Write an HTML page with, per article and language, progress, the QA score distribution "
        "and the worst units beside their machine output. Run translate score first.",
    )
    p.add_argument("--out", type=Path, help="file to write (default: build/report.html)")
    p.set_defaults(run=cmd_report)

    p = commands.add_parser("tm", help="translation memory: export or import TMX 1.4b")
    actions = p.add_subparsers(title="actions", metavar="ACTION", required=True)
    q = actions.add_parser("export", help="confirmed translations of the workspace as TMX")
    q.add_argument("--from", dest="src", default="en", help="source language (default en)")
    q.add_argument("--to", dest="tgt", required=True, help="target language")
    q.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    q.set_defaults(run=cmd_tm_export)
    q = actions.add_parser("import", help="add a TMX file to the workspace memory (locales/memory/)")
    q.add_argument("file", type=Path)
    q.set_defaults(run=cmd_tm_import)
    return parser


def _percent(value: str) -> float:
    try:
        number = float(value.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a percentage: {value!r}") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"percentage must be between 0 and 100: {value!r}")
    return number


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in ("md", "html")]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"unknown format(s) {', '.join(unknown) or value!r}: use md, html")
    return formats


# --- commands --------------------------------------------------------------------------


def cmd_update(ws: Workspace, args) -> int:
    paths = [p if p.is_absolute() else Path.cwd() / p for p in args.articles] or ws.article_files()
    if not paths:
        raise InputError(f"no articles found in {ws.root / ws.articles_dir}")
    reports = update(ws, paths, source_lang=args.source_lang, dry_run=args.dry_run, respelling=_respelling(ws))
    if args.json:
        print(json.dumps([_report_dict(r) for r in reports], ensure_ascii=False, indent=2))
        return EXIT_OK
    verb = "would write" if args.dry_run else "wrote"
    for done in reports:
        print(f"{done.source}: {done.units} units, source {done.source_lang}")
        for lang, stats in done.languages.items():
            respelled = f", {stats.respelled} respelled" if stats.respelled else ""
            print(
                f"  {lang}: {stats.kept} kept{respelled}, {stats.fuzzy} fuzzy, {stats.new} new, "
                f"{stats.obsoleted} obsolete, {stats.revived} restored"
            )
        print(f"  {verb}: {', '.join(done.written) if done.written else 'nothing (up to date)'}")
    return EXIT_OK


def _report_dict(report) -> dict:
    return {
        "slug": report.slug,
        "source": report.source,
        "source_language": report.source_lang,
        "units": report.units,
        "written": report.written,
        "languages": {
            lang: {
                "kept": s.kept,
                "respelled": s.respelled,
                "fuzzy": s.fuzzy,
                "new": s.new,
                "obsolete": s.obsoleted,
                "restored": s.revived,
            }
            for lang, s in report.languages.items()
        },
    }


def _templates(ws: Workspace, slugs: list[str]) -> list[Path]:
    templates = ws.templates()
    if slugs:
        known = {p.stem: p for p in templates}
        missing = [s for s in slugs if s not in known]
        if missing:
            raise InputError(f"no catalogs for {', '.join(missing)} (run translate update on the article first)")
        return [known[s] for s in slugs]
    if not templates:
        raise InputError(f"no templates in {ws.root / ws.locales_dir / 'templates'}; run translate update first")
    return templates


def cmd_status(ws: Workspace, args) -> int:
    rows = []
    for path in _templates(ws, args.slugs):
        pot = store.read(path).po
        source_lang = pot.metadata.get("X-Source-Language", "")
        for lang in dict.fromkeys([*ws.languages, source_lang]):
            po_path = ws.catalog_path(lang, path.stem)
            po = store.read(po_path).po if lang != source_lang and os.path.lexists(po_path) else None
            rows.append(status.of_catalog(path.stem, lang, source_lang, po, pot))
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    print(_table(rows))
    return EXIT_OK


def _table(rows: list[status.Progress]) -> str:
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
            status.brief(r.scores) or "-",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in (header, *body)) for i in range(len(header))]

    def line(cells) -> str:
        pairs = enumerate(zip(cells, widths, strict=True))
        return "  ".join(c.ljust(w) if i < 2 or i == len(widths) - 1 else c.rjust(w) for i, (c, w) in pairs)

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, body)])


def cmd_build(ws: Workspace, args) -> int:
    out = args.out or ws.root / ws.editions_dir
    sources = [load_source(ws, path) for path in _templates(ws, args.slugs)]
    terms = _workspace_glossary(ws)
    built = []
    for source in sources:
        built += build.build(
            ws,
            source,
            out,
            min_translated=args.min_translated,
            allow_fuzzy=args.allow_fuzzy,
            formats=args.format,
            glossary=terms,
            allow_glossary_violations=args.allow_glossary_violations,
            min_score=args.min_score,
        )
    refused = [e for e in built if e.refused]
    if args.json:
        print(json.dumps([e.summary() for e in built], ensure_ascii=False, indent=2))
    else:
        for edition in built:
            label = f"{edition.slug} [{edition.lang}{' source' if edition.is_source else ''}]"
            for finding in edition.violations:
                print(f"{label}: line {finding.line}: {finding.message}")
            if edition.refused:
                print(f"{label}: REFUSED, {edition.refused}")
                continue
            fallback = len(edition.texts) - edition.translated
            note = f", {fallback} unit(s) in the source language (marked)" if fallback else ""
            outputs = ", ".join(ws.relative(Path(p)) for p in edition.outputs)
            scored = "; ".join(
                filter(None, [f"QA {edition.qa:.1f}" if edition.qa is not None else "", status.brief(edition.scores)])
            )
            scored = f" ({scored})" if scored else ""
            print(f"{label}: {edition.percent:.1f}% translated{note}{scored} -> {outputs}")
            for text in edition.texts:
                if text.fallback:
                    print(f"    line {text.unit.line} [{text.unit.id}] {text.problem}: {text.unit.text}")
    return EXIT_REFUSED if refused else EXIT_OK


_CHECKED_SUFFIXES = (".po", ".pot", ".md", ".markdown", ".txt", ".text", ".html", ".htm")


def _check_files(ws: Workspace, paths: list[Path]) -> list[Path]:
    if not paths:
        return ws.catalogs()
    found: list[Path] = []
    for path in paths:
        kind = file_kind(path)
        if kind == "dir":
            found += walk(path, _CHECKED_SUFFIXES)
        elif kind is None:
            raise InputError("no such file or folder", path)
        else:
            found.append(path)  # a FIFO or device is refused by name when it is read
    return found


def _respelling(ws: Workspace):
    """For update: tells units whose only change is a glossary term respelled (None without a usable glossary)."""
    try:
        found_by = _workspace_glossary(ws)
    except InputError:
        return None  # a broken glossary is check's business; without it every change is fuzzy, as before
    return None if found_by is None else lambda lang: glossary_checks.respelling(found_by, lang)


def _workspace_glossary(ws: Workspace) -> matcher.Matcher | None:
    """The workspace's glossary when it has one: build and mt use it, but work without."""
    return load_matcher(ws) if any((ws.root / ws.glossary_dir).glob("*.y*ml")) else None


def load_matcher(ws: Workspace, folder: Path | None = None) -> matcher.Matcher:
    return matcher.Matcher(glossary.load(_glossary_dir(ws, folder)))


def cmd_check(ws: Workspace, args) -> int:
    found_by = load_matcher(ws, args.glossary)
    findings = []
    files = _check_files(ws, args.paths)
    templates = {p.resolve().stem for p in files if p.suffix == ".pot"}
    located: dict[str, Path] = {}
    for path in files:
        shown = ws.relative(path) if path.is_absolute() else path.as_posix()
        located[shown] = path
        if path.suffix.lower() in (".po", ".pot"):
            sources = path.suffix == ".pot" or path.stem not in templates
            findings += glossary_checks.check_catalog(found_by, path, shown, sources)
        else:
            lang = documents.language_of(path, args.lang, ws.languages, ws.root / ws.articles_dir)
            findings += glossary_checks.check_text(found_by, path, lang, shown)
    if args.baseline:
        findings = accept.apply_baseline(findings, _read_baseline(args.baseline))
    if args.write_baseline:
        entries = accept.baseline_entries(findings)
        write_output(args.write_baseline, (json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode())
        print(f"{len(entries)} finding(s) written to {args.write_baseline}", file=sys.stderr)
        return EXIT_OK
    if args.fix or args.diff:
        fixable = [f for f in fix.fixes(findings) if not f.suppressed]
        by_path: dict[str, list] = {}
        for finding in fixable:
            by_path.setdefault(finding.path, []).append(finding)
        fixed = 0
        tx = Transaction() if args.fix else None  # every fixed file, or none
        sources: dict[Path, str] = {}  # fixed workspace articles: their catalogs follow in the same transaction
        articles_here = {p.resolve() for p in ws.article_files()}
        for shown, group in by_path.items():
            count, diff, text = fix.apply(located[shown], group, tx)
            fixed += count
            if count and located[shown].resolve() in articles_here:
                sources[located[shown]] = text
            if args.diff:
                sys.stdout.write(diff)
        if tx is not None:
            if sources:
                carried = update(ws, list(sources), respelling=_respelling(ws), texts=sources, tx=tx)
                respelled = sum(s.respelled for r in carried for s in r.languages.values())
                print(f"carried into the catalogs: {respelled} translation(s) kept as they were", file=sys.stderr)
            tx.commit()
        if args.fix:
            print(f"fixed {fixed} of {len(findings)} finding(s)", file=sys.stderr)
            fixed_keys = {(f.path, f.line, f.column) for f in fixable}
            findings = [f for f in findings if (f.path, f.line, f.column) not in fixed_keys]
        if args.diff:
            return EXIT_REFUSED if any(not f.suppressed for f in findings) else EXIT_OK
    output = formats.FORMATS[args.format](findings, rules.RULES)
    if output:
        print(output)
    return EXIT_REFUSED if any(not f.suppressed for f in findings) else EXIT_OK


def _refuse(problems: list, where: str, path: Path) -> None:
    """Every problem on stdout, one per line (as glossary validate prints them), and the verdict on stderr."""
    for problem in problems:
        print(problem)
    raise InputError(f"{len(problems)} problem(s) {where}; nothing written", path)


def _read_baseline(path: Path) -> list[dict]:
    text = read_text(path, "baseline", TEXT_LIMIT, InputError)
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not a baseline: {exc.msg}", path, exc.lineno) from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError("not a baseline: expected a JSON list of findings (translate check --write-baseline)", path)
    return entries


def _glossary_dir(ws: Workspace, folder: Path | None) -> Path:
    folder = folder or ws.root / ws.glossary_dir
    if not folder.is_dir():
        raise InputError("no glossary folder", folder)
    return folder


def cmd_glossary_validate(ws: Workspace, args) -> int:
    folder = _glossary_dir(ws, args.glossary)
    terms, problems = glossary.read(folder)
    problems += glossary.validate(terms) + matcher.self_test(terms)
    for problem in problems:
        print(problem)
    examples = sum(len(t.must_match) + len(t.must_not_match) for t in terms)
    print(f"{len(terms)} entries, {examples} examples, {len(problems)} problem(s)")
    return EXIT_REFUSED if problems else EXIT_OK


def cmd_glossary_export(ws: Workspace, args) -> int:
    text = exchange.FORMATS[args.format](glossary.load(_glossary_dir(ws, args.glossary)))
    if args.output:
        write_output(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_glossary_import(ws: Workspace, args) -> int:
    folder = _glossary_dir(ws, args.glossary)
    report: list[str] = []
    imported, problems = exchange.read_checked(args.file, report, args.source_lang, args.target_lang)
    if args.report:
        for line in report:  # what was mapped how, before any problem
            print(line)
    target = args.output or folder / f"{args.file.stem}.yaml"
    if target.exists():
        raise InputError("already exists; nothing written (choose another name with -o)", target)
    existing, found = glossary.read(folder)
    combined = glossary.Glossary(existing.terms + imported.terms)
    problems += found + glossary.validate(combined) + matcher.self_test(combined)
    if problems:
        _refuse(problems, "in the imported entries", args.file)
    write(target, exchange.to_yaml(imported).encode("utf-8"), MUST_NOT_EXIST)  # one that appeared since: refused
    print(f"{len(imported)} entries written to {ws.relative(target)}")
    return EXIT_OK


def cmd_glossary_suggest(ws: Workspace, args) -> int:
    terms = glossary.load(_glossary_dir(ws, args.glossary))
    known = matcher.Matcher(terms)
    texts: list[tuple[str, str]] = []
    for path in args.articles or ws.article_files():
        parsed = articles.read(path)
        texts += [(b.text, parsed.source_lang) for b in parsed.blocks if b.kind.translatable]
    if not args.articles:
        for path in ws.catalogs():
            po = store.read(path).po
            lang = po.metadata.get("Language", "")
            texts += [(e.msgstr, lang) for e in po if lang and e.msgstr and not e.obsolete]
    found = suggest.valid(suggest.find(texts, known), terms)
    if args.format == "json":
        print(json.dumps([s.__dict__ for s in found], ensure_ascii=False, indent=2))
    else:
        import yaml

        for s in found:
            print(f"# {s.count}× in {s.lang}")
            print(yaml.safe_dump([s.as_entry()], allow_unicode=True, sort_keys=False).rstrip())
    return EXIT_OK


def cmd_models_list(ws: Workspace, args) -> int:
    from translate.mt import packages

    found, broken = packages.scan()
    pairs = []
    for src in ws.languages:
        for tgt in ws.languages:
            if src != tgt:
                hops = packages.route(src, tgt, found)
                pairs.append({"from": src, "to": tgt, "via": [p.to_code for p in hops[:-1]], "available": bool(hops)})
    if args.json:
        listing = [
            {"from": p.from_code, "to": p.to_code, "name": p.name, "version": p.version, "path": str(p.path)}
            for p in found
        ]
        listing_json = {"directory": str(packages.packages_dir()), "installed": listing, "pairs": pairs}
        listing_json["broken"] = [str(exc) for exc in broken]
        print(json.dumps(listing_json, indent=2))
        return EXIT_OK
    print(f"packages in {packages.packages_dir()}:")
    for package in found:
        print(f"  {package.pair:8} {package.signature}")
    if not found:
        print("  (none: `argospm install translate-en_ko` or `translate models install FILE.argosmodel`)")
    for exc in broken:
        print(f"  broken: {exc}")
    print("workspace pairs:")
    for pair in pairs:
        how = "missing" if not pair["available"] else ("via " + ", ".join(pair["via"]) if pair["via"] else "direct")
        print(f"  {pair['from']}→{pair['to']}: {how}")
    return EXIT_OK


def cmd_models_install(ws: Workspace, args) -> int:
    from translate.mt import packages

    package = packages.install(args.file)
    print(f"installed {package.pair} {package.signature} in {package.path}")
    return EXIT_OK


def _selected_catalogs(ws: Workspace, slugs: list[str], lang_option: str | None) -> list[tuple[str, Path]]:
    """(language, catalog) of the chosen articles in the chosen languages (--lang ko,ja), existing ones only."""
    langs = {ws.check_language(code) for code in lang_option.split(",")} if lang_option else None
    return [
        (lang, ws.catalog_path(lang, template.stem))
        for template in _templates(ws, slugs)
        for lang in ws.languages
        if os.path.lexists(ws.catalog_path(lang, template.stem)) and (langs is None or lang in langs)
    ]


def cmd_mt(ws: Workspace, args) -> int:
    from translate.mt import prefill
    from translate.mt.engine import Router, Settings

    paths = [path for _, path in _selected_catalogs(ws, args.slugs, args.lang)]
    if not paths:
        raise InputError("no catalogs to fill (run translate update first)")

    progress = _Progress() if sys.stderr.isatty() else None

    def memory_for(src: str, tgt: str) -> memory.Memory:
        found = memory.from_catalogs(ws.catalogs(), src, tgt, ws.relative)
        for path in sorted((ws.root / ws.locales_dir / "memory").glob("*.tmx")):
            found += memory.from_tmx(path, src, tgt)
        return memory.Memory(found, args.tm_threshold)

    report = prefill.fill(
        paths,
        Router(settings=Settings(padded=args.padded_batches)),
        refresh=args.refresh,
        dry_run=args.dry_run,
        progress=progress,
        memories=None if args.no_tm else memory_for,
        glossary=None if args.no_glossary else _workspace_glossary(ws),
    )
    shown = {ws.relative(Path(p)): n for p, n in report.catalogs.items()}
    if args.json:
        print(
            json.dumps(
                {
                    "units": report.units,
                    "memory": report.memory,
                    "issues": report.issues,
                    "catalogs": shown,
                    "pairs": report.pairs,
                    "written": [ws.relative(Path(p)) for p in report.written],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    verb = "would fill" if args.dry_run else "filled"
    for path, count in shown.items():
        print(f"{path}: {verb} {count} unit(s)")
    for pair, used in report.pairs.items():
        print(f"{pair}: {' then '.join(used)}")
    if report.units:
        print(f"{report.units} unit(s) {verb} ({report.memory} from translation memory), fuzzy with provenance")
        if report.issues:
            print(
                f"{report.issues} machine translation(s) lost or misspelled a term or link: see 'issues' in"
                " their translate-mt comment, or run translate check"
            )
    else:
        print("nothing to fill")
    return EXIT_OK


class _Progress:
    """One line on the terminal: units done, units per second, time left."""

    def __init__(self) -> None:
        import time

        self.clock = time.monotonic
        self.start = self.clock()

    def __call__(self, done: int, total: int) -> None:
        elapsed = max(self.clock() - self.start, 1e-9)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        end = "\n" if done >= total else ""
        print(
            f"\rmachine translation {done}/{total} units, {rate:.1f} units/s, {left:.0f} s left ",
            end=end,
            file=sys.stderr,
            flush=True,
        )


def cmd_tm_export(ws: Workspace, args) -> int:
    src, tgt = ws.check_language(args.src), ws.check_language(args.tgt)
    text = memory.to_tmx(memory.Memory(memory.from_catalogs(ws.catalogs(), src, tgt, ws.relative)).segments, src, tgt)
    if args.output:
        write_output(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_tm_import(ws: Workspace, args) -> int:
    data, units, problems = memory.read_checked(args.file)  # read once: the bytes checked are the bytes written
    if problems:
        _refuse(problems, "in the translation units", args.file)
    target = ws.root / ws.locales_dir / "memory" / args.file.name
    if os.path.lexists(target):
        raise InputError("already in the memory; nothing written (rename the file to add it)", target)
    write(target, data, MUST_NOT_EXIST)  # a file that appeared since the check above is refused, never replaced
    print(f"{len(units)} translation unit(s) added as {ws.relative(target)}")
    return EXIT_OK


def cmd_score(ws: Workspace, args) -> int:
    from translate.stamp import today

    names = tuple(m.strip().lower() for m in args.metric.split(",") if m.strip())
    unknown = [m for m in names if m not in metrics.METRICS]
    if unknown or not names:
        raise InputError(f"unknown metric(s) {', '.join(unknown) or args.metric!r}: use {', '.join(metrics.METRICS)}")
    edition = args.reference is not None and args.reference.suffix.lower() != ".po"
    selected = _selected_catalogs(ws, args.slugs, args.lang)
    if edition and (len(args.slugs) != 1 or not args.lang or len(selected) != 1):
        raise InputError("scoring against a reference edition needs one article and one --lang", args.reference)
    reference = store.read(args.reference) if args.reference and not edition else None
    terms = _workspace_glossary(ws)
    loaded = [(lang, store.read(path)) for lang, path in selected]
    router = _round_trip_router(loaded) if args.round_trip else None
    results, failed = [], False
    scored = Transaction()  # every scored catalog or none, none over a translator's save
    for lang, current in loaded:
        if reference is not None and reference.language != lang:
            continue
        path = current.path
        source_lang = current.po.metadata.get("X-Source-Language", "")
        if edition:
            source = load_source(ws, ws.template_path(args.slugs[0]))
            compared = pairs.edition_pairs(current.po, source.units, articles.read(args.reference, lang))
        elif reference is not None:
            compared = pairs.reference_pairs(current.po, reference.po)
        else:
            compared = pairs.post_edit_pairs(current.po)
        corpus = metrics.score(compared, lang, names, today())
        if "qa" in names:
            mean = signals.qa(current.po, source_lang, lang, today(), terms)
            if mean is not None:
                corpus["QA"] = mean
        round_trip = {}
        if router is not None:
            back = pairs.round_trip_pairs(current.po, source_lang, lang, router)
            round_trip = metrics.score(back, source_lang, ("chrf",), today())
            notes.keep_corpus(current.po, "round-trip", round_trip, today())
        if (corpus or round_trip) and not args.dry_run:
            notes.keep_corpus(current.po, "reference" if args.reference is not None else "post-edit", corpus, today())
            scored.add(current.path, store.dumps(current.po), current.fingerprint)
        first = next(iter(corpus.values()), None)
        below = args.fail_under is not None and first is not None and first["score"] < args.fail_under
        failed |= below
        results.append(
            {
                "catalog": ws.relative(path),
                "language": lang,
                "source": "reference" if args.reference is not None else "post-edit",
                "units": len(compared),
                "scores": corpus,
                "below_threshold": below,
            }
            | ({"round_trip": round_trip} if router is not None else {})
        )
    scored.commit()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for result in results:
            lines = [
                (name, value, "reference-free" if name == "QA" else result["source"])
                for name, value in result["scores"].items()
            ] + [(name, value, "round-trip") for name, value in result.get("round_trip", {}).items()]
            if not lines:
                print(f"{result['catalog']}: nothing to score ({result['source']})")
            for n, (name, value, source) in enumerate(lines):
                mark = "  BELOW --fail-under" if result["below_threshold"] and n == 0 else ""
                print(
                    f"{result['catalog']}: {name} = {value['score']:.2f} over {value['units']} units"
                    f" ({source}; {value['signature']}){mark}"
                )
    return EXIT_REFUSED if failed else EXIT_OK


def _round_trip_router(loaded: list[tuple[str, store.Catalog]]):
    """The MT router for translating back, refused up front when a reverse pair has no model."""
    from translate.mt.engine import Router

    router = Router()
    for lang, current in loaded:
        router.chain(lang, current.po.metadata.get("X-Source-Language", ""))
    return router


def cmd_report(ws: Workspace, args) -> int:
    from translate.catalog import status, store

    sections = []
    for template in _templates(ws, []):
        pot = store.read(template).po
        source_lang = pot.metadata.get("X-Source-Language", "")
        for lang in ws.languages:
            path = ws.catalog_path(lang, template.stem)
            if lang == source_lang or not os.path.lexists(path):
                continue
            po = store.read(path).po
            scored = [(e, [s for s in notes.stored(e) if not notes.is_stale(s, e)]) for e in po if not e.obsolete]
            progress = status.of_catalog(template.stem, lang, source_lang, po, pot)
            sections.append(scorecard.Section(template.stem, lang, progress, scored))
    out = args.out or ws.root / "build" / "report.html"
    write_output(out, scorecard.render(sections).encode("utf-8"))
    print(f"report: {ws.relative(out)} ({len(sections)} catalog(s))")
    return EXIT_OK
