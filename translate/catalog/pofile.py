"""GNU gettext's PO syntax: read as strictly as ``msgfmt -c``, written as ``msgcat --no-wrap`` writes it.

polib reads leniently: an unterminated string loses its last character, ``\\q``
is kept and ``\\x41`` is written back as ``\\\\x41``, so a read/write round trip
could change a translation. This module follows gettext's own lexer
(po-lex.c), grammar (po-gram-gen.y) and checks (msgl-check.c) instead, and
keeps polib's ``POFile``/``POEntry`` as the objects the rest of the package
works with. Only :mod:`translate.catalog` imports it.

Where gettext would silently change a string (a ``\\0`` cuts it; ``\\xff``
escapes that are not valid UTF-8 reach the .mo file as bytes) we refuse the
file instead of guessing. ``domain`` directives are refused as msgfmt -c does.
A charset Python does not know (``charset=TF-8``) only draws a warning from
msgfmt -c: we read such a file when it is pure ASCII, and refuse it otherwise,
since we cannot know what its other bytes mean.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import NamedTuple

import polib
from polib import POEntry, POFile

__all__ = ["POEntry", "POFile", "SyntaxProblem", "decode", "dumps", "parse", "source_language"]

#: Header fields in the order polib (and our earlier files) wrote them; the rest follow sorted.
_FIELD_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)


class SyntaxProblem(Exception):
    """A PO file gettext would reject; ``line`` is 1-based."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


# --- bytes to text ---------------------------------------------------------------

_CHARSET = re.compile(rb"charset=([^\s\"\\]+)")
_CHARSET_TEXT = re.compile(r"charset=[^\s\"\\]+")
_CHARSET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:+-]*")


def decode(data: bytes) -> tuple[str, str]:
    """The text of a PO file and its codec name, from the charset its header declares."""
    if data.startswith(codecs.BOM_UTF8):
        raise SyntaxProblem("starts with a byte order mark, which gettext rejects (save it as UTF-8 without BOM)", 1)
    match = _CHARSET.search(data)
    charset = match.group(1).decode("ascii", "replace") if match else "UTF-8"
    if charset.upper() == "CHARSET":  # an xgettext template not yet given a charset
        charset = "UTF-8"
    try:
        if not _CHARSET_NAME.fullmatch(charset):  # codecs.lookup reads "UTF\x808" as UTF-8 and fails on a NUL
            raise LookupError(charset)
        codec = codecs.lookup(charset).name
    except LookupError:
        if data.isascii():  # msgfmt -c only warns ("not a portable encoding name"); ASCII reads the same in any
            return data.decode("ascii"), "ascii"
        problem = f"unknown charset {charset!r} in the Content-Type header, and non-ASCII bytes we cannot read in it"
        raise SyntaxProblem(problem, _line_of(data, match)) from None
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = f"not valid {charset} (byte 0x{data[exc.start]:02x}); convert it with msgconv"
        raise SyntaxProblem(problem, line) from None


def _line_of(data: bytes, match: re.Match[bytes] | None) -> int | None:
    return data[: match.start()].count(b"\n") + 1 if match else None


# --- lexer -------------------------------------------------------------------------


class _Token(NamedTuple):
    kind: str  # msgctxt msgid msgid_plural msgstr domain string number [ ] comment
    value: str
    line: int
    obsolete: bool
    previous: bool


_LEXEME = re.compile(
    r"""[ \t\r\f\v]+
    |(?P<string>"(?P<body>(?:[^"\\]|\\.)*)(?P<close>"?))
    |(?P<word>[A-Za-z_$][A-Za-z0-9_$]*)
    |(?P<number>[0-9]+)
    |(?P<bracket>[\[\]])
    |(?P<hash>\#)
    |(?P<junk>.)""",
    re.VERBOSE | re.DOTALL,
)
_SIMPLE_LINE = re.compile(r'(?:(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]+)\])? )?"((?:[^"\\]|\\.)*)"\Z')
_KEYWORDS = {"domain", "msgid", "msgid_plural", "msgstr", "msgctxt"}
_PREVIOUS_KEYWORDS = {"msgid", "msgid_plural", "msgctxt"}
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))", re.DOTALL)
_NAMED = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines with gettext's backslash-newline continuation applied, each with its first line number."""
    lines = text.split("\n")
    number = 0
    while number < len(lines):
        first, line = number + 1, lines[number]
        number += 1
        while line.endswith("\\") and number < len(lines):
            line = line[:-1] + lines[number]
            number += 1
        yield first, line


