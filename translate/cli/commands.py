"""One function per subcommand: parse, call the library, render. Each sits beside its options."""

from __future__ import annotations

import sys
from pathlib import Path

from translate import memory, rules
from translate.catalog import status
from translate.catalog.update import out_of_date, update
from translate.catalog.workspace import Workspace
from translate.checks import accept
from translate.checks import run as checks
from translate.cli.options import (
    EXIT_OK,
    EXIT_REFUSED,
    add_dry_run,
    add_force,
    add_glossary,
    add_json,
    add_langs,
    add_output,
    add_slugs,
    base_url,
    edition_formats,
    note,
    percent,
    say,
    say_json,
)
from translate.cli.progress import Progress
from translate.editions.build import Gates, build_all
from translate.glossary import exchange, matcher, suggest
from translate.glossary import folder as glossary_folder
from translate.quality import score as scoring
from translate.reports import console, formats, scorecard
from translate.transaction import write_output

# --- update, status, build -------------------------------------------------------------


def update_options(commands) -> None:
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
    add_dry_run(p, "report what would change, write nothing")
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list them when templates or catalogs are out of date (for CI)",
    )
    add_force(p, "segment and merge every article")
    add_json(p)
    p.set_defaults(run=cmd_update)


def cmd_update(ws: Workspace, args) -> int:
    paths = [p if p.is_absolute() else Path.cwd() / p for p in args.articles]
    respelling = checks.respelling_for(ws)
    dry_run = args.dry_run or args.check
    reports = update(ws, paths, source_lang=args.source_lang, dry_run=dry_run, respelling=respelling, force=args.force)
    stale = out_of_date(ws, reports) if args.check else []
    if args.json:
        say_json([r.as_dict(dry_run) for r in reports])
    else:
        say(console.out_of_date(stale) if args.check else console.update(reports, dry_run))
    return EXIT_REFUSED if args.check and stale else EXIT_OK


def status_options(commands) -> None:
    p = commands.add_parser(
        "status",
        help="units, words, translated, fuzzy and untranslated per article and language",
        description="Translation progress of every article in every language of the workspace.",
    )
    add_slugs(p, "articles to show")
    add_json(p, "machine-readable output")
    p.set_defaults(run=cmd_status)


def cmd_status(ws: Workspace, args) -> int:
    rows = status.progress(ws, args.slugs)
    if args.json:
        say_json([r.as_dict() for r in rows])
    else:
        say(console.status(rows))
    return EXIT_OK


def build_options(commands) -> None:
    p = commands.add_parser(
        "build",
        help="write Markdown and HTML editions in every language",
        description="Build build/editions/<lang>/<slug>.{md,html} for every language, the source included. "
        "Units without a translation fall back to the source text, marked and reported.",
    )
    add_slugs(p, "articles to build")
    p.add_argument(
        "--out", type=Path, metavar="DIR", help="output folder (default: [workspace] editions, else build/editions)"
    )
    p.add_argument(
        "--min-translated",
        type=percent,
        default=0.0,
        metavar="PERCENT",
        help="refuse to publish an edition with fewer translated units (like po4a --keep)",
    )
    p.add_argument(
        "--allow-fuzzy",
        action="store_true",
        help="publish fuzzy translations (a person's, of an older source) instead of the source",
    )
    p.add_argument(
        "--allow-mt",
        action="store_true",
        help="publish unreviewed machine and translation-memory drafts of translate mt (listed in the report)",
    )
    p.add_argument(
        "--base-url",
        type=base_url,
        metavar="URL",
        help="the site's address (default: [editions] base-url): absolute canonical and hreflang links, a sitemap",
    )
    p.add_argument("--format", default="md,html", type=edition_formats, help="md, html or md,html (default)")
    add_json(p)
    p.add_argument("--allow-glossary-violations", action="store_true", help="publish editions that break the glossary")
    p.add_argument(
        "--min-score",
        type=percent,
        metavar="N",
        help="refuse a translated edition whose mean QA score (translate score) over the units it publishes"
        " is below N, or that is not scored",
    )
    add_force(p, "build every edition")
    p.set_defaults(run=cmd_build)


