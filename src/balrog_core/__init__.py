"""balrog: benchmark LLM and VLM agents on long-horizon games.

The public API for plugin authors: the specs to register, the contracts to implement, and
the helpers every agent shares (message building, action parsing).
"""

from .actions import ActionSpace
from .agent import Agent, AgentReply, AgentSetup, AgentSpec, PastTurn, PromptSettings, TurnContext
from .client import Client, ClientSettings, ClientSpec, Completion, Message
from .environment import Environment, EnvSettings, EnvSpec, StepOutcome, TaskSpec
from .episode import EpisodePlan, invalid_feedback
from .errors import BalrogError, ConfigError, MissingCredentialsError, UnknownNameError
from .hookspecs import hookimpl, hookspec
from .observation import Observation, png_bytes
from .parsing import ParsedAction, extract_delimited, extract_marked, parse_action
from .prompting import build_messages, merge_same_roles
from .records import EpisodeKey, EpisodeRecord
from .runner import RunInfo
from .scoring import ScorerSpec
from .seeds import episode_seed
from .statistics import mean_se

__all__ = [
    "ActionSpace",
    "Agent",
    "AgentReply",
    "AgentSetup",
    "AgentSpec",
    "BalrogError",
    "Client",
    "ClientSettings",
    "ClientSpec",
    "Completion",
    "ConfigError",
    "EnvSettings",
    "EnvSpec",
    "Environment",
    "EpisodeKey",
    "EpisodePlan",
    "EpisodeRecord",
    "Message",
    "MissingCredentialsError",
    "Observation",
    "ParsedAction",
    "PastTurn",
    "PromptSettings",
    "RunInfo",
    "ScorerSpec",
    "StepOutcome",
    "TaskSpec",
    "TurnContext",
    "UnknownNameError",
    "build_messages",
    "episode_seed",
    "extract_delimited",
    "extract_marked",
    "hookimpl",
    "hookspec",
    "invalid_feedback",
    "mean_se",
    "merge_same_roles",
    "parse_action",
    "png_bytes",
]
