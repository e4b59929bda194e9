"""The ``translate`` command: parse, call the library, render; errors and exit codes decided here once.

Exit codes: 0 done, 1 findings or a gate refused (an edition below --min-translated),
2 bad input or usage, 130 interrupted. Errors are one line on stderr, never a traceback;
a refusal with several problems lists each on stdout first.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from translate import __version__
from translate.catalog.workspace import Workspace
from translate.cli.commands import OPTIONS
from translate.cli.options import EXIT_ERROR, EXIT_OK
from translate.errors import Refused, TranslateError
from translate.reports import formats


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(Workspace.load(args.workspace), args)
    except TranslateError as exc:
        for problem in exc.problems if isinstance(exc, Refused) else ():
            print(formats.brief(problem))
        print(f"translate: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("translate: interrupted; files are as they were or fully written", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python quiet at exit
        return EXIT_OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="translate",
        description="Articles → translation units → PO catalogs → English, Korean and Japanese editions.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    top.add_argument(
        "-C",
        "--workspace",
        type=Path,
        default=None,
        metavar="DIR",
        help="workspace directory (default: the nearest one holding translate.toml, else the current directory)",
    )
    commands = top.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for add in OPTIONS:
        add(commands)
    return top
