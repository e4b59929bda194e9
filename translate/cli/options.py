"""What the commands share: exit codes, option types and the options several commands take."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from translate.catalog.workspace import base_url_problem

EXIT_OK, EXIT_REFUSED, EXIT_ERROR = 0, 1, 2


def percent(value: str) -> float:
    try:
        number = float(value.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a percentage: {value!r}") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"percentage must be between 0 and 100: {value!r}")
    return number


def edition_formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in ("md", "html")]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"unknown format(s) {', '.join(unknown) or value!r}: use md, html")
    return formats


def base_url(value: str) -> str:
    problem = base_url_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


def languages(value: str) -> list[str]:
    """``--lang ko,ja``: checked against the workspace's languages when the command runs."""
    return [code for code in value.split(",")]


def add_slugs(p: argparse.ArgumentParser, what: str = "articles") -> None:
    p.add_argument("slugs", nargs="*", metavar="SLUG", help=f"{what} (default: all)")


def add_langs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", type=languages, help="target languages, comma-separated (default: every target)")


def add_json(p: argparse.ArgumentParser, what: str = "machine-readable report") -> None:
    p.add_argument("--json", action="store_true", help=what)


def add_dry_run(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--dry-run", action="store_true", help=what)


def add_force(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--force",
        action="store_true",
        help=f"{what}, even articles unchanged since the last run (by content; kept in .translate/cache)",
    )


def add_glossary(p: argparse.ArgumentParser) -> None:
    p.add_argument("--glossary", type=Path, metavar="DIR", help="glossary folder (default: the workspace's)")


def add_output(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")


def say(text: str) -> None:
    """A command's report on stdout; nothing at all when it is empty."""
    if text:
        print(text)


def say_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def note(text: str) -> None:
    """A side remark on stderr, so stdout stays what the command produced."""
    print(text, file=sys.stderr)
