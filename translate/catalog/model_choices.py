"""The machine translation models a workspace names in translate.toml ([mt]): the settings only.

translate/catalog/workspace.py reads and checks the table; translate/mt/models.py
loads the models these settings name (see its docstring for the layouts).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from translate.errors import InputError

KINDS = ("argos", "opus-mt", "nllb", "m2m100")
#: The licence each kind's published weights carry, shown when translate.toml names none. Argos packages say
#: their own in metadata.json, if at all; a fine-tuned or third-party conversion may differ: set ``licence``.
LICENCES = {"opus-mt": "CC-BY-4.0", "nllb": "CC-BY-NC-4.0", "m2m100": "MIT"}
#: NLLB-200's FLORES-200 codes for the languages a newsroom is likely to set; others go in ``codes``.
NLLB_CODES = {
    "en": "eng_Latn",
    "ko": "kor_Hang",
    "ja": "jpn_Jpan",
    "zh": "zho_Hans",
    "zh_Hans": "zho_Hans",
    "zh_Hant": "zho_Hant",
    "ru": "rus_Cyrl",
    "fr": "fra_Latn",
    "de": "deu_Latn",
    "es": "spa_Latn",
    "vi": "vie_Latn",
    "th": "tha_Thai",
    "id": "ind_Latn",
    "mn": "khk_Cyrl",
    "ar": "arb_Arab",
    "pt": "por_Latn",
    "it": "ita_Latn",
    "uk": "ukr_Cyrl",
}


@dataclass(frozen=True)
class Model:
    """One [mt.models.NAME] table."""

    name: str
    kind: str
    path: Path  # as translate.toml says: relative to the workspace, absolute, or from ~
    licence: str = ""  # as configured; see :attr:`shown_licence`
    codes: tuple[tuple[str, str], ...] = ()  # language → the model's token for it (NLLB "kor_Hang")
    root: Path = field(default=Path("."), repr=False, compare=False)  # the workspace: settings read the same anywhere

    @property
    def folder(self) -> Path:
        """The model's folder, absolute."""
        folder = Path(os.path.expanduser(self.path))
        return folder if folder.is_absolute() else self.root / folder

    @property
    def shown_licence(self) -> str:
        return self.licence or LICENCES.get(self.kind, "unknown")

    def language_token(self, lang: str) -> str:
        """The token that names ``lang`` to a multilingual model; InputError when the model has none."""
        configured = dict(self.codes)
        if self.kind == "nllb":
            code = configured.get(lang) or NLLB_CODES.get(lang)
            if not code:
                raise InputError(
                    f"model {self.name!r}: no NLLB-200 code for {lang!r}: add it under [mt.models.{self.name}.codes],"
                    f' e.g. {lang} = "kor_Hang"'
                )
            return code
        if self.kind == "m2m100":
            code = configured.get(lang) or lang.split("_")[0]
            return code if code.startswith("__") else f"__{code}__"
        return ""


@dataclass(frozen=True)
class Choices:
    """The [mt] section: models by name, and which one serves each pair (the rest stay with Argos)."""

    models: tuple[Model, ...] = ()
    pairs: tuple[tuple[str, str, str], ...] = ()  # (from, to, model name)

    def model(self, name: str) -> Model:
        return next(m for m in self.models if m.name == name)

    def named(self, src: str, tgt: str) -> Model | None:
        name = next((n for s, t, n in self.pairs if (s, t) == (src, tgt)), None)
        return None if name is None else self.model(name)

    def serves(self, name: str) -> list[str]:
        return [f"{s}→{t}" for s, t, n in self.pairs if n == name]
