"""The full game: NetHackChallenge-v0 as BALROG plays it.

NLE's ``NetHackChallenge`` refuses seed changes, so the env is its equivalent built on
``NetHackScore``: random character ``@``, the full keyboard action set, y/n questions and
menus left to the agent, no reward penalty, wizard mode off, and the challenge's abort
rule counted as the reference's NLE counts it: after every env step (``more`` presses
included), abort when the turn counter has not moved for ``no_progress_steps`` steps or
when 100,000 steps were taken. Seeds are set with ``env.seed(core, disp, reseed=False)``;
``fix_moon_phase`` makes moon phase and Friday-13th luck follow the seed, not the clock.
"""

from __future__ import annotations

from typing import Any

from nle import nethack
from nle.env.tasks import NetHackScore

from .game import OBSERVATION_KEYS, NLEGame
from .nle_actions import REFERENCE_KEYS, reference_action_space
from .nle_options import NO_PROGRESS_STEPS, NetHackOptions
from .nle_prompt import extended_prompt, reference_prompt
from .progression import ProgressionTracker
from .tasks import CHALLENGE_TASK

__all__ = ["NetHackOptions", "NetHackGame", "ChallengeEnv", "NO_PROGRESS_STEPS", "CHALLENGE_TASK",
           "MAX_ENV_STEPS"]

MAX_ENV_STEPS = 100_000
_END_REASONS = {"QUIT": "quit", "ESCAPED": "escaped", "ASCENDED": "ascended"}


class ChallengeEnv(NetHackScore):
    """NetHackScore with NetHackChallenge's settings and abort rule.

    NLE 1.3.0 asks ``_check_abort`` twice per step (before and after counting the step);
    the reference's NLE asks once, after. The rule is therefore evaluated once, on the
    first call of a step, as the reference would after counting it.
    """

    def __init__(self, no_progress_steps: int = NO_PROGRESS_STEPS) -> None:
        super().__init__(
            character="@", actions=nethack.ACTIONS, allow_all_yn_questions=True,
            allow_all_modes=True, penalty_mode="constant", penalty_step=0.0, penalty_time=0.0,
            max_episode_steps=MAX_ENV_STEPS, observation_keys=OBSERVATION_KEYS,
            fix_moon_phase=True, wizard=False,
        )
        self.no_progress_steps = no_progress_steps
        self._turns: int | None = None
        self.stalled_steps = 0
        self._fresh_step = False
        self._abort = False

    def reset(self, *args: Any, **kwargs: Any) -> Any:
        self._turns, self.stalled_steps, self._abort = None, 0, False
        return super().reset(*args, **kwargs)

    def step(self, action: int) -> Any:
        self._fresh_step = True
        return super().step(action)

    def _check_abort(self, observation: Any) -> bool:
        if self._fresh_step:
            self._fresh_step = False
            turns = int(observation[self._blstats_index][nethack.NLE_BL_TIME])
            if turns == self._turns:
                self.stalled_steps += 1
            else:
                self._turns, self.stalled_steps = turns, 0
            self._abort = (self._steps + 1 >= self._max_episode_steps
                           or self.stalled_steps >= self.no_progress_steps)
        return self._abort


class NetHackGame(NLEGame):
    """NetHack scored by the BALROG progression table (read from ``blstats`` after every
    step, never at reset)."""

    def __init__(self, *, vision: bool, options: NetHackOptions | None = None,
                 protocol: str = "reference") -> None:
        options = options or NetHackOptions()
        if options.actions == "reference":
            space, keys = reference_action_space(), REFERENCE_KEYS
        else:
            from .actions import KEYS, action_space

            space, keys = action_space("esc"), KEYS
        super().__init__(ChallengeEnv(options.no_progress_steps), action_space=space, keys=keys,
                         vision=vision, skip_more=options.skip_more, observation=options.observation)
        self.protocol = protocol
        self.tracker = ProgressionTracker()
        self.stats: dict[str, int] = {}
        self.max_depth = 0
        self.end_reason: str | None = None

    def _on_reset(self, obs: dict[str, Any]) -> None:
        self.tracker = ProgressionTracker()
        self.stats, self.max_depth, self.end_reason = {}, 0, None
        self._read_stats(obs)

    def _read_stats(self, obs: dict[str, Any]) -> None:
        b = obs["blstats"]
        depth = int(b[nethack.NLE_BL_DEPTH])
        if depth <= 0:  # the game is over: NLE zeroes the bottom line
            return
        self.stats = {
            "depth": depth,
            "experience_level": int(b[nethack.NLE_BL_XP]),
            "gold": int(b[nethack.NLE_BL_GOLD]),
            "score": int(b[nethack.NLE_BL_SCORE]),
            "turns": int(b[nethack.NLE_BL_TIME]),
        }
        self.max_depth = max(self.max_depth, depth)

    def _on_step(self, obs: dict[str, Any], reward: float, terminated: bool,
                 truncated: bool) -> tuple[bool, bool]:
        self._read_stats(obs)
        self.tracker.observe(obs["blstats"])
        status = self.last_info.get("end_status")
        if status == self.env.StepStatus.ABORTED:
            stalled = self.env.stalled_steps >= self.env.no_progress_steps
            self.end_reason = "no progress" if stalled else "step cap"
            return False, True
        if terminated:
            how = self.env.nethack.how_done()
            self.end_reason = _END_REASONS.get(getattr(how, "name", str(how)), "died")
        return terminated, truncated

    def instruction_prompt(self) -> str:
        if self.protocol == "extended":
            return extended_prompt(self.action_space)
        return reference_prompt()

    def progression(self) -> float:
        return self.tracker.percent

    def extras(self) -> dict[str, Any]:
        if self.unmapped_action is not None:
            end_reason = f"action {self.unmapped_action!r} has no key (the reference raises an error)"
        else:
            end_reason = self.end_reason or "step cap"
        return {
            "depth": self.stats.get("depth", 0),
            "max_depth": self.max_depth,
            "experience_level": self.stats.get("experience_level", 0),
            "gold": self.stats.get("gold", 0),
            "score": self.stats.get("score", 0),
            "turns": self.stats.get("turns", 0),
            "end_reason": end_reason,
            "seeds": list(self.seeds) if self.seeds else None,
        }
