"""The PO reader and writer, judged by GNU gettext: msgfmt -c decides what is valid, msgcat what it means."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate.catalog import pofile, store
from translate.errors import CatalogError

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: hyesan-trader\\n"\n"PO-Revision-Date: 2026-12-01 01:38+0000\\n"\n'
    '"Last-Translator: Lee Ha-na\\n"\n"Language-Team: Korean desk\\n"\n"Language: ko\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
)
PLURAL_HEADER = HEADER + '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'


def msgfmt_accepts(path: Path) -> bool:
    return subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


def msgcat(path: Path) -> str:
    done = subprocess.run(["msgcat", "--no-wrap", "-t", "UTF-8", str(path)], capture_output=True, check=True)
    return done.stdout.decode("utf-8").replace("\r", "")


def ours_accepts(path: Path) -> bool:
    try:
        store.read(path)
    except CatalogError:
        return False
    return True


# Each case: what a translator's editor, a merge tool or a bad copy can leave in a file.
CASES = {
    "unterminated msgstr": HEADER + '\nmsgid "A trader"\nmsgstr "혜산의 한 상인\n',
    "unterminated at end of file": HEADER + '\nmsgid "A trader"\nmsgstr "혜산의 한 상인',
    "bad escape": HEADER + '\nmsgid "A"\nmsgstr "가\\q"\n',
    "hex octal and bell escapes": HEADER + '\nmsgid "A\\x41\\102\\a"\nmsgstr "가\\x41\\102\\a"\n',
    "escaped utf-8 bytes": HEADER + '\nmsgid "Hyesan"\nmsgstr "\\355\\230\\234\\xec\\x82\\xb0"\n',
    "escapes that are not utf-8": HEADER + '\nmsgid "Hyesan"\nmsgstr "\\xff"\n',
    "msgctxt without msgid": HEADER + '\nmsgctxt "3ddb24e7"\nmsgstr "국경"\n',
    "two headers": HEADER + "\n" + HEADER,
    "msgstr[0] without msgid_plural": PLURAL_HEADER + '\nmsgid "trader"\nmsgstr[0] "상인"\n',
    "msgid_plural without msgstr[n]": PLURAL_HEADER + '\nmsgid "trader"\nmsgid_plural "traders"\nmsgstr "상인"\n',
    "plural forms valid": PLURAL_HEADER
    + '\nmsgid "trader"\nmsgid_plural "traders"\nmsgstr[0] "상인"\nmsgstr[1] "상인들"\n',
    "plural index gap": PLURAL_HEADER + '\nmsgid "trader"\nmsgid_plural "traders"\nmsgstr[0] "a"\nmsgstr[2] "b"\n',
    "too few plural forms": PLURAL_HEADER + '\nmsgid "trader"\nmsgid_plural "traders"\nmsgstr[0] "상인"\n',
    "plural without Plural-Forms": HEADER + '\nmsgid "trader"\nmsgid_plural "traders"\nmsgstr[0] "상인"\n',
    "plural formula past nplurals": HEADER.replace('"Content-Transfer', '"Plural-Forms: nplurals=1; plural=n;\\n"\n"C')
    + '\nmsgid "trader"\nmsgid_plural "traders"\nmsgstr[0] "상인"\n',
    "plural formula divides by zero": HEADER.replace(
        '"Content-Transfer', '"Plural-Forms: nplurals=2; plural=n%0;\\n"\n"C'
    )
    + '\nmsgid "trader"\nmsgid_plural "traders"\nmsgstr[0] "a"\nmsgstr[1] "b"\n',
    "untranslated plural without Plural-Forms": HEADER + '\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] ""\n',
    "duplicate message": HEADER + '\nmsgid "A"\nmsgstr "가"\n\nmsgid "A"\nmsgstr "나"\n',
    "duplicate of an obsolete message": HEADER + '\nmsgid "A"\nmsgstr "가"\n\n#~ msgid "A"\n#~ msgstr "나"\n',
    "same context, other msgid": HEADER
    + '\nmsgctxt "c"\nmsgid "A"\nmsgstr "가"\n\nmsgctxt "c"\nmsgid "B"\nmsgstr ""\n',
    "mixed obsolete": HEADER + '\nmsgid "A"\n#~ msgstr "가"\n',
    "unknown keyword": HEADER + '\nmsgid "A"\nmsgtxt "가"\n',
    "junk character": HEADER + '\nmsgid "A"\nmsgstr "가"\n@\n',
    "comment inside a message": HEADER + '\nmsgid "A"\n# note\nmsgstr "가"\n',
    "newline at end of msgid only": HEADER + '\nmsgid "A\\n"\nmsgstr "가"\n',
    "newline mismatch in a fuzzy entry": HEADER + '\n#, fuzzy\nmsgid "A\\n"\nmsgstr "가"\n',
    "newline mismatch untranslated": HEADER + '\nmsgid "A\\n"\nmsgstr ""\n',
    "context separator": HEADER + '\nmsgid "A"\nmsgstr "가\\x04"\n',
    "NUL escape": HEADER + '\nmsgid "A"\nmsgstr "가\\0나"\n',
    "no header": 'msgid "A"\nmsgstr "가"\n',
    "empty file": "",
    "byte order mark": "\ufeff" + HEADER,
    "domain directive": HEADER + '\ndomain "news"\nmsgid "A"\nmsgstr "가"\n',
    "backslash-newline continuation": HEADER + '\nmsgid "Hye\\\nsan"\nmsgstr "혜산"\n',
    "two keywords on one line": HEADER + '\nmsgid "A" msgstr "가"\n',
    "previous msgid then flags": HEADER + '\n#| msgid "old"\n#, fuzzy\nmsgid "A"\nmsgstr "가"\n',
    "previous msgid before flags": HEADER + '\n#, fuzzy\n#| msgctxt "c"\n#| msgid "old"\nmsgid "A"\nmsgstr "가"\n',
    "previous msgid alone": HEADER + '\n#| msgid "old"\n',
    "obsolete with previous": HEADER + '\n#, fuzzy\n#~| msgid "older"\n#~ msgid "A"\n#~ msgstr "가"\n',
    "previous msgstr": HEADER + '\n#| msgstr "old"\nmsgid "A"\nmsgstr "가"\n',
    "negative plural index": PLURAL_HEADER + '\nmsgid "a"\nmsgid_plural "b"\nmsgstr[-1] "c"\n',
    "fuzzy header": "#, fuzzy\n" + HEADER + '\nmsgid "A"\nmsgstr "가"\n',
    "wrapped strings": HEADER + '\nmsgid ""\n"Kim "\n"Yo-jung"\nmsgstr ""\n"김여정"\n',
    "odd header lines": HEADER + '"Odd line\\n"\n"X-Dup: 1\\n"\n"X-Dup: 2\\n"\n\nmsgid "A"\nmsgstr "가"\n',
    "c-format type changed": HEADER + '\n#, c-format\nmsgid "%d traders"\nmsgstr "%s 상인"\n',
    "c-format argument dropped": HEADER + '\n#, c-format\nmsgid "%d traders in %s"\nmsgstr "상인 %d명"\n',
    "c-format reordered": HEADER + '\n#, c-format\nmsgid "%d traders in %s"\nmsgstr "%2$s의 상인 %1$d명"\n',
    "c-format bad directive": HEADER + '\n#, c-format\nmsgid "100% sure"\nmsgstr "100% 확실"\n',
    "c-format fuzzy": HEADER + '\n#, fuzzy, c-format\nmsgid "%d traders"\nmsgstr "상인"\n',
    "python-format name changed": HEADER + '\n#, python-format\nmsgid "%(n)d traders"\nmsgstr "%(m)d 상인"\n',
    "python-format type changed": HEADER + '\n#, python-format\nmsgid "%(n)d traders"\nmsgstr "%(n)s 상인"\n',
    "python-brace-format dropped": HEADER + '\n#, python-brace-format\nmsgid "{a} in {b}"\nmsgstr "{a}"\n',
    "python-brace-format repeated": HEADER + '\n#, python-brace-format\nmsgid "{a} in {b}"\nmsgstr "{b} {a} {a}"\n',
    "euc-kr file": HEADER.replace("UTF-8", "EUC-KR") + '\nmsgid "A"\nmsgstr "가"\n',
}


#: Valid for gettext, refused by us: gettext would change the string (cut it at the NUL, or keep bytes no
#: editor can show), and a translation must never change on its way through a file.
CHANGED_BY_GETTEXT = ("NUL escape", "escapes that are not utf-8")


@pytest.mark.parametrize("name", [n for n in CASES if n not in CHANGED_BY_GETTEXT])
def test_accepts_exactly_what_msgfmt_accepts(tmp_path: Path, name: str) -> None:
    path = tmp_path / "case.po"
    text = CASES[name]
    path.write_bytes(text.encode("euc-kr" if "EUC-KR" in text else "utf-8"))
    assert ours_accepts(path) == msgfmt_accepts(path)


@pytest.mark.parametrize("name", CHANGED_BY_GETTEXT)
def test_strings_gettext_would_change_are_refused_with_the_reason(tmp_path: Path, name: str) -> None:
    path = tmp_path / "ko.po"
    path.write_text(CASES[name], encoding="utf-8")
    assert msgfmt_accepts(path)
    with pytest.raises(CatalogError, match=r"NUL|not valid UTF-8") as caught:
        store.read(path)
    assert caught.value.line == HEADER.count("\n") + 3


@pytest.mark.parametrize("name", [n for n in CASES if n not in CHANGED_BY_GETTEXT])
def test_a_round_trip_keeps_what_gettext_reads(tmp_path: Path, name: str) -> None:
    original = tmp_path / "original.po"
    text = CASES[name]
    original.write_bytes(text.encode("euc-kr" if "EUC-KR" in text else "utf-8"))
    if not msgfmt_accepts(original):
        return
    rewritten = tmp_path / "rewritten.po"
    rewritten.write_bytes(store.dumps(store.read(original).po))
    assert msgfmt_accepts(rewritten)
    assert msgcat(rewritten) == msgcat(original).replace("EUC-KR", "UTF-8")
    assert rewritten.read_text(encoding="utf-8") == msgcat(rewritten)  # written as gettext writes it


def test_a_catalog_of_only_a_header_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "ko.po"
    path.write_text(HEADER, encoding="utf-8")
    assert store.dumps(store.read(path).po).decode("utf-8") == HEADER


def test_refusals_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "ko.po"
    path.write_text(CASES["unterminated msgstr"], encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        store.read(path)
    assert caught.value.line == HEADER.count("\n") + 3
    assert "end-of-line within string" in str(caught.value)


def test_gettext_escapes_are_read_as_gettext_reads_them() -> None:
    po = pofile.parse(CASES["hex octal and bell escapes"] + '\nmsgid "B"\nmsgstr "\\355\\230\\234"\n')
    assert po[0].msgid == "AAB\a"
    assert po[1].msgstr == "혜"
    assert 'msgstr "가AB\\a"' in pofile.dumps(po)


# --- random catalogs, written in random but valid ways ---------------------------

TEXT = st.text(
    alphabet=st.sampled_from(list('aZ 09.,:;-"\\\t\n\a\r\x01\x7f') + list("혜산김여정両江道ー")), max_size=12
)


def _surface(value: str, draw) -> str:
    """A string as a PO file may spell it: split anywhere, each character raw or escaped."""
    out = []
    for n, char in enumerate(value):
        following = value[n + 1 : n + 2]
        data = char.encode("utf-8")
        style = draw(st.integers(0, 3))
        if char in '"\\':
            out.append("\\" + char)
        elif char in "\n\t\a\r":
            named = {"\n": "\\n", "\t": "\\t", "\a": "\\a", "\r": "\\r"}[char]
            out.append(named if style < 2 else "".join(f"\\{b:03o}" for b in data))
        elif style == 1 and not (following and following in "0123456789abcdefABCDEF"):
            out.append("".join(f"\\x{b:02x}" for b in data))
        elif style == 2 and char not in "01234567":
            out.append("".join(f"\\{b:o}" for b in data) if len(data) > 1 or char.isalpha() else char)
        else:
            out.append(char)
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(out) - 1)), max_size=3))) if len(out) > 1 else []
    pieces, last = [], 0
    for cut in [*cuts, len(out)]:
        pieces.append("".join(out[last:cut]))
        last = cut
    return "\n".join(f'"{p}"' for p in pieces) if pieces else '""'


def _like(msgid: str, text: str) -> str:
    """msgfmt -c wants a translation to begin and end with a newline exactly when its msgid does."""
    text = text.strip("\n")
    return ("\n" if msgid.startswith("\n") else "") + text + ("\n" if msgid.endswith("\n") and msgid else "")


@st.composite
def po_files(draw) -> str:
    crlf = draw(st.booleans())
    lines = [PLURAL_HEADER]
    seen = set()
    for _ in range(draw(st.integers(0, 6))):
        context = draw(st.one_of(st.none(), TEXT))
        msgid = draw(TEXT.filter(lambda s: s.strip("\n")))
        if (context, msgid) in seen:
            continue
        seen.add((context, msgid))
        obsolete = draw(st.booleans())
        prefix = "#~ " if obsolete else ""
        block = []
        if draw(st.booleans()):
            block.append("# " + draw(st.text(alphabet="abc 김", min_size=1, max_size=8)))
        if draw(st.booleans()) and not obsolete:
            block.append("#. paragraph 3, sentence 1")
            block.append(f"#: articles/hyesan-trader.md:{draw(st.integers(1, 99))}")
        fuzzy = draw(st.booleans())
        if fuzzy:
            block.append("#, fuzzy")
            if draw(st.booleans()):
                block.append(("#~| " if obsolete else "#| ") + "msgid " + _surface(draw(TEXT), draw).split("\n")[0])

        def keyword(name: str, value: str, prefix: str = prefix) -> str:
            spelled = _surface(value, draw).split("\n")
            return "\n".join([f"{prefix}{name} {spelled[0]}", *(prefix + s for s in spelled[1:])])

        if context is not None:
            block.append(keyword("msgctxt", context))
        block.append(keyword("msgid", msgid))
        if draw(st.booleans()):
            block.append(keyword("msgid_plural", _like(msgid, draw(TEXT))))
            for index in range(2):
                block.append(keyword(f"msgstr[{index}]", _like(msgid, draw(TEXT.filter(lambda s: s.strip("\n"))))))
        else:
            # msgcat drops an obsolete entry without a translation, so those always have one
            translated = obsolete or draw(st.booleans())
            block.append(
                keyword("msgstr", _like(msgid, draw(TEXT.filter(lambda s: s.strip("\n")))) if translated else "")
            )
        lines.append("\n".join(block) + "\n")
    text = "\n".join(lines)
    return text.replace("\n", "\r\n") if crlf else text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=po_files())
def test_random_valid_catalogs_survive_a_round_trip(tmp_path: Path, text: str) -> None:
    original = tmp_path / "original.po"
    original.write_text(text, encoding="utf-8", newline="")
    assert ours_accepts(original) == msgfmt_accepts(original)
    if not msgfmt_accepts(original):
        return
    rewritten = tmp_path / "rewritten.po"
    rewritten.write_bytes(store.dumps(store.read(original).po))
    assert msgcat(rewritten) == msgcat(original)
    if "\nmsgid" in text.replace("\r", ""):  # msgcat prints nothing for a file of only a header
        assert rewritten.read_text(encoding="utf-8") == msgcat(rewritten)
