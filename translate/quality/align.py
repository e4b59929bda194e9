"""Sentence alignment inside a block whose two sides have different sentence counts.

A reference edition may split or join sentences where our translation does
not. Gale and Church (1993) align such runs by length alone: a sentence and
its counterpart have lengths in a steady ratio, so the cheapest sequence of
beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2) under a normal model of the length
difference is, most of the time, the right one. Both sides here are the same
language (our translation and the reference translation), so the expected
ratio is 1. A sentence with no counterpart costs its prior alone (their
length term would make dropping a long sentence all but impossible): a short
extra sentence still rides with its neighbour, a long one is left unpaired.
"""

from __future__ import annotations

import math

#: Bead (sentences taken from each side) → prior probability, from Gale and Church's table.
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2, (2, 2): 0.011}
#: Variance of the length difference per character, as they measured it.
VARIANCE = 6.8

Bead = tuple[list[int], list[int]]


def _cost(ours: int, theirs: int, bead: tuple[int, int]) -> float:
    if 0 in bead:  # nothing to compare a lone sentence with: its prior alone (so a long one can be dropped)
        return -math.log(PRIORS[bead])
    delta = (theirs - ours) / math.sqrt(VARIANCE * max(ours + theirs, 1) / 2)
    tail = max(math.erfc(abs(delta) / math.sqrt(2)), 1e-300)  # P(|Z| >= |delta|)
    return -math.log(PRIORS[bead]) - math.log(tail)


def align(ours: list[int], theirs: list[int]) -> list[Bead]:
    """Beads of indices (ours, theirs) in order, from the lengths of the sentences on each side."""
    n, m = len(ours), len(theirs)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for di, dj in PRIORS:
                if (di, dj) == (0, 0) or i < di or j < dj or best[i - di][j - dj] == math.inf:
                    continue
                cost = best[i - di][j - dj] + _cost(sum(ours[i - di : i]), sum(theirs[j - dj : j]), (di, dj))
                if cost < best[i][j]:
                    best[i][j], step[i][j] = cost, (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = step[i][j]
        beads.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]
