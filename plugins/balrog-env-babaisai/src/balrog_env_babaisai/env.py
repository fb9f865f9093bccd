"""One Baba Is AI episode behind balrog's ``Environment`` contract, scored as BALROG scores it.

A win ends the episode with reward ``1 - 0.9 * steps / 100`` (steps counted since the
level began) and progression 100. Breaking every way to be YOU does not end it: as in the
harness, the level restarts with a fresh layout of the same level drawn from the same
RNG, progression drops to 0, and the step counter of the episode keeps running. The level
itself gives up after 100 steps (truncated).
"""

from __future__ import annotations

from typing import Any

from balrog_core import ConfigError, Environment, Observation, StepOutcome

from .board import MOVES, Board
from .describe import describe, restart_text
from .levels import LEVEL_NAMES, generate_level, new_rng
from .prompt import actions_for, extended_prompt, reference_prompt
from .render import render
from .rules import rule_text

__all__ = ["BabaIsAIEnv", "LEVEL_STEPS"]

LEVEL_STEPS = 100
"""The level's own step limit (the benchmark's ``max_steps``), also used in the reward."""


class BabaIsAIEnv(Environment):
    """A level drawn from the episode seed. ``board`` is public so the oracle can plan on
    a copy of it."""

    def __init__(self, level: str, vision: bool = False, protocol: str = "reference") -> None:
        if level not in LEVEL_NAMES:
            raise ConfigError(
                f"unknown Baba Is AI level {level!r}; use one of the 40 names listed by `balrog envs list`"
            )
        self.level = level
        self.vision = vision
        self.protocol = protocol
        self.action_space = actions_for(protocol)
        self.board: Board | None = None
        self.target_plan = ""
        self.steps = 0
        self.level_steps = 0
        self.restarts = 0
        self.won = False
        self._progression = 0.0

    def _start_level(self) -> None:
        level = generate_level(self.level, self._rng)
        self.board, self.target_plan = level.board, level.target_plan
        self.level_steps = 0
        self._progression = 0.0

    def reset(self, seed: int) -> Observation:
        self._rng = new_rng(seed)
        self._start_level()
        self.steps = self.restarts = 0
        self.won = False
        return self._observe(describe(self.board))

    def _observe(self, text: str) -> Observation:
        return Observation(text, image=render(self.board) if self.vision else None)

    def step(self, action: str) -> StepOutcome:
        if action not in MOVES:
            raise ValueError(f"unknown action {action!r}; expected one of {list(MOVES)}")
        board = self.board
        assert board is not None, "reset() first"
        board.move(action)
        self.steps += 1
        self.level_steps += 1
        won = board.won
        reward = 1 - 0.9 * self.level_steps / LEVEL_STEPS if won else 0.0
        if won:
            self.won = True
            self._progression = 1.0
        if board.stuck:
            self._start_level()
            self.restarts += 1
            text = restart_text(board, self.board)
        else:
            text = describe(board)
        return StepOutcome(self._observe(text), reward=reward, terminated=won,
                           truncated=not won and self.level_steps >= LEVEL_STEPS)

    def instruction_prompt(self) -> str:
        if self.protocol == "extended":
            assert self.board is not None, "reset() first"
            return extended_prompt(self.board.width, self.board.height)
        return reference_prompt()

    def progression(self) -> float:
        return 100.0 * self._progression

    def extras(self) -> dict[str, Any]:
        board = self.board
        return {
            "target_plan": self.target_plan,
            "won": self.won,
            "restarts": self.restarts,
            "steps": self.steps,
            "rules": [rule_text(rule) for rule in board.rules] if board else [],
        }
