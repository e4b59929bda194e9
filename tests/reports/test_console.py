"""translate/reports/console.py: what mt, score, models and status print, exactly."""

from __future__ import annotations

from pathlib import Path

from translate.catalog.status import Progress
from translate.mt.packages import Package
from translate.mt.prefill import FillReport
from translate.quality.score import CatalogScore
from translate.reports import console


def shown(path: Path) -> str:
    return path.as_posix().removeprefix("/ws/")


REPORT = FillReport(
    catalogs={"/ws/locales/ko/a.po": 3, "/ws/locales/ja/a.po": 2},
    pairs={"en→ko": ["test en-ko 1.0"], "ko→ja": ["test ko-en 1.0", "test en-ja 1.0"]},
    written=["/ws/locales/ko/a.po"],
    memory=1,
    issues=2,
)


def test_mt_names_each_catalog_and_pair_then_counts_and_issues():
    assert console.mt(REPORT, shown, dry_run=False) == "\n".join(
        [
            "locales/ko/a.po: filled 3 unit(s)",
            "locales/ja/a.po: filled 2 unit(s)",
            "en→ko: test en-ko 1.0",
            "ko→ja: test ko-en 1.0 then test en-ja 1.0",
            "5 unit(s) filled (1 from translation memory), fuzzy with provenance",
            "2 machine translation(s) lost or misspelled a term or link: see 'issues' in their translate-mt comment,"
            " or run translate check",
        ]
    )
    dry = console.mt(FillReport(catalogs={"/ws/locales/ko/a.po": 3}), shown, dry_run=True)
    assert dry.split("\n") == [
        "locales/ko/a.po: would fill 3 unit(s)",
        "3 unit(s) would fill (0 from translation memory), fuzzy with provenance",
    ]
    assert console.mt(FillReport(), shown, dry_run=True) == "nothing to fill"


def test_mt_json_shows_workspace_paths():
    assert console.mt_json(REPORT, shown) == {
        "units": 5,
        "memory": 1,
        "cached": 0,
        "issues": 2,
        "catalogs": {"locales/ko/a.po": 3, "locales/ja/a.po": 2},
        "pairs": {"en→ko": ["test en-ko 1.0"], "ko→ja": ["test ko-en 1.0", "test en-ja 1.0"]},
        "written": ["locales/ko/a.po"],
    }


def test_score_prints_one_line_per_metric_and_marks_only_the_first_below_the_threshold():
    chrf = {"score": 71.234, "units": 4, "signature": "nrefs:1|case:mixed"}
    ter = {"score": 30.0, "units": 4, "signature": "nrefs:1|tok:tercom"}
    below = CatalogScore(
        "locales/ko/a.po",
        "ko",
        "post-edit",
        4,
        {},
        True,
        lines=[("chrF2", chrf, "post-edit"), ("TER", ter, "post-edit")],
    )
    empty = CatalogScore("locales/ja/a.po", "ja", "reference", 0, {}, False)
    assert console.score([below, empty]) == "\n".join(
        [
            "locales/ko/a.po: chrF2 = 71.23 over 4 units (post-edit; nrefs:1|case:mixed)  BELOW --fail-under",
            "locales/ko/a.po: TER = 30.00 over 4 units (post-edit; nrefs:1|tok:tercom)",
            "locales/ja/a.po: nothing to score (reference)",
        ]
    )


def test_models_lists_packages_broken_ones_and_how_each_pair_is_reached():
    found = [Package(Path("/p/en_ko"), "en", "ko", "test en-ko", "1.0")]
    pairs = [
        {"from": "en", "to": "ko", "via": [], "available": True},
        {"from": "ko", "to": "ja", "via": ["en"], "available": True},
        {"from": "ja", "to": "en", "via": [], "available": False},
    ]
    assert console.models(Path("/p"), found, [ValueError("/p/x: bad metadata.json")], pairs) == "\n".join(
        [
            "packages in /p:",
            "  en→ko    test en-ko 1.0  (licence: unknown)",
            "  broken: /p/x: bad metadata.json",
            "workspace pairs:",
            "  en→ko: direct",
            "  ko→ja: via en",
            "  ja→en: missing",
        ]
    )
    assert console.models(Path("/p"), [], [], []).splitlines()[1].startswith("  (none: `argospm install")
    assert console.models_json(Path("/p"), found, [], [])["installed"] == [
        {"from": "en", "to": "ko", "name": "test en-ko", "version": "1.0", "path": "/p/en_ko"}
    ]


def test_status_is_a_table_with_text_left_numbers_right_and_corpus_scores_in_brief():
    rows = [
        Progress("guard", "en", True, 12, 140, 12, 0, 0, 0),
        Progress(
            "guard",
            "ko",
            False,
            12,
            140,
            9,
            2,
            1,
            0,
            qa=87.25,
            scores={
                "chrF2 post-edit": {"score": 64.12, "stale": True},
                "QA reference-free": {"score": 90, "stale": False},
            },
        ),
    ]
    assert [line.rstrip() for line in console.status(rows).split("\n")] == [
        "article  lang         units  words  translated  fuzzy  untranslated      %    QA  corpus",
        "-------  -----------  -----  -----  ----------  -----  ------------  -----  ----  "
        "----------------------------",
        "guard    en (source)     12    140          12      0             0  100.0     -  -",
        "guard    ko              12    140           9      2             1   75.0  87.2  "
        "chrF2 post-edit 64.1 (stale)",
    ]
    assert len({len(line) for line in console.status(rows).split("\n")}) == 1  # the last column is padded too
