"""Which past turns keep their reasoning in the prompt.

Reasoning is long: replaying every past chain of thought would multiply the prompt by the
history window. The agent stores its whole answer as the turn's memory and, when it builds
the next prompt, keeps the reasoning of only the most recent turns; older turns are shown
as the action that was played, in the agent's own answer format.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from balrog_core import TurnContext

__all__ = ["keep_recent_reasoning"]


def keep_recent_reasoning(
    turn: TurnContext, keep: int, action_only: Callable[[str], str]
) -> TurnContext:
    """``turn`` with every past turn but the last ``keep`` reduced to ``action_only(action)``.

    The protocol's history window is still applied afterwards by ``build_messages``, so
    ``keep`` counts turns back from the present whatever the window.
    """
    history = list(turn.history)
    cut = max(len(history) - keep, 0)
    compact = [attrs.evolve(past, reply=action_only(past.action)) for past in history[:cut]]
    return attrs.evolve(turn, history=tuple(compact + history[cut:]))
