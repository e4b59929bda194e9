"""Catalog stage: units → a POT template and one PO catalog per language, merged as msgmerge does.

:mod:`pofile` is the only module that touches polib; everything after this
stage reads catalogs through :mod:`store` and keeps its records in them
through :mod:`notes`.
"""
