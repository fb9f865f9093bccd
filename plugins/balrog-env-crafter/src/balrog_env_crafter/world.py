"""A crafter world that draws its frame only when a frame is wanted.

``crafter.Env`` renders an image on every reset and step. Text-only runs never look at it,
so ``CrafterWorld`` skips the drawing there. One subtlety keeps both modes playing the very
same game: at night crafter's renderer draws its darkness noise from the *world's* random
generator, so skipping the drawing would shift every later random event (creature moves,
spawns, sapling luck). When no frame is drawn, ``CrafterWorld`` consumes exactly the numbers
the renderer would have drawn, so a seed and an action sequence give identical games with and
without images.

It also fixes an ordering leak: crafter keeps each chunk's creatures in a ``set`` of objects,
which iterates in memory-address order, and picks the creature to despawn by position in
that order. Two runs of one seed then despawn different cows or zombies and drift apart.
``CrafterWorld`` hands the balancing code each chunk's objects in the order they entered
the world, so one seed and one action sequence always give one game.

And it loads crafter's 56 texture images once per process instead of once per game:
``crafter.Env`` reads them all from disk on construction, and each reset builds a new world.
"""

from __future__ import annotations

import functools

import crafter
import crafter.engine
import numpy as np

__all__ = ["CrafterWorld"]

# Below this daylight crafter's renderer adds noise (engine.LocalView._light).
_NOISE_DAYLIGHT = 0.5

# Textures are read-only after loading (resized copies are cached inside), so one set
# serves every world in the process.
crafter.engine.Textures = functools.cache(crafter.engine.Textures)


class CrafterWorld(crafter.Env):
    """``crafter.Env`` whose observations are frames with ``draw_frames``, else ``None``."""

    def __init__(self, *, draw_frames: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.draw_frames = draw_frames
        unit = np.array(self._size) // self._view
        self._noise_shape = tuple(int(n) for n in self._local_view._grid * unit)

    def _balance_chunk(self, chunk, objs):
        """Balance creatures over the chunk's objects in world order, not set order."""
        slots = self._world._obj_map
        ordered = sorted(objs, key=lambda obj: int(slots[tuple(obj.pos)]))
        super()._balance_chunk(chunk, ordered)

    def _obs(self):
        """The frame, or ``None`` after drawing the renderer's share of random numbers."""
        if self.draw_frames:
            return self.render()
        if self._world.daylight < _NOISE_DAYLIGHT:
            self._world.random.uniform(32, 127, self._noise_shape)
        return None
