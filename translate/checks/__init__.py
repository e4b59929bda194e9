"""Check stage: rules that return findings about catalogs, articles and editions; never print or raise."""
