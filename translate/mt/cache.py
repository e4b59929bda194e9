"""Machine translations kept as they come, so a killed run resumes where it stopped.

One append-only file per model and decoding settings (``<folder>/<key>.jsonl``),
one JSON line per sentence: ``{"source": …, "output": …}``. Each batch's lines
go out in one ``write`` and are flushed to disk before the next batch is
collected, so a kill loses at most the batch in flight; a torn last line is
skipped when read. The key covers everything that decides an output: the
package (name, version, and the size and fingerprint of its model files'
metadata), the decoding settings and this cache format, so a changed model
or setting starts a fresh file instead of serving stale output. The same
file serves reruns, other articles with the same sentence, and pivoted runs
(each hop is cached under its own package).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from translate.stamp import short_hash

FORMAT = 1


def key(package_signature: str, model_files: Iterable[Path], settings: dict) -> str:
    """The file a package's translations under these settings go to: readable name, hashed identity."""
    identity = [package_signature, FORMAT, sorted(settings.items())]
    for path in model_files:
        stat = path.stat()
        identity.append([path.name, stat.st_size, stat.st_mtime_ns])
    name = "".join(c if c.isalnum() or c in "-_." else "-" for c in package_signature)[:60]
    return f"{name}-{short_hash(json.dumps(identity, ensure_ascii=False, default=str))}"


class Cache:
    """The translations of one package under one set of settings."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path = folder / f"{name}.jsonl"
        self.known: dict[str, str] = {}
        if self.path.is_file():
            for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue  # the line a kill tore
                if isinstance(record, dict) and isinstance(record.get("source"), str):
                    self.known[record["source"]] = str(record.get("output", ""))

    def get(self, source: str) -> str | None:
        return self.known.get(source)

    def add(self, pairs: list[tuple[str, str]]) -> None:
        """Keep these translations: one write, flushed to disk, before the run goes on."""
        fresh = [(s, o) for s, o in pairs if self.known.get(s) != o]
        if not fresh:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = "".join(json.dumps({"source": s, "output": o}, ensure_ascii=False) + "\n" for s, o in fresh)
        with open(self.path, "a", encoding="utf-8") as log:
            if log.tell() and not _ends_with_newline(self.path):
                log.write("\n")  # after a torn line, start clean
            log.write(data)
            log.flush()
            os.fsync(log.fileno())
        self.known.update(fresh)


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"
