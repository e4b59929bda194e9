"""Machine translation with CTranslate2 models: Argos Translate packages by default, OPUS-MT,
NLLB-200 and M2M-100 conversions where translate.toml names them per pair (models.py).

Optional: ``pip install newsdesk-translate[mt]`` (and ``[ray]`` for a cluster). Nothing here imports
argostranslate.translate (it pulls stanza and torch); the package format and the decoding settings
are Argos Translate's, so installed Argos models work.
"""
