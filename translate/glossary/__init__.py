"""Glossary stage: the house spelling of every name, its variants and where texts use them.

``glossary.load(folder)`` is the call a script makes; the rest of the stage is
:mod:`terms` (the entries), :mod:`variants` (spellings the house does not
use), :mod:`matcher` (finding them in text), :mod:`exchange` (TBX, CSV,
YAML) and :mod:`suggest` (names the glossary lacks).
"""

from translate.glossary.folder import load, read, validate
from translate.glossary.terms import Forms, Glossary, Term

__all__ = ["Forms", "Glossary", "Term", "load", "read", "validate"]
