"""Episode seeds derived from the run's base seed.

A seed depends only on (base seed, env, task, episode index), never on scheduling order,
concurrency or which episodes ran before, so a resumed or re-ordered run plays the same
games.
"""

from __future__ import annotations

import hashlib

__all__ = ["episode_seed"]


def episode_seed(base_seed: int, env: str, task: str, index: int) -> int:
    """A 31-bit seed, stable across Python versions and platforms."""
    digest = hashlib.sha256(f"{base_seed}/{env}/{task}/{index}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF
