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

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from translate.errors import InputError
from translate.glossary import Forms, Glossary, Term

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


def from_tbx(text: str, source: str) -> Glossary:
    """Read TBX (v2 martif/termEntry/langSet/tig, or v3 conceptEntry/langSec/termSec)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(f"invalid TBX: {exc}", source, exc.position[0]) from None
    glossary = Glossary()
    for entry in (e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")):
        term_id = entry.get("id") or ""
        if not term_id:
            raise InputError("a termEntry without id", source)
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
                lang = child.get(XML_LANG) or child.get("lang") or ""
                slot = forms.setdefault(lang, _slot())
                for item in child:
                    item_name = _local(item.tag)
                    if item_name == "note" and (item.text or "").strip() == DNT_NOTE:
                        slot["dnt"] = True
                    elif item_name == "descrip" and item.get("type") == "example":
                        kind_text, _, example = (item.text or "").partition(": ")
                        (must if kind_text == "match" else must_not).append((lang, example, 0))
                    elif item_name in ("tig", "ntig", "termSec"):
                        _read_tig(item, slot)
        glossary.terms.append(
            Term(
                id=term_id,
                type=kind,
                forms={lang: _forms(slot) for lang, slot in forms.items()},
                notes="\n".join(n for n in notes if n),
                generate=generate,
                must_match=tuple(must),
                must_not_match=tuple(must_not),
            )
        )
    return glossary


def _slot() -> dict:
    """The forms of one language while a file is read."""
    return {"preferred": "", "admitted": [], "forbidden": [], "reading": "", "dnt": False}


def _forms(slot: dict) -> Forms:
    preferred = slot["preferred"] or (slot["admitted"] or [""])[0]
    return Forms(
        preferred=preferred,
        admitted=tuple(a for a in slot["admitted"] if a != preferred),
        forbidden=tuple(slot["forbidden"]),
        reading=slot["reading"],
        dnt=slot["dnt"],
    )


def _read_tig(tig: ET.Element, slot: dict) -> None:
    value, status, reading = "", "admitted", False
    for node in tig.iter():
        name = _local(node.tag)
        if name == "term":
            value = "".join(node.itertext()).strip()
        elif name == "termNote" and node.get("type") == "administrativeStatus":
            status = _FROM_STATUS.get((node.text or "").strip().lower(), "admitted")
        elif name == "termNote" and node.get("type") == "termType" and (node.text or "").strip() == "transcribedForm":
            reading = True
    if not value:
        return
    if reading:
        slot["reading"] = value
    elif status == "preferred" and not slot["preferred"]:
        slot["preferred"] = value
    else:
        slot["forbidden" if status == "forbidden" else "admitted"].append(value)


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
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if reader.fieldnames is None or not {"id", "lang", "status", "form"} <= set(reader.fieldnames):
        raise InputError(f"CSV needs the columns {', '.join(CSV_COLUMNS)}", source, 1)
    terms: dict[str, dict] = {}
    for number, row in enumerate(reader, start=2):
        term_id = (row.get("id") or "").strip()
        if not term_id:
            raise InputError("row without id", source, number)
        term = terms.setdefault(
            term_id,
            {"type": row.get("type") or "other", "notes": "", "forms": {}, "generate": True, "match": [], "no": []},
        )
        if row.get("notes"):
            term["notes"] = row["notes"]
        status, form, lang = row["status"].strip(), row["form"], row["lang"].strip()
        if status == "generate":
            term["generate"] = form.strip().lower() not in ("no", "false", "0")
            continue
        slot = term["forms"].setdefault(lang, _slot())
        if status == "preferred":
            slot["preferred"] = form
        elif status in ("admitted", "forbidden"):
            slot[status].append(form)
        elif status == "reading":
            slot["reading"] = form
        elif status == "dnt":
            slot["dnt"] = True
        elif status in ("example-match", "example-no-match"):
            term["match" if status == "example-match" else "no"].append((lang, form, 0))
        else:
            raise InputError(f"unknown status {status!r}", source, number)
    return Glossary(
        [
            Term(
                id=term_id,
                type=data["type"],
                forms={lang: _forms(slot) for lang, slot in data["forms"].items()},
                notes=data["notes"],
                generate=data["generate"],
                must_match=tuple(data["match"]),
                must_not_match=tuple(data["no"]),
            )
            for term_id, data in terms.items()
        ]
    )


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
    """Read a TBX or CSV file by its suffix."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path) from None
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return from_tbx(text, str(path))
    if suffix in (".csv", ".tsv"):
        return from_csv(text, str(path), "," if suffix == ".csv" else "\t")
    raise InputError("unknown glossary format: use .tbx or .csv", path)


FORMATS = {"tbx": to_tbx, "csv": to_csv, "yaml": to_yaml}
