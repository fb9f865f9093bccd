"""Resolve a run: every check that can fail, and the episode plans, in one pure step.

``resolve(config, registry)`` looks up every name (envs, tasks, agent, client, scorer,
executor), builds every plugin's options, checks vision and constrained decoding, and
computes the plans once. It builds no client and touches no disk, so a typo costs
nothing; ``resumed_config`` holds the rules for what a resumed run may change.
"""

from __future__ import annotations

from typing import Any

import attrs

from .agent import AgentSettings, AgentSpec
from .client import ClientSettings, ClientSpec
from .config import RunConfig, config_from_json
from .environment import EnvSettings
from .episode import EpisodePlan
from .errors import ConfigError, UnknownNameError
from .executor import ExecutorSettings, ExecutorSpec
from .options import build_options
from .protocol import protocol_deviations
from .registry import Registry
from .scoring import ScorerSpec
from .episode import episode_seed

__all__ = ["ResolvedRun", "resolve", "selected_tasks", "default_client", "resumed_config", "RESUMABLE"]

# Settings a resumed run may change without changing which episodes it plays.
RESUMABLE = ("concurrency", "timeout", "max_retries", "max_cost", "executor", "workers")


@attrs.frozen
class ResolvedRun:
    """A run's config with every name looked up and every option built.

    ``config.client`` names the client actually used (chosen when ``--client`` was not
    given); ``client`` and ``client_settings`` are ``None`` when the agent needs no model.
    ``notes`` are lines to show the user about choices made for them.
    """

    config: RunConfig
    plans: tuple[EpisodePlan, ...]
    agent_specs: dict[str, AgentSpec]
    agent_options: Any
    env_settings: dict[str, EnvSettings]
    client: ClientSpec | None
    client_settings: ClientSettings | None
    scorer: ScorerSpec
    executor: ExecutorSpec
    executor_settings: ExecutorSettings
    deviations: list[str]
    notes: list[str] = attrs.field(factory=list)

    @property
    def tasks(self) -> list[tuple[str, str]]:
        """``(env, task)`` pairs in plan order."""
        return list(dict.fromkeys((plan.env, plan.task) for plan in self.plans))


def selected_tasks(config: RunConfig, registry: Registry) -> list[tuple[str, str]]:
    """``(env, task)`` pairs the run covers; ``config.tasks`` filters by ``task`` or
    ``env/task``, and every filter must match something."""
    if not config.envs:
        raise ConfigError("no environment chosen; pass --env NAME (see `balrog envs list`)")
    pairs = []
    for env_name in config.envs:
        spec = registry.env(env_name)
        for task in spec.tasks:
            pairs.append((env_name, task.name))
    if not config.tasks:
        return pairs
    chosen: list[tuple[str, str]] = []
    for wanted in config.tasks:
        env_part, _, task_part = wanted.rpartition("/")
        matches = [
            (env, task) for env, task in pairs
            if task == task_part and (not env_part or env == env_part)
        ]
        if not matches:
            raise UnknownNameError("task", wanted, [f"{e}/{t}" for e, t in pairs])
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


def _plans(config: RunConfig, registry: Registry) -> tuple[EpisodePlan, ...]:
    """Every episode of the run, in a stable order."""
    plans = []
    for env_name, task_name in selected_tasks(config, registry):
        task = registry.env(env_name).task(task_name)
        count = config.episodes or task.episodes
        steps = config.max_steps or task.max_steps
        for index in range(count):
            seed = episode_seed(config.seed, env_name, task_name, index)
            plans.append(EpisodePlan(env_name, task_name, index, seed, steps))
    return tuple(plans)


def default_client(config: RunConfig, registry: Registry) -> tuple[str, str | None]:
    """The client used when ``--client`` is not given: of the clients that accept the
    run's model and endpoint, the one of highest priority; and a line saying why when the
    choice is not obvious."""
    specs = [entry.spec for entry in registry.listing("client")]
    accepting = sorted(
        (spec for spec in specs if spec.accepts is not None and spec.accepts(config.model, config.base_url)),
        key=lambda spec: -spec.priority,
    )
    if accepting and (len(accepting) == 1 or accepting[0].priority > accepting[1].priority):
        name = accepting[0].name
        if not config.model and not config.base_url:
            return name, (
                f"no --model or --base-url given: using the embedded {name} client "
                "(pass --model to evaluate a provider's model)"
            )
        return name, None
    if len(specs) == 1:
        return specs[0].name, None
    if not specs:
        raise ConfigError("this agent needs a model client but none is installed; install balrog-client-litellm")
    names = [spec.name for spec in accepting or specs]
    raise ConfigError(f"several clients are installed; choose one with --client ({', '.join(names)})")


