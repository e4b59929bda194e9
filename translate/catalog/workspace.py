"""A workspace: where articles, catalogs and editions live, and which languages it publishes.

Configured by an optional ``translate.toml`` at its root::

    [workspace]
    languages = ["en", "ko", "ja"]   # every article is published in all of them
    articles = "articles"
    locales = "locales"
    editions = "build/editions"
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from translate import files, languages
from translate.catalog import model_choices as models
from translate.catalog import store
from translate.errors import InputError
from translate.model import Article, Unit
from translate.source import article as articles
from translate.source import identity, segment

if TYPE_CHECKING:
    pass

CONFIG = "translate.toml"
#: The path settings of [workspace]: key → (Workspace field, default). Each must name a folder inside the root.
_PATHS = {
    "articles": ("articles_dir", "articles"),
    "locales": ("locales_dir", "locales"),
    "editions": ("editions_dir", "build/editions"),
    "glossary": ("glossary_dir", "glossary"),
}
_KEYS = {"languages", *_PATHS}
_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


#: How the Japanese edition glosses a Korean name written in kanji with its reading: ruby on the
#: first mention in an article (the house default), on every mention, or never.
READINGS = ("first", "every", "none")


@dataclass(frozen=True)
class EditionSettings:
    """The [editions] table: how pages are published."""

    base_url: str = ""  # the site's address: canonical, hreflang and sitemap links become absolute
    template: Path | None = None  # a Jinja2 page template, relative to the workspace
    readings: str = "first"
    interview: tuple[tuple[str, str | None, str | None], ...] = ()  # (language, question, answer); None: default


@dataclass(frozen=True)
class Workspace:
    root: Path
    languages: tuple[str, ...] = languages.DEFAULT_LANGUAGES
    articles_dir: Path = Path("articles")
    locales_dir: Path = Path("locales")
    editions_dir: Path = Path("build/editions")
    glossary_dir: Path = Path("glossary")
    editions: EditionSettings = EditionSettings()
    mt: models.Choices = dataclasses.field(default_factory=models.Choices)  # [mt]: the model each named pair uses

    @classmethod
    def load(cls, start: Path | None = None) -> Workspace:
        """The workspace holding ``start`` (the nearest translate.toml above it, else ``start``).

        ``start`` (``-C DIR``) must be a folder. A translate.toml of any kind counts as
        found, so a folder, FIFO or symlink loop by that name is refused by name instead
        of being skipped; every bad setting is an InputError naming translate.toml.
        """
        start = _start_folder(start)
        root = next((d for d in (start, *start.parents) if os.path.lexists(d / CONFIG)), None)
        if root is None:
            return cls(root=start)
        return cls(root=root, **_configuration(root / CONFIG, root))

    # --- paths ---------------------------------------------------------------

    def template_path(self, slug: str) -> Path:
        return self.root / self.locales_dir / "templates" / f"{slug}.pot"

    def catalog_path(self, lang: str, slug: str) -> Path:
        return self.root / self.locales_dir / lang / f"{slug}.po"

    def relative(self, path: Path) -> str:
        absolute = Path(os.path.abspath(path))  # not resolve(): links keep their names, loops are no error
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()

    def settings(self) -> str:
        """Every setting, as text that is the same wherever the workspace lies (for translate/freshness.py)."""
        return repr(dataclasses.replace(self, root=Path(".")))

    def cache_folder(self) -> Path:
        """What commands keep to go faster next time (machine translations); safe to delete."""
        return self.root / ".translate" / "cache"

    def memory_folder(self) -> Path:
        return self.root / self.locales_dir / "memory"

    def article_files(self) -> list[Path]:
        folder = self.root / self.articles_dir
        suffixes = articles.MARKDOWN_SUFFIXES + articles.TEXT_SUFFIXES
        return _listed(folder, "*", suffixes)

    def catalogs(self) -> list[Path]:
        """Every template and language catalog, templates first."""
        locales = self.root / self.locales_dir
        return self.templates() + [p for p in _listed(locales, "*/*.po", (".po",)) if p.parent.name != "templates"]

    def templates(self) -> list[Path]:
        return _listed(self.root / self.locales_dir / "templates", "*.pot", (".pot",))

    def templates_of(self, slugs: Iterable[str] = ()) -> list[Path]:
        """The templates of these articles (all of them by default); refused when one has none."""
        templates, slugs = self.templates(), list(slugs)
        if slugs:
            known = {p.stem: p for p in templates}
            missing = [s for s in slugs if s not in known]
            if missing:
                raise InputError(f"no catalogs for {', '.join(missing)} (run translate update on the article first)")
            return [known[s] for s in slugs]
        if not templates:
            folder = self.root / self.locales_dir / "templates"
            raise InputError(f"no templates in {folder}; run translate update first")
        return templates

    def articles_without_catalogs(self) -> list[Path]:
        """Articles no template comes from yet: build and status leave them out until translate update."""
        sources = {store.read(t).po.metadata.get("X-Source-File", "") for t in self.templates()}
        return [path for path in self.article_files() if self.relative(path) not in sources]

    def walk(self, slugs: Iterable[str] = (), langs: Iterable[str] | None = None) -> list[tuple[str, Path]]:
        """(language, catalog) of the chosen articles in the chosen languages, existing catalogs only."""
        wanted = None if langs is None else {self.check_language(code) for code in langs}
        return [
            (lang, self.catalog_path(lang, template.stem))
            for template in self.templates_of(slugs)
            for lang in self.languages
            if os.path.lexists(self.catalog_path(lang, template.stem)) and (wanted is None or lang in wanted)
        ]

    def targets(self, article: Article) -> list[str]:
        return [lang for lang in self.languages if lang != article.source_lang]

    def check_language(self, lang: str) -> str:
        code = languages.validate(lang)
        if code not in self.languages:
            raise InputError(f"language {code!r} is not one of this workspace's: {', '.join(self.languages)}")
        return code


# --- configuration ---------------------------------------------------------------


def _start_folder(start: Path | None) -> Path:
    """The folder the search starts from, resolved; ``-C`` must name an existing folder."""
    if start is None:
        try:
            return Path(os.path.realpath(os.getcwd()))
        except OSError as exc:
            raise InputError(f"cannot use the current folder as the workspace: {files.os_problem(exc)}") from None
    try:
        kind = files.file_kind(start)
    except ValueError:  # an embedded NUL
        raise InputError("invalid workspace folder name", start) from None
    if kind is None:
        raise InputError("workspace folder does not exist", start)
    if kind != "dir":
        raise InputError(f"workspace must be a folder, but this is {'a file' if kind == 'file' else kind}", start)
    return Path(os.path.realpath(start))


def _configuration(path: Path, root: Path) -> dict:
    """The Workspace fields set by translate.toml, or one InputError listing everything wrong with it."""
    text = files.read_text(path, "workspace configuration", files.CONFIG_LIMIT)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = _toml_problem(exc)
        raise InputError(f"invalid TOML: {message}", path, line) from None
    except RecursionError:
        raise InputError("invalid TOML: nested too deeply", path) from None

    problems: list[str] = []
    settings: dict = {}
    for key in sorted(set(data) - {"workspace", "editions", "mt"}):
        problems.append(f"unknown setting {_shown(key)} (only the [workspace], [editions] and [mt] tables are read)")
    section = data.get("workspace", {})
    if not isinstance(section, dict):
        problems.append(f"workspace must be a table ([workspace]), not {_describe(section)}")
        section = {}
    for key in sorted(set(section) - _KEYS):
        hint = difflib.get_close_matches(key, sorted(_KEYS), 1)
        problems.append(
            f"unknown setting {_shown(key)} in [workspace]" + (f" (did you mean {hint[0]!r}?)" if hint else "")
        )
    if "languages" in section:
        codes = _languages(section["languages"], problems)
        if codes:
            settings["languages"] = codes
    for key, (field, default) in _PATHS.items():
        if key in section:
            problem = _path_problem(section[key], root, default)
            if problem:
                problems.append(f"[workspace] {key} {problem}")
            else:
                settings[field] = Path(section[key])
    if "editions" in data:
        settings["editions"] = _editions(data["editions"], root, problems)
        known = settings.get("languages", languages.DEFAULT_LANGUAGES)
        for lang, _question, _answer in settings["editions"].interview:
            if lang not in known:
                problems.append(f"[editions.interview] {_shown(lang)} is not one of the workspace's languages")
    if "mt" in data:
        settings["mt"] = _mt(data["mt"], root, settings.get("languages", languages.DEFAULT_LANGUAGES), problems)
    if problems:
        raise InputError("; ".join(dict.fromkeys(problems)), path)
    return settings


_MT_KEYS = {"models", "pairs"}
_MODEL_KEYS = {"kind", "path", "licence", "codes"}
_KIND_HINTS = {"marian": "opus-mt", "opus": "opus-mt", "opusmt": "opus-mt", "nllb200": "nllb", "m2m": "m2m100"}


def _mt(section: object, root: Path, known: tuple[str, ...], problems: list[str]) -> models.Choices:
    """The [mt] table: [mt.models.NAME] (kind, path, licence, codes) and [mt.pairs] ("ko-en" = NAME)."""
    if not isinstance(section, dict):
        problems.append(f"mt must be a table ([mt]), not {_describe(section)}")
        return models.Choices()
    for key in sorted(set(section) - _MT_KEYS):
        hint = difflib.get_close_matches(key, sorted(_MT_KEYS), 1)
        problems.append(f"unknown setting {_shown(key)} in [mt]" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    tables = section.get("models", {})
    if not isinstance(tables, dict):
        problems.append(f"[mt] models must be a table of models ([mt.models.NAME]), not {_describe(tables)}")
        tables = {}
    found: dict[str, models.Model] = {}
    for name, table in tables.items():
        model = _mt_model(name, table, root, problems)
        if model is not None:
            found[name] = model
    pairs = section.get("pairs", {})
    if not isinstance(pairs, dict):
        problems.append(f'[mt] pairs must be a table like "ko-en" = "nllb", not {_describe(pairs)}')
        pairs = {}
    chosen: list[tuple[str, str, str]] = []
    for key, name in pairs.items():
        where = f"[mt.pairs] {_shown(key)}"
        pair = _mt_pair(key, known)
        if isinstance(pair, str):
            problems.append(f"{where} {pair}")
            continue
        if not isinstance(name, str):
            problems.append(f"{where} must name a model of [mt.models] (a string), not {_describe(name)}")
            continue
        if name not in found and not (name == "argos" and name not in tables):
            if name not in tables:  # a broken model table has its own message
                choices = ", ".join(sorted(tables)) or "none is defined"
                problems.append(f"{where} names {_shown(name)}, which is not a model of [mt.models] ({choices})")
            continue
        if name in found:
            try:
                found[name].language_token(pair[0]), found[name].language_token(pair[1])
            except InputError as exc:
                problems.append(f"{where}: {exc.message}")
                continue
        if pair in [(s, t) for s, t, _ in chosen]:
            problems.append(f"{where}: the pair {pair[0]}→{pair[1]} is named twice")
            continue
        chosen.append((*pair, name))
    for name, model in found.items():
        served = [f"{s}-{t}" for s, t, n in chosen if n == name]
        if model.kind in ("opus-mt", "argos") and len(served) > 1:
            problems.append(
                f"[mt.pairs] names the {model.kind} model {_shown(name)} for {', '.join(served)},"
                " but it translates one direction only"
            )
    kept = tuple((s, t, n) for s, t, n in chosen if n != "argos")  # "argos": the default, said out loud
    return models.Choices(models=tuple(found.values()), pairs=kept)


def _mt_model(name: str, table: object, root: Path, problems: list[str]) -> models.Model | None:
    where = f"[mt.models.{name}]"
    if not isinstance(table, dict):
        problems.append(f"{where} must be a table with kind and path, not {_describe(table)}")
        return None
    for key in sorted(set(table) - _MODEL_KEYS):
        hint = difflib.get_close_matches(key, sorted(_MODEL_KEYS), 1) or (["licence"] if key == "license" else [])
        problems.append(f"unknown setting {_shown(key)} in {where}" + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    kind = table.get("kind")
    ok = True
    if kind not in models.KINDS:
        shown = "missing" if kind is None else repr(kind) if isinstance(kind, str) else _describe(kind)
        hint = _KIND_HINTS.get(kind.lower().replace("-", "").replace("_", "")) if isinstance(kind, str) else None
        problems.append(
            f"{where} kind must be one of {', '.join(models.KINDS)}, not {shown}"
            + (f" (did you mean {hint!r}?)" if hint else "")
        )
        ok = False
    path = table.get("path")
    if not isinstance(path, str) or not path.strip() or "\0" in path:
        shown = "missing" if path is None else _describe(path) if not isinstance(path, str) else "empty or invalid"
        problems.append(f"{where} path must be the model's folder (a string), not {shown}")
        ok = False
    licence = table.get("licence", "")
    if not isinstance(licence, str):
        problems.append(f"{where} licence must be a string like 'CC-BY-4.0', not {_describe(licence)}")
        ok = False
    codes = table.get("codes", {})
    pairs: list[tuple[str, str]] = []
    if not isinstance(codes, dict) or not all(isinstance(v, str) and v for v in codes.values()):
        problems.append(f'{where} codes must be a table of language tokens like ko = "kor_Hang"')
        ok = False
    else:
        for lang, token in codes.items():
            try:
                pairs.append((languages.validate(lang), token))
            except InputError as exc:
                problems.append(f"{where} codes: {exc.message}")
                ok = False
    if not ok:
        return None
    return models.Model(name, kind, Path(path), licence.strip(), tuple(pairs), root=root)


def _mt_pair(key: str, known: tuple[str, ...]) -> tuple[str, str] | str:
    """("ko", "en") from "ko-en" (or "ko→en"), or what is wrong with the key."""
    text = key.replace("→", "-")
    splits = [(text[:i], text[i + 1 :]) for i, c in enumerate(text) if c == "-"]
    if not splits:
        return 'must be two language codes joined by "-", like "ko-en"'
    ours = [s for s in splits if s[0] in known and s[1] in known]  # "zh-Hant-en": the split the workspace knows
    src, tgt = (ours or splits)[0]
    try:
        pair = (languages.validate(src), languages.validate(tgt))
    except InputError as exc:
        return f"is not a language pair: {exc.message}"
    if pair[0] == pair[1]:
        return "translates a language into itself"
    return pair


def base_url_problem(value: str) -> str | None:
    """Why a site address cannot prefix canonical, hreflang and sitemap links, or None."""
    if value and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        return f"must be an http(s) address like 'https://example.org/news/' (no query), not {value!r}"
    return None


_EDITION_KEYS = {"base-url", "template", "readings", "interview"}


def _editions(section: object, root: Path, problems: list[str]) -> EditionSettings:
    if not isinstance(section, dict):
        problems.append(f"editions must be a table ([editions]), not {_describe(section)}")
        return EditionSettings()
    for key in sorted(set(section) - _EDITION_KEYS):
        hint = difflib.get_close_matches(key, sorted(_EDITION_KEYS), 1)
        problems.append(
            f"unknown setting {_shown(key)} in [editions]" + (f" (did you mean {hint[0]!r}?)" if hint else "")
        )
    settings: dict = {}
    base_url = section.get("base-url", "")
    problem = base_url_problem(base_url) if isinstance(base_url, str) else f"not {_describe(base_url)}"
    if problem:
        problems.append(f"[editions] base-url {problem}")
    else:
        settings["base_url"] = base_url
    if "template" in section:
        problem = _path_problem(section["template"], root, "none", "file")
        if problem:
            problems.append(f"[editions] template {problem}")
        else:
            settings["template"] = Path(section["template"])
    readings = section.get("readings", "first")
    if readings not in READINGS:
        shown = repr(readings) if isinstance(readings, str) else _describe(readings)
        problems.append(f"[editions] readings must be one of {', '.join(READINGS)}, not {shown}")
    else:
        settings["readings"] = readings
    interview = section.get("interview", {})
    if not isinstance(interview, dict):
        problems.append(f"[editions] interview must be a table of languages, not {_describe(interview)}")
        interview = {}
    styles = []
    for lang, style in sorted(interview.items()):
        markers = style if isinstance(style, dict) else None
        if (
            markers is None
            or set(markers) - {"question", "answer"}
            or not all(isinstance(v, str) for v in markers.values())
        ):
            problems.append(
                f"[editions.interview] {_shown(lang)} must be a table with question and answer markers (strings)"
            )
            continue
        styles.append((lang, markers.get("question"), markers.get("answer")))
    settings["interview"] = tuple(styles)
    return EditionSettings(**settings)


def _languages(value: object, problems: list[str]) -> tuple[str, ...]:
    example = '["en", "ko", "ja"]'
    if not isinstance(value, list) or not value:
        shown = "an empty array" if value == [] else _describe(value)
        problems.append(f"[workspace] languages must be a list of language codes like {example}, not {shown}")
        return ()
    codes = []
    for code in value:
        if not isinstance(code, str):
            problems.append(f"[workspace] languages must hold language codes (strings), not {_describe(code)}")
            continue
        try:
            codes.append(languages.validate(code))
        except InputError as exc:
            problems.append(f"[workspace] languages: {exc.message}")
    return tuple(dict.fromkeys(codes))


def _path_problem(value: object, root: Path, default: str, what: str = "folder") -> str | None:
    """Why a configured folder (or file) cannot be used, or None; it must lead to a place inside ``root``."""
    if not isinstance(value, str):
        return f"must be a {what} path (a string), not {_describe(value)}"
    if not value.strip():
        return f"must not be empty (leave it out for the default {default!r})"
    if "\0" in value:
        return f"must not contain a NUL character: {_shown(value)}"
    if Path(value).is_absolute():
        return f"must be a {what} relative to the workspace, not the absolute path {_shown(value)}"
    lexical = Path(os.path.normpath(root / value))
    if not lexical.is_relative_to(root):
        return f"must stay inside the workspace, but {_shown(value)} leads outside it"
    resolved = Path(os.path.realpath(root / value))  # realpath: a symlink loop is refused later, when read
    if not resolved.is_relative_to(root):
        return f"must stay inside the workspace, but {_shown(value)} leads outside it through a symbolic link"
    return None


def _toml_problem(exc: tomllib.TOMLDecodeError) -> tuple[str, int | None]:
    """tomllib's message without its "(at line N, column M)", and N as the line."""
    message = str(exc).splitlines()[0] if str(exc) else "invalid TOML"
    found = _TOML_AT.search(message)
    if found:
        return f"{message[: found.start()]} (column {found[2]})", int(found[1])
    return message.replace("(at end of document)", "at the end of the file"), None


