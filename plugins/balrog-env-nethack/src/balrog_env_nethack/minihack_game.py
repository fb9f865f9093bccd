"""MiniHack tasks as BALROG plays them: the same observation keys and action vocabulary
as NetHack, scored 100 when the task is completed.

Tasks are named by their gymnasium ids (``MiniHack-MazeWalk-9x9-v0``), like the
``NetHackChallenge-v0`` task of the ``nle`` env.
"""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import minihack  # noqa: F401  (registers the MiniHack gymnasium ids)
from nle import nethack

from .game import OBSERVATION_KEYS, NLEGame
from .tasks import BOXOBAN_TASKS, MINIHACK_TASKS, MiniHackOptions

__all__ = ["MiniHackOptions", "MiniHackGame", "MINIHACK_TASKS", "BOXOBAN_TASKS", "make_minihack_env"]

_GOALS = {
    "MazeWalk": "Find your way through the maze to the staircase down (>) and stand on it.",
    "Corridor": "Several rooms are joined by corridors; find the staircase down (>) and stand on it.",
    "CorridorBattle": (
        "A corridor full of monsters stands between you and the staircase down (>); fight "
        "your way through (ideally in the corridor, one monster at a time) and stand on >."
    ),
    "Quest": (
        "Cross the level to the staircase down (>): use what you carry (wands, horns, ...) "
        "to get past obstacles such as water or lava and the monsters on the way."
    ),
    "Boxoban": (
        "A Sokoban puzzle in a room walled by iron bars: push every boulder (`) onto a "
        "fountain ({). You push a boulder by walking into it; it cannot be pulled, and a "
        "boulder with another boulder or a wall behind it does not move."
    ),
}


def make_minihack_env(task: str, **kwargs: Any) -> Any:
    """The unwrapped MiniHack env for a gymnasium id, with BALROG's keys and actions;
    ``fix_moon_phase`` makes moon-phase luck follow the seed, not the date."""
    env = gym.make(task, observation_keys=OBSERVATION_KEYS, actions=nethack.ACTIONS,
                   fix_moon_phase=True, **kwargs)
    return env.unwrapped


def _family(task: str) -> str:
    name = task.removeprefix("MiniHack-").split("-")[0]
    return name


class MiniHackGame(NLEGame):
    """A MiniHack task; the env's own success status decides progression."""

    def __init__(self, task: str, env: Any, *, vision: bool, options: MiniHackOptions | None = None) -> None:
        options = options or MiniHackOptions()
        super().__init__(env, default_action="north", vision=vision, skip_more=options.skip_more)
        self.task = task
        self.solved = False
        self.end_reason: str | None = None

    def _on_reset(self, obs: dict[str, Any]) -> None:
        self.solved = False
        self.end_reason = None

    def _on_step(self, obs: dict[str, Any], reward: float, terminated: bool,
                 truncated: bool) -> tuple[bool, bool]:
        status = self.last_info.get("end_status")
        if terminated or truncated:
            success = getattr(self.env.StepStatus, "TASK_SUCCESSFUL", None)
            self.solved = success is not None and status == success
            self.end_reason = "solved" if self.solved else ("died" if terminated else "time limit")
        return terminated, truncated

    def instruction_prompt(self) -> str:
        goal = _GOALS.get(_family(self.task), "Reach the staircase down (>).")
        return (
            f"You are playing a MiniHack task ({self.task}), a small NetHack level.\n"
            f"Goal: {goal}\n\n"
            "Each turn you get the latest message, the monsters, objects and dungeon features "
            "around you (with a compass direction and a distance: adjacent, very near, near, "
            "far), your status, inventory and the map (@ is you).\n\n"
            "Actions (answer with exactly one name):\n" + self.action_space.describe()
        )

    def progression(self) -> float:
        return 100.0 if self.solved else 0.0

    def extras(self) -> dict[str, Any]:
        return {"solved": self.solved, "end_reason": self.end_reason or "step cap",
                "seeds": list(self.seeds) if self.seeds else None}
