"""Machine translation with Argos Translate packages (CTranslate2 + SentencePiece).

Optional: ``pip install newsdesk-translate[mt]``. Nothing here imports
argostranslate.translate (it pulls stanza and torch); the package format and
the decoding settings are Argos Translate's, so installed Argos models work.
"""
