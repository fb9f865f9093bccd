"""The full game: NetHackChallenge-v0 as BALROG plays it.

``NetHackChallenge`` refuses seed changes, so the env is built as its documented
equivalent: ``NetHackScore`` with the challenge's settings (random character ``@``, the
full keyboard action set, y/n questions and menus left to the agent, no time penalty,
wizard mode off) and NetHack's default options. Seeds are then set with
``env.seed(core, disp, reseed=False)``, and ``fix_moon_phase`` makes moon phase and
Friday-13th luck follow the seed instead of the wall clock.
"""

from __future__ import annotations

from typing import Any

from nle import nethack
from nle.env.tasks import NetHackScore

from .game import OBSERVATION_KEYS, NLEGame
from .tasks import CHALLENGE_TASK, NO_PROGRESS_STEPS, NetHackOptions
from .progression import ProgressionTracker

__all__ = ["NetHackOptions", "NetHackGame", "make_challenge_env", "NO_PROGRESS_STEPS", "CHALLENGE_TASK"]

_END_REASONS = {"QUIT": "quit", "ESCAPED": "escaped", "ASCENDED": "ascended"}


def make_challenge_env() -> NetHackScore:
    return NetHackScore(
        character="@",
        actions=nethack.ACTIONS,
        allow_all_yn_questions=True,
        allow_all_modes=True,
        penalty_step=0.0,
        penalty_time=0.0,
        max_episode_steps=10**9,
        observation_keys=OBSERVATION_KEYS,
        fix_moon_phase=True,
    )


class NetHackGame(NLEGame):
    """NetHack scored by the BALROG progression table.

    No progress: the in-game turn counter, depth, experience level and score all unchanged
    for ``no_progress_steps`` consecutive steps (menus, prompts, bumping into walls)
    truncates the episode.
    """

    def __init__(self, *, vision: bool, options: NetHackOptions | None = None) -> None:
        options = options or NetHackOptions()
        super().__init__(make_challenge_env(), default_action="esc", vision=vision,
                         skip_more=options.skip_more)
        self.no_progress_steps = options.no_progress_steps
        self.tracker = ProgressionTracker()
        self.stats: dict[str, int] = {}
        self.max_depth = 0
        self.end_reason: str | None = None
        self._signature: tuple[int, ...] | None = None
        self._stalled = 0

    def _on_reset(self, obs: dict[str, Any]) -> None:
        self.tracker = ProgressionTracker()
        self.max_depth = 0
        self.end_reason = None
        self._stalled = 0
        self._signature = None
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
        self.tracker.observe(b)

    def _on_step(self, obs: dict[str, Any], reward: float, terminated: bool,
                 truncated: bool) -> tuple[bool, bool]:
        self._read_stats(obs)
        if terminated:
            how = self.env.nethack.how_done()
            name = getattr(how, "name", str(how))
            self.end_reason = _END_REASONS.get(name, "died")
            return terminated, truncated
        signature = tuple(self.stats.get(k, 0) for k in ("turns", "depth", "experience_level", "score"))
        self._stalled = self._stalled + 1 if signature == self._signature else 0
        self._signature = signature
        if self._stalled >= self.no_progress_steps:
            self.end_reason = "no progress"
            return terminated, True
        return terminated, truncated

    def instruction_prompt(self) -> str:
        return (
            "You are playing NetHack, a roguelike dungeon crawl. Your goal is to descend as "
            "deep into the dungeon and gain as many experience levels as you can; your score "
            "is how far you get (deeper levels and higher experience levels count), so stay "
            "alive while you go down.\n\n"
            "Each turn you get the latest message, the monsters, objects and dungeon features "
            "around you (with a compass direction and a distance: adjacent, very near, near, "
            "far), your status, inventory and the map (@ is you, > a staircase down).\n"
            "Tips: walk onto > and use 'down' to descend; move into a monster to attack it; "
            "'esc' cancels prompts; answer prompts with letters or digits; pray when your HP "
            "is very low (not too often).\n\n"
            "Actions (answer with exactly one name):\n" + self.action_space.describe()
        )

    def progression(self) -> float:
        return self.tracker.percent

    def extras(self) -> dict[str, Any]:
        return {
            "depth": self.stats.get("depth", 0),
            "max_depth": self.max_depth,
            "experience_level": self.stats.get("experience_level", 0),
            "gold": self.stats.get("gold", 0),
            "score": self.stats.get("score", 0),
            "turns": self.stats.get("turns", 0),
            "end_reason": self.end_reason or "step cap",
            "seeds": list(self.seeds) if self.seeds else None,
        }
