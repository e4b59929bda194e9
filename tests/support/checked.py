"""The article the `translate check` tests share, and where the SARIF schema they validate against lives."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import ROOT

ARTICLE = """\
---
title: Kim Yo-jung warns the South
date: 2020-06-17
---

Kim Yo-jung issued a statement on Tuesday. Traders in Ryanggang Province listened.
"""

#: The SARIF 2.1.0 schema scripts/test fetches, to validate `translate check --format sarif`.
SARIF_SCHEMA = Path(os.environ.get("SARIF_SCHEMA", ROOT / ".venv" / "sarif-2.1.0.json"))
