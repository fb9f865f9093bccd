"""NetHack's two RNG seeds derived from a balrog episode seed.

gymnasium's ``reset(seed=...)`` does not reach NetHack's RNGs; ``env.seed(core, disp,
reseed=False)`` before ``reset`` does, and ``reseed=False`` stops NetHack from mixing in
true randomness later, so the same episode seed replays the same dungeon.
"""

from __future__ import annotations

import hashlib

__all__ = ["nethack_seeds"]


def nethack_seeds(seed: int) -> tuple[int, int]:
    """(core, disp) seeds, 63-bit, stable across platforms."""
    digest = hashlib.sha256(f"balrog-nethack/{int(seed)}".encode()).digest()
    core = int.from_bytes(digest[:8], "big") >> 1
    disp = int.from_bytes(digest[8:16], "big") >> 1
    return core, disp
