"""TBX-Basic, CSV and YAML exchange: a round trip keeps everything; other people's termbases are read.

Other people's termbases: TBX from Weblate, OmegaT, memoQ or Trados, and plain CSV layouts.
The files here are written for these tests in the shapes those tools export
(TBX-Basic martif/langSet/tig, TBX v3 conceptEntry/langSec/termSec, memoQ's
descripGrp and transacGrp); none is a copy of a real export.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml

from tests.conftest import ROOT
from translate import glossary
from translate.errors import InputError
from translate.glossary import exchange, matcher
from translate.reports import formats


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


#: TBX-Basic as Weblate and OmegaT write it: free-text subject fields, typographic variants deprecated.
WEBLATE_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader>
    <fileDesc><sourceDesc><p>Exported from the DPRK desk glossary</p></sourceDesc></fileDesc>
    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="kim-jong-un">
        <descrip type="subjectField">人名</descrip>
        <langSet xml:lang="en">
          <tig>
            <term>Kim Jong-un</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>Kim Jong-Un</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>Kim Jong\u2013un</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>Kim Jong\u2010un</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>Kim Jong Un</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="ko">
          <tig>
            <term>김정은</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
      <termEntry id="wpk">
        <descrip type="subjectField">Political party</descrip>
        <note>Ruling party.</note>
        <langSet xml:lang="en">
          <tig>
            <term>Workers' Party of Korea</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>Workers\u2019 Party of Korea</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="ko">
          <tig>
            <term>조선노동당</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
      <termEntry id="kcna">
        <descrip type="subjectField">agency</descrip>
        <langSet xml:lang="en">
          <tig>
            <term>KCNA</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
      <termEntry id="juche">
        <descrip type="subjectField">Politics &gt; DPRK</descrip>
        <langSet xml:lang="en">
          <tig>
            <term>Juche</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="ko">
          <tig>
            <term>주체</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""

#: TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style, with region-tagged languages.
TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng"
  type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>desk export</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="c17">
        <descrip type="subjectField">Geography</descrip>
        <langSec xml:lang="en-US">
          <descrip type="definition">City on the Chinese border, Ryanggang Province.</descrip>
          <termSec>
            <term>Hyesan</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <termNote type="partOfSpeech">properNoun</termNote>
          </termSec>
          <termSec>
            <term>Hyesan City</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>HYESAN</term>
            <termNote type="normativeAuthorization">deprecated</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="ko-KR">
          <termSec>
            <term>혜산</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="ja-JP">
          <termSec>
            <term>恵山</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>ヘサン</term>
            <termNote type="termType">transcribedForm</termNote>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""

#: Shaped like memoQ's TBX export: groups around every descrip, a transacGrp per entry, lower-case locales.
MEMOQ_TBX = """<?xml version="1.0" encoding="utf-8"?>
<martif type="TBX" xml:lang="en-us">
  <martifHeader>
    <fileDesc><sourceDesc><p>memoQ term base: DPRK desk</p></sourceDesc></fileDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="_3">
        <descripGrp>
          <descrip type="subjectField">People &gt; Officials</descrip>
        </descripGrp>
        <transacGrp>
          <transac type="origination">desk</transac>
          <date>2024-05-02T09:12:44Z</date>
        </transacGrp>
        <langSet xml:lang="en-us">
          <descripGrp>
            <descrip type="definition">Foreign minister since 2024.</descrip>
          </descripGrp>
          <tig>
            <term>Choe Son-hui</term>
            <termNote type="partOfSpeech">Noun</termNote>
            <descripGrp>
              <descrip type="context">Choe Son-hui met the Russian ambassador.</descrip>
            </descripGrp>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>Choe Son Hui</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="ko-kr">
          <tig>
            <term>최선희</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
      <termEntry id="_4">
        <descripGrp>
          <descrip type="subjectField">Misc</descrip>
        </descripGrp>
        <langSet xml:lang="en-us">
          <tig><term>songun</term></tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def _read(text: str, name: str = "x.tbx") -> tuple[glossary.Glossary, list, list[str]]:
    report: list[str] = []
    imported, problems = exchange.read_tbx(text.encode("utf-8"), name, report)
    return imported, problems + glossary.validate(imported) + matcher.self_test(imported), report


