"""What ``translate check`` applies: the check stage's part of the rule registry.

The registry itself (every rule id of every stage, and :func:`finding`) is
translate.rules, a shared module: glossary reading reports findings too and
comes before this stage, so it may not import from here.
"""

from __future__ import annotations

#: The rules ``translate check`` applies: listed in its SARIF whether or not anything was found.
CHECK: tuple[str, ...] = ("glossary.variant", "glossary.missing-term", "glossary.inconsistent")
