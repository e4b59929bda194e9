"""Edition stage: an article rebuilt in every language from its structure and its catalogs."""
