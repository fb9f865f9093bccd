"""What kind of thing each NetHack glyph shows, computed once for all glyphs.

The project's richer observation (``rich_observation.py``) lists monsters, objects and
dungeon features, and the oracle reads the map; a per-glyph lookup table finds them on the
21x79 map with one numpy indexing operation per step. (The reference's vocabulary is in
``glyph_names.py``.)
"""

from __future__ import annotations

import numpy as np
from nle import nethack

__all__ = ["IGNORED", "MONSTER", "OBJECT", "FEATURE", "GLYPH_KIND", "BOULDER_GLYPH", "FEATURE_NAMES", "cmap_glyph", "FLOOR_CMAPS"]

IGNORED, MONSTER, OBJECT, FEATURE = 0, 1, 2, 3

# cmap indices that carry no information: unexplored stone, lit and dark room floor.
FLOOR_CMAPS = (0, 19, 20)


def cmap_glyph(cmap_index: int) -> int:
    """The glyph of a map symbol (``S_`` index: 24 is the staircase down)."""
    return nethack.GLYPH_CMAP_OFF + cmap_index


def _kinds() -> np.ndarray:
    kinds = np.zeros(nethack.MAX_GLYPH + 1, dtype=np.uint8)
    for glyph in range(nethack.MAX_GLYPH):
        if nethack.glyph_is_monster(glyph) or nethack.glyph_is_invisible(glyph):
            kinds[glyph] = MONSTER
        elif nethack.glyph_is_object(glyph):
            kinds[glyph] = OBJECT
        elif nethack.glyph_is_cmap(glyph) and nethack.glyph_to_cmap(glyph) not in FLOOR_CMAPS:
            kinds[glyph] = FEATURE
    return kinds


GLYPH_KIND: np.ndarray = _kinds()


def _feature_names() -> list[str]:
    """The map-symbol explanation of each feature glyph ("wall", "staircase down", "arrow
    trap"): what ``screen_descriptions`` shows for it, fixed per glyph, so it is looked up
    once instead of decoded every step."""
    names = [""] * (nethack.MAX_GLYPH + 1)
    for glyph in np.nonzero(GLYPH_KIND == FEATURE)[0].tolist():
        names[glyph] = nethack.symdef.from_idx(nethack.glyph_to_cmap(glyph)).explanation
    return names


FEATURE_NAMES: list[str] = _feature_names()


def _object_glyph(name: str) -> int:
    for index in range(nethack.GLYPH_CMAP_OFF - nethack.GLYPH_OBJ_OFF):
        if nethack.objdescr.from_idx(index).oc_name == name:
            return nethack.GLYPH_OBJ_OFF + index
    raise LookupError(name)


BOULDER_GLYPH: int = _object_glyph("boulder")
