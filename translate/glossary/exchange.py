"""Glossary exchange: TBX-Basic (as Weblate and OmegaT read it), CSV, and our YAML.

TBX mapping: one ``termEntry`` per concept (``id``), ``descrip type=subjectField``
holds the type, ``note`` the notes; per language a ``langSet`` with one ``tig``
per form and its ``administrativeStatus``: preferredTerm / admittedTerm /
deprecatedTerm (our forbidden variants). A reading is a ``termType``
``transcribedForm``; do-not-translate is the note "Translation needed: No";
examples are ``descrip type=example`` starting with "match:" or "no-match:".
Every field survives export → import.

Other people's files (Weblate, OmegaT, memoQ, Trados; TBX v2 or v3, DCA or DCT
style) import too: a free-text subjectField becomes the type it clearly names
(:func:`map_subject`), else "other" with "subject: …" in the notes; every status
word of TBX v2/v3 is read (:func:`status_of`), ``descripGrp`` and the like are
unwrapped, region-tagged languages read as the glossary's (en-US → en),
definitions and free-text examples go into the notes, and what has no place in
the glossary (partOfSpeech, transacGrp, …) is dropped and said so in the report.
CSV: our columns, a column per language (en,ko,ja) or source,target.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from translate import files, languages, transaction
from translate.errors import InputError, Refused
from translate.glossary import folder as glossary_folder
from translate.glossary import matcher
from translate.glossary.folder import TYPES
from translate.glossary.terms import Forms, Glossary, Term
from translate.model import Finding
from translate.rules import finding

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
DNT_NOTE = "Translation needed: No"
#: A langSet note holding one of the form's other senses (glossary ``other-senses``).
OTHER_SENSE_NOTE = "Other sense: "
NO_GENERATE_NOTE = "Generate variants: No"
CSV_COLUMNS = ["id", "type", "lang", "status", "form", "notes"]
#: The longest term or example we accept, in characters: every check and match runs over each form,
#: so a form of megabytes (a paste gone wrong) would keep the import busy for minutes.
TERM_LIMIT = 1000
TBX_ROOTS = ("martif", "tbx")  # TBX v2 (TBX-Basic as Weblate and OmegaT write it) and TBX v3
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")


# --- TBX ---------------------------------------------------------------------------


def to_tbx(glossary: Glossary) -> str:
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(desc, "p").text = "newsdesk-translate glossary"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for term in glossary:
        entry = ET.SubElement(body, "termEntry", {"id": term.id})
        ET.SubElement(entry, "descrip", {"type": "subjectField"}).text = term.type
        if term.notes:
            ET.SubElement(entry, "note").text = term.notes
        if not term.generate:
            ET.SubElement(entry, "note").text = NO_GENERATE_NOTE
        for lang, forms in term.forms.items():
            lang_set = ET.SubElement(entry, "langSet", {XML_LANG: lang})
            if forms.dnt:
                ET.SubElement(lang_set, "note").text = DNT_NOTE
            for phrase in forms.other_senses:
                ET.SubElement(lang_set, "note").text = OTHER_SENSE_NOTE + phrase
            for kind, text in _examples(term, lang):
                ET.SubElement(lang_set, "descrip", {"type": "example"}).text = f"{kind}: {text}"
            for status, values in (
                ("preferred", [forms.preferred]),
                ("admitted", forms.admitted),
                ("forbidden", forms.forbidden),
            ):
                for value in values:
                    tig = ET.SubElement(lang_set, "tig")
                    ET.SubElement(tig, "term").text = value
                    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = STATUS[status]
            if forms.reading:
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = forms.reading
                ET.SubElement(tig, "termNote", {"type": "termType"}).text = "transcribedForm"
    ET.indent(martif)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"


def _examples(term: Term, lang: str) -> list[tuple[str, str]]:
    return [("match", t) for lg, t, _ in term.must_match if lg == lang] + [
        ("no-match", t) for lg, t, _ in term.must_not_match if lg == lang
    ]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def from_tbx(text: str | bytes, source: str) -> Glossary:
    """Read TBX (v2 martif/termEntry/langSet/tig, or v3 conceptEntry/langSec/termSec); InputError on a problem."""
    return _first_problem(*read_tbx(text, source))


def check_declared_encoding(data: bytes, path: Path, what: str) -> None:
    """InputError when an XML declaration names a legacy encoding but the bytes are UTF-8.

    Expat believes the declaration: UTF-8 read as ISO-8859-1 is mojibake that
    nothing later can tell from text (개성 comes out as Ã«Â°...).
    """
    found = _XML_DECLARATION.match(data.removeprefix(codecs.BOM_UTF8)[:1024])
    if found is None:
        return
    declared = found.group(1).decode("ascii")
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        raise InputError(
            f"unknown encoding {declared!r} in the XML declaration; save the {what} as UTF-8", path, 1
        ) from None
    if name.startswith("utf") or data.isascii():
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return  # really in the declared encoding; expat reads it
    raise InputError(
        f"the XML declaration says encoding={declared!r} but the file is UTF-8;"
        f' write encoding="UTF-8" in its first line',
        path,
        1,
    )


def read_tbx(text: str | bytes, source: str, report: list[str] | None = None) -> tuple[Glossary, list[Finding]]:
    """Every entry of a TBX file and every problem found in it, each with its line.

    ``report`` gets one line per entry: what was mapped how (see :func:`report_line`).
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    check_declared_encoding(data, Path(source), "TBX")
    root, lines = files.parse_xml(data, Path(source), "TBX")
    glossary, problems = Glossary(), []
    if _local(root.tag) not in TBX_ROOTS:
        found = f"the root element is <{_local(root.tag)}>, not <martif> (TBX v2) or <tbx> (TBX v3)"
        return glossary, [_invalid(source, lines.get(id(root), 1), f"not a TBX file: {found}")]

    def problem(node: ET.Element, message: str) -> None:
        problems.append(_invalid(source, lines.get(id(node), 1), message))

    taken_ids: set[str] = set()
    for entry in (e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")):
        term_id = (entry.get("id") or "").strip()  # Weblate and Translate Toolkit write none
        label = term_id or "entry"
        subjects, notes, generate = [], [], True
        remarks = _Remarks()
        forms: dict[str, dict] = {}
        must, must_not = [], []
        for child in _unwrap(entry):
            name, category = _local(child.tag), _category(child)
            value = _text(child)
            if category == "subjectField":
                if value:
                    subjects.append(value)
            elif name == "note":
                if value == NO_GENERATE_NOTE:
                    generate = False
                elif value:
                    notes.append(value)
            elif _into_notes(category):
                if value:
                    notes.append(f"{_into_notes(category)}: {value}")
                    remarks.noted.add(_into_notes(category))
            elif name in ("langSet", "langSec"):
                raw_lang = (child.get(XML_LANG) or child.get("lang") or "").strip()
                lang = _language(raw_lang, remarks)
                slot = forms.setdefault(lang, _slot(lines.get(id(child), 1)))
                for item in _unwrap(child):
                    item_name, item_category = _local(item.tag), _category(item)
                    item_value = _text(item)
                    if item_name == "note" and item_value == DNT_NOTE:
                        slot["dnt"] = True
                    elif item_name == "note" and item_value.startswith(OTHER_SENSE_NOTE):
                        slot["other_senses"].append(item_value[len(OTHER_SENSE_NOTE) :])
                    elif item_category == "translationNote" and item_value.casefold() == "no":
                        slot["dnt"] = True  # Weblate's read-only term
                    elif item_name == "note" or _into_notes(item_category):
                        if item_value:
                            what = _into_notes(item_category) or "note"
                            notes.append(f"{what} ({lang}): {item_value}")
                            remarks.noted.add(what)
                    elif item_category == "example":
                        kind_text, _, example = item_value.partition(": ")
                        if kind_text not in ("match", "no-match"):  # another tool's usage example: not a self-test
                            if item_value:
                                notes.append(f"example ({lang}): {item_value}")
                                remarks.noted.add("example")
                            continue
                        if len(example) > TERM_LIMIT:
                            problem(item, f"{label}: {_too_long('an example', example)}")
                            example = example[:TERM_LIMIT]
                        (must if kind_text == "match" else must_not).append((lang, example, 0))
                    elif item_name in ("tig", "ntig", "termSec"):
                        found = _read_tig(item, slot, remarks)
                        if found:
                            problem(item, f"{label}: {found}")
                    else:
                        remarks.drop(item_category or item_name)
            else:
                remarks.drop(category or name)
        kind, subject_note = map_subject("; ".join(subjects)) if subjects else ("other", None)
        if subject_note:
            notes.append(subject_note)
        entry_forms = {lang: _forms(slot) for lang, slot in forms.items()}
        if not term_id:  # made from its forms; a given id that repeats stays a problem
            term_id, how = _make_id(entry_forms, source, lines.get(id(entry), 1))
            remarks.other.append(f"id made from {how}")
            base, n = term_id, 2
            while term_id in taken_ids:
                term_id, n = f"{base}-{n}", n + 1
        taken_ids.add(term_id)
        term = Term(
            id=term_id,
            type=kind,
            forms=entry_forms,
            notes="\n".join(n for n in notes if n),
            generate=generate,
            must_match=tuple(must),
            must_not_match=tuple(must_not),
            path=source,
            line=lines.get(id(entry), 1),
        )
        problems += check_term(term)
        glossary.terms.append(term)
        if report is not None:
            report.append(report_line(term, "subjectField", "; ".join(subjects), remarks))
    if not glossary.terms:
        problems.append(_invalid(source, lines.get(id(root), 1), "no entries (termEntry or conceptEntry) to import"))
    return glossary, problems


#: Entry and language-level data categories kept in the notes, with their name: the glossary has no field for them.
_INTO_NOTES = {
    "definition": "definition",
    "explanation": "explanation",
    "descrip": "explanation",  # a descrip without type: Weblate's explanation of the source string
    "context": "context",
    "source": "source",
    "usagenote": "usage note",  # TBX's usageNote, Weblate's "Usage note"
}


def _into_notes(category: str) -> str:
    """The label a data category kept in the notes gets ("usage note"), or "" for one that is not."""
    return _INTO_NOTES.get(re.sub(r"[\s_-]+", "", category.casefold()), "")


#: Groups that only wrap data categories (memoQ, Trados): their contents are read as if they stood alone.
_GROUPS = ("descripGrp", "termNoteGrp", "adminGrp", "termGrp")
#: Data categories written as elements of their own (TBX v3 DCT style: <min:administrativeStatus>).
_DCT = frozenset(
    {
        "subjectField",
        "definition",
        "explanation",
        "context",
        "example",
        "source",
        "usageNote",
        "administrativeStatus",
        "normativeAuthorization",
        "termType",
        "partOfSpeech",
        "grammaticalGender",
        "customerSubset",
        "projectSubset",
        "geographicalUsage",
        "register",
        "termLocation",
        "crossReference",
        "externalCrossReference",
        "xGraphic",
    }
)


def _unwrap(node: ET.Element):
    """The children of ``node``, with groups (descripGrp, …) replaced by what they hold."""
    for child in node:
        if _local(child.tag) in _GROUPS:
            yield from _unwrap(child)
        else:
            yield child


def _category(node: ET.Element) -> str:
    """The data category of a descrip/termNote/admin (its type), or of a DCT element (its name); else ""."""
    name = _local(node.tag)
    if name in ("descrip", "termNote", "admin", "transac", "ref", "xref"):
        return (node.get("type") or name).strip()
    return name if name in _DCT else ""


def _text(node: ET.Element) -> str:
    return "".join(node.itertext()).strip()


class _Remarks:
    """What an import did with one entry besides copying it: for ``glossary import --report``."""

    def __init__(self) -> None:
        self.dropped: dict[str, int] = {}
        self.noted: set[str] = set()
        self.languages: dict[str, str] = {}  # as written → as read
        self.other: list[str] = []

    def drop(self, what: str) -> None:
        self.dropped[what] = self.dropped.get(what, 0) + 1


#: subjectField words and the glossary type they name; Latin ones match the start of a word
#: ("organisations", "geographical"), CJK ones anywhere. Checked case-insensitively.
SUBJECT_WORDS: dict[str, tuple[str, ...]] = {
    "person": (
        "person", "people", "personal name", "personnel", "politician", "leader", "official", "biograph",
        "人名", "人物", "인명", "인물", "사람",
    ),
    "place": (
        "place", "geograph", "location", "toponym", "city", "cities", "province", "county", "region",
        "地名", "地理", "地域", "지명", "지리", "지역",
    ),
    "organization": (
        "organi", "agency", "agencies", "party", "parties", "ministry", "ministries", "institution",
        "company", "companies", "government", "military", "army", "committee", "union",
        "組織", "機関", "団体", "政党", "기관", "단체", "조직", "정당", "기구",
    ),
    "media": (
        "media", "newspaper", "news agency", "broadcast", "outlet", "publication", "magazine", "press",
        "メディア", "新聞", "放送", "報道", "언론", "매체", "신문", "방송",
    ),
}  # fmt: skip


def map_subject(text: str) -> tuple[str, str | None]:
    """The glossary type a free-text subjectField names, and a note when it names none clearly.

    ``person`` is person; ``agency`` organization; ``人名`` person; ``Politics > DPRK``
    names none (or ``media organization`` two): other, with "subject: …" kept for the notes.
    """
    clean = " ".join(text.split())
    lowered = clean.casefold()
    if lowered in TYPES:
        return lowered, None
    if lowered == "organisation":
        return "organization", None
    words = re.findall(r"\w+", lowered)
    matched: dict[str, int] = {}  # type → the longest keyword of it found (a phrase beats a word)
    for kind, keywords in SUBJECT_WORDS.items():
        for keyword in keywords:
            if keyword.isascii():
                hit = (
                    f" {keyword}" in f" {' '.join(words)}"
                    if " " in keyword
                    else any(w.startswith(keyword) for w in words)
                )
            else:
                hit = keyword in lowered
            if hit:
                matched[kind] = max(matched.get(kind, 0), len(keyword.split()))
    if matched:
        best = max(matched.values())
        kinds = [k for k, n in matched.items() if n == best]
        if len(kinds) == 1:
            return kinds[0], None
    return "other", f"subject: {clean}" if clean else None


def _language(raw: str, remarks: _Remarks | None = None) -> str:
    """The glossary language of a language tag: en-US → en, ko-KR → ko (a script is kept: zh-Hant → zh_Hant).

    Anything that is no language comes back as written, for :func:`check_term` to name.
    """
    if not raw:
        return raw
    try:
        languages.validate(re.split(r"[-_]", raw)[0])  # "kr" stays refused, with its suggestion
        locale = Locale.parse(raw.replace("-", "_"))
    except (InputError, UnknownLocaleError, ValueError, TypeError):
        return raw
    lang = f"{locale.language}_{locale.script}" if locale.script else locale.language
    if lang != raw and remarks is not None:
        remarks.languages[raw] = lang
    return lang


def report_line(term: Term, subject_from: str, subject: str, remarks: _Remarks) -> str:
    """One entry as ``glossary import --report`` shows it: id, type and where from, forms, what was not copied."""
    parts = [term.id or "(no id)"]
    if subject and subject.casefold() != term.type:
        how = "no type matches it" if term.type == "other" else "mapped"
        parts.append(f"type {term.type} (from {subject_from} {subject!r}: {how})")
    elif subject:
        parts.append(f"type {term.type} (from {subject_from})")
    else:
        parts.append(f"type {term.type} (no {subject_from})")
    for lang, forms in term.forms.items():
        shown = [f"{forms.preferred} (preferred)"] if forms.preferred else []
        shown += [f"{f} (admitted)" for f in forms.admitted] + [f"{f} (forbidden)" for f in forms.forbidden]
        shown += [f"{forms.reading} (reading)"] if forms.reading else []
        shown += ["do not translate"] if forms.dnt else []
        parts.append(f"{lang or '?'}: {', '.join(shown) or 'no forms'}")
    for raw, lang in remarks.languages.items():
        parts.append(f"language {raw} read as {lang}")
    noted = sorted(remarks.noted)
    if term.notes and any(line.startswith("subject: ") for line in term.notes.splitlines()):
        noted.insert(0, "subjectField")
    if noted:
        parts.append(f"into notes: {', '.join(noted)} (the glossary has no field for them)")
    if remarks.dropped:
        dropped = ", ".join(f"{k}" + (f" ×{n}" if n > 1 else "") for k, n in sorted(remarks.dropped.items()))
        parts.append(f"dropped: {dropped} (no place in the glossary)")
    parts += remarks.other
    return "; ".join(parts)


def _too_long(what: str, text: str) -> str:
    return f"{what} of {len(text)} characters is longer than the {TERM_LIMIT}-character limit for terms"


def check_term(term: Term) -> list[Finding]:
    """What an imported entry needs before it may enter the glossary: every later command relies on it."""
    label = term.id or "entry"
    problems = []
    if term.type not in TYPES:
        problems.append(_invalid(term.path, term.line, f"{label}: unknown type {term.type!r}; use {', '.join(TYPES)}"))
    if not term.forms:
        problems.append(_invalid(term.path, term.line, f"{label}: no language forms"))
    for lang, forms in term.forms.items():
        line = forms.line or term.line
        if not lang:
            problems.append(_invalid(term.path, line, f"{label}: a form without a language (xml:lang / lang)"))
        else:
            try:
                canonical = languages.validate(lang)
            except InputError as exc:
                problems.append(_invalid(term.path, line, f"{label}: {exc.message}"))
            else:
                if canonical != lang:
                    problems.append(_invalid(term.path, line, f"{label}: write the language {lang!r} as {canonical!r}"))
        if not forms.preferred.strip():
            problems.append(_invalid(term.path, line, f"{label}: no preferred or admitted term in {lang or '?'}"))
        for form in (*forms.admitted, *forms.forbidden):
            if not form.strip():
                problems.append(_invalid(term.path, line, f"{label}: an empty term in {lang or '?'}"))
    for lang, _text, _line in (*term.must_match, *term.must_not_match):
        if lang not in term.forms:
            problems.append(_invalid(term.path, term.line, f"{label}: an example in {lang or '?'}, which has no forms"))
    return problems


def _invalid(path: str, line: int, message: str) -> Finding:
    """An entry or row of another tool's file that cannot become a glossary entry (termbase.invalid)."""
    return finding("termbase.invalid", message, path=path, line=line)


def _first_problem(glossary: Glossary, problems: list[Finding]) -> Glossary:
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(first.message + more, first.path, first.line)
    return glossary


def _slot(line: int = 0) -> dict:
    """The forms of one language while a file is read."""
    return {
        "preferred": "",
        "admitted": [],
        "forbidden": [],
        "reading": "",
        "dnt": False,
        "other_senses": [],
        "line": line,
    }


def _forms(slot: dict) -> Forms:
    preferred = slot["preferred"] or (slot["admitted"] or [""])[0]
    return Forms(
        preferred=preferred,
        admitted=tuple(a for a in slot["admitted"] if a != preferred),
        forbidden=tuple(slot["forbidden"]),
        reading=slot["reading"],
        dnt=slot["dnt"],
        line=slot["line"],
        other_senses=tuple(slot["other_senses"]),
    )


def _read_tig(tig: ET.Element, slot: dict, remarks: _Remarks | None = None) -> str | None:
    """Put one term into its language's slot; a problem with it in words, else None."""
    value, status, reading, problem = "", "admitted", False, None
    for node in tig.iter():
        name, category = _local(node.tag), _category(node)
        if name == "term":
            value = "".join(node.itertext()).strip()
            if len(value) > TERM_LIMIT:  # kept short so the checks after this stay fast; refused all the same
                problem, value = _too_long("a term", value), value[:TERM_LIMIT]
        elif category in ("administrativeStatus", "normativeAuthorization"):
            raw = _text(node)
            found = status_of(raw)
            if found is None:
                return f"unknown {category} {raw!r}; use {', '.join(STATUS.values())}"
            status = found
        elif category == "termType" and _text(node) == "transcribedForm":
            reading = True
        elif category == "translationNote" and _text(node).casefold() == "no":
            slot["dnt"] = True  # Weblate's read-only term
        elif category and category != "termType" and remarks is not None:
            remarks.drop(category)
    if not value:
        return "an empty term"
    if reading:
        slot["reading"] = value
    elif status == "preferred" and not slot["preferred"]:
        slot["preferred"] = value
    else:
        slot["forbidden" if status == "forbidden" else "admitted"].append(value)
    return problem


#: Status words of TBX v2 and v3 (administrativeStatus, normativeAuthorization) and of other tools.
_STATUS_WORDS = {
    "preferred": "preferred",
    "admitted": "admitted",
    "permitted": "admitted",
    "legal": "admitted",
    "regulated": "admitted",
    "standardized": "admitted",
    "deprecated": "forbidden",
    "superseded": "forbidden",
    "notrecommended": "forbidden",
    "obsolete": "forbidden",
    "forbidden": "forbidden",
}


def status_of(raw: str) -> str | None:
    """preferred, admitted or forbidden for ``preferredTerm-admn-sts``, ``deprecated``, ``notRecommendedTerm``…"""
    key = re.sub(r"[\s_-]+", "", raw.casefold()).removesuffix("admnsts").removesuffix("term")
    return _STATUS_WORDS.get(key)


# --- CSV ---------------------------------------------------------------------------


def to_csv(glossary: Glossary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for term in glossary:
        first = True
        for lang, forms in term.forms.items():
            rows = [("preferred", forms.preferred)]
            rows += [("admitted", f) for f in forms.admitted] + [("forbidden", f) for f in forms.forbidden]
            rows += [("reading", forms.reading)] if forms.reading else []
            rows += [("dnt", "yes")] if forms.dnt else []
            rows += [("other-sense", phrase) for phrase in forms.other_senses]
            rows += [(f"example-{kind}", text) for kind, text in _examples(term, lang)]
            for status, form in rows:
                writer.writerow([term.id, term.type, lang, status, form, term.notes if first else ""])
                first = False
        if not term.generate:
            writer.writerow([term.id, term.type, "", "generate", "no", ""])
    return out.getvalue()


def from_csv(text: str, source: str, delimiter: str = ",") -> Glossary:
    """Read a glossary CSV; InputError on the first problem (see :func:`read_csv` for all of them)."""
    return _first_problem(*read_csv(text, source, delimiter))


_CSV_STATUSES = (
    "preferred",
    "admitted",
    "forbidden",
    "reading",
    "dnt",
    "other-sense",
    "generate",
    "example-match",
    "example-no-match",
)
#: Columns of a CSV with a column per language (en,ko,ja or source,target) that are not languages.
_ID_COLUMNS = ("id", "key", "term id", "entry id", "concept id")
_TYPE_COLUMNS = ("type", "subject", "subjectfield", "subject field", "domain", "category")
_NOTE_COLUMNS = (
    "notes",
    "note",
    "comment",
    "comments",
    "description",
    "definition",
    "context",
    "explanation",
    "translator_comments",
    "developer_comments",
)
_PAIR_COLUMNS = ("source", "target")


def read_csv(
    text: str,
    source: str,
    delimiter: str = ",",
    report: list[str] | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> tuple[Glossary, list[Finding]]:
    """Every entry of a CSV file and every problem found in it, each with its line.

    Three layouts: ours (``id,type,lang,status,form,notes``, a row per form), a
    column per language (``en,ko,ja`` or ``en-US,ko-KR``: a row per entry, each
    cell its preferred form, optional ``id``, ``type`` and ``notes`` columns) and
    ``source,target`` with the languages given as ``source_lang``/``target_lang``.
    """
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[Finding] = []
    try:
        fields = reader.fieldnames
    except csv.Error as exc:
        return Glossary(), [_invalid(source, 1, f"invalid CSV header: {_csv_problem(exc)}")]
    if fields is not None and {"id", "lang", "status", "form"} <= set(fields):
        terms: dict[str, dict] = {}
        for number, row in _csv_rows(reader, fields, text, source, delimiter, problems):
            problems += _csv_row(row, terms, source, number)
        glossary = Glossary(
            [
                Term(
                    id=term_id,
                    type=data["type"],
                    forms={lang: _forms(slot) for lang, slot in data["forms"].items()},
                    notes=data["notes"],
                    generate=data["generate"],
                    must_match=tuple(data["match"]),
                    must_not_match=tuple(data["no"]),
                    path=source,
                    line=data["line"],
                )
                for term_id, data in terms.items()
            ]
        )
        for term in glossary:
            problems += check_term(term)
            if report is not None:
                report.append(report_line(term, "type column", term.type, _Remarks()))
    else:
        layout = _columns(fields or [], source_lang, target_lang)
        if isinstance(layout, str):
            return Glossary(), [_invalid(source, 1, layout)]
        glossary, ids = Glossary(), set()
        for number, row in _csv_rows(reader, fields or [], text, source, delimiter, problems):
            term, found = _wide_row(row, layout, ids, source, number, report)
            problems += found
            if term is not None:
                glossary.terms.append(term)
                problems += check_term(term)
    if not glossary.terms and not problems:
        problems.append(_invalid(source, 1, "no entries: the file has a header but no rows"))
    return glossary, sorted(problems, key=lambda p: p.line)


def _csv_rows(
    reader: csv.DictReader, fields: list[str], text: str, source: str, delimiter: str, problems: list[Finding]
):
    """(line, row) of every well-formed row; a broken one is a finding and skipped (a broken quote ends it)."""
    raw_lines = io.StringIO(text, newline="").readlines()  # the lines as the reader counts them
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(_invalid(source, start, f"invalid CSV: {_csv_problem(exc)}; nothing after it was read"))
            return
        number, start = start, reader.line_num + 1
        quote = _stray_quote(row, "".join(raw_lines[number - 1 : start - 1]), delimiter)
        if quote:
            problems.append(_invalid(source, number, quote))
            continue
        if None in row or None in row.values():
            count = len(fields) + len(row.get(None) or []) - sum(v is None for v in row.values())
            problems.append(_invalid(source, number, f"row has {count} field(s), the header has {len(fields)}"))
            continue
        yield number, row


def _columns(fields: list[str], source_lang: str | None, target_lang: str | None) -> dict | str:
    """What each column of a column-per-language CSV holds; a problem in words when it is none of the layouts."""
    layout: dict = {"id": None, "type": None, "notes": [], "langs": {}, "dropped": [], "languages": {}}
    lowered = {f: f.strip().casefold() for f in fields}
    pair = [f for f in fields if lowered[f] in _PAIR_COLUMNS]
    if pair:
        given = {"source": source_lang, "target": target_lang}
        missing = [name for name in ("source", "target") if any(lowered[f] == name for f in pair) and not given[name]]
        if missing:
            options = " and ".join(f"--{name}-lang" for name in missing)
            return f"a source,target CSV needs the languages: give {options} (or name the columns en,ko,ja)"
    for field in fields:
        name = lowered[field]
        if name in _ID_COLUMNS and layout["id"] is None:
            layout["id"] = field
        elif name in _TYPE_COLUMNS and layout["type"] is None:
            layout["type"] = field
        elif name in _NOTE_COLUMNS:
            layout["notes"].append(field)
        elif name in _PAIR_COLUMNS:
            raw = source_lang if name == "source" else target_lang
            lang = _language(raw or "")
            if lang != _checked_language(lang):
                return f"--{name}-lang {raw!r} is no language code"
            layout["langs"][field] = lang
            layout["languages"][field] = f"column {field} is {lang}"
        else:
            lang = _language(field.strip())
            if lang and lang == _checked_language(lang):
                layout["langs"][field] = lang
                if lang != field.strip():
                    layout["languages"][field] = f"column {field} read as {lang}"
            else:
                layout["dropped"].append(field)
    seen: dict[str, str] = {}
    for field, lang in layout["langs"].items():
        if lang in seen:
            return f"columns {seen[lang]!r} and {field!r} are both {lang}: keep one"
        seen[lang] = field
    if not layout["langs"]:
        return (
            f"CSV needs the columns {', '.join(CSV_COLUMNS)}, a column per language (en,ko,ja),"
            " or source,target with --source-lang and --target-lang"
        )
    return layout


def _checked_language(lang: str) -> str | None:
    try:
        return languages.validate(lang)
    except InputError:
        return None


def _wide_row(
    row: dict, layout: dict, ids: set[str], source: str, number: int, report: list[str] | None
) -> tuple[Term | None, list[Finding]]:
    """One row of a column-per-language CSV as an entry."""
    remarks = _Remarks()
    forms: dict[str, Forms] = {}
    problems = []
    for field, lang in layout["langs"].items():
        value = " ".join((row.get(field) or "").split())
        if len(value) > TERM_LIMIT:
            problems.append(_invalid(source, number, f"{_too_long(f'a {lang} term', value)}"))
            continue
        if value:
            forms[lang] = Forms(preferred=value, line=number)
    if not forms and not any((row.get(f) or "").strip() for f in row):
        return None, []  # a row of empty cells (a spreadsheet's trailing rows)
    term_id = (row.get(layout["id"]) or "").strip() if layout["id"] else ""
    if not term_id:
        term_id, how = _make_id(forms, source, number)
        remarks.other.append(f"id made from {how}")
    if term_id in ids:
        base, n = term_id, 2
        while f"{base}-{n}" in ids:
            n += 1
        term_id = f"{base}-{n}"
        remarks.other.append(f"id {base!r} was taken by an earlier row: {term_id!r}")
    ids.add(term_id)
    subject = (row.get(layout["type"]) or "").strip() if layout["type"] else ""
    kind, subject_note = map_subject(subject) if subject else ("other", None)
    notes = []
    for field in layout["notes"]:
        value = (row.get(field) or "").strip()
        if value:
            notes.append(value if field.strip().casefold() in ("notes", "note") else f"{field.strip()}: {value}")
            remarks.noted.add(field.strip())
    if subject_note:
        notes.append(subject_note)
    for field in layout["dropped"]:
        if (row.get(field) or "").strip():
            remarks.drop(f"column {field}")
    remarks.other[:0] = list(layout["languages"].values())
    term = Term(id=term_id, type=kind, forms=forms, notes="\n".join(notes), path=source, line=number)
    if report is not None:
        report.append(
            report_line(term, f"column {layout['type']}" if layout["type"] else "type column", subject, remarks)
        )
    return term, problems


def _make_id(forms: dict[str, Forms], source: str, number: int) -> tuple[str, str]:
    """An id for an entry the file gives none: from its Latin form (kim-jong-un), else from the file and line."""
    for lang in sorted(forms, key=lambda lang: lang != "en"):
        latin = unicodedata.normalize("NFKD", forms[lang].preferred).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", latin.casefold()).strip("-")[:60].strip("-")
        if slug and len(latin) * 2 >= len(forms[lang].preferred):
            return slug, f"the {lang} form"
    stem = re.sub(r"[^a-z0-9]+", "-", Path(source).stem.casefold()).strip("-") or "entry"
    return f"{stem}-{number}", "the file name and line"


def _stray_quote(row: dict, raw: str, delimiter: str) -> str | None:
    """A quote inside a field that is not quoted (``Gae"seong``): Python's csv keeps it, Excel and others do not."""
    for values in row.values():
        for value in values if isinstance(values, list) else [values]:
            if value and '"' in value and '"' + value.replace('"', '""') + '"' not in raw:
                return (
                    f'a quote (") inside the unquoted field {value[:40]!r}; quote the whole field'
                    f' and double the quote inside ("{value[:40].replace(chr(34), chr(34) * 2)}")'
                )
    return None


def _csv_problem(exc: csv.Error) -> str:
    message = str(exc)
    if "field larger than field limit" in message:
        return f"a field is larger than the {csv.field_size_limit() // 1024} KiB limit for CSV fields"
    if "unexpected end of data" in message:
        return "a quoted field is never closed (unterminated quote)"
    return message


def _csv_row(row: dict, terms: dict[str, dict], source: str, number: int) -> list[Finding]:
    """Add one row to the entries being read; its problems."""
    term_id = (row.get("id") or "").strip()
    if not term_id:
        return [_invalid(source, number, "row without id")]
    term = terms.setdefault(
        term_id,
        {
            "type": (row.get("type") or "other").strip(),
            "notes": "",
            "forms": {},
            "generate": True,
            "match": [],
            "no": [],
            "line": number,
        },
    )
    if row.get("notes"):
        term["notes"] = row["notes"]
    status, form, lang = row["status"].strip(), row["form"], row["lang"].strip()
    if status not in _CSV_STATUSES:
        return [_invalid(source, number, f"{term_id}: unknown status {status!r}; use {', '.join(_CSV_STATUSES)}")]
    if status == "generate":
        term["generate"] = form.strip().lower() not in ("no", "false", "0")
        return []
    if not lang:
        return [_invalid(source, number, f"{term_id}: a {status} form without a language (the lang column)")]
    if status not in ("dnt",) and not form.strip():
        return [_invalid(source, number, f"{term_id}: an empty {status} term in {lang}")]
    if len(form) > TERM_LIMIT:
        return [_invalid(source, number, f"{term_id}: {_too_long(f'a {status} term', form)}")]
    slot = term["forms"].setdefault(lang, _slot(number))
    if status == "preferred":
        if slot["preferred"]:
            return [_invalid(source, number, f"{term_id}: a second preferred term in {lang}; make it admitted")]
        slot["preferred"] = form
    elif status in ("admitted", "forbidden"):
        slot[status].append(form)
    elif status == "reading":
        slot["reading"] = form
    elif status == "dnt":
        slot["dnt"] = True
    elif status == "other-sense":
        slot["other_senses"].append(form)
    else:
        term["match" if status == "example-match" else "no"].append((lang, form, number))
    return []


# --- YAML --------------------------------------------------------------------------


def to_yaml(glossary: Glossary) -> str:
    entries = []
    for term in glossary:
        entry: dict = {"id": term.id, "type": term.type}
        if term.notes:
            entry["notes"] = term.notes
        if not term.generate:
            entry["generate"] = False
        for lang, forms in term.forms.items():
            data: dict = {"preferred": forms.preferred}
            if forms.admitted:
                data["admitted"] = list(forms.admitted)
            if forms.forbidden:
                data["forbidden"] = list(forms.forbidden)
            if forms.reading:
                data["reading"] = forms.reading
            if forms.dnt:
                data["dnt"] = True
            if forms.other_senses:
                data["other-senses"] = list(forms.other_senses)
            entry[lang] = forms.preferred if list(data) == ["preferred"] else data
        examples: dict = {}
        for key, items in (("match", term.must_match), ("no-match", term.must_not_match)):
            for lang, text, _ in items:
                examples.setdefault(key, {}).setdefault(lang, []).append(text)
        if examples:
            entry["examples"] = examples
        entries.append(entry)
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=1000)


def read(path: Path) -> Glossary:
    """Read a TBX or CSV file by its suffix; InputError on the first problem."""
    return _first_problem(*read_checked(path))


def read_checked(
    path: Path,
    report: list[str] | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> tuple[Glossary, list[Finding]]:
    """Every entry of a TBX or CSV file and every problem in it, so an import can list them all at once.

    ``report`` gets a line per entry saying what was mapped how; ``source_lang``/``target_lang``
    are the languages of a ``source,target`` CSV.
    """
    suffix = path.suffix.lower()
    if suffix not in (".tbx", ".xml", ".csv", ".tsv"):
        raise InputError("unknown glossary format: use .tbx or .csv", path)
    data = files.read_bytes(path, suffix.lstrip(".").upper(), files.TERMBASE_LIMIT)
    shown = str(path)
    if suffix in (".tbx", ".xml"):
        return read_tbx(data, shown, report)  # expat reads the encoding the XML declaration names
    text = files.decode(data, path, "CSV")
    return read_csv(text, shown, "," if suffix == ".csv" else "\t", report, source_lang, target_lang)


FORMATS = {"tbx": to_tbx, "csv": to_csv, "yaml": to_yaml}


def import_file(
    folder: Path,
    path: Path,
    output: Path | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    report: list[str] | None = None,
) -> tuple[Path, Glossary]:
    """``translate glossary import``: a TBX or CSV file as a new YAML file beside the glossary.

    Nothing is written unless the entries, together with the existing glossary, validate
    and pass every self-test; :class:`Refused` lists every problem otherwise.
    """
    imported, problems = read_checked(path, report, source_lang, target_lang)
    target = output or folder / f"{path.stem}.yaml"
    if target.exists():
        raise InputError("already exists; nothing written (choose another name with -o)", target)
    existing, found = glossary_folder.read(folder)
    combined = Glossary(existing.terms + imported.terms)
    problems += found + glossary_folder.validate(combined) + matcher.self_test(combined)
    if problems:
        raise Refused(problems, "in the imported entries", path)
    transaction.write(target, to_yaml(imported).encode("utf-8"), transaction.MUST_NOT_EXIST)  # appeared since: refused
    return target, imported
