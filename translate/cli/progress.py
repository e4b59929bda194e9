"""One line on the terminal for long work: units done, units per second, time left."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, what: str) -> None:
        self.what = what
        self.start = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        end = "\n" if done >= total else ""
        print(
            f"\r{self.what} {done}/{total} units, {rate:.1f} units/s, {left:.0f} s left ",
            end=end,
            file=sys.stderr,
            flush=True,
        )
