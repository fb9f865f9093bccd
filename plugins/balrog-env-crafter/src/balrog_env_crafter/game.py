"""One Crafter episode behind balrog's ``Environment`` contract."""

from __future__ import annotations

from typing import Any

from balrog_core import ConfigError, Environment, Observation, StepOutcome

from .achievements import progression, unlocked
from .actions import ACTIONS, action_index
from .describe import VITALS, describe
from .prompt import instruction_prompt
from .world import CrafterWorld

__all__ = ["CrafterGame", "WORLD_AREA", "VIEW", "IMAGE_SIZE"]

WORLD_AREA = (64, 64)
VIEW = (9, 9)
IMAGE_SIZE = (256, 256)


class CrafterGame(Environment):
    """Crafter seeded by the episode seed: the same seed builds the same world.

    ``length`` is crafter's own episode limit (it truncates the episode); keep it at or
    above the run's step cap so the core's cap is the one that ends long episodes.
    Images are drawn only with ``vision``.
    """

    action_space = ACTIONS

    def __init__(self, *, vision: bool = False, length: int = 10_000) -> None:
        if length < 1:
            raise ConfigError(
                f"crafter length {length} is not a positive number of steps; "
                "set -o env.crafter.length=N with N >= 1 (default 10000)"
            )
        self.vision = vision
        self.length = length
        self._world: CrafterWorld | None = None
        self._steps = 0

    @property
    def world(self) -> CrafterWorld:
        """The live crafter env (for oracles, tests and benchmarks)."""
        if self._world is None:
            raise RuntimeError("the Crafter episode has not been reset yet")
        return self._world

    def reset(self, seed: int) -> Observation:
        self._world = CrafterWorld(
            draw_frames=self.vision, area=WORLD_AREA, view=VIEW, size=IMAGE_SIZE,
            length=self.length, seed=seed,
        )
        self._steps = 0
        return self._observe(self._world.reset())

    def step(self, action: str) -> StepOutcome:
        if action not in ACTIONS.actions:
            raise ValueError(f"unknown Crafter action {action!r}; known: {ACTIONS.names}")
        frame, reward, done, _ = self.world.step(action_index(action))
        self._steps += 1
        dead = self.world._player.health <= 0
        return StepOutcome(
            self._observe(frame), reward=float(reward), terminated=dead,
            truncated=bool(done) and not dead,
        )

    def _observe(self, frame: Any) -> Observation:
        return Observation(describe(self.world), image=frame)

    def instruction_prompt(self) -> str:
        return instruction_prompt()

    def progression(self) -> float:
        return progression(self.world._player.achievements)

    def extras(self) -> dict[str, Any]:
        player = self.world._player
        return {
            "achievements": unlocked(player.achievements),
            "achievement_counts": {name: int(n) for name, n in sorted(player.achievements.items())},
            "vitals": {name: int(player.inventory[name]) for name in VITALS},
            "length": self._steps,
        }

    def close(self) -> None:
        self._world = None