def test_weblate_style_tbx_imports_with_its_subjects_and_typographic_variants():
    imported, problems, report = _read(WEBLATE_TBX)
    assert problems == []
    kim, wpk, kcna, juche = imported.terms
    assert (kim.type, wpk.type, kcna.type, juche.type) == ("person", "organization", "organization", "other")
    assert kim.notes == "" and wpk.notes == "Ruling party."
    assert juche.notes == "subject: Politics > DPRK"
    assert kim.forms["en"].preferred == "Kim Jong-un"
    assert kim.forms["en"].forbidden == ("Kim Jong-Un", "Kim Jong\u2013un", "Kim Jong\u2010un", "Kim Jong Un")
    assert wpk.forms["en"].forbidden == ("Workers\u2019 Party of Korea",)
    assert len(report) == 4
    assert report[0].startswith("kim-jong-un; type person (from subjectField '人名': mapped)")
    assert "en: Kim Jong-un (preferred), Kim Jong-Un (forbidden)" in report[0]
    assert "type other (from subjectField 'Politics > DPRK': no type matches it)" in report[3]
    assert "into notes: subjectField" in report[3]


def test_the_matcher_tells_listed_typographic_variants_from_the_house_form():
    imported, problems, _ = _read(WEBLATE_TBX)
    assert problems == []
    found = matcher.Matcher(imported)

    def hit(text: str) -> matcher.Hit:
        (only,) = [h for h in found.find(text, "en") if h.term.id in ("kim-jong-un", "wpk")]
        return only

    assert hit("Kim Jong-un spoke.").accepted
    for listed in ("Kim Jong\u2013un", "Kim Jong\u2010un", "Kim Jong-Un", "Kim Jong Un"):
        variant = hit(f"{listed} spoke.")
        assert not variant.accepted and variant.status == "forbidden" and variant.form == listed, listed
    # a typographic difference the glossary does not list stays fine, as before
    assert hit("Kim Jong\u2011un spoke.").accepted  # non-breaking hyphen
    assert hit("KIM JONG-UN VISITS FACTORY").accepted  # a headline in capitals
    assert not hit("KIM JONG\u2013UN VISITS FACTORY").accepted  # the listed en dash, in capitals
    assert hit("The Workers' Party of Korea met.").accepted
    curly = hit("The Workers\u2019 Party of Korea met.")
    assert not curly.accepted and curly.status == "forbidden"


def test_an_unlisted_typographic_variant_stays_accepted_in_the_house_glossary(tmp_path):
    house = glossary.Glossary(
        [glossary.Term(id="wpk", type="organization", forms={"en": glossary.Forms("Workers' Party of Korea")})]
    )
    (hit,) = matcher.Matcher(house).find("The Workers\u2019 Party of Korea met.", "en")
    assert hit.accepted and hit.status == "preferred"


def test_validate_still_refuses_a_forbidden_form_that_is_a_house_form():
    def term(term_id: str, forms: glossary.Forms) -> glossary.Term:
        return glossary.Term(id=term_id, type="person", forms={"en": forms}, path="g.yaml", line=1)

    same = term("a", glossary.Forms("Kim Jong-un", forbidden=("Kim Jong-un",)))
    assert [p.message for p in glossary.validate(glossary.Glossary([same]))] == [
        "a: forbidden variant 'Kim Jong-un' is a house form of a"
    ]
    typographic = term("a", glossary.Forms("Kim Jong-un", forbidden=("Kim Jong\u2013un", "Kim Jong-Un")))
    assert glossary.validate(glossary.Glossary([typographic])) == []
    other = term("b", glossary.Forms("Kim Jong-il", forbidden=("Kim Jong\u2013un",)))
    messages = [p.message for p in glossary.validate(glossary.Glossary([typographic, other]))]
    assert messages == ["b: forbidden variant 'Kim Jong–un' differs only in case or typography from a house form of a"]


def test_tbx_v3_with_region_tagged_languages_and_normative_authorization():
    imported, problems, report = _read(TBX_V3, "v3.tbx")
    assert problems == []
    (term,) = imported.terms
    assert term.id == "c17" and term.type == "place"
    assert set(term.forms) == {"en", "ko", "ja"}
    en = term.forms["en"]
    assert (en.preferred, en.admitted, en.forbidden) == ("Hyesan", ("Hyesan City",), ("HYESAN",))
    assert term.forms["ja"].reading == "ヘサン"
    (hit,) = matcher.Matcher(imported).find("Prices rose in HYESAN this week.", "en")
    assert not hit.accepted and hit.status == "forbidden"
    (hit,) = matcher.Matcher(imported).find("PRICES RISE IN HYESAN", "en")
    assert hit.accepted  # a headline in capitals writes the house form so
    assert term.notes == "definition (en): City on the Chinese border, Ryanggang Province."
    line = report[0]
    assert "language en-US read as en" in line and "language ko-KR read as ko" in line
    assert "into notes: definition" in line and "dropped: partOfSpeech" in line