def _describe(value: object) -> str:
    """A TOML value's type in words, with a short look at the value."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({_shown(value)})"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return f"a date/time ({value})"


def _shown(text: str, limit: int = 60) -> str:
    """A key or value as it may appear in a one-line message: quoted, escaped, shortened."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "…" + shown[-1]


@dataclass(frozen=True)
class Source:
    """An article as the catalogs know it: parsed, segmented, identified."""

    article: Article
    units: list[Unit]
    template: store.Catalog


def load_source(ws: Workspace, template_path: Path) -> Source:
    """Re-read the article behind a template and check the template is up to date."""
    template = store.read(template_path)
    source_file = template.po.metadata.get("X-Source-File")
    if not source_file:
        raise InputError("template has no X-Source-File header; run translate update on its article", template_path)
    article = articles.read(ws.root / source_file, template.source_language or None)
    known = [(e.msgctxt, e.msgid) for e in template.entries]
    units = identity.assign(segment.units(article), known)
    if [(u.id, u.text) for u in units] != known:
        raise InputError(
            f"article changed since its catalogs were updated; run: translate update {source_file}",
            ws.root / source_file,
        )
    return Source(article, units, template)


def _listed(folder: Path, pattern: str, suffixes: tuple[str, ...]) -> list[Path]:
    """Everything named like a workspace file, sorted; not only regular files.

    A symlink loop, a FIFO or a folder named guard.po is listed too, so that
    reading it refuses it by name instead of the command skipping it silently.
    """
    return sorted(p for p in folder.glob(pattern) if p.suffix.lower() in suffixes)
