"""The environment contract: what a game plugin implements and registers, and what a game
shows (``Observation``) and accepts (``ActionSpace``) at each step.

One ``Environment`` instance plays one episode. The core calls it from worker threads, never
from the event loop, so implementations may block freely.
"""

from __future__ import annotations

import abc
import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

__all__ = ["ActionSpace", "Observation", "png_bytes", "Environment", "EnvSpec", "TaskSpec", "StepOutcome", "EnvSettings"]


def _check_default(instance: "ActionSpace", attribute: attrs.Attribute, value: str) -> None:
    if not instance.free_text and value not in instance.actions:
        raise ValueError(f"default action {value!r} is not one of {list(instance.actions)}")


@attrs.frozen
class ActionSpace:
    """Named actions with descriptions, and the action played when the agent's output
    holds none.

    ``free_text`` games (TextWorld) accept any command; their ``actions`` then list the
    command verbs for the prompt rather than a closed set.
    """

    actions: Mapping[str, str] = attrs.field(converter=lambda m: dict(m))
    default: str = attrs.field(validator=_check_default)
    free_text: bool = False

    @property
    def names(self) -> list[str]:
        return list(self.actions)

    def describe(self) -> str:
        """One line per action, ``name: description``, for instruction prompts."""
        return "\n".join(
            f"{name}: {text}" if text else name for name, text in self.actions.items()
        )


@attrs.frozen
class Observation:
    """One step's view of the game.

    ``text`` is the language observation every agent receives, the part that stays in the
    prompt's history (the reference's "long-term" text). ``short_term`` is shown on the
    current turn only, before ``text`` (vitals, inventory: facts that later turns would only
    repeat stale). ``image`` is an ``(H, W, 3)`` uint8 array, present only when the
    environment runs in vision mode, so text-only runs never pay for rendering.
    """

    text: str
    image: Any = None
    short_term: str = ""


def png_bytes(image: Any) -> bytes:
    """Encode an ``(H, W, 3)`` uint8 array as PNG: the one image format clients, traces and
    reports share."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return buffer.getvalue()


@attrs.frozen
class StepOutcome:
    """The result of playing one action."""

    observation: Observation
    reward: float = 0.0
    terminated: bool = False
    truncated: bool = False


@attrs.frozen
class EnvSettings:
    """How the run wants an environment built: ``vision`` asks for images in observations;
    ``options`` is the plugin's own options object (its ``EnvSpec.options`` class), or
    ``None`` when the plugin declares none; ``episode`` is the episode's index within its
    task, for games whose protocol ties content to it (TextWorld plays game index mod 25);
    ``protocol`` is the run's protocol: ``"reference"`` (what the BALROG harness shows a
    model, the default) or ``"extended"`` (the project's richer prompts, an opt-in)."""

    vision: bool = False
    options: Any = None
    episode: int = 0
    protocol: str = "reference"


class Environment(abc.ABC):
    """One episode of one task of a game.

    Lifecycle: ``reset(seed)`` once, then ``step(action)`` until an outcome is terminated or
    truncated or the run's step cap is reached, then ``progression()``, ``extras()`` and
    ``close()``.
    """

    action_space: ActionSpace

    @abc.abstractmethod
    def reset(self, seed: int) -> Observation:
        """Start the episode; the same seed must give the same game."""

    @abc.abstractmethod
    def step(self, action: str) -> StepOutcome:
        """Play ``action``, a name from ``action_space`` (any command if free text)."""

    @abc.abstractmethod
    def instruction_prompt(self) -> str:
        """The rules, the goal and the action list, as the agent's system prompt.

        Called after ``reset`` because goals (BabyAI's mission) depend on the episode.
        """

    @abc.abstractmethod
    def progression(self) -> float:
        """Progress so far on the 0–100 scale of the BALROG protocol."""

    def extras(self) -> dict[str, Any]:
        """Game-specific facts for the episode record (depth, achievements, ...)."""
        return {}

    def close(self) -> None:
        """Release native resources."""


@attrs.frozen
class TaskSpec:
    """A task and its protocol defaults: episodes per task and the step cap."""

    name: str
    episodes: int
    max_steps: int
    description: str = ""


@attrs.frozen
class EnvSpec:
    """A game as registered by a plugin through ``register_envs``.

    ``factory(task, settings)`` builds a fresh ``Environment`` for one episode.
    ``options`` is an attrs class whose fields are the plugin's ``-o env.NAME.KEY=VALUE``
    options; the core converts and validates them before calling the factory.
    """

    name: str
    tasks: Sequence[TaskSpec] = attrs.field(converter=tuple)
    factory: Callable[[str, EnvSettings], Environment]
    description: str = ""
    options: type | None = None
    vision: bool = True

    def task(self, name: str) -> TaskSpec:
        from .errors import UnknownNameError

        for task in self.tasks:
            if task.name == name:
                return task
        raise UnknownNameError(f"{self.name} task", name, [t.name for t in self.tasks])