def test_memoq_style_groups_are_read_and_what_is_dropped_is_reported():
    imported, problems, report = _read(MEMOQ_TBX, "memoq.tbx")
    assert problems == []
    choe, songun = imported.terms
    assert choe.type == "person" and choe.forms["en"].forbidden == ("Choe Son Hui",)
    assert set(choe.forms) == {"en", "ko"}
    assert choe.notes == "definition (en): Foreign minister since 2024."
    assert songun.type == "other" and songun.notes == "subject: Misc"
    assert songun.forms["en"].preferred == "songun"  # a term with no status is admitted, so the house form
    assert "type person (from subjectField 'People > Officials': mapped)" in report[0]
    assert "dropped: context, partOfSpeech, transacGrp (no place in the glossary)" in report[0]


@pytest.mark.parametrize(
    ("subject", "kind"),
    [
        ("person", "person"),
        ("People", "person"),
        ("인명", "person"),
        ("地名", "place"),
        ("지명", "place"),
        ("Place names", "place"),
        ("Government agency", "organization"),
        ("Organisations", "organization"),
        ("News agency", "media"),
        ("State media", "media"),
        ("Politics > DPRK", "other"),
        ("Media organisation", "other"),  # names two: not clear
    ],
)
def test_subject_fields_map_to_a_type_only_when_they_clearly_name_one(subject, kind):
    found, note = exchange.map_subject(subject)
    assert found == kind
    assert (note is None) == (kind != "other")


def test_every_problem_of_a_tbx_file_is_listed_with_its_line():
    text = """<martif type="TBX-Basic"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>A</term></tig></langSet></termEntry>
<termEntry id="b"><langSet xml:lang="kr"><tig><term>B</term></tig></langSet></termEntry>
<termEntry id="c"><langSet xml:lang="en"><tig><term>C</term>
<termNote type="administrativeStatus">sometimes</termNote></tig></langSet></termEntry>
</body></text></martif>"""
    found, problems = exchange.read_tbx(text, "bad.tbx")
    shown = [formats.brief(p) for p in problems]
    assert found.terms[0].id == "a"  # an entry without id (as Weblate writes them) gets one from its forms
    assert not any("without id" in s for s in shown)
    assert any(s.startswith("bad.tbx:3: b: unknown language code 'kr'") for s in shown)
    assert any(s.startswith("bad.tbx:4: c: unknown administrativeStatus 'sometimes'") for s in shown)


# --- CSV ---------------------------------------------------------------------------


def test_a_column_per_language_csv_imports_a_row_per_entry():
    text = (
        "en,ko,ja,type,notes\n"
        "Kim Jong-un,김정은,金正恩,person,Leader since 2011.\n"
        "Hyesan,혜산,恵山,place,\n"
        ",개성공단,,Place,\n"
        "Choe Son-hui,최선희,,Officials,\n"
    )
    report: list[str] = []
    imported, problems = exchange.read_csv(text, "names.csv", report=report)
    assert problems == []
    kim, hyesan, complex_, choe = imported.terms
    assert (kim.id, kim.type, kim.notes) == ("kim-jong-un", "person", "Leader since 2011.")
    assert {lang: f.preferred for lang, f in kim.forms.items()} == {"en": "Kim Jong-un", "ko": "김정은", "ja": "金正恩"}
    assert hyesan.id == "hyesan" and hyesan.type == "place" and set(hyesan.forms) == {"en", "ko", "ja"}
    assert complex_.id == "names-4" and complex_.type == "place" and set(complex_.forms) == {"ko"}
    assert choe.type == "person"
    assert "id made from the file name and line" in report[2] and "id made from the en form" in report[0]


def test_a_language_tagged_header_and_a_source_target_csv():
    imported, problems = exchange.read_csv("en-US,ko-KR\nKaesong,개성\n", "tagged.csv")
    assert problems == [] and {k: f.preferred for k, f in imported.terms[0].forms.items()} == {
        "en": "Kaesong",
        "ko": "개성",
    }
    text = "source,target,context,fuzzy\nKaesong,개성,border city,\nKaesong,개성시,,1\n"
    _, problems = exchange.read_csv(text, "weblate.csv")
    assert [p.message for p in problems] == [
        "a source,target CSV needs the languages: give --source-lang and --target-lang (or name the columns en,ko,ja)"
    ]
    report: list[str] = []
    imported, problems = exchange.read_csv(text, "weblate.csv", report=report, source_lang="en", target_lang="ko")
    assert problems == []
    first, second = imported.terms
    assert first.id == "kaesong" and first.notes == "context: border city" and first.forms["ko"].preferred == "개성"
    assert second.id == "kaesong-2" and "dropped: column fuzzy" in report[1]


def test_a_csv_of_no_known_layout_names_them_all():
    _, problems = exchange.read_csv("term;translation\nKaesong;개성\n", "x.csv")
    assert "a column per language (en,ko,ja)" in problems[0].message