def tokens(text: str) -> Iterator[_Token]:
    lines = list(_logical_lines(text))
    last = len(lines)
    for index, (number, line) in enumerate(lines, 1):
        if not line:
            continue
        if line[0] == "#" and line[1:2] not in ("~", "|"):
            yield _Token("comment", line[1:], number, False, False)
            continue
        simple = _SIMPLE_LINE.match(line)
        if simple:  # the shapes gettext itself writes: one keyword and one string, or a string alone
            keyword, form, body = simple.groups()
            if keyword:
                yield _Token(keyword, keyword, number, False, False)
                if form is not None:
                    yield _Token("[", "[", number, False, False)
                    yield _Token("number", form, number, False, False)
                    yield _Token("]", "]", number, False, False)
            yield _Token("string", unescape(body, number), number, False, False)
            continue
        obsolete = previous = False
        pos = 0
        while pos < len(line):
            m = _LEXEME.match(line, pos)
            assert m is not None  # the junk branch matches any character
            pos = m.end()
            if m.group("string") is not None:
                if not m.group("close"):
                    where = "end-of-file" if index == last else "end-of-line"
                    raise SyntaxProblem(f"{where} within string", number)
                yield _Token("string", unescape(m.group("body"), number), number, obsolete, previous)
            elif m.group("word") is not None:
                word = m.group("word")
                if word not in (_PREVIOUS_KEYWORDS if previous else _KEYWORDS):
                    raise SyntaxProblem(f'keyword "{word}" unknown', number)
                yield _Token(word, word, number, obsolete, previous)
            elif m.group("number") is not None:
                yield _Token("number", m.group("number"), number, obsolete, previous)
            elif m.group("bracket") is not None:
                yield _Token(m.group("bracket"), m.group("bracket"), number, obsolete, previous)
            elif m.group("hash") is not None:
                rest = line[pos:]
                if rest.startswith("~"):
                    obsolete = True
                    pos += 1
                    if line.startswith("|", pos):
                        previous = True
                        pos += 1
                elif rest.startswith("|"):
                    previous = True
                    pos += 1
                else:
                    yield _Token("comment", rest, number, False, False)
                    break
            elif m.group("junk") is not None:
                raise SyntaxProblem(f"syntax error at {m.group('junk')!r}", number)


def unescape(body: str, line: int | None = None) -> str:
    """A PO string's value: C escapes as gettext's lexer reads them (octal and hex are bytes)."""
    if "\\" not in body:
        return _checked(body, line)
    parts: list[str | int] = []
    pos = 0
    for m in _ESCAPE.finditer(body):
        parts.append(body[pos : m.start()])
        pos = m.end()
        named, octal, hexa, other = m.groups()
        if named:
            parts.append(_NAMED[named])
        elif octal or hexa:
            value = int(octal, 8) if octal else int(hexa, 16)
            parts.append(value & 0xFF)  # gettext stores the value in one char
        else:
            raise SyntaxProblem(f"invalid control sequence \\{other}", line)
    parts.append(body[pos:])
    if all(isinstance(p, str) or p < 0x80 for p in parts):
        return _checked("".join(p if isinstance(p, str) else chr(p) for p in parts), line)
    data = b"".join(p.encode("utf-8") if isinstance(p, str) else bytes([p]) for p in parts)
    try:
        return _checked(data.decode("utf-8"), line)
    except UnicodeDecodeError:
        problem = "octal or hex escapes that are not valid UTF-8 (write the characters instead)"
        raise SyntaxProblem(problem, line) from None


def _checked(value: str, line: int | None) -> str:
    if "\x04" in value:
        raise SyntaxProblem("context separator <EOT> within string", line)
    if "\x00" in value:
        raise SyntaxProblem("NUL character within string (gettext would cut the string there)", line)
    return value


# --- grammar ---------------------------------------------------------------------


