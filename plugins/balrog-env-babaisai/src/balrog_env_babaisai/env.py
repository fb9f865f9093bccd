"""One Baba Is AI episode behind balrog's ``Environment`` contract."""

from __future__ import annotations

from typing import Any

from balrog_core import ActionSpace, ConfigError, Environment, Observation, StepOutcome

from .board import MOVES, Board
from .describe import ACTION_TEXT, describe, instruction
from .levels import LEVEL_NAMES, generate_level
from .render import render
from .rules import rule_text

__all__ = ["BabaIsAIEnv", "ACTIONS"]

ACTIONS = ActionSpace({name: ACTION_TEXT[name] for name in MOVES}, default="idle")


class BabaIsAIEnv(Environment):
    """A level generated from the episode seed; progression is 100 once won, else 0.

    The episode ends when a YOU thing reaches a WIN thing (won) or when nothing is YOU
    any more (lost). ``board`` is public so the oracle can plan on a copy of it.
    """

    action_space = ACTIONS

    def __init__(self, level: str, vision: bool = False) -> None:
        if level not in LEVEL_NAMES:
            raise ConfigError(
                f"unknown Baba Is AI level {level!r}; use one of the 40 names listed by `balrog envs list`"
            )
        self.level = level
        self.vision = vision
        self.board: Board | None = None
        self.steps = 0
        self.won = False

    def reset(self, seed: int) -> Observation:
        self.board = generate_level(self.level, seed)
        self.steps = 0
        self.won = False
        return self._observe()

    def _observe(self) -> Observation:
        assert self.board is not None, "reset() first"
        image = render(self.board) if self.vision else None
        return Observation(describe(self.board), image=image)

    def step(self, action: str) -> StepOutcome:
        if action not in MOVES:
            raise ValueError(f"unknown action {action!r}; expected one of {list(MOVES)}")
        assert self.board is not None, "reset() first"
        self.board.move(action)
        self.steps += 1
        self.won = self.won or self.board.won
        return StepOutcome(
            self._observe(), reward=1.0 if self.won else 0.0,
            terminated=self.won or self.board.lost,
        )

    def instruction_prompt(self) -> str:
        assert self.board is not None, "reset() first"
        return instruction(self.board, ACTIONS.describe())

    def progression(self) -> float:
        return 100.0 if self.won else 0.0

    def extras(self) -> dict[str, Any]:
        board = self.board
        return {
            "won": self.won,
            "lost": bool(board is not None and board.lost),
            "steps": self.steps,
            "rules": [rule_text(rule) for rule in sorted(board.rules)] if board else [],
        }
