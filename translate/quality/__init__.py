"""Quality stage: sacrebleu scores against references or post-edits, and reference-free signals."""