class _Parser:
    """Recursive descent over gettext's PO grammar; one entry per message."""

    def __init__(self, text: str):
        self.tokens = list(tokens(text))
        self.pos = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def at(self, kind: str, previous: bool = False) -> bool:
        token = self.peek()
        return token is not None and token.kind == kind and token.previous == previous

    def entries(self) -> Iterator[polib.POEntry]:
        comments: list[_Token] = []
        while (token := self.peek()) is not None:
            if token.kind == "comment":
                comments.append(self.take())
            elif token.kind == "domain":
                raise SyntaxProblem("'domain' directives are not supported (msgfmt -c rejects them too)", token.line)
            elif token.kind in ("msgctxt", "msgid"):
                yield self.message(comments)
                comments = []
            else:
                raise SyntaxProblem(f"syntax error at {token.value!r}", token.line)
        # Comments after the last message belong to no message; gettext drops them as well.

    def strings(self, previous: bool = False) -> str:
        if not self.at("string", previous):
            token = self.peek()
            line = token.line if token else (self.tokens[-1].line if self.tokens else None)
            raise SyntaxProblem("syntax error: a string was expected", line)
        parts = []
        while self.at("string", previous):
            parts.append(self.take().value)
        return "".join(parts)

    def message(self, comments: list[_Token]) -> polib.POEntry:
        start = self.pos
        first = self.peek()
        assert first is not None
        fields: dict = {}
        if first.previous:
            if self.at("msgctxt", True):
                self.take()
                fields["previous_msgctxt"] = self.strings(True)
            self.expect("msgid", True)
            fields["previous_msgid"] = self.strings(True)
            if self.at("msgid_plural", True):
                self.take()
                fields["previous_msgid_plural"] = self.strings(True)
        intro = self.peek()
        if intro is None or intro.previous or intro.kind not in ("msgctxt", "msgid"):
            raise SyntaxProblem("syntax error: msgid expected", (intro or first).line)
        if self.at("msgctxt"):
            self.take()
            fields["msgctxt"] = self.strings()
        msgid_token = self.expect("msgid")
        fields["msgid"] = self.strings()
        if self.at("msgid_plural"):
            self.take()
            fields["msgid_plural"] = self.strings()
            fields["msgstr_plural"] = self.plural_forms(msgid_token.line)
        elif self.at("msgstr"):
            self.take()
            if self.at("["):
                raise SyntaxProblem("missing 'msgid_plural' section", msgid_token.line)
            fields["msgstr"] = self.strings()
        else:
            raise SyntaxProblem("missing 'msgstr' section", msgid_token.line)
        used = self.tokens[start : self.pos]
        obsolete = used[0].obsolete
        for token in used:
            if token.obsolete != obsolete:
                raise SyntaxProblem("inconsistent use of #~", token.line)
        line = comments[0].line if comments else first.line
        return _entry(fields, comments, obsolete, line)

    def expect(self, kind: str, previous: bool = False) -> _Token:
        if not self.at(kind, previous):
            token = self.peek()
            raise SyntaxProblem(f"syntax error: {kind} expected", token.line if token else None)
        return self.take()

    def plural_forms(self, line: int) -> dict[int, str]:
        forms: dict[int, str] = {}
        while self.at("msgstr"):
            self.take()
            self.expect("[")
            number = self.expect("number")
            self.expect("]")
            index = int(number.value)
            if index != len(forms):
                problem = "first plural form has nonzero index" if not forms else "plural form has wrong index"
                raise SyntaxProblem(problem, number.line)
            forms[index] = self.strings()
        if not forms:
            raise SyntaxProblem("missing 'msgstr[]' section", line)
        return forms


def _entry(fields: dict, comments: list[_Token], obsolete: bool, line: int) -> polib.POEntry:
    translator, extracted, references, flags = [], [], [], []
    for token in comments:
        text = token.value.rstrip("\r")
        kind = text[:1]
        if kind == ".":
            extracted.append(_one_space(text[1:]))
        elif kind == ":":
            references += [_reference(r) for r in text[1:].split()]
        elif kind in (",", "!"):
            flags += [f.strip() for f in text[1:].split(",") if f.strip()]
        else:
            translator.append(_one_space(text))
    entry = polib.POEntry(
        comment="\n".join(extracted),
        tcomment="\n".join(translator),
        occurrences=references,
        flags=list(dict.fromkeys(flags)),
        obsolete=obsolete,
        linenum=line,
        **fields,
    )
    return entry


def _one_space(text: str) -> str:
    return text[1:] if text.startswith(" ") else text


def _reference(text: str) -> tuple[str, str]:
    name, colon, number = text.rpartition(":")
    return (name, number) if colon and number.isdigit() else (text, "")


