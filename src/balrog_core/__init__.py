"""balrog: benchmark LLM and VLM agents on long-horizon games.

The public API for plugin authors: the specs to register, the contracts to implement, and
the helpers every agent shares (message building, action parsing).
"""

from .actions import ActionSpace
from .config import RunConfig, config_from_json, config_to_json
from .builtin.agents import NAIVE_FORMAT
from .agent import Agent, AgentReply, AgentSetup, AgentSpec, PastTurn, PromptSettings, TurnContext
from .chat import image_part, to_chat_messages
from .client import Client, ClientSettings, ClientSpec, Completion, Message
from .environment import Environment, EnvSettings, EnvSpec, StepOutcome, TaskSpec
from .episode import EpisodePlan
from .executor import Assignment, Executor, ExecutorSettings, ExecutorSpec
from .errors import BalrogError, ConfigError, MissingCredentialsError, UnknownNameError
from .hookspecs import hookimpl, hookspec
from .lazy import lazy_exports
from .observation import Observation, png_bytes
from .placement import Placement, PublishedScore, is_comparable, place_run, published_source, published_table
from .parsing import ParsedAction, extract_delimited, extract_marked, letters_only, parse_action, read_action
from .prompting import build_messages, invalid_feedback, merge_same_roles
from .records import EpisodeKey, EpisodeRecord, record_from_json, record_to_json
from .results import RunDirectory, write_atomic
from .retrying import (
    ModelUnavailableError, ModelUnreachableError, TransientModelError, check_backoff, complete_with_retries,
    is_unreachable, one_line,
)
from .player import serve_plans
from .run import Run, RunMeta
from .scoring import ScorerSpec
from .seeds import episode_seed
from .statistics import mean_se
from .trace import read_trace

__all__ = [
    "ActionSpace",
    "NAIVE_FORMAT",
    "Agent",
    "Assignment",
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
    "Executor",
    "ExecutorSettings",
    "ExecutorSpec",
    "Message",
    "MissingCredentialsError",
    "ModelUnavailableError",
    "ModelUnreachableError",
    "Observation",
    "ParsedAction",
    "PastTurn",
    "PromptSettings",
    "RunConfig",
    "RunDirectory",
    "Run",
    "RunMeta",
    "ScorerSpec",
    "StepOutcome",
    "TaskSpec",
    "TransientModelError",
    "TurnContext",
    "UnknownNameError",
    "build_messages",
    "check_backoff",
    "complete_with_retries",
    "config_from_json",
    "config_to_json",
    "episode_seed",
    "extract_delimited",
    "extract_marked",
    "hookimpl",
    "hookspec",
    "image_part",
    "invalid_feedback",
    "is_unreachable",
    "lazy_exports",
    "letters_only",
    "mean_se",
    "merge_same_roles",
    "one_line",
    "parse_action",
    "png_bytes",
    "read_action",
    "read_trace",
    "record_from_json",
    "record_to_json",
    "serve_plans",
    "to_chat_messages",
    "write_atomic",
    "Placement",
    "PublishedScore",
    "is_comparable",
    "place_run",
    "published_source",
    "published_table",
]
