"""The Boxoban tasks without minihack's level download.

minihack 1.0.2's ``BoxoHack`` loads levels from a folder that PyPI does not ship, picks
one with the unseeded global ``random``, has a ``reset`` that rejects the ``seed``
keyword, and reads ``_goal_pos_set`` during reset before setting it. ``SeededBoxoHack``
subclasses it: the level comes from our source for the episode seed, ``reset`` takes a
seed, and the goal set exists before the first reset (a placeholder no board matches).
"""

from __future__ import annotations

from typing import Any

from minihack.envs.boxohack import BoxoHack
from minihack.navigation import MiniHackNavigation
from nle import nethack

from .boxoban_generator import generate_level
from .boxoban_levels import official_levels
from .game import OBSERVATION_KEYS
from .minihack_game import MiniHackGame, MiniHackOptions
from .seeding import nethack_seeds

__all__ = ["SeededBoxoHack", "BoxobanGame"]

_NO_GOALS = frozenset({(-1, -1)})


class SeededBoxoHack(BoxoHack):
    """``BoxoHack`` playing a level given as Boxoban text."""

    def __init__(self, level: str, **kwargs: Any) -> None:
        self._time_penalty = 0.0
        self._flags = ()
        self._reward_shaping_coefficient = 0.0
        self._level_text = level
        self._goal_pos_set = set(_NO_GOALS)
        kwargs.setdefault("max_episode_steps", 400)
        MiniHackNavigation.__init__(self, des_file=self.get_lvl_gen().get_des(), **kwargs)

    def set_level(self, level: str) -> None:
        self._level_text = level

    def get_lvl_gen(self) -> Any:
        self._levels = [self._level_text + "\n"]
        return super().get_lvl_gen()  # random.choice over one level

    def reset(self, seed: int | None = None, options: Any = None) -> Any:
        self.update(self.get_lvl_gen().get_des())
        self._goal_pos_set = set(_NO_GOALS)
        observation = MiniHackNavigation.reset(self, seed=seed, options=options)
        self._goal_pos_set = self._object_positions(self.last_observation, "{")
        return observation


class BoxobanGame(MiniHackGame):
    """A Boxoban task: the level is chosen from the episode seed."""

    def __init__(self, task: str, difficulty: str, *, vision: bool, options: MiniHackOptions) -> None:
        self.difficulty = difficulty
        self.boxoban_dir = options.boxoban_dir
        self.levels = official_levels(self.boxoban_dir, difficulty) if self.boxoban_dir else None
        env = SeededBoxoHack(self._level_for(0), observation_keys=OBSERVATION_KEYS,
                             actions=nethack.ACTIONS, fix_moon_phase=True)
        super().__init__(task, env, vision=vision, options=options)
        self.level = ""

    def _level_for(self, seed: int) -> str:
        if self.levels is not None:
            return self.levels[nethack_seeds(seed)[0] % len(self.levels)]
        return generate_level(seed, self.difficulty)

    def reset(self, seed: int):
        self.level = self._level_for(seed)
        self.env.set_level(self.level)
        return super().reset(seed)

    def extras(self) -> dict[str, Any]:
        return {**super().extras(), "level": self.level,
                "level_source": "official" if self.levels is not None else "generator"}