# --- the whole file --------------------------------------------------------------


def parse(text: str) -> polib.POFile:
    """A POFile from PO text, or SyntaxProblem with the line of the first thing msgfmt -c rejects."""
    po = polib.POFile(wrapwidth=0)
    header: polib.POEntry | None = None
    seen: dict[tuple[str | None, str], int] = {}
    for entry in _Parser(text).entries():
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise SyntaxProblem(f"duplicate message definition (first defined on line {seen[key]})", entry.linenum)
        seen[key] = entry.linenum
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
            header = entry
        else:
            po.append(entry)
    if header is None:
        raise SyntaxProblem('no header entry (msgid "" with the Content-Type and other fields)', 1)
    po.header = header.tcomment
    po.metadata_is_fuzzy = "fuzzy" in header.flags
    po.metadata = _fields(header.msgstr)
    po.header_text = header.msgstr  # type: ignore[attr-defined] - kept so a round trip keeps its lines
    po.header_entry = header  # type: ignore[attr-defined]
    check(po)
    return po


def _fields(msgstr: str) -> dict[str, str]:
    """Header fields as gettext looks them up: the first line of each name wins."""
    fields: dict[str, str] = {}
    for line in msgstr.split("\n"):
        name, colon, value = line.partition(":")
        if colon and name.strip() and name.strip() not in fields:
            fields[name.strip()] = value.strip()
    return fields


# --- msgfmt -c's checks ------------------------------------------------------------


def is_plural(entry: polib.POEntry) -> bool:
    """polib keeps an absent msgid_plural as "", so a plural entry is told by its msgstr[n] forms."""
    return bool(entry.msgid_plural or entry.msgstr_plural)


def check(po: polib.POFile) -> None:
    """The errors msgfmt -c reports for a syntactically valid file (its warnings are not errors)."""
    checked = [
        e for e in po if not e.obsolete and not e.fuzzy and (e.msgstr_plural.get(0) if is_plural(e) else e.msgstr)
    ]
    for entry in checked:
        _check_newlines(entry)
        _check_formats(entry)
    plural = next((e for e in checked if is_plural(e)), None)
    if plural is not None:
        _check_plurals(po, checked, plural)


def _check_newlines(entry: polib.POEntry) -> None:
    if not entry.msgid:
        return
    others = [("msgid_plural", entry.msgid_plural)] if is_plural(entry) else []
    if is_plural(entry):
        others += [(f"msgstr[{i}]", s) for i, s in sorted(entry.msgstr_plural.items())]
    else:
        others.append(("msgstr", entry.msgstr))
    for name, value in others:
        if value.startswith("\n") != entry.msgid.startswith("\n"):
            raise SyntaxProblem(f"'msgid' and '{name}' entries do not both begin with '\\n'", entry.linenum)
    for name, value in others:
        if value.endswith("\n") != entry.msgid.endswith("\n"):
            raise SyntaxProblem(f"'msgid' and '{name}' entries do not both end with '\\n'", entry.linenum)


# Format strings: the three kinds our translators meet (C, Python %, Python {}); gettext knows more,
# and entries flagged with those are read without this check.
_C_DIRECTIVE = re.compile(
    r"%(?:(\d+)\$)?[-+ #0'I]*(\*(?:\d+\$)?|\d+)?(?:\.(\*(?:\d+\$)?|\d*))?(hh|h|ll|l|L|q|j|z|Z|t)?(.?)", re.DOTALL
)
_C_TYPES = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned"), **dict.fromkeys("eEfFgGaA", "double")}
_C_TYPES |= {"c": "char", "C": "wchar", "s": "string", "S": "wstring", "p": "pointer", "n": "count"}
_PY_DIRECTIVE = re.compile(r"%(?:\(([^)]*)\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)", re.DOTALL)
_PY_TYPES = {**dict.fromkeys("diouxX", "int"), **dict.fromkeys("eEfFgG", "float"), "c": "char"}
_PY_TYPES |= dict.fromkeys("rsa", "any")
_BRACE = re.compile(r"\{\{|\}\}|\{([A-Za-z_0-9]*)((?:\.[A-Za-z_]\w*|\[[^\]]*\])*)(?:![rsa])?(?::[^{}]*)?\}|[{}]")


