"""One NLE-based game (NetHack or a MiniHack task) as a balrog ``Environment``.

Shared by both registered envs: named actions mapped to NLE keys, seeding of NetHack's
RNGs, BALROG's ``--More--`` handling, and the observation texts (``layout.py``) with, in
vision mode, the glyph map drawn in NetHack's tiles.

``--More--`` as the reference's AutoMore wrapper does it: after an action, while the
wrapper's message holds ``--More--`` and the game goes on, the marker becomes ``\\n``,
``more`` is pressed (an env step: it counts toward NLE's step and no-progress limits), the
next message is appended and rewards add up. Nothing is pressed at reset.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from balrog_core import ActionSpace, Environment, Observation, StepOutcome
from nle import nethack

from .language import text_message
from .layout import observation_texts
from .render import render_glyphs, render_tty
from .seeding import nethack_seeds

__all__ = ["NLEGame", "OBSERVATION_KEYS", "MORE_MARKER"]

OBSERVATION_KEYS = (
    "glyphs", "chars", "colors", "blstats", "message", "inv_strs", "inv_letters",
    "screen_descriptions", "tty_chars", "tty_colors", "tty_cursor",
)
MORE_MARKER = "--More--"
# A safety net only: NLE's own step limits end a game long before this many presses.
_MAX_MORE_PRESSES = 100_000


class NLEGame(Environment):
    """A gymnasium NLE environment (unwrapped) played through named actions.

    ``keys`` maps each action name to an NLE key; ``None`` marks a name the reference
    accepts but cannot send (NetHack's two-digit strings): playing it ends the episode.
    Subclasses say how the game scores (``progression``) and what the record keeps
    (``extras``) through ``_on_reset`` / ``_on_step``.
    """

    def __init__(self, env: Any, *, action_space: ActionSpace, keys: Mapping[str, int | None],
                 vision: bool, skip_more: bool, observation: str = "reference") -> None:
        self.env = env
        self.action_space = action_space
        self.keys = dict(keys)
        self.vision = vision
        self.skip_more = skip_more
        self.observation_style = observation
        self._indices: dict[int, int] = {}
        for index, key in enumerate(env.actions):
            self._indices.setdefault(int(key), index)
        self.last_obs: dict[str, Any] | None = None
        self.last_message = ""
        self.done = False
        self.seeds: tuple[int, int] | None = None
        self.last_info: dict[str, Any] = {}
        self.unmapped_action: str | None = None

    # --- the balrog contract ---

    def reset(self, seed: int) -> Observation:
        self.seeds = nethack_seeds(seed)
        self.env.seed(*self.seeds, reseed=False)
        obs, self.last_info = self.env.reset()
        self.done = False
        self.unmapped_action = None
        self.last_obs, self.last_message = obs, text_message(obs["tty_chars"])
        self._on_reset(obs)
        return self._observation(obs, self.last_message)

    def step(self, action: str) -> StepOutcome:
        if self.done:
            raise RuntimeError("the episode is over; reset before stepping again")
        key = self.keys[action]
        if key is None:
            self.unmapped_action, self.done = action, True
            return StepOutcome(self._observation(self.last_obs, self.last_message), terminated=True)
        obs, reward, terminated, truncated = self._press(key)
        message = text_message(obs["tty_chars"])
        presses = 0
        while self.skip_more and MORE_MARKER in message and not (terminated or truncated):
            if presses == _MAX_MORE_PRESSES:
                break
            message = message.replace(MORE_MARKER, "\n")
            obs, gained, terminated, truncated = self._press(int(nethack.MiscAction.MORE))
            message += text_message(obs["tty_chars"])
            reward += gained
            presses += 1
        self.last_obs, self.last_message = obs, message
        terminated, truncated = self._on_step(obs, reward, terminated, truncated)
        self.done = terminated or truncated
        return StepOutcome(self._observation(obs, message), reward=reward,
                           terminated=terminated, truncated=truncated)

    def close(self) -> None:
        self.env.close()

    # --- hooks for the two games ---

    def _on_reset(self, obs: dict[str, Any]) -> None:
        """Start tracking an episode."""

    def _on_step(self, obs: dict[str, Any], reward: float, terminated: bool,
                 truncated: bool) -> tuple[bool, bool]:
        """Track the step; may end the episode."""
        return terminated, truncated

    # --- mechanics ---

    def _press(self, key: int) -> tuple[dict[str, Any], float, bool, bool]:
        obs, reward, terminated, truncated, self.last_info = self.env.step(self._indices[key])
        return obs, float(reward), bool(terminated), bool(truncated)

    def _observation(self, obs: dict[str, Any], message: str) -> Observation:
        if self.observation_style == "extended":
            from .rich_observation import language_observation

            image = render_tty(obs["tty_chars"], obs["tty_colors"]) if self.vision else None
            return Observation(language_observation(obs, [message], include_map=not self.vision), image)
        image = render_glyphs(obs["glyphs"], self.env.nethack) if self.vision else None
        long_term, short_term = observation_texts(obs, message, vision=self.vision)
        return Observation(long_term, image, short_term=short_term)
