"""One BabyAI episode as a balrog environment."""

from __future__ import annotations

import contextlib
import io
from typing import Any

from balrog_core import ConfigError, Environment, Observation, StepOutcome
from minigrid.envs.babyai.core.roomgrid_level import RoomGridLevel

from .actions import ACTION_SPACE, MINIGRID_ACTIONS
from .apart_levels import APART_LEVELS
from .describe import describe_view
from .levels import LEVELS, REFERENCE_TASKS
from .options import BabyAIOptions
from .prompt import instruction_prompt

__all__ = ["BabyAIEnvironment"]


class BabyAIEnvironment(Environment):
    """A BALROG BabyAI task played on minigrid's level generator and verifier.

    The level is drawn from the episode seed alone, so one seed always gives the same level.
    Observations are long-term text only (nothing for ``short_term``). Progression is 100
    once the verifier pays a reward (the mission is completed), else 0; the game ends there.
    """

    action_space = ACTION_SPACE

    def __init__(
        self,
        task: str,
        *,
        vision: bool = False,
        options: BabyAIOptions | None = None,
        protocol: str = "reference",
    ) -> None:
        if task not in LEVELS:
            raise ConfigError(f"unknown babyai task {task!r}; choose one of {', '.join(LEVELS)}")
        self.options = (options or BabyAIOptions()).check()
        self.task = task
        self.vision = vision
        self.protocol = protocol
        levels = APART_LEVELS if self.options.levels == "apart" else LEVELS
        self.level: RoomGridLevel = levels[task](max_steps=self.options.time_limit or None)
        self.success = False

    def reset(self, seed: int) -> Observation:
        # minigrid prints every rejected draw ("Sampling rejected: ..."); keep stdout clean.
        with contextlib.redirect_stdout(io.StringIO()):
            view, _ = self.level.reset(seed=seed)
        self.success = False
        return self._observe(view)

    def step(self, action: str) -> StepOutcome:
        if action not in MINIGRID_ACTIONS:
            raise ConfigError(
                f"unknown babyai action {action!r}; use one of: {', '.join(MINIGRID_ACTIONS)}"
            )
        view, reward, terminated, truncated, _ = self.level.step(MINIGRID_ACTIONS[action])
        self.success = self.success or reward > 0
        return StepOutcome(self._observe(view), float(reward), bool(terminated), bool(truncated))

    def _observe(self, view: dict[str, Any]) -> Observation:
        text = describe_view(view["image"], self.level.carrying)
        image = (
            self.level.get_frame(tile_size=self.options.tile_size, agent_pov=True)
            if self.vision else None
        )
        return Observation(text, image)

    @property
    def mission(self) -> str:
        return self.level.mission

    def instruction_prompt(self) -> str:
        return instruction_prompt(self.mission, self.protocol)

    def progression(self) -> float:
        return 100.0 if self.success else 0.0

    def extras(self) -> dict[str, Any]:
        return {
            "mission": self.mission,
            "success": bool(self.success),
            "reference_task": REFERENCE_TASKS[self.task],
        }

    def close(self) -> None:
        self.level.close()