def cmd_build(ws: Workspace, args) -> int:
    gates = Gates(
        min_translated=args.min_translated,
        min_score=args.min_score,
        allow_fuzzy=args.allow_fuzzy,
        allow_mt=args.allow_mt,
        allow_glossary_violations=args.allow_glossary_violations,
    )
    built = build_all(ws, args.slugs, args.out, gates, args.format, args.base_url, args.force)
    for path in [] if args.slugs else ws.articles_without_catalogs():
        note(f"{ws.relative(path)}: not built, it has no catalogs yet (run translate update)")
    if args.json:
        say_json(built)
    else:
        say(console.build(built, ws.relative))
    return EXIT_REFUSED if any(e["refused"] for e in built) else EXIT_OK


# --- check -------------------------------------------------------------------------------


def check_options(commands) -> None:
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
    add_glossary(p)
    p.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="accept the findings listed in FILE (JSON, from --write-baseline): CI fails only on new ones",
    )
    p.add_argument("--write-baseline", type=Path, metavar="FILE", help="list the current findings in FILE and exit 0")
    p.set_defaults(run=cmd_check)


def cmd_check(ws: Workspace, args) -> int:
    checked = checks.check(ws, args.paths, glossary_folder.matcher_for(ws, args.glossary), args.lang)
    for shown in checked.skipped:
        note(f"{shown}: skipped, not an article, catalog or edition (check it with --lang)")
    if args.baseline:
        checked.findings = accept.apply_baseline(checked.findings, checks.read_baseline(args.baseline))
    if args.write_baseline:
        count = checks.write_baseline(args.write_baseline, checked.findings)
        note(f"{count} finding(s) written to {args.write_baseline}")
        return EXIT_OK
    if args.fix or args.diff:
        fixed = checks.apply_fixes(ws, checked, write=args.fix)
        if args.diff:
            sys.stdout.write(fixed.diff)
        if fixed.carried is not None:
            note(f"carried into the catalogs: {fixed.carried} translation(s) kept as they were")
        if args.fix:
            note(f"fixed {fixed.fixed} of {fixed.of} finding(s)")
        if args.diff:
            return EXIT_REFUSED if checked.failed else EXIT_OK
    say(formats.FORMATS[args.format](checked.findings, rules.RULES))
    return EXIT_REFUSED if checked.failed else EXIT_OK


# --- glossary ------------------------------------------------------------------------------


def glossary_options(commands) -> None:
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
    add_output(q)
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
        add_glossary(q)


def cmd_glossary_validate(ws: Workspace, args) -> int:
    terms, problems = glossary_folder.read(glossary_folder.locate(ws, args.glossary))
    problems += glossary_folder.validate(terms) + matcher.self_test(terms)
    examples = sum(len(t.must_match) + len(t.must_not_match) for t in terms)
    say(
        "\n".join(
            [*map(formats.brief, problems), f"{len(terms)} entries, {examples} examples, {len(problems)} problem(s)"]
        )
    )
    return EXIT_REFUSED if problems else EXIT_OK


def cmd_glossary_export(ws: Workspace, args) -> int:
    text = exchange.FORMATS[args.format](glossary_folder.load(glossary_folder.locate(ws, args.glossary)))
    _output(args.output, text)
    return EXIT_OK


def cmd_glossary_import(ws: Workspace, args) -> int:
    report: list[str] = []
    try:
        target, imported = exchange.import_file(
            glossary_folder.locate(ws, args.glossary),
            args.file,
            args.output,
            args.source_lang,
            args.target_lang,
            report,
        )
    finally:
        if args.report:
            say("\n".join(report))  # what was mapped how, before any problem
    say(f"{len(imported)} entries written to {ws.relative(target)}")
    return EXIT_OK


def cmd_glossary_suggest(ws: Workspace, args) -> int:
    found = suggest.for_workspace(ws, args.articles, args.glossary)
    if args.format == "json":
        say_json([s.__dict__ for s in found])
    else:
        say(console.suggestions(found))
    return EXIT_OK


