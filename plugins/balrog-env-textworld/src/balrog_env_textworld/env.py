"""One TextWorld episode: a generated game played through its ``.z8`` interpreter.

The game is chosen by the episode's index (game *i mod 25* of the task, the protocol's
rule), not by the seed: TextWorld games are deterministic, so the seed changes nothing.

TextWorld is not thread-safe (loading a game parses its logic with one shared parser), and
the core plays episodes on worker threads, so every call into TextWorld holds one
process-wide lock; a step costs milliseconds, far less than a model call.
"""

from __future__ import annotations

import threading
import warnings
from pathlib import Path
from typing import Any

import textworld

from balrog_core import Environment, Observation, StepOutcome

from .building import GameMismatchError
from .catalog import GameEntry
from .library import ensure_games, game_file
from .text import clean_feedback
from .verbs import action_space_for

__all__ = ["TextWorldEnv", "REQUESTED_INFOS"]

_TEXTWORLD_LOCK = threading.Lock()

REQUESTED_INFOS = textworld.EnvInfos(
    objective=True, score=True, max_score=True, won=True, lost=True, moves=True,
    policy_commands=True, extras=["walkthrough", "uuid"],
)


class TextWorldEnv(Environment):
    """Plays one game of the table; builds it first if the games directory lacks it."""

    def __init__(self, entry: GameEntry, games_dir: Path, jobs: int | None = None) -> None:
        self.entry = entry
        self.games_dir = games_dir
        self.jobs = jobs
        self.action_space = action_space_for(entry.task)
        self._game: Any = None
        self._state: Any = None

    def reset(self, seed: int) -> Observation:
        ensure_games([self.entry], self.games_dir, self.jobs)
        self.close()
        with _TEXTWORLD_LOCK, warnings.catch_warnings():
            # Jericho warns that it has no per-game score table for generated games;
            # TextWorld tracks the score itself.
            warnings.filterwarnings("ignore", message=".*is not fully supported")
            self._game = textworld.start(str(game_file(self.games_dir, self.entry)), request_infos=REQUESTED_INFOS)
            self._state = self._game.reset()
        found = self._state.get("extra.uuid")
        if found != self.entry.uuid:
            raise GameMismatchError(
                f"textworld game file of {self.entry.name} holds game {found!r}, expected "
                f"{self.entry.uuid!r}; delete {game_file(self.games_dir, self.entry).parent} to rebuild it"
            )
        return Observation(clean_feedback(self._state.feedback))

    def step(self, action: str) -> StepOutcome:
        with _TEXTWORLD_LOCK:
            self._state, reward, done = self._game.step(action)
        return StepOutcome(Observation(clean_feedback(self._state.feedback)), reward=float(reward),
                           terminated=bool(done))

    @property
    def objective(self) -> str:
        return self._state.objective.strip()

    def instruction_prompt(self) -> str:
        return (
            "You are playing a TextWorld text adventure. Each turn you read what happened and "
            "type one command, in plain words, that the game's parser understands.\n\n"
            f"The game states your objective like this:\n{self.objective}\n\n"
            "The game knows these commands (X and Y stand for objects, containers and doors "
            "named in the text; use their full names):\n"
            f"{self.action_space.describe()}\n\n"
            "Tips: read room descriptions carefully for exits, closed doors and containers; "
            "open what is closed before going through or looking inside; 'look' and "
            "'inventory' cost a turn but never hurt. Answer with a single command."
        )

    def progression(self) -> float:
        """100 × max(score / max score, 1 if won): partial credit for points scored."""
        state = self._state
        if state is None or not state.max_score:
            return 0.0
        return 100.0 * max(state.score / state.max_score, 1.0 if state.won else 0.0)

    def solution(self) -> list[str]:
        """The game's winning commands from the current state (its quest policy)."""
        return list(self._state.policy_commands or [])

    def walkthrough(self) -> list[str]:
        """The walkthrough stored in the game, from the start."""
        return list(self._state.get("extra.walkthrough") or [])

    def extras(self) -> dict[str, Any]:
        state = self._state
        facts: dict[str, Any] = {"game": self.entry.name, "game_index": self.entry.index, "uuid": self.entry.uuid}
        if state is not None:
            facts.update(score=int(state.score), max_score=int(state.max_score), won=bool(state.won),
                         lost=bool(state.lost), moves=int(state.moves))
        return facts

    def close(self) -> None:
        if self._game is not None:
            with _TEXTWORLD_LOCK:
                self._game.close()
            self._game = None
