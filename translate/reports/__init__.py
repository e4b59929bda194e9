"""Report stage: findings and scores formatted for people and machines; renderers compute nothing."""
