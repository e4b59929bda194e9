"""translate/catalog/notes.py: one codec for the records kept in translator comments and the header."""

from __future__ import annotations

import json

from translate.catalog import notes
from translate.catalog.pofile import POEntry, POFile


def entry(msgstr: str = "그는 2019년에 떠났다.", tcomment: str = "") -> POEntry:
    return POEntry(msgctxt="a1", msgid="He left in 2019.", msgstr=msgstr, tcomment=tcomment)


def score(value: float, metric: str = "chrF2", source: str = "post-edit", text: str = "그는 2019년에 떠났다."):
    return notes.Score(metric, value, source, "nrefs:1|v:2", "2020-09-13", notes.translation_hash(text))


def test_records_are_read_in_order_and_an_unparsable_one_is_none():
    e = entry(
        tcomment="\n".join(
            [
                "checked by Choi",
                'translate-score: {"metric": "chrF2"}',
                "translate-score: {not json",
                "translate-score: [1, 2]",
                'translate-mt: {"engine": "tm"}',
            ]
        )
    )
    assert notes.records(e, notes.SCORE) == [{"metric": "chrF2"}, None, None]
    assert notes.records(e, notes.MT) == [{"engine": "tm"}]
    assert notes.records(entry(), notes.MT) == []


def test_replace_keeps_other_comments_and_records_that_do_not_parse():
    e = entry(tcomment='checked by Choi\ntranslate-score: {broken\ntranslate-score: {"metric": "TER"}\nsee memo')
    notes.replace(e, notes.SCORE, [{"metric": "chrF2", "score": 71.2}])
    assert e.tcomment.splitlines() == [
        "checked by Choi",
        "translate-score: {broken",
        "see memo",
        'translate-score: {"metric": "chrF2", "score": 71.2}',
    ]
    notes.replace(e, notes.SCORE, [], drop=lambda fields: fields["metric"] == "TER")  # nothing to drop
    assert e.tcomment.splitlines()[-1] == 'translate-score: {"metric": "chrF2", "score": 71.2}'


def test_provenance_round_trips_and_takes_the_place_of_an_earlier_one():
    mark = notes.Provenance("tm", [], [], "2020-09-13", "사람: He left.", match=87.5, origin="locales/ko/a.po")
    e = entry(tcomment="checked by Choi\ntranslate-mt: {old and broken")
    mark.put(e)
    assert e.tcomment.splitlines()[0] == "checked by Choi"
    assert [line for line in e.tcomment.splitlines() if line.startswith("translate-mt: ")] == [
        "translate-mt: " + json.dumps(mark.fields(), ensure_ascii=False)
    ]
    assert notes.Provenance.of(e) == mark
    machine = notes.Provenance("argos", ["test en-ko 1.0"], [], "2020-09-13", "기계")
    assert "origin" not in machine.fields() and "match" not in machine.fields()
    machine.put(e)
    assert notes.Provenance.of(e) == machine


def test_provenance_that_does_not_parse_or_has_unknown_fields_is_none():
    assert notes.Provenance.of(entry(tcomment="translate-mt: {oops")) is None
    assert notes.Provenance.of(entry(tcomment='translate-mt: {"engine": "argos"}')) is None  # fields missing
    assert notes.Provenance.of(entry()) is None


def test_scores_round_trip_and_keep_replaces_only_the_same_metric_and_source():
    e = entry(tcomment="checked by Choi")
    chrf, ter = score(71.2), score(30.0, metric="TER")
    notes.keep(e, [chrf, ter])
    assert notes.stored(e) == [chrf, ter]
    reference = score(55.0, source="reference")
    notes.keep(e, [score(80.0), reference])
    assert notes.stored(e) == [ter, score(80.0), reference]
    assert e.tcomment.splitlines()[0] == "checked by Choi"
    e.tcomment += '\ntranslate-score: {"metric": "chrF2"}'  # not a whole score: not stored
    assert len(notes.stored(e)) == 3


def test_a_score_is_stale_once_its_translation_is_edited():
    e = entry()
    kept = score(71.2)
    assert not notes.is_stale(kept, e)
    e.msgstr = "그는 2019년에 북한을 떠났다."
    assert notes.is_stale(kept, e)


def test_corpus_scores_live_in_the_header_and_go_stale_when_a_unit_changes():
    po = POFile(wrapwidth=0)
    po.append(entry())
    notes.keep_corpus(po, "post-edit", {"chrF2": {"score": 64.1, "units": 1}, "QA": {"score": 90.0}}, "2020-09-13")
    kept = notes.corpus_scores(po)
    assert list(kept) == ["chrF2 post-edit", "QA reference-free"]
    assert kept["chrF2 post-edit"]["score"] == 64.1 and kept["chrF2 post-edit"]["stale"] is False
    assert json.loads(po.metadata[notes.HEADER])["chrF2 post-edit"]["date"] == "2020-09-13"
    notes.keep_corpus(po, "post-edit", {"chrF2": {"score": 70.0, "units": 1}}, "2020-09-14")
    assert notes.corpus_scores(po)["chrF2 post-edit"] | {"translations": ""} == {
        "score": 70.0,
        "units": 1,
        "date": "2020-09-14",
        "translations": "",
        "stale": False,
    }
    assert notes.corpus_scores(po)["QA reference-free"]["score"] == 90.0  # another metric stays
    po[0].msgstr = "고친 번역"
    assert all(value["stale"] for value in notes.corpus_scores(po).values())
    po.metadata[notes.HEADER] = "{not json"
    assert notes.corpus_scores(po) == {}
