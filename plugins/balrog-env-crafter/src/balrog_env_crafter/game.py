"""One Crafter episode behind balrog's ``Environment`` contract."""

from __future__ import annotations

from typing import Any

from balrog_core import Environment, Observation, StepOutcome

from .achievements import progression, unlocked
from .actions import action_index, action_space
from .describe import describe
from .observation import VITALS, observe, semantic_names
from .options import CrafterOptions
from .prompt import instruction_prompt
from .world import CrafterWorld

__all__ = ["CrafterGame", "WORLD_AREA", "VIEW", "IMAGE_SIZE"]

WORLD_AREA = (64, 64)
VIEW = (9, 9)
IMAGE_SIZE = (256, 256)


class CrafterGame(Environment):
    """Crafter seeded by the episode seed: the same seed builds the same world.

    ``protocol`` picks the instruction prompt and the action descriptions; ``options`` the
    game length and the observation text (``CrafterOptions``). Images are drawn only with
    ``vision``.
    """

    def __init__(
        self, *, vision: bool = False, protocol: str = "reference",
        options: CrafterOptions = CrafterOptions(),
    ) -> None:
        self.vision = vision
        self.protocol = protocol
        self.options = options
        self.action_space = action_space(protocol)
        self._world: CrafterWorld | None = None
        self._names: list[str] = []
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
            length=self.options.length, seed=seed,
        )
        self._names = semantic_names(self._world)
        self._steps = 0
        self._world.reset()
        # The reference's reset plays one Noop to read crafter's step info; the first
        # observation is the world after it, and that step is not counted.
        frame, *_ = self._world.step(action_index("Noop"))
        return self._observe(frame)

    def step(self, action: str) -> StepOutcome:
        if action not in self.action_space.actions:
            raise ValueError(f"unknown Crafter action {action!r}; known: {self.action_space.names}")
        frame, reward, done, _ = self.world.step(action_index(action))
        self._steps += 1
        dead = self.world._player.health <= 0
        return StepOutcome(
            self._observe(frame), reward=float(reward), terminated=dead,
            truncated=bool(done) and not dead,
        )

    def _observe(self, frame: Any) -> Observation:
        if self.options.observation == "detailed":
            return Observation(describe(self.world), image=frame)
        long_term, short_term = observe(self.world, self._names)
        return Observation(long_term, image=frame, short_term=short_term)

    def instruction_prompt(self) -> str:
        return instruction_prompt(self.protocol)

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