def _c_arguments(text: str) -> dict[object, str] | None:
    """Argument number → type of a C format string, or None when it is not a valid one."""
    found: dict[object, str] = {}
    numbered = unnumbered = 0
    for m in _C_DIRECTIVE.finditer(text):
        number, width, precision, size, conversion = m.groups()
        if conversion == "%" and not (number or width or precision or size):
            continue
        if conversion == "m" or conversion not in _C_TYPES:
            if conversion == "m":
                continue
            return None
        for star in (width, precision):
            if star and star.startswith("*"):
                slot = star[1:-1] or None
                numbered, unnumbered = numbered + bool(slot), unnumbered + (not slot)
                found[int(slot) if slot else len(found) + 1] = "int"
        numbered, unnumbered = numbered + bool(number), unnumbered + (not number)
        key = int(number) if number else len(found) + 1
        kind = (size or "") + _C_TYPES[conversion]
        if found.get(key, kind) != kind:
            return None
        found[key] = kind
    return None if numbered and unnumbered else found


def _python_arguments(text: str) -> dict[object, str] | None:
    found: dict[object, str] = {}
    named = unnamed = 0
    for m in _PY_DIRECTIVE.finditer(text):
        name, width, precision, conversion = m.groups()
        if conversion == "%":
            continue
        if conversion not in _PY_TYPES:
            return None
        if name is not None and "*" in (width, precision):
            return None
        named, unnamed = named + (name is not None), unnamed + (name is None)
        key: object = name if name is not None else len(found) + 1
        if found.get(key, _PY_TYPES[conversion]) != _PY_TYPES[conversion]:
            return None
        found[key] = _PY_TYPES[conversion]
    return None if named and unnamed else found


def _brace_arguments(text: str) -> dict[object, str] | None:
    found: dict[object, str] = {}
    for m in _BRACE.finditer(text):
        if m.group() in ("{{", "}}"):
            continue
        if m.group(1) is None:
            return None
        found[m.group(1)] = "any"
    return found


_FORMATS = {"c-format": _c_arguments, "python-format": _python_arguments, "python-brace-format": _brace_arguments}


def _check_formats(entry: polib.POEntry) -> None:
    for flag, arguments in _FORMATS.items():
        if flag not in entry.flags:
            continue
        expected = arguments(entry.msgid)
        if expected is None:
            continue  # gettext checks a translation only against a valid msgid
        if is_plural(entry):
            plural = arguments(entry.msgid_plural) or {}
            translations = [(f"msgstr[{i}]", s, {**expected, **plural}) for i, s in sorted(entry.msgstr_plural.items())]
        else:
            translations = [("msgstr", entry.msgstr, expected)]
        for name, text, wanted in translations:
            _compare_formats(flag, arguments(text), wanted, name, entry.linenum, is_plural(entry))


def _compare_formats(flag: str, got, wanted, name: str, line: int, plural: bool) -> None:
    kind = {"c-format": "C", "python-format": "Python", "python-brace-format": "Python brace"}[flag]
    if got is None:
        raise SyntaxProblem(f"'{name}' is not a valid {kind} format string, unlike 'msgid'", line)
    extra = [k for k in got if k not in wanted]
    missing = [k for k in wanted if k not in got]
    if extra or (missing and not plural):
        first = (extra or missing)[0]
        if isinstance(first, int):
            raise SyntaxProblem(f"number of format specifications in 'msgid' and '{name}' does not match", line)
        raise SyntaxProblem(f"format argument {first!r} is not in both 'msgid' and '{name}'", line)
    for key, kind_of in got.items():
        if wanted[key] != kind_of:
            raise SyntaxProblem(f"format specifications in 'msgid' and '{name}' for argument {key} differ", line)


