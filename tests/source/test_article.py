from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import INTERVIEW
from translate.errors import InputError
from translate.model import BlockKind
from translate.source import article, segment


def parse(text: str, name: str = "a.md", **kw):
    return article.parse(text, Path(name), markdown=name.endswith(".md"), **kw)


def test_front_matter_gives_title_byline_date_and_blocks_keep_structure():
    art = parse(INTERVIEW)
    kinds = [b.kind for b in art.blocks]
    assert kinds == [
        BlockKind.TITLE,
        BlockKind.BYLINE,
        BlockKind.PARAGRAPH,
        BlockKind.CAPTION,
        BlockKind.SECTION,
        BlockKind.QUESTION,
        BlockKind.ANSWER,
        BlockKind.PARAGRAPH,
    ]
    assert art.title == "A border guard remembers Hyesan"
    assert art.date == dt.date(2021, 3, 2)
    assert art.source_lang == "en"
    assert art.slug == "a"
    caption, section, question, answer = art.blocks[3:7]
    assert (caption.prefix, caption.text, caption.suffix) == (
        "![",
        "Guards patrol the Yalu River near Hyesan.",
        "](yalu.jpg)",
    )
    assert (section.prefix, section.text) == ("◆ ", "On the river")
    assert (question.prefix, question.text) == ("-- ", "How long did you serve?")
    assert (answer.prefix, answer.text) == ("A: ", "Six years. I was posted near Hyesan.")


def test_translators_never_see_markers_or_urls():
    units = segment.units(parse(INTERVIEW))
    texts = [u.text for u in units]
    assert "How long did you serve?" in texts
    assert not any(t.startswith(("--", "A:", "◆", "![")) for t in texts)
    link = next(u for u in units if "ministry report" in u.text)
    assert link.text == "Read the [ministry report][1] for the figures."
    assert link.links == ("https://example.org/report",)
    assert not any("https://" in t for t in texts)


def test_units_point_at_their_source_lines():
    units = segment.units(parse(INTERVIEW))
    by_text = {u.text: u.line for u in units}
    assert by_text["A border guard remembers Hyesan"] == 2
    assert by_text["He left in 2019."] == 7
    assert by_text["Six years."] == 15
    assert by_text["(PARK Min-su/Lee Ha-na)"] == 17


@pytest.mark.parametrize(
    "line, kind, prefix",
    [
        ("-- When did you leave?", BlockKind.QUESTION, "-- "),
        ("--So you crossed alone?", BlockKind.QUESTION, "--"),
        ("Q: When did you leave?", BlockKind.QUESTION, "Q: "),
        ("A: In 2019.", BlockKind.ANSWER, "A: "),
        ("◆ Life in Hyesan", BlockKind.SECTION, "◆ "),
        ("## ◆ Life in Hyesan", BlockKind.SECTION, "## ◆ "),
        ("## Life in Hyesan", BlockKind.HEADING, "## "),
        ("▲ Traders at the market.", BlockKind.CAPTION, "▲ "),
        ("- rice", BlockKind.LIST_ITEM, "- "),
        ("> a quote", BlockKind.QUOTE, "> "),
    ],
)
def test_structural_lines_become_blocks(line, kind, prefix):
    art = parse(f"Title\n\nIntro.\n\n{line}\n", name="a.md")
    block = art.blocks[-1]
    assert (block.kind, block.prefix) == (kind, prefix)


def test_turn_markers_start_a_block_without_a_blank_line_and_inside_pasted_text():
    art = parse("Title\n\n-- When did you leave?\nA: In 2019. I was 19.--So you crossed alone?\nA: Yes.\n", "a.txt")
    assert [(b.kind, b.prefix, b.text) for b in art.blocks[1:]] == [
        (BlockKind.QUESTION, "-- ", "When did you leave?"),
        (BlockKind.ANSWER, "A: ", "In 2019. I was 19."),
        (BlockKind.QUESTION, "--", "So you crossed alone?"),
        (BlockKind.ANSWER, "A: ", "Yes."),
    ]


def test_plain_text_article_first_line_is_the_title_and_language_is_detected():
    art = parse("개성 연락사무소 터\n\n북한이 폭파한 연락사무소 터가 방치돼 있다.\n둘째 줄이다.\n", "kaesong.txt")
    assert art.blocks[0].kind is BlockKind.TITLE
    assert art.source_lang == "ko"
    assert art.blocks[1].text == "북한이 폭파한 연락사무소 터가 방치돼 있다.\n둘째 줄이다."
    assert parse("金与正氏の談話\n\n談話を発表した。\n", "x.txt").source_lang == "ja"


def test_source_language_from_option_and_conflict_with_front_matter():
    assert parse("Title\n\nText.\n", source_lang="ko").source_lang == "ko"
    with pytest.raises(InputError, match="front matter says"):
        parse("---\nlang: en\n---\nText.\n", source_lang="ko")


def test_code_rules_and_comments_are_copied_not_translated():
    art = parse("# Title\n\n```\nx = 1\n```\n\n---\n\n<!-- note -->\n\nText.\n")
    assert [b.kind for b in art.blocks] == [
        BlockKind.TITLE,
        BlockKind.CODE,
        BlockKind.RULE,
        BlockKind.HTML,
        BlockKind.PARAGRAPH,
    ]
    assert [u.text for u in segment.units(art)] == ["Title", "Text."]


@pytest.mark.parametrize(
    "text, message, line",
    [
        ("---\ntitle: x\n", "never closed", 1),
        ("---\ntitle: x\ndate: [oops\n---\nText.\n", "bad front matter", 3),
        ("---\ntitle: x\ndate: 17 June\n---\nText.\n", "not a date", 3),
        ("---\nlang: kr\n---\nText.\n", "did you mean 'ko'", 2),
        ("---\nslug: Bad Slug\n---\nText.\n", "slug", 2),
        ("---\ndate: 2020-06-17\n---\n\n", "no text to translate", None),
    ],
)
def test_bad_front_matter_names_the_line(text, message, line):
    with pytest.raises(InputError, match=message) as info:
        parse(text)
    assert info.value.line == line


def test_unreadable_and_non_utf8_articles(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        article.read(tmp_path / "missing.md")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"Title\n\n\xff\xfe text\n")
    with pytest.raises(InputError, match="not valid UTF-8") as info:
        article.read(bad)
    assert info.value.line == 3
    with pytest.raises(InputError, match="not an article"):
        article.read(tmp_path / "notes.docx")
