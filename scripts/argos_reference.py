#!/usr/bin/env python3
"""Translate sentences with argostranslate's own code, as the reference for our fast path.

Runs in a separate environment that has argostranslate (and so stanza and a
CPU torch): scripts/test makes it as .venv-argos. Reads JSON from stdin,
{"from": "en", "to": "ko", "sentences": [...]}, writes the translations as a
JSON list. The package comes from $ARGOS_PACKAGES_DIR, loaded by
argostranslate.package and translated by argostranslate.translate
(tokenization, translate_batch with its settings, decoding). One component is
replaced: sentence splitting, because its default splitter (MiniSBD)
downloads a model on first use, which cannot work offline; each input is one
sentence, which is all a splitter could return for it.

Benchmark mode, {"paragraphs": [[sentence, ...], ...], "time": true}: one
translate() call per paragraph, its splitter returning that paragraph's
sentences; prints {"translations": [...], "seconds": ...}.
"""

import json
import sys
import time

import argostranslate.translate as argos


class KnownSentences:
    """A splitter that returns the sentences the paragraph was made of (or the text as one)."""

    def __init__(self):
        self.sentences = None

    def split_sentences(self, text):
        return self.sentences or [text]


def main() -> int:
    request = json.load(sys.stdin)
    translation = argos.get_translation_from_codes(request["from"], request["to"])
    if translation is None:
        print(f"no installed package for {request['from']}->{request['to']}", file=sys.stderr)
        return 2
    inner = translation
    while not hasattr(inner, "sentencizer") and hasattr(inner, "underlying"):
        inner = inner.underlying  # CachedTranslation wraps the PackageTranslation
    inner.sentencizer = splitter = KnownSentences()
    if request.get("time"):  # benchmark: load and warm up first, then time one call per paragraph
        translation.translate(request["paragraphs"][0][0])
        out = []
        start = time.perf_counter()
        for paragraph in request["paragraphs"]:
            splitter.sentences = paragraph
            out.append(translation.translate(" ".join(paragraph)))
        json.dump({"translations": out, "seconds": time.perf_counter() - start}, sys.stdout, ensure_ascii=False)
        return 0
    json.dump([translation.translate(s) for s in request["sentences"]], sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
