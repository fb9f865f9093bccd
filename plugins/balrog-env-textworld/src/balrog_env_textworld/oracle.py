"""The ``walkthrough`` oracle: plays the game's own solution, to check that every game of
the table is winnable within the step cap and that the whole pipeline scores a win as 100."""

from __future__ import annotations

import attrs

from balrog_core import Agent, AgentReply, ConfigError, TurnContext

__all__ = ["WalkthroughAgent", "WalkthroughOptions", "FOLLOW_MODES"]

FOLLOW_MODES = ("policy", "walkthrough")


@attrs.frozen
class WalkthroughOptions:
    """``follow``: ``policy`` (default) plays the first command of the game's winning policy
    from the current state, recomputed each turn, so it takes the shortest known route;
    ``walkthrough`` replays the walkthrough stored in the game, command by command."""

    follow: str = "policy"


class WalkthroughAgent(Agent):
    """Needs the live TextWorld environment (``turn.env``); no model."""

    def __init__(self, follow: str = "policy") -> None:
        if follow not in FOLLOW_MODES:
            raise ConfigError(f"option agent.follow={follow!r}: use one of {', '.join(FOLLOW_MODES)}")
        self.follow = follow

    async def act(self, turn: TurnContext) -> AgentReply:
        from .env import TextWorldEnv  # textworld itself loads only when a game is played

        env = turn.env
        if not isinstance(env, TextWorldEnv):
            raise TypeError(f"the walkthrough agent plays textworld games only, got {type(env).__name__}")
        if self.follow == "walkthrough":
            commands = env.walkthrough()[turn.step:]
        else:
            commands = env.solution() or env.walkthrough()[turn.step:]
        command = commands[0] if commands else env.action_space.default
        return AgentReply(text=command, action=command, rule="oracle")
