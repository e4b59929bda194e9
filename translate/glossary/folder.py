"""The glossary: one house spelling per name in every language.

Source of truth is ``glossary/*.yaml`` in git, one entry per concept::

    - id: kim-yo-jung
      type: person                 # person, place, organization, media, other
      notes: Newsroom spelling, not the DPRK's "Kim Yo Jong".
      en: Kim Yo-jung              # shorthand for {preferred: Kim Yo-jung}
      ko: 김여정
      ja: {preferred: 金与正, reading: キム・ヨジョン}
      examples:
        match: {en: ["Kim Yo Jong said on Tuesday"], ja: ["金與正氏"]}
        no-match: {en: ["Kim Jong-un"]}

Per language: ``preferred`` (the house form), ``admitted`` (also fine),
``forbidden`` (variants to flag besides the generated ones), ``reading`` (ja:
katakana allowed only as a gloss right after the kanji) and ``dnt`` (do not
translate: the source form stays in every language). Examples run as
self-tests whenever the glossary loads, like prh's specs.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from translate import files, languages
from translate.catalog.workspace import Workspace
from translate.errors import InputError
from translate.glossary import compiled, matcher
from translate.glossary.terms import Forms, Glossary, Term
from translate.model import Finding
from translate.rules import finding

TYPES = ("person", "place", "organization", "media", "other")
_LANG_KEYS = ("preferred", "admitted", "forbidden", "reading", "dnt", "other-senses")
_TERM_KEYS = {"id", "type", "notes", "generate", "examples"}


class _LineLoader(files.TextDateLoader):
    """A safe loader (no aliases, dates as text) that remembers the line of every mapping and key.

    Keys must be text: YAML 1.1 reads ``no:`` (Norwegian) as false and ``1:`` as
    a number, which would silently become another key; those are collected in
    ``problems`` and reported with their line instead.
    """

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.problems: list[tuple[int, str]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    mapping: dict = {}
    lines: dict = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raw = getattr(key_node, "value", key)
            loader.problems.append(
                (line, f"key {raw!r} is read as {type(key).__name__} {key!r}, not text: quote it ('{raw}':)")
            )
            key = str(raw)
        if key in mapping:
            loader.problems.append((line, f"key {key!r} given twice (first on line {lines[key]})"))
            continue
        mapping[key] = loader.construct_object(value_node, deep=True)
        lines[key] = value_node.start_mark.line + 1
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = lines
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def glossary_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def load(folder: Path, check: bool = True) -> Glossary:
    """Read every glossary file; raise InputError on the first problem (see :func:`read`, :func:`validate`)."""
    return _loaded(folder, check)[0]


def _loaded(folder: Path, check: bool = True) -> tuple[Glossary, matcher.Matcher | None]:
    """The glossary and, when checked, the matcher its self-tests ran on (built once: it is the slow part)."""
    glossary, found = read(folder)
    built = None
    if check:
        built = matcher.Matcher(glossary) if not found else None
        found += validate(glossary) + matcher.self_test(glossary, built)
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more; run translate glossary validate)" if len(found) > 1 else ""
        raise InputError(first.message + more, first.path, first.line)
    return glossary, built


def locate(ws: Workspace, folder: Path | None = None) -> Path:
    """The glossary folder: ``--glossary DIR`` or the workspace's."""
    folder = folder or ws.root / ws.glossary_dir
    if not folder.is_dir():
        raise InputError("no glossary folder", folder)
    return folder


def matcher_for(ws: Workspace, folder: Path | None = None) -> matcher.Matcher:
    """The glossary compiled, checked: from the user's cache when its files are unchanged (compiled.py)."""
    where = locate(ws, folder)

    def compile() -> matcher.Matcher:
        glossary, built = _loaded(where)
        return built or matcher.Matcher(glossary)

    return compiled.load(glossary_files(where), compile)


def optional_matcher(ws: Workspace) -> matcher.Matcher | None:
    """The workspace's glossary when it has one: update, build, mt and score use it, but work without."""
    return matcher_for(ws) if any((ws.root / ws.glossary_dir).glob("*.y*ml")) else None


