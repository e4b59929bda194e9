"""Source stage: an article (Markdown or text) → blocks → sentence units with stable identities."""
