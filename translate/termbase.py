"""Glossary exchange: TBX-Basic (as Weblate and OmegaT read it), CSV, and our YAML.

TBX mapping: one ``termEntry`` per concept (``id``), ``descrip type=subjectField``
holds the type, ``note`` the notes; per language a ``langSet`` with one ``tig``
per form and its ``administrativeStatus``: preferredTerm / admittedTerm /
deprecatedTerm (our forbidden variants). A reading is a ``termType``
``transcribedForm``; do-not-translate is the note "Translation needed: No";
examples are ``descrip type=example`` starting with "match:" or "no-match:".
Every field survives export → import.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from translate import files, languages
from translate.errors import InputError
from translate.glossary import TYPES, Forms, Glossary, Problem, Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
_FROM_STATUS = {
    "preferredterm-admn-sts": "preferred",
    "preferred": "preferred",
    "admittedterm-admn-sts": "admitted",
    "admitted": "admitted",
    "deprecatedterm-admn-sts": "forbidden",
    "supersededterm-admn-sts": "forbidden",
    "notrecommended": "forbidden",
    "forbidden": "forbidden",
    "deprecated": "forbidden",
}
DNT_NOTE = "Translation needed: No"
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


def read_tbx(text: str | bytes, source: str) -> tuple[Glossary, list[Problem]]:
    """Every entry of a TBX file and every problem found in it, each with its line."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    check_declared_encoding(data, Path(source), "TBX")
    root, lines = files.parse_xml(data, Path(source), "TBX")
    glossary, problems = Glossary(), []
    if _local(root.tag) not in TBX_ROOTS:
        found = f"the root element is <{_local(root.tag)}>, not <martif> (TBX v2) or <tbx> (TBX v3)"
        return glossary, [Problem(source, lines.get(id(root), 1), f"not a TBX file: {found}")]

    def problem(node: ET.Element, message: str) -> None:
        problems.append(Problem(source, lines.get(id(node), 1), message))

    for entry in (e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")):
        term_id = (entry.get("id") or "").strip()
        label = term_id or "entry"
        if not term_id:
            problem(entry, f"a {_local(entry.tag)} without id")
        kind, notes, generate = "other", [], True
        forms: dict[str, dict] = {}
        must, must_not = [], []
        for child in entry:
            name = _local(child.tag)
            if name == "descrip" and child.get("type") == "subjectField":
                kind = (child.text or "other").strip()
            elif name == "note":
                if (child.text or "").strip() == NO_GENERATE_NOTE:
                    generate = False
                else:
                    notes.append((child.text or "").strip())
            elif name in ("langSet", "langSec"):
                lang = (child.get(XML_LANG) or child.get("lang") or "").strip()
                slot = forms.setdefault(lang, _slot(lines.get(id(child), 1)))
                for item in child:
                    item_name = _local(item.tag)
                    if item_name == "note" and (item.text or "").strip() == DNT_NOTE:
                        slot["dnt"] = True
                    elif item_name == "descrip" and item.get("type") == "example":
                        kind_text, _, example = (item.text or "").partition(": ")
                        if kind_text not in ("match", "no-match"):
                            problem(item, f"{label}: an example must start with 'match: ' or 'no-match: '")
                        if len(example) > TERM_LIMIT:
                            problem(item, f"{label}: {_too_long('an example', example)}")
                            example = example[:TERM_LIMIT]
                        (must if kind_text == "match" else must_not).append((lang, example, 0))
                    elif item_name in ("tig", "ntig", "termSec"):
                        found = _read_tig(item, slot)
                        if found:
                            problem(item, f"{label}: {found}")
        term = Term(
            id=term_id,
            type=kind,
            forms={lang: _forms(slot) for lang, slot in forms.items()},
            notes="\n".join(n for n in notes if n),
            generate=generate,
            must_match=tuple(must),
            must_not_match=tuple(must_not),
            path=source,
            line=lines.get(id(entry), 1),
        )
        problems += check_term(term)
        glossary.terms.append(term)
    if not glossary.terms:
        problems.append(Problem(source, lines.get(id(root), 1), "no entries (termEntry or conceptEntry) to import"))
    return glossary, problems


def _too_long(what: str, text: str) -> str:
    return f"{what} of {len(text)} characters is longer than the {TERM_LIMIT}-character limit for terms"


def check_term(term: Term) -> list[Problem]:
    """What an imported entry needs before it may enter the glossary: every later command relies on it."""
    label = term.id or "entry"
    problems = []
    if term.type not in TYPES:
        problems.append(Problem(term.path, term.line, f"{label}: unknown type {term.type!r}; use {', '.join(TYPES)}"))
    if not term.forms:
        problems.append(Problem(term.path, term.line, f"{label}: no language forms"))
    for lang, forms in term.forms.items():
        line = forms.line or term.line
        if not lang:
            problems.append(Problem(term.path, line, f"{label}: a form without a language (xml:lang / lang)"))
        else:
            try:
                canonical = languages.validate(lang)
            except InputError as exc:
                problems.append(Problem(term.path, line, f"{label}: {exc.message}"))
            else:
                if canonical != lang:
                    problems.append(Problem(term.path, line, f"{label}: write the language {lang!r} as {canonical!r}"))
        if not forms.preferred.strip():
            problems.append(Problem(term.path, line, f"{label}: no preferred or admitted term in {lang or '?'}"))
        for form in (*forms.admitted, *forms.forbidden):
            if not form.strip():
                problems.append(Problem(term.path, line, f"{label}: an empty term in {lang or '?'}"))
    for lang, _text, _line in (*term.must_match, *term.must_not_match):
        if lang not in term.forms:
            problems.append(Problem(term.path, term.line, f"{label}: an example in {lang or '?'}, which has no forms"))
    return problems


def _first_problem(glossary: Glossary, problems: list[Problem]) -> Glossary:
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(first.message + more, first.path, first.line)
    return glossary


def _slot(line: int = 0) -> dict:
    """The forms of one language while a file is read."""
    return {"preferred": "", "admitted": [], "forbidden": [], "reading": "", "dnt": False, "line": line}


def _forms(slot: dict) -> Forms:
    preferred = slot["preferred"] or (slot["admitted"] or [""])[0]
    return Forms(
        preferred=preferred,
        admitted=tuple(a for a in slot["admitted"] if a != preferred),
        forbidden=tuple(slot["forbidden"]),
        reading=slot["reading"],
        dnt=slot["dnt"],
        line=slot["line"],
    )


def _read_tig(tig: ET.Element, slot: dict) -> str | None:
    """Put one term into its language's slot; a problem with it in words, else None."""
    value, status, reading, problem = "", "admitted", False, None
    for node in tig.iter():
        name = _local(node.tag)
        if name == "term":
            value = "".join(node.itertext()).strip()
            if len(value) > TERM_LIMIT:  # kept short so the checks after this stay fast; refused all the same
                problem, value = _too_long("a term", value), value[:TERM_LIMIT]
        elif name == "termNote" and node.get("type") == "administrativeStatus":
            raw = (node.text or "").strip()
            if raw.lower() not in _FROM_STATUS:
                return f"unknown administrativeStatus {raw!r}; use {', '.join(STATUS.values())}"
            status = _FROM_STATUS[raw.lower()]
        elif name == "termNote" and node.get("type") == "termType" and (node.text or "").strip() == "transcribedForm":
            reading = True
    if not value:
        return "an empty term"
    if reading:
        slot["reading"] = value
    elif status == "preferred" and not slot["preferred"]:
        slot["preferred"] = value
    else:
        slot["forbidden" if status == "forbidden" else "admitted"].append(value)
    return problem


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
            rows += [(f"example-{kind}", text) for kind, text in _examples(term, lang)]
            for status, form in rows:
                writer.writerow([term.id, term.type, lang, status, form, term.notes if first else ""])
                first = False
        if not term.generate:
            writer.writerow([term.id, term.type, "", "generate", "no", ""])
    return out.getvalue()


def from_csv(text: str, source: str, delimiter: str = ",") -> Glossary:
    """Read our CSV columns; InputError on the first problem (see :func:`read_csv` for all of them)."""
    return _first_problem(*read_csv(text, source, delimiter))


_CSV_STATUSES = (
    "preferred",
    "admitted",
    "forbidden",
    "reading",
    "dnt",
    "generate",
    "example-match",
    "example-no-match",
)


def read_csv(text: str, source: str, delimiter: str = ",") -> tuple[Glossary, list[Problem]]:
    """Every entry of a CSV file and every problem found in it, each with its line."""
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[Problem] = []
    try:
        fields = reader.fieldnames
    except csv.Error as exc:
        return Glossary(), [Problem(source, 1, f"invalid CSV header: {_csv_problem(exc)}")]
    if fields is None or not {"id", "lang", "status", "form"} <= set(fields):
        return Glossary(), [Problem(source, 1, f"CSV needs the columns {', '.join(CSV_COLUMNS)}")]
    terms: dict[str, dict] = {}
    raw_lines = io.StringIO(text, newline="").readlines()  # the lines as the reader counts them
    start, rows = reader.line_num + 1, 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(source, start, f"invalid CSV: {_csv_problem(exc)}; nothing after it was read"))
            break
        number, start = start, reader.line_num + 1
        rows += 1
        quote = _stray_quote(row, "".join(raw_lines[number - 1 : start - 1]), delimiter)
        if quote:
            problems.append(Problem(source, number, quote))
            continue
        if None in row or None in row.values():
            count = len(fields) + len(row.get(None) or []) - sum(v is None for v in row.values())
            problems.append(Problem(source, number, f"row has {count} field(s), the header has {len(fields)}"))
            continue
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
    if not rows and not problems:
        problems.append(Problem(source, 1, "no entries: the file has a header but no rows"))
    return glossary, sorted(problems, key=lambda p: p.line)


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