def read(folder: Path) -> tuple[Glossary, list[Finding]]:
    glossary, problems = Glossary(), []
    for path in glossary_files(folder):
        shown = path.as_posix()
        try:
            text = files.read_text(path, "glossary", files.GLOSSARY_LIMIT)
        except InputError as exc:
            problems.append(_invalid(shown, exc.line or 1, exc.message))
            continue
        loader = None
        try:
            loader = _LineLoader(text)  # PyYAML's reader already refuses control characters here
            data = loader.get_single_data()
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            message, line = files.yaml_problem(exc)
            problems.append(_invalid(shown, line or 1, f"invalid YAML: {message}"))
            continue
        finally:
            if loader is not None:
                loader.dispose()
        if loader.problems:
            problems += [_invalid(shown, line, message) for line, message in loader.problems]
            continue
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(_invalid(shown, 1, "a glossary file is a list of entries ('- id: ...')"))
            continue
        for item in data:
            term, found = _term(item, shown)
            problems += found
            if term is not None:
                glossary.terms.append(term)
    return glossary, problems


def _term(item: object, path: str) -> tuple[Term | None, list[Finding]]:
    if not isinstance(item, dict):
        return None, [_invalid(path, 1, "an entry must be a mapping with 'id:'")]
    line, lines = item["__line__"], item["__lines__"]
    problems: list[Finding] = []
    fields = _Fields(item, path, "entry", problems)
    term_id = fields.text("id")
    if not term_id:
        return None, problems or [_invalid(path, line, "entry has no id")]
    fields.owner = term_id
    kind = fields.text("type") or "other"
    if kind not in TYPES:
        message = f"{term_id}: unknown type {kind!r}; use {', '.join(TYPES)}"
        problems.append(_invalid(path, lines.get("type", line), message))
    forms: dict[str, Forms] = {}
    for key, value in item.items():
        if key.startswith("__") or key in _TERM_KEYS:
            continue
        key_line = lines.get(key, line)
        try:
            lang = languages.validate(str(key))
        except InputError as exc:
            problems.append(_invalid(path, key_line, f"{term_id}: {exc.message}"))
            continue
        parsed = _forms(value, term_id, lang, path, key_line, problems)
        if parsed is not None:
            forms[lang] = parsed
    if not forms:
        problems.append(_invalid(path, line, f"{term_id}: no language forms"))
    must = _examples(fields, "match")
    must_not = _examples(fields, "no-match")
    term = Term(
        id=term_id,
        type=kind if kind in TYPES else "other",
        forms=forms,
        notes=fields.text("notes"),
        generate=fields.flag("generate", True),
        must_match=must,
        must_not_match=must_not,
        path=path,
        line=line,
    )
    return term, problems


def _examples(fields: _Fields, key: str) -> tuple[tuple[str, str, int], ...]:
    """``examples: {match: {en: [texts]}}`` as (lang, text, line) triples."""
    examples = fields.mapping("examples")
    if examples is None:
        return ()
    by_lang = examples.mapping(key)
    if by_lang is None:
        return ()
    return tuple((lang, text, by_lang.line(lang)) for lang in by_lang.names() for text in by_lang.texts(lang))


def _forms(value: object, term_id: str, lang: str, path: str, line: int, problems: list[Finding]) -> Forms | None:
    if isinstance(value, str):
        value = {"preferred": value, "__line__": line, "__lines__": {}}
    if not isinstance(value, dict):
        problems.append(_invalid(path, line, f"{term_id}: {lang} must be a form or a mapping, not {_kind(value)}"))
        return None
    unknown = [k for k in value if not k.startswith("__") and k not in _LANG_KEYS]
    if unknown:
        problems.append(_invalid(path, line, f"{term_id}: unknown key(s) {', '.join(unknown)} in {lang}"))
        return None
    fields = _Fields(value, path, f"{term_id}: {lang}", problems)
    before = len(problems)
    preferred = fields.text("preferred")
    forms = Forms(
        preferred=preferred,
        admitted=fields.texts("admitted"),
        forbidden=fields.texts("forbidden"),
        reading=fields.text("reading"),
        dnt=fields.flag("dnt", False),
        line=line,
        other_senses=fields.texts("other-senses"),
    )
    if not preferred and len(problems) == before:
        problems.append(_invalid(path, line, f"{term_id}: empty preferred form in {lang}"))
    return forms if len(problems) == before else None


