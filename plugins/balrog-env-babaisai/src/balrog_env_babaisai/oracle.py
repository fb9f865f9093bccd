"""The ``oracle`` agent: plans on a copy of the live board and plays the plan.

It plans once, remembers the board it expects before each move, and plans again whenever
the live board differs (after the level restarted, or when handed a board mid-episode).
"""

from __future__ import annotations

from balrog_core import Agent, AgentReply, ConfigError, TurnContext

from .board import Board
from .env import BabaIsAIEnv
from .solver import solve

__all__ = ["BabaIsAIOracle"]

MAX_PLAN = 100


class BabaIsAIOracle(Agent):
    """Searches the game's own state space; needs no model."""

    def __init__(self) -> None:
        self._plan: list[tuple[tuple, str]] = []

    async def act(self, turn: TurnContext) -> AgentReply:
        env = turn.env
        if not isinstance(env, BabaIsAIEnv) or env.board is None:
            raise ConfigError("the babaisai oracle needs a live babaisai game; run it with --env babaisai")
        board = env.board
        if not self._plan or self._plan[0][0] != board.key():
            self._plan = _expected(board, solve(board.copy(), MAX_PLAN - turn.step) or [])
        action = self._plan.pop(0)[1] if self._plan else "idle"
        return AgentReply(text=action, action=action, rule="oracle")


def _expected(board: Board, moves: list[str]) -> list[tuple[tuple, str]]:
    """Pair each move with the board key it is meant to be played from."""
    state = board.copy()
    plan = []
    for move in moves:
        plan.append((state.key(), move))
        state.move(move)
    return plan