def _check_plurals(po: polib.POFile, checked: list[polib.POEntry], first: polib.POEntry) -> None:
    header = getattr(po, "header_text", "")
    line = getattr(getattr(po, "header_entry", None), "linenum", None)
    where = header.find("plural=")
    count_at = header.find("nplurals=")
    if where < 0 or count_at < 0:
        missing = "plural=EXPRESSION" if where < 0 else "nplurals=INTEGER"
        raise SyntaxProblem(
            f'message catalog has plural form translations, but the header lacks a "{missing}" attribute',
            first.linenum,
        )
    digits = re.match(r"\s*([0-9]+)", header[count_at + 9 :])
    if digits is None:
        raise SyntaxProblem("invalid nplurals value in the Plural-Forms header", line)
    nplurals = int(digits.group(1))
    expression = _PluralExpression(header[where + 7 :], line)
    for n in range(1001):
        value = expression.evaluate(n)
        if value >= 2**63:
            raise SyntaxProblem("plural expression can produce negative values", line)
        if value >= nplurals:
            raise SyntaxProblem(
                f"nplurals = {nplurals} but plural expression can produce values as large as {value}", line
            )
    counts = {len(e.msgstr_plural) for e in checked if is_plural(e)}
    if min(counts) < nplurals or max(counts) > nplurals:
        odd = min(counts) if min(counts) < nplurals else max(counts)
        raise SyntaxProblem(f"nplurals = {nplurals} but some messages have {odd} plural form(s)", line)


class _PluralExpression:
    """gettext's plural formula (a C expression in n), parsed and evaluated in unsigned 64-bit arithmetic."""

    _TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:()]))")
    _MASK = 2**64 - 1

    def __init__(self, text: str, line: int | None):
        self.line = line
        end = re.search(r"[;\n]", text)
        self.items: list[str] = []
        source = text[: end.start()] if end else text
        pos = 0
        while pos < len(source.rstrip()):
            m = self._TOKEN.match(source, pos)
            if m is None:
                raise SyntaxProblem("invalid plural expression in the Plural-Forms header", line)
            self.items.append(m.group(m.lastindex or 0))
            pos = m.end()
        self.pos = 0
        self.tree = self._ternary()
        if self.pos != len(self.items):
            raise SyntaxProblem("invalid plural expression in the Plural-Forms header", line)

    def _next(self) -> str | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def _eat(self, *ops: str) -> str | None:
        if self._next() in ops:
            self.pos += 1
            return self.items[self.pos - 1]
        return None

    def _ternary(self):
        condition = self._binary(0)
        if self._eat("?"):
            yes = self._ternary()
            if not self._eat(":"):
                raise SyntaxProblem("invalid plural expression in the Plural-Forms header", self.line)
            return ("?", condition, yes, self._ternary())
        return condition

    _LEVELS = (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))

    def _binary(self, level: int):
        if level == len(self._LEVELS):
            return self._unary()
        left = self._binary(level + 1)
        while op := self._eat(*self._LEVELS[level]):
            left = (op, left, self._binary(level + 1))
        return left

    def _unary(self):
        if self._eat("!"):
            return ("!", self._unary())
        if self._eat("("):
            inner = self._ternary()
            if not self._eat(")"):
                raise SyntaxProblem("invalid plural expression in the Plural-Forms header", self.line)
            return inner
        item = self._next()
        if item is not None and (item == "n" or item.isdigit()):
            self.pos += 1
            return item
        raise SyntaxProblem("invalid plural expression in the Plural-Forms header", self.line)

    def evaluate(self, n: int) -> int:
        return self._eval(self.tree, n)

    def _eval(self, node, n: int) -> int:
        if isinstance(node, str):
            return n if node == "n" else int(node) & self._MASK
        op = node[0]
        if op == "?":
            return self._eval(node[2] if self._eval(node[1], n) else node[3], n)
        if op == "!":
            return int(not self._eval(node[1], n))
        a = self._eval(node[1], n)
        if op == "||":
            return int(bool(a) or bool(self._eval(node[2], n)))
        if op == "&&":
            return int(bool(a) and bool(self._eval(node[2], n)))
        b = self._eval(node[2], n)
        if op in ("/", "%") and b == 0:
            raise SyntaxProblem("plural expression can produce division by zero", self.line)
        results = {
            "==": lambda: int(a == b),
            "!=": lambda: int(a != b),
            "<": lambda: int(a < b),
            ">": lambda: int(a > b),
            "<=": lambda: int(a <= b),
            ">=": lambda: int(a >= b),
            "+": lambda: a + b,
            "-": lambda: a - b,
            "*": lambda: a * b,
            "/": lambda: a // b,
            "%": lambda: a % b,
        }
        return results[op]() & self._MASK


# --- writing -------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPES["\v"] = "\\v"
_TO_ESCAPE = re.compile('[\\\\"\a\b\f\n\r\t\v]')


def escape(value: str) -> str:
    return _TO_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)


