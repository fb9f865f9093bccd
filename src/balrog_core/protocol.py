"""The protocol a run follows, by name and version, and every way a run departs from it.

The default, ``reference``, reproduces what the BALROG harness (balrog-ai/BALROG at
``af7d1f1``, the code behind the published leaderboard) shows a model and how it reads and
scores the answers, so a score can sit next to the published ones. Each opt-in that changes
what the model sees or how it is scored is named in ``run.json`` → ``protocol_deviations``;
reports and comparisons repeat those lines.

Where this project differs from the reference without changing what a model sees —
episode seeds derived from the run's seed, TextWorld's game i mod 25, sample standard
deviations, failed episodes reported rather than dropped — nothing is listed: those are
the harness's improvements, stated in the README.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .config import RunConfig
from .environment import EnvSettings

__all__ = ["PROTOCOL", "REFERENCE_SAMPLING", "protocol_deviations"]

PROTOCOL: dict[str, Any] = {
    "name": "reference",
    "version": 1,
    "reproduces": "balrog-ai/BALROG@af7d1f1",
}
# The reference's sampling: temperature 1.0, up to 8192 new tokens, nothing else set.
REFERENCE_SAMPLING = {"temperature": 1.0, "max_tokens": 8192}
REFERENCE_HISTORY = 16


def _declared(options: Any) -> list[str]:
    """What a plugin's options object says about itself: an options class may define
    ``protocol_deviations()`` listing its non-default choices that change what the model
    sees or how it is scored."""
    own = getattr(options, "protocol_deviations", None)
    return list(own()) if callable(own) else []


def protocol_deviations(
    config: RunConfig,
    env_settings: Mapping[str, EnvSettings] | None = None,
    agent_options: Any = None,
) -> list[str]:
    """One line per setting that makes this run's model see or be scored differently from
    the reference protocol; empty for a comparable run."""
    deviations = []
    if config.protocol != "reference":
        deviations.append(f"protocol {config.protocol!r}: richer instruction prompts than the reference's")
    if config.parse != "reference":
        deviations.append(f"parse {config.parse!r}: answers read leniently (reference: exact action names)")
    if config.constrain_actions:
        deviations.append("constrained decoding: output restricted to the action list")
    for name, reference in REFERENCE_SAMPLING.items():
        value = getattr(config, name)
        if value != reference:
            deviations.append(f"{name} {value} (reference: {reference})")
    if config.history != REFERENCE_HISTORY:
        deviations.append(f"history window of {config.history} observations (reference: {REFERENCE_HISTORY})")
    if config.vision and config.image_history:
        deviations.append(f"{config.image_history} past images in the prompt (reference: the current image only)")
    if config.merge_roles:
        deviations.append("consecutive same-role messages merged (the reference's alternate_roles option)")
    if config.episodes is not None:
        deviations.append(f"{config.episodes} episodes per task (reference: per-task defaults)")
    if config.max_steps is not None:
        deviations.append(f"step cap {config.max_steps} (reference: per-task defaults)")
    deviations.extend(f"agent {config.agent}: {line}" for line in _declared(agent_options))
    for env, settings in (env_settings or {}).items():
        deviations.extend(f"{env}: {line}" for line in _declared(settings.options))
    return deviations


def _env_options(config: RunConfig, env: str) -> Any:
    from .options import build_options
    from .registry import get_registry

    spec = get_registry().env(env)
    return build_options(spec.options, config.options_for(f"env.{env}"), f"env.{env}")


def _first_prompt(config: RunConfig, env: str, task: str, options: Any) -> dict[str, Any]:
    """Build one real episode of ``env``/``task`` (episode 0 of this config) and return
    what the model sees at its first step under the naive agent."""
    from .agent import PromptSettings, TurnContext
    from .builtin.agents import NAIVE_FORMAT
    from .prompting import build_messages
    from .registry import get_registry
    from .episode import episode_seed

    spec = get_registry().env(env)
    game = spec.factory(task, EnvSettings(vision=config.vision, options=options, protocol=config.protocol))
    try:
        observation = game.reset(episode_seed(config.seed, env, task, 0))
        instruction = game.instruction_prompt()
        space = game.action_space
        turn = TurnContext(
            instruction=instruction, observation=observation, history=(), action_space=space,
            step=0, settings=PromptSettings.of_run(config),
        )
        messages = build_messages(turn, NAIVE_FORMAT)
    finally:
        game.close()
    return {
        "env": env, "task": task, "max_steps": spec.task(task).max_steps,
        "episodes": spec.task(task).episodes, "instruction_chars": len(instruction),
        "actions": space.names, "free_text": space.free_text, "default_action": space.default,
        "messages": [{"role": m.role, "text": m.text, "images": len(m.images)} for m in messages],
    }


def describe_protocol(config: RunConfig, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """The protocol in force for ``config``: its identity, the chat layout and parsing
    rules, sampling, deviations, and for each ``(env, task)`` the instruction, actions,
    default action and the first prompt exactly as a model would receive it."""
    from .prompting import CURRENT_MARKER, PAST_MARKER, invalid_feedback

    options = {env: _env_options(config, env) for env in config.envs}
    return {
        "protocol": PROTOCOL if config.protocol == "reference" else {"name": config.protocol},
        "chat": {
            "instruction": "first message, role user",
            "history": f"{config.history} observations counting the current one; answers as assistant messages",
            "current_marker": CURRENT_MARKER, "past_marker": PAST_MARKER,
            "invalid_feedback": "in front of the next observation: " + repr(invalid_feedback("{default}")),
        },
        "parse": config.parse,
        "sampling": {"temperature": config.temperature, "max_tokens": config.max_tokens},
        "protocol_deviations": protocol_deviations(
            config, {env: EnvSettings(options=value) for env, value in options.items()}),
        "tasks": [_first_prompt(config, env, task, options[env]) for env, task in pairs],
    }
