"""``translate check`` as a library call: which files, their findings, what an editor accepted, the fixes.

Paths are shown as the user knows them (workspace-relative where they are
inside it); ``located`` maps each shown path back to its file.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from translate.catalog.update import update
from translate.catalog.workspace import Workspace
from translate.checks import accept, documents, fix
from translate.checks import glossary as glossary_checks
from translate.errors import InputError
from translate.files import TEXT_LIMIT, file_kind, read_text, walk
from translate.glossary.folder import optional_matcher
from translate.glossary.matcher import Matcher
from translate.model import Finding
from translate.transaction import Transaction, write_output

CHECKED_SUFFIXES = (".po", ".pot", ".md", ".markdown", ".txt", ".text", ".html", ".htm")


@dataclass
class Checked:
    findings: list[Finding]
    located: dict[str, Path] = field(default_factory=dict)  # shown path → file
    skipped: list[str] = field(default_factory=list)  # files that are no article, catalog or edition

    @property
    def failed(self) -> bool:
        return any(not f.suppressed for f in self.findings)


def files_to_check(ws: Workspace, paths: list[Path]) -> list[Path]:
    """The named files, folders walked; by default the workspace's templates and catalogs."""
    if not paths:
        return ws.catalogs()
    found: list[Path] = []
    for path in paths:
        kind = file_kind(path)
        if kind == "dir":
            found += walk(path, CHECKED_SUFFIXES)
        elif kind is None:
            raise InputError("no such file or folder", path)
        else:
            found.append(path)  # a FIFO or device is refused by name when it is read
    return found


def check(ws: Workspace, paths: list[Path], matcher: Matcher, lang: str | None = None) -> Checked:
    """Findings in every file; a catalog's msgids are checked once, in its template, when both are checked."""
    files = files_to_check(ws, paths)
    templates = {p.resolve().stem for p in files if p.suffix == ".pot"}
    checked = Checked([])
    for path in files:
        shown = ws.relative(path) if path.is_absolute() else path.as_posix()
        checked.located[shown] = path
        if path.suffix.lower() in (".po", ".pot"):
            sources = path.suffix == ".pot" or path.stem not in templates
            checked.findings += glossary_checks.check_catalog(matcher, path, shown, sources)
        else:
            language = documents.language_of(path, lang, ws.languages, ws.root / ws.articles_dir)
            if language is None:
                checked.skipped.append(shown)
                continue
            checked.findings += glossary_checks.check_text(matcher, path, language, shown)
    return checked


def read_baseline(path: Path) -> list[dict]:
    text = read_text(path, "baseline", TEXT_LIMIT, InputError)
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not a baseline: {exc.msg}", path, exc.lineno) from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError("not a baseline: expected a JSON list of findings (translate check --write-baseline)", path)
    return entries


def write_baseline(path: Path, findings: list[Finding]) -> int:
    """The findings not accepted inline, as a baseline CI reads with ``--baseline``; how many."""
    entries = accept.baseline_entries(findings)
    write_output(path, (json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode())
    return len(entries)


@dataclass
class Fixed:
    fixed: int = 0
    of: int = 0  # findings before fixing
    diff: str = ""
    carried: int | None = None  # translations kept as they were in the catalogs of fixed articles


def apply_fixes(ws: Workspace, checked: Checked, write: bool) -> Fixed:
    """Rewrite fixable variants (``write``: in the files, else only as a diff); fixed findings leave ``checked``.

    Every fixed file is written in one transaction, and a fixed workspace article
    carries into its catalogs in the same one, its translations kept as they were.
    """
    fixable = [f for f in fix.fixes(checked.findings) if not f.suppressed]
    by_path: dict[str, list[Finding]] = {}
    for finding in fixable:
        by_path.setdefault(finding.path, []).append(finding)
    result = Fixed(of=len(checked.findings))
    tx = Transaction() if write else None
    sources: dict[Path, str] = {}
    articles_here = {p.resolve() for p in ws.article_files()}
    for shown, group in by_path.items():
        path = checked.located[shown]
        count, diff, text = fix.apply(path, group, tx)
        result.fixed += count
        result.diff += diff
        if count and path.resolve() in articles_here:
            sources[path] = text
    if tx is not None:
        if sources:
            carried = update(ws, list(sources), respelling=respelling_for(ws), texts=sources, tx=tx)
            result.carried = sum(s.respelled for r in carried for s in r.languages.values())
        tx.commit()
        fixed_keys = {(f.path, f.line, f.column) for f in fixable}
        checked.findings = [f for f in checked.findings if (f.path, f.line, f.column) not in fixed_keys]
    return result


def respelling_for(ws: Workspace) -> Callable[[str], Callable[[str, str], bool] | None] | None:
    """For update: tells units whose only change is a glossary term respelled (None without a glossary).

    The glossary is loaded when the first article needs it: an update that finds every
    article unchanged does not load it at all.
    """
    if not any((ws.root / ws.glossary_dir).glob("*.y*ml")):
        return None

    @functools.cache
    def found_by() -> Matcher | None:
        try:
            return optional_matcher(ws)
        except InputError:
            return None  # a broken glossary is check's business; without it every change is fuzzy, as before

    def respelling(lang: str) -> Callable[[str, str], bool] | None:
        matcher = found_by()
        return None if matcher is None else glossary_checks.respelling(matcher, lang)

    return respelling