def dumps(po: polib.POFile) -> str:
    """PO text exactly as ``msgcat --no-wrap`` would write these entries."""
    live = [e for e in po if not e.obsolete]
    gone = [e for e in po if e.obsolete]  # msgcat writes obsolete entries last
    return "\n".join(_entry_lines(e) for e in (_header(po), *live, *gone))


def _header(po: polib.POFile) -> polib.POEntry:
    original = getattr(po, "header_entry", None)
    metadata = dict(po.metadata)
    if "Content-Type" in metadata:  # we always write UTF-8, whatever the file was read in
        metadata["Content-Type"] = _CHARSET_TEXT.sub("charset=UTF-8", metadata["Content-Type"])
    header = polib.POEntry(msgid="", msgstr=header_text(getattr(po, "header_text", None), metadata))
    if original is not None:
        header.comment, header.occurrences = original.comment, original.occurrences
        header.flags = [f for f in original.flags if f != "fuzzy"]
    header.tcomment = po.header
    if po.metadata_is_fuzzy:
        header.flags.insert(0, "fuzzy")
    return header


def header_text(original: str | None, metadata: dict[str, str]) -> str:
    """The header msgstr: the file's own lines kept where their field is unchanged, new fields added after."""
    lines: list[str] = []
    done: set[str] = set()
    if original:
        for line in original.split("\n")[:-1] if original.endswith("\n") else original.split("\n"):
            name, colon, value = line.partition(":")
            name = name.strip()
            if not colon or not name or name in done:
                lines.append(line)  # not a field, or a later duplicate gettext never reads: kept as it was
                continue
            done.add(name)
            if name in metadata:
                lines.append(line if value.strip() == metadata[name] else f"{name}: {metadata[name]}")
    rest = [k for k in _FIELD_ORDER if k in metadata and k not in done]
    rest += sorted(k for k in metadata if k not in done and k not in _FIELD_ORDER)
    lines += [f"{name}: {metadata[name]}" for name in rest]
    text = "".join(line + "\n" for line in lines)
    if original and not original.endswith("\n") and not rest and text:
        text = text[:-1]
    return text


def _entry_lines(entry: polib.POEntry) -> str:
    out: list[str] = []
    out += [f"# {line}" if line else "#" for line in entry.tcomment.split("\n")] if entry.tcomment else []
    out += [f"#. {line}" if line else "#." for line in entry.comment.split("\n")] if entry.comment else []
    if entry.occurrences:
        out.append("#: " + " ".join(f"{name}:{number}" if number else name for name, number in entry.occurrences))
    flags = list(dict.fromkeys(entry.flags))
    if not entry.msgstr and not is_plural(entry) and entry.msgid:  # gettext drops fuzzy from an empty msgstr
        flags = [f for f in flags if f != "fuzzy"]
    if "fuzzy" in flags:
        flags = ["fuzzy"] + [f for f in flags if f != "fuzzy"]
    if flags:
        out.append("#, " + ", ".join(flags))
    prefix = "#~ " if entry.obsolete else ""
    before = "#~| " if entry.obsolete else "#| "
    for keyword in ("msgctxt", "msgid", "msgid_plural"):
        value = getattr(entry, f"previous_{keyword}", None)
        if value is not None:
            out += _string_lines(before, keyword, value)
    if entry.msgctxt is not None:
        out += _string_lines(prefix, "msgctxt", entry.msgctxt)
    out += _string_lines(prefix, "msgid", entry.msgid)
    if is_plural(entry):
        out += _string_lines(prefix, "msgid_plural", entry.msgid_plural)
        forms = entry.msgstr_plural or {0: ""}
        for index in sorted(forms):
            out += _string_lines(prefix, f"msgstr[{index}]", forms[index])
    else:
        out += _string_lines(prefix, "msgstr", entry.msgstr)
    return "\n".join(out) + "\n"


def _string_lines(prefix: str, keyword: str, value: str) -> list[str]:
    """One line, or an empty first line and one line per newline when the text has a newline inside."""
    if "\n" not in value[:-1]:
        return [f'{prefix}{keyword} "{escape(value)}"']
    pieces = value.split("\n")
    parts = [piece + "\n" for piece in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
    return [f'{prefix}{keyword} ""'] + [f'{prefix}"{escape(part)}"' for part in parts]


def source_language(po: POFile) -> str:
    """The language a template or catalog was translated from (our ``X-Source-Language`` header)."""
    return po.metadata.get("X-Source-Language", "")