# --- machine translation and memory ----------------------------------------------------------


def models_options(commands) -> None:
    p = commands.add_parser(
        "models",
        help="machine translation models (Argos Translate packages, converted OPUS-MT, NLLB-200, M2M-100)",
        description="Installed Argos Translate packages in $ARGOS_PACKAGES_DIR "
        "(default ~/.local/share/argos-translate/packages), and the converted models translate.toml's [mt] "
        "names per language pair. Real models: `argospm install translate-en_ko`.",
    )
    actions = p.add_subparsers(title="actions", metavar="ACTION", required=True)
    q = actions.add_parser("list", help="installed pairs, and the workspace pairs reachable through English")
    add_json(q, "machine-readable output")
    q.set_defaults(run=cmd_models_list)
    q = actions.add_parser("install", help="install an .argosmodel file (checked before it is unpacked)")
    q.add_argument("file", type=Path)
    q.set_defaults(run=cmd_models_install)


def cmd_models_list(ws: Workspace, args) -> int:
    from translate.mt import models

    listing = models.inventory(ws)
    if args.json:
        say_json(console.models_json(*listing))
    else:
        say(console.models(*listing))
    return EXIT_OK


def cmd_models_install(ws: Workspace, args) -> int:
    from translate.mt import packages

    package = packages.install(args.file)
    say(f"installed {package.pair} {package.signature} in {package.path}")
    return EXIT_OK


def mt_options(commands) -> None:
    p = commands.add_parser(
        "mt",
        help="pre-fill untranslated units with machine translation (fuzzy, with provenance)",
        description="Fill untranslated units of the catalogs with Argos Translate models. Everything written is "
        "fuzzy and records its engine, packages, pivot and raw output; translations by people are never touched.",
    )
    add_slugs(p)
    add_langs(p)
    p.add_argument("--refresh", action="store_true", help="also redo fuzzy units this command filled, if unedited")
    p.add_argument("--no-tm", action="store_true", help="skip translation memory, machine-translate everything")
    p.add_argument("--no-glossary", action="store_true", help="do not protect glossary terms through MT")
    p.add_argument(
        "--tm-threshold",
        type=percent,
        default=memory.THRESHOLD,
        metavar="PERCENT",
        help="lowest translation-memory match to use (default 75)",
    )
    p.add_argument(
        "--padded-batches",
        action="store_true",
        help="batch sentences of different lengths together: faster, but a sentence may come out "
        "differently from argostranslate where two words score within rounding of each other",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="translate every sentence again instead of reusing .translate/cache/mt (kept as results come)",
    )
    p.add_argument(
        "--ray",
        metavar="ADDRESS",
        help="run the models on a Ray cluster, same output: 'local' starts Ray on this machine for the run;"
        " else the cluster's address (auto, HOST:6379, ray://HOST:10001); needs newsdesk-translate[ray]",
    )
    p.add_argument(
        "--ray-workers",
        type=int,
        metavar="N",
        help="Ray workers, each loading every model once (default: as many as fit the cluster's CPUs)",
    )
    p.add_argument(
        "--ray-threads",
        type=int,
        metavar="N",
        help="CPUs (batches at once) per Ray worker (default: 4, or the largest node's CPUs if fewer;"
        " with --ray-workers, the cluster's CPUs shared among them, at most 4)",
    )
    p.add_argument(
        "--ray-ship-models",
        action="store_true",
        help="send the models through Ray's object store even to nodes that have the same folder"
        " (by default only nodes without an identical copy at this machine's path get them)",
    )
    add_dry_run(p, "show what would be filled, write nothing")
    add_json(p)
    p.set_defaults(run=cmd_mt)


