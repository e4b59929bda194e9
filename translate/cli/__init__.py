"""The ``translate`` command."""

from translate.cli.main import main

__all__ = ["main"]
