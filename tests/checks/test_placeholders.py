"""One verification of what a translation lost, shared by MT and QA, as findings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, write_article
from translate import glossary
from translate.catalog import notes
from translate.checks import placeholders
from translate.checks.placeholders import Slot
from translate.glossary.matcher import Matcher
from translate.mt import prefill, protect
from translate.quality import signals

SOURCE = "Kim Yo-jung met traders in Ryanggang Province."


@pytest.fixture(scope="module")
def house() -> Matcher:
    return Matcher(glossary.load(ROOT / "glossary"))


def test_lost_and_unknown_placeholders_are_findings_about_a_string():
    slots = [Slot("\ue001", 1, "김여정", "kim-yo-jung"), Slot("\ue002", 2, "[1]", "link")]
    lost = placeholders.lost("\ue001이 말했다.", slots, "ko")
    assert [(f.rule, f.message, f.term, f.expected, f.lang) for f in lost] == [
        ("mt.lost-placeholder", "lost link '[1]' (placeholder 2)", "", "[1]", "ko")
    ]
    assert (lost[0].path, lost[0].line, lost[0].severity) == ("", 0, "error")
    stray = placeholders.unknown("김여정이 \ue007 말했다\ue009.")
    assert [(f.rule, f.message, f.severity) for f in stray] == [
        ("mt.unknown-placeholder", "unknown placeholder(s) in the output, removed: 7, 9", "warning")
    ]
    assert placeholders.unknown("김여정이 말했다.") == []


def test_verify_is_the_glossary_check_of_translate_check(house):
    found = placeholders.verify(house, SOURCE, "en", "김여정이 양강도에서 상인들을 만났다.", "ko")
    assert [(f.rule, f.term, f.found, f.expected) for f in found] == [
        ("glossary.variant", "ryanggang", "양강도", "량강도")
    ]
    assert (found[0].path, found[0].line, found[0].column) == ("", 0, 6)  # the 6th character of the string
    missing = placeholders.verify(house, SOURCE, "en", "김여정이 상인들을 만났다.", "ko")
    assert [f.rule for f in missing] == ["glossary.missing-term"]
    assert placeholders.verify(None, SOURCE, "en", "anything", "ko") == []
    assert placeholders.verify(house, SOURCE, "en", "김여정이 량강도에서 상인들을 만났다.", "ko") == []


def test_qa_signals_are_findings_with_the_notes_as_messages(house):
    found = signals.findings(SOURCE, "김여정이 양강도에서 말했다 2021.", "en", "ko", house)
    assert [f.rule for f in found] == ["qa.numbers", "qa.glossary"]
    assert found[1].message == "'양강도' is not the house spelling of ryanggang: use '량강도'"
    assert all((f.path, f.line, f.lang, f.severity) == ("", 0, "ko", "warning") for f in found)
    assert signals.signals(SOURCE, "김여정이 양강도에서 말했다 2021.", "en", "ko", house) == ["numbers", "glossary"]
    placed = signals.findings(SOURCE, "", "en", "ko", path="locales/ko/a.po", line=12)
    assert placed and all((f.path, f.line) == ("locales/ko/a.po", 12) for f in placed)


def test_qa_keeps_signal_names_and_notes_in_the_catalog(house):
    po = polib.POFile()
    po.append(polib.POEntry(msgid=SOURCE, msgstr="김여정이 양강도에서 상인들을 만났다."))
    assert signals.qa(po, "en", "ko", "2026-12-01", house)["score"] == 75.0
    (score,) = notes.stored(po[0])
    assert score.signals == ["glossary"]
    assert score.notes == ["'양강도' is not the house spelling of ryanggang: use '량강도'"]
    assert po[0].tcomment.startswith('translate-score: {"metric": "QA", "score": 75.0, "source": "reference-free"')


@dataclass
class _Package:
    signature: str = "translate-en_ko 1.0"
    to_code: str = "ko"
    kind: str = "argos"


class _Dropping:
    """A router whose model keeps the first placeholder of each sentence and drops the rest."""

    def chain(self, src: str, tgt: str) -> list[_Package]:
        return [_Package()]

    def translate(self, texts, src, tgt, progress=None):
        outputs = []
        for text in texts:
            tokens = [c for c in text if placeholders.PRIVATE_USE.match(c)]
            outputs.append(" ".join(tokens[:1]) + " 말했다.")
        return outputs, [_Package()]


def test_mt_issues_are_findings_and_the_provenance_keeps_their_messages(ws: Path, run, house):
    write_article(ws, "k.md", f"# Kim Yo-jung\n\n{SOURCE}\n")
    run("update")
    path = ws / "locales" / "ko" / "k.po"
    before = next(e for e in polib.pofile(str(path)) if e.msgid == SOURCE).linenum
    report = prefill.fill([path], _Dropping(), glossary=house)  # type: ignore[arg-type]
    assert report.issues == 1  # the title kept its one placeholder
    assert [(f.rule, f.path, f.field) for f in report.findings] == [
        ("mt.lost-placeholder", str(path), "msgstr"),
        ("glossary.missing-term", str(path), "msgstr"),
    ]
    body = next(e for e in polib.pofile(str(path)) if e.msgid == SOURCE)
    assert {f.line for f in report.findings} == {before}  # the entry, where it was when it was read
    mark = json.loads(body.tcomment.split("translate-mt: ", 1)[1])
    assert mark["issues"] == [f.message for f in report.findings]
    assert mark["issues"] == [
        "lost ryanggang '량강도' (placeholder 2)",
        "source mentions 'Ryanggang Province' (ryanggang); the translation should write '량강도'",
    ]
    assert protect.restore("\ue001 말했다.", protect.protect("Kim Yo-jung", "en", "ko", house).slots)[1] == []
