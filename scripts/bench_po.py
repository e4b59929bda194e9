#!/usr/bin/env python3
"""What the strict PO reader costs: translate.po against polib (lenient) on the same catalog.

Builds a Korean catalog of --units entries from the sample article's translations
(with references, extracted comments, some fuzzy entries with a previous msgid,
some wrapped multi-line strings and a few obsolete entries), then times a read
and a write with each, and checks that our read → write gives the same bytes
GNU msgcat --no-wrap gives (when msgcat is installed).
Usage: scripts/bench_po.py [--units 20000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

from translate.catalog import pofile

ROOT = Path(__file__).resolve().parent.parent


def catalog_text(units: int) -> str:
    sample = [e for e in polib.pofile(str(ROOT / "locales/ko/hyesan-trader.po")) if e.msgstr]
    header = (ROOT / "locales/ko/hyesan-trader.po").read_text(encoding="utf-8").split("\n\n")[0]
    blocks = [header]
    for n in range(units):
        entry = sample[n % len(sample)]
        lines = [f"#. paragraph {n // 3 + 1}, sentence {n % 3 + 1}", f"#: articles/archive.md:{n + 1}"]
        if n % 10 == 0:
            lines += ["#, fuzzy", f'#| msgid "{entry.msgid[:-1]}"']
        prefix = "#~ " if n % 50 == 49 else ""
        lines.append(f'{prefix}msgctxt "{n:08x}"')
        lines.append(f'{prefix}msgid "{entry.msgid}"')
        if n % 7 == 0:
            half = len(entry.msgstr) // 2
            lines += [f'{prefix}msgstr ""', f'{prefix}"{entry.msgstr[:half]}\\n"', f'{prefix}"{entry.msgstr[half:]}"']
        else:
            lines.append(f'{prefix}msgstr "{entry.msgstr}"')
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def timed(work) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=20_000)
    args = parser.parse_args()
    text = catalog_text(args.units)
    print(f"catalog: {args.units} entries, {len(text.encode('utf-8')) / 1e6:.1f} MB")

    ours_read, ours = timed(lambda: pofile.parse(text))
    polib_read, theirs = timed(lambda: polib.pofile(text, wrapwidth=0))
    ours_write, written = timed(lambda: pofile.dumps(ours))
    polib_write, _ = timed(lambda: str(theirs))
    rows = [("read", ours_read, polib_read), ("write", ours_write, polib_write)]
    rows.append(("both", ours_read + ours_write, polib_read + polib_write))
    for step, mine, peer in rows:
        print(f"{step:6} translate.po {mine:6.2f} s   polib {peer:6.2f} s   ratio {mine / peer:.2f}")

    if shutil.which("msgcat"):
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "archive.po"
            source.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            done = subprocess.run(["msgcat", "--no-wrap", str(source)], capture_output=True, check=True)
            print(f"msgcat --no-wrap     {time.perf_counter() - start:6.2f} s (read and write, C)")
            same = done.stdout.decode("utf-8") == written
            print(f"our read → write equals msgcat --no-wrap: {'yes' if same else 'NO'}")
            if not same:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
