"""The oracle: minigrid's BabyAIBot playing the live level, to check levels are solvable
and to give a ceiling for model scores."""

from __future__ import annotations

from balrog_core import Agent, AgentReply, ConfigError, TurnContext
from minigrid.core.actions import Actions
from minigrid.utils.baby_ai_bot import BabyAIBot

from .actions import ACTION_NAMES
from .env import BabyAIEnvironment

__all__ = ["BabyAIOracle"]

# The bot answers ``done`` only when it believes the mission finished. Dropping with a
# blocked front cell or empty hands changes nothing, and the step lets the verifier look
# at the finished state again.
_DONE_STANDIN = "drop"


class BabyAIOracle(Agent):
    """Asks the bot for one action per turn; the bot keeps its plan across turns, so one
    oracle serves one episode (the core builds a fresh agent for each)."""

    def __init__(self) -> None:
        self._bot: BabyAIBot | None = None

    async def act(self, turn: TurnContext) -> AgentReply:
        env = turn.env
        if not isinstance(env, BabyAIEnvironment):
            raise ConfigError(
                f"the babyai oracle cannot play {type(env).__name__}; run it with --env babyai"
            )
        if self._bot is None:
            self._bot = BabyAIBot(env.level)
        suggestion = Actions(self._bot.replan())
        action = ACTION_NAMES.get(suggestion, _DONE_STANDIN)
        return AgentReply(text=action, action=action, rule="oracle")
