"""newsdesk-translate: articles → translation units → PO catalogs → editions."""

__version__ = "0.1.0"
