"""The ``walkthrough`` oracle: plays the game's own solution, to check that every game of
the table is winnable within the step cap and that the whole pipeline scores a win as 100."""

from __future__ import annotations

import attrs

from balrog_core import Agent, AgentReply, TurnContext

from .env import TextWorldEnv

__all__ = ["WalkthroughAgent", "WalkthroughOptions"]


@attrs.frozen
class WalkthroughOptions:
    """``follow``: ``policy`` (default) plays the first command of the game's winning policy
    from the current state, recomputed each turn, so it takes the shortest known route;
    ``walkthrough`` replays the walkthrough stored in the game, command by command."""

    follow: str = attrs.field(default="policy", validator=attrs.validators.in_(("policy", "walkthrough")))


class WalkthroughAgent(Agent):
    """Needs the live TextWorld environment (``turn.env``); no model."""

    def __init__(self, follow: str = "policy") -> None:
        self.follow = follow

    async def act(self, turn: TurnContext) -> AgentReply:
        env = turn.env
        if not isinstance(env, TextWorldEnv):
            raise TypeError(f"the walkthrough agent plays textworld games only, got {type(env).__name__}")
        if self.follow == "walkthrough":
            commands = env.walkthrough()[turn.step:]
        else:
            commands = env.solution() or env.walkthrough()[turn.step:]
        command = commands[0] if commands else env.action_space.default
        return AgentReply(text=command, action=command, rule="oracle")
