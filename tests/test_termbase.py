"""TBX-Basic, CSV and YAML exchange: a round trip keeps everything."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest

from translate import glossary
from translate.errors import InputError
from translate.glossary import exchange

from .conftest import ROOT


def essence(g: glossary.Glossary) -> list[tuple]:
    return [
        (
            t.id,
            t.type,
            t.notes,
            t.generate,
            {lang: (f.preferred, f.admitted, f.forbidden, f.reading, f.dnt) for lang, f in t.forms.items()},
            sorted((lang, text) for lang, text, _ in t.must_match),
            sorted((lang, text) for lang, text, _ in t.must_not_match),
        )
        for t in g
    ]


@pytest.fixture(scope="module")
def house() -> glossary.Glossary:
    g = glossary.load(ROOT / "glossary")
    # cover the fields the newsroom glossary does not use yet
    g.terms.append(
        glossary.Term(
            id="nk-news",
            type="media",
            forms={"en": glossary.Forms("NK News", dnt=True), "ko": glossary.Forms("NK뉴스", admitted=("엔케이뉴스",))},
            notes="An outlet name; kept in Latin letters in English.",
            generate=False,
            must_match=(("en", "NK News reported", 0),),
        )
    )
    return g


def test_tbx_round_trip_keeps_everything(house):
    text = exchange.to_tbx(house)
    assert essence(exchange.from_tbx(text, "x.tbx")) == essence(house)
    root = ET.fromstring(text)
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    statuses = {n.text for n in root.iter("termNote") if n.get("type") == "administrativeStatus"}
    assert statuses == {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"}


def test_csv_and_yaml_round_trips_keep_everything(house, tmp_path):
    assert essence(exchange.from_csv(exchange.to_csv(house), "x.csv")) == essence(house)
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "all.yaml").write_text(exchange.to_yaml(house), encoding="utf-8")
    assert essence(glossary.load(folder)) == essence(house)


def test_tbx_v3_concept_entries_are_read():
    text = """<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" xml:lang="en"><text><body>
      <conceptEntry id="hyesan"><langSec xml:lang="en"><termSec><term>Hyesan</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      <termSec><term>Hyesan-si</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec></conceptEntry></body></text></tbx>"""
    term = exchange.from_tbx(text, "v3.tbx").terms[0]
    assert term.forms["en"].preferred == "Hyesan" and term.forms["en"].forbidden == ("Hyesan-si",)


def test_bad_files_are_input_errors(tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_text("<martif><text>", encoding="utf-8")
    with pytest.raises(InputError, match="invalid TBX"):
        exchange.read(bad)
    csv = tmp_path / "bad.csv"
    csv.write_text("id,type,lang,status,form,notes\na,person,en,weird,A,\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown status") as info:
        exchange.read(csv)
    assert info.value.line == 2


def test_cli_export_import_and_validate(ws, run, tmp_path):
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    code, out, _ = run("glossary", "validate")
    assert code == 0 and out.strip().endswith("0 problem(s)")
    out_file = tmp_path / "house.tbx"
    assert run("glossary", "export", "-o", str(out_file))[0] == 0
    # importing the same entries again clashes with the existing ids: refused, nothing written
    code, out, err = run("glossary", "import", str(out_file))
    assert code == 2 and "nothing written" in err and len(err.splitlines()) == 1
    clashes = [line for line in out.splitlines() if "duplicate id" in line]
    assert len(clashes) >= 80  # every entry's clash is listed, not only the first
    assert not (ws / "glossary" / "house.yaml").exists()
    new = tmp_path / "extra.csv"
    new.write_text(
        "id,type,lang,status,form,notes\nhoeryong-market,place,en,preferred,Hoeryong market,\n"
        "hoeryong-market,place,ko,preferred,회령시장,\n",
        encoding="utf-8",
    )
    code, out, _ = run("glossary", "import", str(new))
    assert code == 0 and "1 entries written to glossary/extra.yaml" in out
    assert run("glossary", "import", str(new))[0] == 2  # never overwrites
    (ws / "glossary" / "broken.yaml").write_text("- id: x\n  en: {preferred: X}\n  examples:\n    match: {en: [Y]}\n")
    code, out, _ = run("glossary", "validate")
    assert code == 1 and "broken.yaml:4: x: example 'Y' (en) should match" in out


def test_suggest_proposes_names_the_glossary_lacks(ws, run):
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    (ws / "articles").mkdir()
    (ws / "articles" / "en.md").write_text(
        "# Shipyard visit\n\nKim Jong-un toured the Sinpo South Shipyard with Ri Chang-ho. Ri Chang-ho spoke.\n",
        encoding="utf-8",
    )
    (ws / "articles" / "ko.md").write_text(
        "---\nlang: ko\n---\n\n김정은 위원장이 신포시에서 오수용 비서를 만났다.\n", encoding="utf-8"
    )
    (ws / "articles" / "ja.md").write_text(
        "---\nlang: ja\n---\n\n金正恩氏は呉秀容（オ・スヨン）書記と会った。\n", encoding="utf-8"
    )
    code, out, _ = run("glossary", "suggest", "--format", "json")
    assert code == 0
    found = {(s["lang"], s["form"]): s for s in json.loads(out)}
    assert found[("en", "Ri Chang-ho")]["count"] == 2
    assert ("en", "Sinpo South Shipyard") in found
    assert found[("ko", "오수용")]["proposals"] == {"en": "O Su-yong"}
    assert ("ko", "신포시") in found
    assert found[("ja", "呉秀容")]["proposals"] == {"ja": "呉秀容（オ・スヨン）"}
    assert not any(form in ("Kim Jong-un", "김정은", "金正恩") for _, form in found)


TBX_ENTRY = (
    '<termEntry id="kaesong"><descrip type="subjectField">place</descrip>'
    '<langSet xml:lang="en"><tig><term>{en}</term>'
    '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>'
    '<langSet xml:lang="ko"><tig><term>개성</term>'
    '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet></termEntry>'
)


def _tbx(entries: str, encoding: str = "UTF-8") -> str:
    head = f'<?xml version="1.0" encoding="{encoding}"?>\n<martif type="TBX-Basic">\n'
    return head + f"<text><body>\n{entries}\n</body></text></martif>\n"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.tbx", _tbx("").encode(), "no entries (termEntry or conceptEntry)"),
        ("html.tbx", b"<html><body><p>Kaesong</p></body></html>", "root element is <html>"),
        ("huge.tbx", _tbx(TBX_ENTRY.format(en="Kaesong " * 200_000)).encode(), "1000-character limit for terms"),
        ("header.csv", b"id,type,lang,status,form,notes\n", "header but no rows"),
        (
            "quote.csv",
            b'id,type,lang,status,form,notes\nk,place,en,preferred,Kaesong,\nk,place,ko,preferred,Gae"seong,\n',
            'quote the whole field and double the quote inside ("Gae""seong")',
        ),
    ],
)
def test_import_lists_the_problem_with_its_line_and_writes_nothing(ws, run, name, data, message):
    (ws / "glossary").mkdir()
    (ws / name).write_bytes(data)
    code, out, err = run("glossary", "import", name)
    assert code == 2 and err.startswith(f"translate: error: {name}: ") and len(err.splitlines()) == 1
    assert message in out and out.startswith(f"{name}:")
    assert list((ws / "glossary").iterdir()) == []


def test_utf8_declared_as_latin1_is_refused_but_real_latin1_is_read(ws, run):
    (ws / "glossary").mkdir()
    (ws / "mislabelled.tbx").write_bytes(_tbx(TBX_ENTRY.format(en="Kaesŏng"), "ISO-8859-1").encode("utf-8"))
    code, out, err = run("glossary", "import", "mislabelled.tbx")
    assert code == 2 and out == "" and "says encoding='ISO-8859-1' but the file is UTF-8" in err
    latin1 = _tbx(TBX_ENTRY.format(en="Kaesöng").replace("개성", "Gaesöng"), "ISO-8859-1").encode("latin-1")
    term = exchange.read_tbx(latin1, "latin1.tbx")[0].terms[0]
    assert term.forms["en"].preferred == "Kaesöng" and term.forms["ko"].preferred == "Gaesöng"


def test_a_quote_inside_a_quoted_csv_field_is_fine():
    text = 'id,type,lang,status,form,notes\nk,place,en,preferred,"Gae""seong",\nk,place,ko,preferred,개성,"a ""b"""\n'
    glossary_, problems = exchange.read_csv(text, "ok.csv")
    assert problems == [] and glossary_.terms[0].forms["en"].preferred == 'Gae"seong'