class _Fields:
    """The values of one YAML mapping, each checked for its type: a wrong one is a finding, never str()'d.

    ``id: [kaesong]`` would otherwise become the id "['kaesong']".
    """

    def __init__(self, data: dict, path: str, owner: str, problems: list[Finding]) -> None:
        self.data, self.path, self.owner, self.problems = data, path, owner, problems

    def line(self, key: str) -> int:
        return self.data.get("__lines__", {}).get(key, self.data.get("__line__", 1))

    def names(self) -> list[str]:
        return [k for k in self.data if not k.startswith("__")]

    def _wrong(self, key: str, expected: str, value: object) -> None:
        self.problems.append(
            _invalid(self.path, self.line(key), f"{self.owner}: {key} must be {expected}, not {_kind(value)}")
        )

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return value.strip()
        self._wrong(key, "text", value)
        return ""

    def texts(self, key: str) -> tuple[str, ...]:
        """Text or a list of texts."""
        value = self.data.get(key)
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        if all(isinstance(v, str) for v in items):
            return tuple(v.strip() for v in items)
        self._wrong(key, "text or a list of texts", next(v for v in items if not isinstance(v, str)))
        return ()

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if isinstance(value, bool):
            return value
        self._wrong(key, "true or false", value)
        return default

    def mapping(self, key: str) -> _Fields | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, dict):
            return _Fields(value, self.path, f"{self.owner}: {key}", self.problems)
        self._wrong(key, "a mapping", value)
        return None


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def validate(glossary: Glossary) -> list[Finding]:
    """Problems a loader cannot see one entry at a time."""
    problems: list[Finding] = []
    seen: dict[str, Term] = {}
    house: dict[tuple[str, str], Term] = {}
    written: dict[tuple[str, str], Term] = {}  # house forms as written: case, dashes and apostrophes kept
    for term in glossary:
        if term.id in seen:
            first = seen[term.id]
            message = f"duplicate id {term.id!r} (first at {first.path}:{first.line})"
            problems.append(_conflict(term.path, term.line, message))
        seen.setdefault(term.id, term)
        for lang, forms in term.forms.items():
            for form in (forms.preferred, *forms.admitted):
                key = (lang, matcher.normalize(form))
                other = house.get(key)
                if other is not None and other.id != term.id:
                    problems.append(
                        _conflict(term.path, forms.line, f"{term.id}: {form!r} is also a form of {other.id}")
                    )
                house.setdefault(key, term)
                written.setdefault((lang, matcher.exact(form)), term)
    for term in glossary:
        for lang, forms in term.forms.items():
            for form in (*forms.admitted, *forms.forbidden, forms.reading):
                if form and not matcher.normalize(form).strip():
                    problems.append(_invalid(term.path, forms.line, f"{term.id}: form {form!r} can never match"))
            for form in forms.forbidden:
                # Kim Jong–un (en dash) or Kim Jong-Un listed as forbidden beside the house Kim Jong-un is
                # no conflict: the matcher flags exactly that spelling. The very same spelling is one, and
                # so is a variant of another entry's house form (a mention would be read as both).
                other = written.get((lang, matcher.exact(form)))
                if other is not None:
                    message = f"{term.id}: forbidden variant {form!r} is a house form of {other.id}"
                    problems.append(_conflict(term.path, forms.line, message))
                    continue
                other = house.get((lang, matcher.normalize(form)))
                if other is not None and other.id != term.id:
                    message = (
                        f"{term.id}: forbidden variant {form!r} differs only in case or typography"
                        f" from a house form of {other.id}"
                    )
                    problems.append(_conflict(term.path, forms.line, message))
    return problems


def _invalid(path: str, line: int, message: str) -> Finding:
    """An entry or file that does not read as a glossary (glossary.invalid)."""
    return finding("glossary.invalid", message, path=path, line=line)


def _conflict(path: str, line: int, message: str) -> Finding:
    """Entries that each read but cannot stand together: one id or form, two concepts (glossary.conflict)."""
    return finding("glossary.conflict", message, path=path, line=line)
