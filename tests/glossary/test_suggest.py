"""`translate glossary suggest`: only whole, new names, as entries that load."""

from __future__ import annotations

import json
import shutil

from tests.conftest import ROOT
from translate import glossary
from translate.glossary import suggest
from translate.glossary.matcher import Matcher
from translate.glossary.terms import Forms, Term


def house() -> glossary.Glossary:
    return glossary.load(ROOT / "glossary")


def forms(texts: list[str]) -> list[str]:
    return [s.form for s in suggest.find([(t, "en") for t in texts], Matcher(house()))]


def test_titles_and_sentence_words_are_not_part_of_the_name():
    found = forms(["Unification Minister Kim Yung-ho said so.", "On Monday The Associated Press reported it."])
    assert found == ["Kim Yung-ho", "Associated Press"]


def test_a_name_is_proposed_whole_not_cut_at_a_hyphen():
    assert forms(["Vice Foreign Minister Pak Myong-ho met First Vice Department Director Ri Yong-sik."]) == [
        "Pak Myong-ho",
        "Ri Yong-sik",
    ]


def test_names_the_glossary_knows_in_any_form_are_not_proposed():
    assert forms(["Kim Jong Un and Kim Yo-jung met the Korean Central News Agency."]) == []


def test_only_proposals_that_would_load_are_kept():
    terms = house()
    taken = next(iter(terms))  # an id the glossary already uses
    clash = suggest.Suggestion("en", "Someone New", "other", 1, {"en": taken.forms["en"].preferred})
    fresh = suggest.Suggestion("en", "Sinpo South Shipyard", "other", 2, {})
    same_id = suggest.Suggestion("en", taken.id.replace("-", " ").title(), "other", 1, {})
    kept = suggest.valid([clash, fresh, same_id], terms)
    assert kept == [fresh]
    entry = kept[0].as_entry()
    term = Term(entry["id"], entry["type"], {"en": Forms(entry["en"])}, path="x", line=1)
    assert glossary.validate(glossary.Glossary([*terms.terms, term])) == glossary.validate(terms)


def test_the_command_prints_entries_that_paste_into_the_glossary(ws, run):
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    (ws / "articles").mkdir()
    (ws / "articles" / "visit.md").write_text(
        "# Visit\n\nUnification Minister Kim Yung-ho visited the Sinpo South Shipyard.\n", encoding="utf-8"
    )
    code, out, _ = run("glossary", "suggest")
    assert code == 0 and "en: Kim Yung-ho" in out and "Unification" not in out
    (ws / "glossary" / "new.yaml").write_text(out, encoding="utf-8")
    assert run("glossary", "validate")[0] == 0


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