def cmd_mt(ws: Workspace, args) -> int:
    from translate.errors import InputError
    from translate.mt import run
    from translate.mt.cluster import Cluster

    if args.ray is None and (args.ray_workers or args.ray_threads or args.ray_ship_models):
        raise InputError("--ray-workers, --ray-threads and --ray-ship-models need --ray ADDRESS")
    ray = None if args.ray is None else Cluster(args.ray, args.ray_workers, args.ray_threads, args.ray_ship_models)
    report = run.run(
        ws,
        args.slugs,
        args.lang,
        refresh=args.refresh,
        dry_run=args.dry_run,
        use_memory=not args.no_tm,
        use_glossary=not args.no_glossary,
        tm_threshold=args.tm_threshold,
        padded=args.padded_batches,
        cache=not args.no_cache,
        progress=Progress("machine translation") if sys.stderr.isatty() else None,
        ray=ray,
    )
    if args.json:
        say_json(console.mt_json(report, ws.relative))
    else:
        say(console.mt(report, ws.relative, args.dry_run))
    return EXIT_OK


def tm_options(commands) -> None:
    p = commands.add_parser("tm", help="translation memory: export or import TMX 1.4b")
    actions = p.add_subparsers(title="actions", metavar="ACTION", required=True)
    q = actions.add_parser("export", help="confirmed translations of the workspace as TMX")
    q.add_argument("--from", dest="src", default="en", help="source language (default en)")
    q.add_argument("--to", dest="tgt", required=True, help="target language")
    add_output(q)
    q.set_defaults(run=cmd_tm_export)
    q = actions.add_parser("import", help="add a TMX file to the workspace memory (locales/memory/)")
    q.add_argument("file", type=Path)
    q.set_defaults(run=cmd_tm_import)


def cmd_tm_export(ws: Workspace, args) -> int:
    _output(args.output, memory.export(ws, args.src, args.tgt))
    return EXIT_OK


def cmd_tm_import(ws: Workspace, args) -> int:
    target, units = memory.import_file(ws, args.file)
    say(f"{units} translation unit(s) added as {ws.relative(target)}")
    return EXIT_OK


# --- quality -----------------------------------------------------------------------------------


def score_options(commands) -> None:
    p = commands.add_parser(
        "score",
        help="quality scores (sacrebleu) per unit and per catalog, kept in the PO files",
        description="Score translations with sacrebleu against the machine output they were post-edited from "
        "(default), or against a reference catalog. Unit scores are written into the catalogs.",
    )
    add_slugs(p)
    add_langs(p)
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
    add_dry_run(p, "compute and print, write nothing")
    add_json(p, "machine-readable output")
    p.set_defaults(run=cmd_score)


def cmd_score(ws: Workspace, args) -> int:
    results = scoring.score(
        ws,
        args.slugs,
        args.lang,
        reference=args.reference,
        names=scoring.metric_names(args.metric),
        round_trip=args.round_trip,
        fail_under=args.fail_under,
        dry_run=args.dry_run,
    )
    if args.json:
        say_json([r.as_dict() for r in results])
    else:
        say(console.score(results))
    return EXIT_REFUSED if any(r.below_threshold for r in results) else EXIT_OK


def report_options(commands) -> None:
    p = commands.add_parser(
        "report",
        help="a static HTML quality report: progress, score distribution, worst units",
        description="Write an HTML page with, per article and language, progress, the QA score distribution "
        "and the worst units beside their machine output. Run translate score first.",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="file to write (default: build/report.html)")
    p.set_defaults(run=cmd_report)


def cmd_report(ws: Workspace, args) -> int:
    sections = scoring.sections(ws)
    out = args.out or ws.root / "build" / "report.html"
    write_output(out, scorecard.render(sections).encode("utf-8"))
    say(f"report: {ws.relative(out)} ({len(sections)} catalog(s))")
    return EXIT_OK


def _output(path: Path | None, text: str) -> None:
    """An export into a file (atomically) or onto standard output."""
    if path:
        write_output(path, text.encode("utf-8"))
    else:
        sys.stdout.write(text)


#: In the order ``translate --help`` lists them.
OPTIONS = (
    update_options,
    status_options,
    build_options,
    check_options,
    glossary_options,
    models_options,
    mt_options,
    score_options,
    report_options,
    tm_options,
)
