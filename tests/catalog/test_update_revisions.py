"""Property: whatever revisions the source goes through, no translation is ever lost."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import assert_clean_po
from translate.catalog import update, workspace

WORDS = ["rice", "river", "guards", "market", "border", "trader", "night", "corn", "broker", "price"]
STARTS = ["Hyesan", "Kaesong", "Traders", "Guards", "Prices", "Smugglers"]

sentence = st.builds(
    lambda first, rest: " ".join([first, *rest]) + ".",
    st.sampled_from(STARTS),
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=6),
)
paragraphs = st.lists(st.lists(sentence, min_size=1, max_size=4), min_size=1, max_size=5)

edit = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 50), st.sampled_from(WORDS)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("insert"), st.integers(0, 50), sentence),
    st.tuples(st.just("move"), st.integers(0, 10), st.integers(0, 10)),
    st.tuples(st.just("restore"), st.integers(0, 50)),
    st.tuples(
        st.just("translate"),
    ),
)


def revise(paras: list[list[str]], op: tuple, removed: list[str]) -> list[list[str]]:
    paras = [list(p) for p in paras]
    flat = [(i, j) for i, p in enumerate(paras) for j in range(len(p))]
    kind = op[0]
    if kind == "edit" and flat:
        i, j = flat[op[1] % len(flat)]
        words = paras[i][j][:-1].split(" ")
        words[1 + op[1] % (len(words) - 1)] = op[2]
        paras[i][j] = " ".join(words) + "."
    elif kind == "delete" and len(flat) > 1:
        i, j = flat[op[1] % len(flat)]
        removed.append(paras[i].pop(j))
    elif kind == "insert":
        paras[op[1] % len(paras)].insert(op[1] % 3, op[2])
    elif kind == "move" and len(paras) > 1:
        paras.insert(op[2] % len(paras), paras.pop(op[1] % len(paras)))
    elif kind == "restore" and removed:
        paras[op[1] % len(paras)].append(removed.pop(op[1] % len(removed)))
    return [p for p in paras if p] or [["Hyesan rice market."]]


def render(paras: list[list[str]]) -> str:
    return "# Market report\n\n" + "\n\n".join(" ".join(p) for p in paras) + "\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, st.lists(edit, min_size=1, max_size=8))
def test_no_translation_is_ever_lost(initial, ops):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = workspace.Workspace(root=root, languages=("en", "ko"))
        article = root / "articles" / "market.md"
        article.parent.mkdir()
        po_path = ws.catalog_path("ko", "market")

        paras, removed = initial, []
        made: set[str] = set()
        counter = 0
        article.write_text(render(paras), encoding="utf-8")
        update.update(ws, [article])

        for op in [("translate",), *ops]:
            before = {(e.msgctxt, e.msgid): (e.msgstr, e.fuzzy) for e in polib.pofile(str(po_path)) if not e.obsolete}
            if op[0] == "translate":
                po = polib.pofile(str(po_path), wrapwidth=0)
                for entry in po:
                    if not entry.obsolete and not entry.msgstr:
                        counter += 1
                        entry.msgstr = f"번역 {counter}: {entry.msgid}"
                        made.add(entry.msgstr)
                po.save(str(po_path))
                continue
            paras = revise(paras, op, removed)
            article.write_text(render(paras), encoding="utf-8")
            update.update(ws, [article])

            after = polib.pofile(str(po_path))
            kept = {e.msgstr for e in after if e.msgstr}
            assert made <= kept, f"lost: {made - kept}"
            # Units whose identity and text did not change keep translation and state exactly.
            for entry in after:
                if not entry.obsolete and (entry.msgctxt, entry.msgid) in before:
                    assert (entry.msgstr, entry.fuzzy) == before[(entry.msgctxt, entry.msgid)]
            keys = [(e.msgctxt, e.msgid) for e in after]
            assert len(keys) == len(set(keys))
        assert_clean_po(po_path)


def test_a_translated_sentence_split_in_two_keeps_its_translation_on_one_half(tmp_path):
    ws = workspace.Workspace(root=tmp_path, languages=("en", "ko"))
    article = tmp_path / "articles" / "m.md"
    article.parent.mkdir()
    article.write_text("# T\n\nGuards took a share of rice and corn at the market.\n", encoding="utf-8")
    update.update(ws, [article])
    po_path = ws.catalog_path("ko", "m")
    po = polib.pofile(str(po_path))
    po[1].msgstr = "경비대는 장마당에서 쌀과 옥수수의 몫을 떼어 갔다."
    po.save(str(po_path))
    article.write_text("# T\n\nGuards took a share of rice and corn. They did it at the market.\n", encoding="utf-8")
    update.update(ws, [article])
    entries = [e for e in polib.pofile(str(po_path)) if e.msgstr == "경비대는 장마당에서 쌀과 옥수수의 몫을 떼어 갔다."]
    assert len(entries) == 1 and entries[0].fuzzy and not entries[0].obsolete