def _csv_row(row: dict, terms: dict[str, dict], source: str, number: int) -> list[Problem]:
    """Add one row to the entries being read; its problems."""
    term_id = (row.get("id") or "").strip()
    if not term_id:
        return [Problem(source, number, "row without id")]
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
        return [Problem(source, number, f"{term_id}: unknown status {status!r}; use {', '.join(_CSV_STATUSES)}")]
    if status == "generate":
        term["generate"] = form.strip().lower() not in ("no", "false", "0")
        return []
    if not lang:
        return [Problem(source, number, f"{term_id}: a {status} form without a language (the lang column)")]
    if status not in ("dnt",) and not form.strip():
        return [Problem(source, number, f"{term_id}: an empty {status} term in {lang}")]
    if len(form) > TERM_LIMIT:
        return [Problem(source, number, f"{term_id}: {_too_long(f'a {status} term', form)}")]
    slot = term["forms"].setdefault(lang, _slot(number))
    if status == "preferred":
        if slot["preferred"]:
            return [Problem(source, number, f"{term_id}: a second preferred term in {lang}; make it admitted")]
        slot["preferred"] = form
    elif status in ("admitted", "forbidden"):
        slot[status].append(form)
    elif status == "reading":
        slot["reading"] = form
    elif status == "dnt":
        slot["dnt"] = True
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


def read_checked(path: Path) -> tuple[Glossary, list[Problem]]:
    """Every entry of a TBX or CSV file and every problem in it, so an import can list them all at once."""
    suffix = path.suffix.lower()
    if suffix not in (".tbx", ".xml", ".csv", ".tsv"):
        raise InputError("unknown glossary format: use .tbx or .csv", path)
    data = files.read_bytes(path, suffix.lstrip(".").upper(), files.TERMBASE_LIMIT)
    shown = str(path)
    if suffix in (".tbx", ".xml"):
        return read_tbx(data, shown)  # expat reads the encoding the XML declaration names
    text = files.decode(data, path, "CSV")
    return read_csv(text, shown, "," if suffix == ".csv" else "\t")


FORMATS = {"tbx": to_tbx, "csv": to_csv, "yaml": to_yaml}
