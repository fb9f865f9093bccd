"""balrog: benchmark LLM and VLM agents on long-horizon games.

The names an environment, agent, client or scorer author needs. Everything is imported on
first use (PEP 562), so a plugin that imports ``EnvSpec`` loads neither the run machinery
nor the command line. Further public modules, each documented in ``docs/plugins.md``:
``balrog_core.parsing`` (reading answers), ``balrog_core.retrying`` (clients of real
endpoints), ``balrog_core.harness`` (runs, executors and results) and
``balrog_core.testing`` (test helpers).
"""

from typing import Any

from .plugins import lazy_exports

_tier, __all__ = lazy_exports(__name__, {
    # writing a plugin
    "hookimpl": ".hookspecs",
    "lazy_exports": ".plugins",
    "BalrogError": ".errors",
    "ConfigError": ".errors",
    "UnknownNameError": ".errors",
    # environments
    "EnvSpec": ".environment",
    "TaskSpec": ".environment",
    "EnvSettings": ".environment",
    "Environment": ".environment",
    "StepOutcome": ".environment",
    "Observation": ".environment",
    "ActionSpace": ".environment",
    # agents
    "AgentSpec": ".agent",
    "AgentSettings": ".agent",
    "Agent": ".agent",
    "AgentReply": ".agent",
    "TurnContext": ".agent",
    "PastTurn": ".agent",
    "PromptSettings": ".agent",
    "build_messages": ".prompting",
    "merge_same_roles": ".prompting",
    "read_action": ".parsing",
    "NAIVE_FORMAT": ".builtin.agents",
    # model clients
    "ClientSpec": ".client",
    "ClientSettings": ".client",
    "Client": ".client",
    "Completion": ".client",
    "Message": ".client",
    "to_chat_messages": ".client",
    "complete_with_retries": ".retrying",
    "TransientModelError": ".retrying",
    "MissingCredentialsError": ".errors",
    # scorers
    "ScorerSpec": ".scoring",
    "EpisodeRecord": ".records",
    "mean_se": ".scoring",
})

# Earlier import paths of helpers whose documented home is now another module; they stay
# importable from here, outside the author tier.
_ELSEWHERE = {
    "extract_delimited": ".parsing",
    "extract_marked": ".parsing",
    "letters_only": ".parsing",
    "parse_action": ".parsing",
    "ParsedAction": ".parsing",
    "invalid_feedback": ".prompting",
}
_elsewhere, _ = lazy_exports(__name__, _ELSEWHERE)


def __getattr__(name: str) -> Any:
    return _elsewhere(name) if name in _ELSEWHERE else _tier(name)
