"""The Boxoban tasks, with the level chosen by us.

minihack 1.0.2's ``BoxoHack`` reads its levels from a folder PyPI does not ship, picks one
with the global ``random`` inside ``reset``, and its ``reset`` rejects ``seed``.
``SeededBoxoHack`` subclasses it: it plays the level text it is given (the official set
by default, drawn from the episode seed; ``boxoban=generated`` for the offline
generator), with the Medium/Hard classes' settings: the 4 cardinal moves, -0.001 per step
plus 0.1 per boulder moved onto (minus per boulder moved off) a fountain, 1 on success.
The map conversion stays minihack's: ``#`` iron bars, ``$`` boulder, ``.`` fountain,
premapped and lit.
"""

from __future__ import annotations

from typing import Any

from minihack.envs.boxohack import MOVE_ACTIONS as CARDINAL_MOVES
from minihack.envs.boxohack import BoxoHack
from minihack.navigation import MiniHackNavigation

from .boxoban_generator import generate_level
from .boxoban_levels import draw_level
from .minihack_game import MiniHackGame, MiniHackOptions, env_kwargs

__all__ = ["SeededBoxoHack", "BoxobanGame", "TIME_PENALTY", "SHAPING"]

TIME_PENALTY = -0.001  # the Medium/Hard classes' own, in place of BALROG's penalty_time
SHAPING = 0.1
_NO_GOALS = frozenset({(-1, -1)})


class SeededBoxoHack(BoxoHack):
    """``BoxoHack`` playing a level given as Boxoban text (``set_level`` before a reset);
    the goal set exists before the first reset (a placeholder no board matches)."""

    def __init__(self, level: str, **kwargs: Any) -> None:
        kwargs.pop("penalty_time", None)  # BoxoHack's reward uses its own time penalty
        self._time_penalty = TIME_PENALTY
        self._reward_shaping_coefficient = SHAPING
        self._flags = ()
        self._level_text = level
        self._goal_pos_set = set(_NO_GOALS)
        kwargs.setdefault("actions", CARDINAL_MOVES)
        MiniHackNavigation.__init__(self, des_file=self.get_lvl_gen().get_des(), **kwargs)

    def set_level(self, level: str) -> None:
        self._level_text = level

    def get_lvl_gen(self) -> Any:
        self._levels = [self._level_text + "\n"]
        return super().get_lvl_gen()  # random.choice over this one level

    def reset(self, seed: int | None = None, options: Any = None) -> Any:
        self.update(self.get_lvl_gen().get_des())
        self._goal_pos_set = set(_NO_GOALS)
        observation = MiniHackNavigation.reset(self, seed=seed, options=options)
        self._goal_pos_set = self._object_positions(self.last_observation, "{")
        return observation


class BoxobanGame(MiniHackGame):
    """A Boxoban task: the level is a function of the episode seed."""

    def __init__(self, task: str, difficulty: str, *, vision: bool, options: MiniHackOptions,
                 protocol: str = "reference") -> None:
        self.difficulty = difficulty
        self.source = options.boxoban
        env = SeededBoxoHack(self._level_for(0)[1], **env_kwargs(options))
        super().__init__(task, env, vision=vision, options=options, protocol=protocol)
        self.level = ""
        self.level_name = ""

    def _level_for(self, seed: int) -> tuple[str, str]:
        """(name, text) of the episode's level."""
        if self.source == "generated":
            return f"generated/{self.difficulty}/{seed}", generate_level(seed, self.difficulty)
        level = draw_level(self.difficulty, seed)
        return level.name, level.text

    def reset(self, seed: int):
        self.level_name, self.level = self._level_for(seed)
        self.env.set_level(self.level)
        return super().reset(seed)

    def extras(self) -> dict[str, Any]:
        return {**super().extras(), "level": self.level, "level_name": self.level_name,
                "level_source": self.source}