def test_cli_imports_a_real_tbx_with_report(ws, run):
    (ws / "glossary").mkdir()
    (ws / "desk.tbx").write_text(WEBLATE_TBX, encoding="utf-8")
    code, out, err = run("glossary", "import", "--report", "desk.tbx")
    assert code == 0, out + err
    lines = out.splitlines()
    assert lines[0].startswith("kim-jong-un; type person") and lines[-1] == "4 entries written to glossary/desk.yaml"
    written = yaml.safe_load((ws / "glossary" / "desk.yaml").read_text(encoding="utf-8"))
    assert written[0]["en"]["forbidden"] == ["Kim Jong-Un", "Kim Jong–un", "Kim Jong‐un", "Kim Jong Un"]
    assert glossary.load(ws / "glossary").get("juche").notes == "subject: Politics > DPRK"


def test_cli_source_target_csv_needs_and_takes_the_languages(ws, run):
    (ws / "glossary").mkdir()
    (ws / "pairs.csv").write_text("source,target\nKaesong,개성\nHyesan,혜산\n", encoding="utf-8")
    code, out, _ = run("glossary", "import", "pairs.csv")
    assert code == 2 and "--source-lang and --target-lang" in out
    code, out, _ = run("glossary", "import", "pairs.csv", "--source-lang", "en", "--target-lang", "ko-KR")
    assert code == 0 and "2 entries written" in out
    assert glossary.load(ws / "glossary").get("hyesan").forms["ko"].preferred == "혜산"


def test_tbx_v3_dct_style_elements_are_read_like_their_dca_spelling():
    text = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">
  <tbxHeader><fileDesc><sourceDesc><p>desk</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="rodong-sinmun">
      <min:subjectField>Newspaper</min:subjectField>
      <langSec xml:lang="en">
        <termSec><term>Rodong Sinmun</term><min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus>
        </termSec>
        <termSec><term>Rodong Shinmun</term>
          <basic:administrativeStatus>notRecommendedTerm-admn-sts</basic:administrativeStatus></termSec>
        <descrip type="example">The Rodong Sinmun said in an editorial.</descrip>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>"""
    imported, problems, report = _read(text, "dct.tbx")
    assert problems == []
    (term,) = imported.terms
    assert term.type == "media" and term.forms["en"].forbidden == ("Rodong Shinmun",)
    assert term.notes == "example (en): The Rodong Sinmun said in an editorial."
    assert term.must_match == ()
    assert "into notes: example" in report[0]


def test_report_is_printed_even_when_the_import_is_refused(ws, run):
    (ws / "glossary").mkdir()
    (ws / "ours.csv").write_text(
        "id,type,lang,status,form,notes\nk,place,en,preferred,Kaesong,\nk,place,kr,preferred,개성,\n"
        "h,place,en,preferred,Hyesan,\nh,place,en,forbidden,Hyesan,\n",
        encoding="utf-8",
    )
    code, out, err = run("glossary", "import", "ours.csv", "--report")
    lines = out.splitlines()
    assert code == 2 and "2 problem(s)" in err
    assert lines[0] == "k; type place (from type column); en: Kaesong (preferred); kr: 개성 (preferred)"
    assert lines[1] == "h; type place (from type column); en: Hyesan (preferred), Hyesan (forbidden)"
    assert lines[2].startswith("ours.csv:3: k: unknown language code 'kr'")
    assert lines[3] == "ours.csv:4: h: forbidden variant 'Hyesan' is a house form of h"


def test_weblate_status_words_read_only_terms_and_usage_notes():
    text = """<?xml version="1.0" encoding="utf-8"?>
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>Translate Toolkit</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="nk-news">
      <descrip>An outlet based in Seoul.</descrip>
      <langSet xml:lang="en">
        <tig><term>NK News</term><termNote type="translationNote">no</termNote></tig>
        <tig><term>NKNews</term><termNote type="administrativeStatus">forbidden</termNote></tig>
        <tig><term>NK-News</term><termNote type="administrativeStatus">obsolete</termNote></tig>
      </langSet>
      <langSet xml:lang="ko">
        <descrip type="Usage note">Keep the Latin letters.</descrip>
        <note from="translator">Checked by the Seoul desk.</note>
        <tig><term>NK뉴스</term></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>"""
    imported, problems, report = _read(text, "weblate.tbx")
    assert problems == []
    (term,) = imported.terms
    en = term.forms["en"]
    assert en.preferred == "NK News" and en.dnt and en.forbidden == ("NKNews", "NK-News")
    assert term.notes.splitlines() == [
        "explanation: An outlet based in Seoul.",
        "usage note (ko): Keep the Latin letters.",
        "note (ko): Checked by the Seoul desk.",
    ]
    assert "type other (no subjectField)" in report[0]
