"""MiniHack tasks as BALROG plays them (PROTOCOL.md §7.5).

The env is the task's own class, built the way the reference builds it: a random
character (``@``; CorridorBattle-Dark and Quest-Medium force a human knight), 100 env
steps whatever the class default, a -0.01 penalty on steps where the game clock stands
still, no other time penalty, autopickup off (Quest too), no pet, and the class's own
action set. gymnasium's ``make`` would take ``max_episode_steps`` for its own time limit,
so the class is built directly from its registered entry point.

Scoring is BALROG's: 100 when the reward of the last step played is at least 1 (reaching
the goal gives 1), else 0.
"""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import minihack  # registers the MiniHack gymnasium ids
from gymnasium.envs.registration import load_env_creator
from nle import nethack

from .game import OBSERVATION_KEYS, NLEGame
from .minihack_actions import full_actions, reference_actions
from .minihack_prompt import extended_prompt, reference_prompt
from .tasks import BOXOBAN_TASKS, MINIHACK_TASKS, MiniHackOptions

__all__ = ["MiniHackOptions", "MiniHackGame", "MINIHACK_TASKS", "BOXOBAN_TASKS", "make_minihack_env",
           "env_kwargs", "MAX_EPISODE_STEPS"]

MAX_EPISODE_STEPS = 100
_END_REASONS = {  # MiniHack's end status -> the record's end_reason
    minihack.MiniHack.StepStatus.TASK_SUCCESSFUL: "solved",
    minihack.MiniHack.StepStatus.DEATH: "died",
    minihack.MiniHack.StepStatus.ABORTED: "step cap",
}


def env_kwargs(options: MiniHackOptions) -> dict[str, Any]:
    """The constructor arguments BALROG gives every MiniHack task, plus this project's:
    the observation keys its texts are written from, and ``fix_moon_phase`` so that
    moon-phase luck follows the seed, not the date. ``actions=full`` adds NLE's whole
    keyboard as the action set."""
    kwargs: dict[str, Any] = dict(
        character="@", max_episode_steps=MAX_EPISODE_STEPS, penalty_step=-0.01, penalty_time=0.0,
        penalty_mode="constant", savedir=None, save_ttyrec_every=0, autopickup=False,
        observation_keys=OBSERVATION_KEYS, fix_moon_phase=True,
    )
    if options.actions == "full":
        kwargs["actions"] = nethack.ACTIONS
    return kwargs


def make_minihack_env(task: str, options: MiniHackOptions) -> Any:
    """The MiniHack env of a gymnasium id, built from the class its id registers."""
    creator = load_env_creator(gym.spec(task).entry_point)
    return creator(**env_kwargs(options))


class MiniHackGame(NLEGame):
    """A MiniHack task: the task's valid actions, BALROG's prompt and scoring."""

    def __init__(self, task: str, env: Any, *, vision: bool, options: MiniHackOptions | None = None,
                 protocol: str = "reference") -> None:
        options = options or MiniHackOptions()
        actions = full_actions() if options.actions == "full" else reference_actions(env.actions)
        # Only Quest's own action set holds ``more``; elsewhere NLE clicks through
        # --More-- itself and there is no key to press.
        can_press_more = int(nethack.MiscAction.MORE) in {int(key) for key in env.actions}
        super().__init__(env, action_space=actions.space, keys=actions.keys, vision=vision,
                         skip_more=options.skip_more and can_press_more, observation=options.observation)
        self.task = task
        self.protocol = protocol
        self.last_reward = 0.0
        self.solved = False
        self.end_reason: str | None = None

    def _on_reset(self, obs: dict[str, Any]) -> None:
        self.last_reward = 0.0
        self.solved = False
        self.end_reason = None

    def _on_step(self, obs: dict[str, Any], reward: float, terminated: bool,
                 truncated: bool) -> tuple[bool, bool]:
        self.last_reward = reward
        if terminated or truncated:
            self.end_reason = _END_REASONS.get(self.last_info.get("end_status"), "died")
            self.solved = self.end_reason == "solved"
        return terminated, truncated

    def instruction_prompt(self) -> str:
        if self.protocol == "extended":
            return extended_prompt(self.task, self.action_space)
        return reference_prompt(self.task, self.action_space)

    def progression(self) -> float:
        """BALROG's BaseProgress: decided by the last step's reward alone."""
        return 100.0 if self.last_reward >= 1.0 else 0.0

    def extras(self) -> dict[str, Any]:
        return {"solved": self.solved, "end_reason": self.end_reason or "step cap",
                "seeds": list(self.seeds) if self.seeds else None}
