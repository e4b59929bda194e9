"""translate/source/markup.py: links and URLs become numbered placeholders and come back as they were."""

from __future__ import annotations

from collections import Counter

import pytest

from translate.source import markup


@pytest.mark.parametrize(
    "text, protected, links",
    [
        (
            "Read the [ministry report](https://example.org/report) for the figures.",
            "Read the [ministry report][1] for the figures.",
            ("https://example.org/report",),
        ),
        (
            'See [KCNA](https://kcna.kp "state media") and <https://example.org/a>.',
            "See [KCNA][1] and {2}.",
            ('https://kcna.kp "state media"', "<https://example.org/a>"),
        ),
        (
            "Figures at https://example.org/figures. More at https://example.org/more, too.",
            "Figures at {1}. More at {2}, too.",
            ("https://example.org/figures", "https://example.org/more"),
        ),
        ("![Guards on the Yalu.](yalu.jpg) stays an image.", "![Guards on the Yalu.](yalu.jpg) stays an image.", ()),
        ("No links, *emphasis* and `code` stay.", "No links, *emphasis* and `code` stay.", ()),
    ],
)
def test_links_become_placeholders_and_restore_gives_the_text_back(text, protected, links):
    got, urls = markup.protect(text)
    assert (got, urls) == (protected, links)
    assert markup.restore(got, urls) == text


def test_plain_text_keeps_markdown_link_syntax_and_replaces_only_bare_urls():
    text = "[a](https://example.org/x) and https://example.org/y"
    protected, urls = markup.protect(text, markdown=False)
    assert (protected, urls) == ("[a](https://example.org/x) and {1}", ("https://example.org/y",))
    assert markup.restore(protected, urls) == text


def test_renumber_starts_each_unit_at_one_and_takes_its_urls_along():
    whole, urls = markup.protect("[a](u1) one. [b](u2) and https://example.org/c two.")
    assert whole == "[a][1] one. [b][2] and {3} two."
    second, own = markup.renumber("[b][2] and {3} two.", urls)
    assert (second, own) == ("[b][1] and {2} two.", ("u2", "https://example.org/c"))
    assert markup.restore(second, own) == "[b](u2) and https://example.org/c two."


def test_a_placeholder_with_no_url_is_left_as_it_is():
    assert markup.restore("[a][2] and {3}", ("u1",)) == "[a][2] and {3}"
    assert markup.restore("[a][1] and {0}", ("u1",)) == "[a](u1) and {0}"


def test_placeholders_count_what_a_translation_must_carry_over():
    assert markup.placeholders("[a][1], [b][1] and {2}") == Counter({"][1]": 2, "{2}": 1})
    assert markup.placeholders("no placeholders [here]") == Counter()
