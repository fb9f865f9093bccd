"""One NLE-based game (NetHack or a MiniHack task) as a balrog ``Environment``.

Shared by both registered envs: named actions mapped to NLE key codes, seeding of
NetHack's RNGs, automatic "--More--" dismissal (keeping the messages), and the language
observation with an optional image of the terminal.
"""

from __future__ import annotations

from typing import Any

from balrog_core import Environment, Observation, StepOutcome

from .actions import action_space, key_of
from .language import decode, language_observation
from .render import render_tty
from .seeding import nethack_seeds

__all__ = ["NLEGame", "OBSERVATION_KEYS", "MORE_MARKER", "MAX_MORE_PRESSES"]

OBSERVATION_KEYS = (
    "glyphs", "chars", "colors", "blstats", "message", "inv_strs", "inv_letters",
    "screen_descriptions", "tty_chars", "tty_colors", "tty_cursor",
)
MORE_MARKER = b"--More--"
MAX_MORE_PRESSES = 30


class NLEGame(Environment):
    """A gymnasium NLE environment (unwrapped) played through the action vocabulary.

    Subclasses say how the game scores (``progression``) and what the record keeps
    (``extras``) by overriding ``_observe_outcome``.
    """

    def __init__(self, env: Any, *, default_action: str, vision: bool, skip_more: bool) -> None:
        self.env = env
        self.action_space = action_space(default_action)
        self.vision = vision
        self.skip_more = skip_more
        self._indices: dict[int, int] = {}
        for index, key in enumerate(env.actions):
            self._indices.setdefault(int(key), index)
        self.last_obs: dict[str, Any] | None = None
        self.done = False
        self.seeds: tuple[int, int] | None = None
        self.last_info: dict[str, Any] = {}

    # --- the balrog contract ---

    def reset(self, seed: int) -> Observation:
        self.seeds = nethack_seeds(seed)
        self.env.seed(*self.seeds, reseed=False)
        obs, self.last_info = self.env.reset()
        self.done = False
        messages = [decode(obs["message"])]
        obs, _, _, _ = self._dismiss_more(obs, messages)
        self.last_obs = obs
        self._on_reset(obs)
        return self._observation(obs, messages)

    def step(self, action: str) -> StepOutcome:
        if self.done:
            raise RuntimeError("the episode is over; reset before stepping again")
        obs, reward, terminated, truncated = self._press(key_of(action))
        messages = [decode(obs["message"])]
        if not (terminated or truncated):
            obs, extra, terminated, truncated = self._dismiss_more(obs, messages)
            reward += extra
        self.last_obs = obs
        if terminated and not any(messages):
            messages.append("The game is over.")
        terminated, truncated = self._on_step(obs, reward, terminated, truncated)
        self.done = terminated or truncated
        return StepOutcome(self._observation(obs, messages), reward=reward,
                           terminated=terminated, truncated=truncated)

    def close(self) -> None:
        self.env.close()

    # --- hooks for the two games ---

    def _on_reset(self, obs: dict[str, Any]) -> None:
        """Start tracking an episode."""

    def _on_step(self, obs: dict[str, Any], reward: float, terminated: bool,
                 truncated: bool) -> tuple[bool, bool]:
        """Track the step; may end the episode (NetHack's no-progress rule)."""
        return terminated, truncated

    # --- mechanics ---

    def _press(self, key: int) -> tuple[dict[str, Any], float, bool, bool]:
        obs, reward, terminated, truncated, self.last_info = self.env.step(self._indices[key])
        return obs, float(reward), bool(terminated), bool(truncated)

    def _dismiss_more(self, obs: dict[str, Any], messages: list[str]) -> tuple[dict[str, Any], float, bool, bool]:
        """Press Enter while the terminal shows --More--, collecting each new message."""
        reward, terminated, truncated = 0.0, False, False
        if not self.skip_more:
            return obs, reward, terminated, truncated
        for _ in range(MAX_MORE_PRESSES):
            if MORE_MARKER not in obs["tty_chars"].tobytes():
                break
            obs, gained, terminated, truncated = self._press(int(key_of("more")))
            reward += gained
            message = decode(obs["message"])
            if message and message != messages[-1]:
                messages.append(message)
            if terminated or truncated:
                break
        return obs, reward, terminated, truncated

    def _observation(self, obs: dict[str, Any], messages: list[str]) -> Observation:
        text = language_observation(obs, messages, include_map=not self.vision)
        image = render_tty(obs["tty_chars"], obs["tty_colors"]) if self.vision else None
        return Observation(text, image)