def _client(config: RunConfig, registry: Registry, notes: list[str]) -> tuple[ClientSpec, ClientSettings]:
    name = config.client
    if not name:
        name, note = default_client(config, registry)
        if note:
            notes.append(note)
    spec = registry.client(name)
    if config.constrain_actions and not spec.constrains:
        raise ConfigError(
            f"client {name!r} cannot constrain decoding; drop --constrain-actions "
            "or use a client that can (llamacpp)"
        )
    options = build_options(spec.options, config.options_for("client"), "client")
    return spec, ClientSettings(
        model=config.model, base_url=config.base_url, temperature=config.temperature,
        max_tokens=config.max_tokens, timeout=config.timeout,
        max_retries=config.max_retries, options=options,
    )


def resolve(config: RunConfig, registry: Registry) -> ResolvedRun:
    """Check ``config`` against the installed plugins and plan its episodes; raises
    ``ConfigError`` (or ``UnknownNameError``) on the first problem."""
    plans = _plans(config, registry)
    scorer = registry.scorer(config.scorer)
    executor = registry.executor(config.executor)
    executor_settings = ExecutorSettings(
        workers=config.workers,
        options=build_options(executor.options, config.options_for("executor"), "executor"),
    )
    agent_specs = {env: registry.agent(config.agent, env) for env in config.envs}
    first_agent = next(iter(agent_specs.values()))
    agent_options = build_options(first_agent.options, config.options_for("agent"), "agent")
    env_settings = {}
    for env in config.envs:
        spec = registry.env(env)
        if config.vision and not spec.vision:
            raise ConfigError(f"env {env!r} has no images; drop --vision or choose another env")
        options = build_options(spec.options, config.options_for(f"env.{env}"), f"env.{env}")
        env_settings[env] = EnvSettings(vision=config.vision, options=options, protocol=config.protocol)
    unknown_envs = {k.split(".")[1] for k in config.options if k.startswith("env.")} - set(config.envs)
    if unknown_envs:
        raise ConfigError(
            f"option for env {sorted(unknown_envs)[0]!r}, which this run does not play; "
            f"use env.<one of {', '.join(config.envs)}>.KEY"
        )
    notes: list[str] = []
    client: ClientSpec | None = None
    client_settings: ClientSettings | None = None
    if any(spec.needs_client for spec in agent_specs.values()):
        client, client_settings = _client(config, registry, notes)
        config = attrs.evolve(config, client=client.name)
    elif config.options_for("client"):
        raise ConfigError(f"agent {config.agent!r} uses no model client, so client.* options do not apply")
    resolved = ResolvedRun(
        config=config, plans=plans, agent_specs=agent_specs, agent_options=agent_options,
        env_settings=env_settings, client=client, client_settings=client_settings, scorer=scorer,
        executor=executor, executor_settings=executor_settings,
        deviations=protocol_deviations(config, env_settings, agent_options), notes=notes,
    )
    _check_agents(resolved)
    return resolved


def _check_agents(resolved: ResolvedRun) -> None:
    """Build the agent once per task (with no client) so that its own checks (missing
    demonstrations, bad option values) fail before the first episode rather than in it."""
    for env, task in resolved.tasks:
        resolved.agent_specs[env].factory(AgentSettings(
            client=None, options=resolved.agent_options,
            parse=resolved.config.parse, env=env, task=task,
        ))


def resumed_config(saved: dict[str, Any], changes: dict[str, Any], executor_options: dict[str, str] | None = None,
                   source: str = "run.json") -> RunConfig:
    """The config of a resumed run: ``saved`` (from run.json) with ``changes`` applied.

    Only settings that do not alter the episodes may change (``RESUMABLE``); any other key
    in ``changes`` is refused, named as its command-line option. Changing the executor
    drops the saved ``executor.*`` options; ``executor_options`` sets new ones.
    """
    refused = sorted(name for name in changes if name not in RESUMABLE)
    if refused:
        raise ConfigError(
            f"--resume replays the saved settings; --{refused[0].replace('_', '-')} cannot change "
            f"(only {', '.join('--' + r.replace('_', '-') for r in RESUMABLE)} can)"
        )
    data = dict(saved)
    if executor_options and any(not key.startswith("executor.") for key in executor_options):
        raise ConfigError("--resume replays the saved settings; only executor.* options (-o executor.KEY=V) can change")
    if executor_options is not None and (executor_options or changes.get("executor", data.get("executor")) != data.get("executor")):
        kept = {k: v for k, v in data.get("options", {}).items() if not k.startswith("executor.")}
        data["options"] = {**kept, **executor_options}
    data.update(changes)
    return config_from_json(data, source=source)
