"""The actions a game accepts, as the agent is told about them."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["ActionSpace"]


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
