"""Helpers tests and evaluation scripts share: random real-format models, evaluation-set readers."""
