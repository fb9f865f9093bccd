"""Everything needed to play a run's episodes in one process, built from its config.

The main process builds one to play locally; worker processes and remote machines build
their own from the saved config, so every executor plays episodes the same way.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import attrs

from .agent import AgentSetup, AgentSpec, PromptSettings
from .client import Client, ClientSettings
from .config import RunConfig
from .environment import EnvSettings
from .episode import EpisodePlan, play_episode
from .errors import ConfigError
from .options import build_options
from .records import EpisodeRecord
from .registry import Registry
from .results import RunDirectory
from .throttle import Throttle, ThrottledClient
from .trace import TraceWriter

__all__ = ["Playbook", "build_playbook", "default_client"]


def default_client(config: RunConfig, registry: Registry) -> tuple[str, str | None]:
    """The client used when ``--client`` is not given, and a line saying why when the
    choice is not obvious."""
    specs = [entry.spec for entry in registry.listing("client")]
    if config.model:
        for spec in specs:
            if spec.accepts is not None and spec.accepts(config.model):
                return spec.name, None
    elif not config.base_url:
        for spec in specs:
            if spec.fallback:
                return spec.name, (
                    f"no --model or --base-url given: using the embedded {spec.name} client "
                    "(pass --model to evaluate a provider's model)"
                )
    names = [spec.name for spec in specs]
    if "litellm" in names:
        return "litellm", None
    if len(names) == 1:
        return names[0], None
    if not names:
        raise ConfigError("this agent needs a model client but none is installed; install balrog-client-litellm")
    raise ConfigError(f"several clients are installed; choose one with --client ({', '.join(names)})")


@attrs.define
class Playbook:
    """A run's resolved specs, options and client, ready to play any of its episodes."""

    config: RunConfig
    registry: Registry
    directory: RunDirectory
    agent_specs: dict[str, AgentSpec]
    agent_options: Any
    env_settings: dict[str, EnvSettings]
    client: Client | None = None
    throttle: Throttle | None = None
    on_step: Callable[..., None] | None = None
    notes: list[str] = attrs.field(factory=list)

    @property
    def prompt(self) -> PromptSettings:
        config = self.config
        return PromptSettings(history=config.history, image_history=config.image_history,
                              merge_roles=config.merge_roles, vision=config.vision,
                              constrain_actions=config.constrain_actions)

    async def play(self, plan: EpisodePlan, run_blocking: Callable[..., Any]) -> EpisodeRecord:
        setup = AgentSetup(
            client=self.client, options=self.agent_options, parse=self.config.parse,
            env=plan.env, task=plan.task, seed=plan.seed,
        )
        return await play_episode(
            plan, env_spec=self.registry.env(plan.env), env_settings=self.env_settings[plan.env],
            agent_spec=self.agent_specs[plan.env], agent_setup=setup, prompt=self.prompt,
            run_blocking=run_blocking, trace=TraceWriter(self.directory.trace_path(plan.key)),
            on_step=self.on_step,
        )

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.aclose()

    def close_now(self) -> None:
        """Close the client from synchronous code, even inside a running event loop (a
        client may own a server process that must not outlive a failed start)."""
        if self.client is None:
            return

        def close() -> None:
            try:
                asyncio.run(self.aclose())
            except Exception:
                pass  # the validation error that brought us here is the one to show

        thread = threading.Thread(target=close, name="balrog-client-close")
        thread.start()
        thread.join()


def build_playbook(config: RunConfig, registry: Registry, directory: RunDirectory) -> Playbook:
    """Resolve names and options and build the client; every check that can fail happens
    here, before any episode or model call."""
    registry.scorer(config.scorer)  # cheap checks first: building a client may start a server
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
    client = None
    notes = []
    if any(spec.needs_client for spec in agent_specs.values()):
        client_name, note = (config.client, None) if config.client else default_client(config, registry)
        if note:
            notes.append(note)
        client_spec = registry.client(client_name)
        if config.constrain_actions and not client_spec.constrains:
            raise ConfigError(
                f"client {client_name!r} cannot constrain decoding; drop --constrain-actions "
                "or use a client that can (llamacpp)"
            )
        client_options = build_options(client_spec.options, config.options_for("client"), "client")
        client = client_spec.factory(ClientSettings(
            model=config.model, base_url=config.base_url, temperature=config.temperature,
            max_tokens=config.max_tokens, timeout=config.timeout,
            max_retries=config.max_retries, options=client_options,
        ))
        config = attrs.evolve(config, client=client_name)
    elif config.options_for("client"):
        raise ConfigError(f"agent {config.agent!r} uses no model client, so client.* options do not apply")
    throttle = Throttle(config.concurrency) if client is not None else None
    if throttle is not None:
        client = ThrottledClient(client, throttle)
    return Playbook(config, registry, directory, agent_specs, agent_options, env_settings, client,
                    throttle=throttle, notes=notes)


def check_agents(playbook: Playbook, tasks: list[tuple[str, str]]) -> None:
    """Build the agent once per task so that its own checks (missing demonstrations, bad
    option values) fail before the first episode rather than inside it."""
    for env, task in tasks:
        playbook.agent_specs[env].factory(AgentSetup(
            client=playbook.client, options=playbook.agent_options,
            parse=playbook.config.parse, env=env, task=task,
        ))
