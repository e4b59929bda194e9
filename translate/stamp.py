"""The one clock and the one hash every stage stamps its records with.

``SOURCE_DATE_EPOCH`` (reproducible-builds.org) fixes the clock, so two runs of
the same command write the same bytes. Short hashes (8 hex digits of SHA-1)
name texts: unit identities and "which translation was scored"; changing them
would change every msgctxt already in translators' files. Fingerprints
(SHA-256) tell whether a file changed under us.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os


def moment() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)


def now() -> str:
    """A PO header date (``POT-Creation-Date``, ``PO-Revision-Date``)."""
    return moment().strftime("%Y-%m-%d %H:%M+0000")


def today() -> str:
    """The date a note (MT provenance, a score) records."""
    return moment().date().isoformat()


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
