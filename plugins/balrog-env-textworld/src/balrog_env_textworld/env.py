"""One TextWorld episode: a generated game played through its ``.z8`` interpreter.

The game is chosen by the episode's index (game *i mod 25* of the task), not by the seed:
TextWorld games are deterministic, so the seed changes nothing.

As in the reference, the game itself ends the episode after its step budget (80 commands,
any text counting as one), and the score is settled only when the episode ends: won, lost
or out of steps.

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
from .catalog import MAX_STEPS, GameEntry
from .library import ensure_games, game_file
from .prompt import action_space_for, extended_prompt, reference_prompt
from .text import clean_feedback, filter_objective

__all__ = ["TextWorldEnv", "REQUESTED_INFOS"]

_TEXTWORLD_LOCK = threading.Lock()

REQUESTED_INFOS = textworld.EnvInfos(
    objective=True, score=True, max_score=True, won=True, lost=True, moves=True,
    policy_commands=True, extras=["walkthrough", "uuid"],
)


class TextWorldEnv(Environment):
    """Plays one game of the table; builds it first if the games directory lacks it.

    ``extended`` selects the project's richer prompt and verb list; ``show_objective`` and
    ``clean_text`` the observation departures of :class:`~.options.TextWorldOptions`."""

    def __init__(self, entry: GameEntry, games_dir: Path, jobs: int | None = None, *, max_steps: int = MAX_STEPS,
                 extended: bool = False, show_objective: bool = False, clean_text: bool = False) -> None:
        self.entry = entry
        self.games_dir = games_dir
        self.jobs = jobs
        self.max_steps = max_steps
        self.extended = extended
        self.show_objective = show_objective
        self.clean_text = clean_text
        self.action_space = action_space_for(entry.task, extended)
        self._game: Any = None
        self._state: Any = None
        self._steps = 0
        self._progression = 0.0

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
        self._steps = 0
        self._progression = 0.0
        return self._observation()

    def step(self, action: str) -> StepOutcome:
        """``reward`` is TextWorld's running score, as the reference passes it on."""
        with _TEXTWORLD_LOCK:
            self._state, reward, game_over = self._game.step(action)
        self._steps += 1
        out_of_steps = self._steps >= self.max_steps
        if game_over or out_of_steps:
            self._progression = self._final_progression()
        return StepOutcome(self._observation(), reward=float(reward), terminated=bool(game_over),
                           truncated=out_of_steps and not game_over)

    def _observation(self) -> Observation:
        text = self._state.feedback
        if not (self.show_objective or self.extended):
            text = filter_objective(text, self._state.objective)
        if self.clean_text or self.extended:
            text = clean_feedback(text)
        return Observation(text)

    @property
    def objective(self) -> str:
        return self._state.objective.strip()

    def instruction_prompt(self) -> str:
        if self.extended:
            return extended_prompt(self.objective, self.action_space)
        return reference_prompt(self.entry.task)

    def _final_progression(self) -> float:
        state = self._state
        return 100.0 * max(state.score / state.max_score, 1.0 if state.won else 0.0)

    def progression(self) -> float:
        """100 × max(score / max score, 1 if won), set when the episode ends (won, lost or
        out of steps); 0 until then, and for good if it never ends."""
        return self._progression

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
