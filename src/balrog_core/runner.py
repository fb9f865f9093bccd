"""A run from start to summary: validate everything, play the episodes, save as they end.

Every check that can fail (names, options, output directory, credentials) happens before
the first model call, so a typo costs nothing. Resuming reloads the saved config and plays
only the episodes that have no record yet.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib.metadata
import platform
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from .agent import AgentSetup, AgentSpec, PromptSettings
from .client import Client, ClientSettings
from .config import RunConfig, config_from_json, config_to_json
from .environment import EnvSettings
from .episode import EpisodePlan, play_episode
from .errors import ConfigError
from .options import build_options
from .planning import plan_episodes
from .plugins import get_plugin_manager
from .records import EpisodeRecord
from .registry import Registry, get_registry
from .results import RunDirectory
from .scheduler import run_episodes
from .trace import TraceWriter

__all__ = ["RunInfo", "prepare_run", "resume_run", "execute_run", "default_output"]


@attrs.define
class RunInfo:
    """A prepared run: its directory, config, every planned episode, and the records
    already saved (non-empty on resume)."""

    directory: RunDirectory
    config: RunConfig
    plans: list[EpisodePlan]
    records: list[EpisodeRecord]
    meta: dict[str, Any]
    client: Client | None = None
    agent_specs: dict[str, AgentSpec] = attrs.field(factory=dict)
    agent_options: Any = None
    env_settings: dict[str, EnvSettings] = attrs.field(factory=dict)

    @property
    def pending(self) -> list[EpisodePlan]:
        done = {record.key for record in self.records}
        return [plan for plan in self.plans if plan.key not in done]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:60] or "none"


def default_output(config: RunConfig) -> Path:
    """``runs/<timestamp>-<env>-<agent>-<model>`` under the current directory."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    model = config.model or config.client or "nomodel"
    return Path("runs") / _slug(f"{stamp}-{'+'.join(config.envs)}-{config.agent}-{Path(model).name}")


def _git_revision() -> dict[str, Any] | None:
    try:
        revision = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], capture_output=True, text=True, timeout=5, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return {"revision": revision, "dirty": bool(dirty)}


def _versions(registry: Registry) -> dict[str, str]:
    versions = {"balrog-core": importlib.metadata.version("balrog-core")}
    for kind in ("env", "agent", "client", "scorer"):
        for entry in registry.listing(kind):
            versions[entry.distribution] = entry.version
    return versions


def default_client(registry: Registry) -> str:
    """The client used when ``--client`` is not given."""
    names = registry.names("client")
    if "litellm" in names:
        return "litellm"
    if len(names) == 1:
        return names[0]
    if not names:
        raise ConfigError("this agent needs a model client but none is installed; install balrog-client-litellm")
    raise ConfigError(f"several clients are installed; choose one with --client ({', '.join(names)})")


def _build(config: RunConfig, registry: Registry, directory: RunDirectory, records: list[EpisodeRecord], meta: dict[str, Any]) -> RunInfo:
    plans = plan_episodes(config, registry)
    agent_specs = {env: registry.agent(config.agent, env) for env in config.envs}
    first_agent = next(iter(agent_specs.values()))
    agent_options = build_options(first_agent.options, config.options_for("agent"), "agent")
    env_settings = {}
    for env in config.envs:
        spec = registry.env(env)
        if config.vision and not spec.vision:
            raise ConfigError(f"env {env!r} has no images; drop --vision or choose another env")
        options = build_options(spec.options, config.options_for(f"env.{env}"), f"env.{env}")
        env_settings[env] = EnvSettings(vision=config.vision, options=options)
    unknown_envs = {k.split(".")[1] for k in config.options if k.startswith("env.")} - set(config.envs)
    if unknown_envs:
        raise ConfigError(f"option for env {sorted(unknown_envs)[0]!r}, which this run does not play; use env.<one of {', '.join(config.envs)}>.KEY")
    client = None
    if any(spec.needs_client for spec in agent_specs.values()):
        client_name = config.client or default_client(registry)
        client_spec = registry.client(client_name)
        client_options = build_options(client_spec.options, config.options_for("client"), "client")
        client = client_spec.factory(
            ClientSettings(
                model=config.model, base_url=config.base_url, temperature=config.temperature,
                max_tokens=config.max_tokens, timeout=config.timeout,
                max_retries=config.max_retries, options=client_options,
            )
        )
        config = attrs.evolve(config, client=client_name)
        meta["client"] = {"name": client_name, **client.describe()}
    elif config.options_for("client"):
        raise ConfigError(f"agent {config.agent!r} uses no model client, so client.* options do not apply")
    registry.scorer(config.scorer)
    meta["config"] = config_to_json(config)
    return RunInfo(directory, config, plans, records, meta, client, agent_specs, agent_options, env_settings)


def prepare_run(config: RunConfig, output: str | Path | None = None) -> RunInfo:
    """Validate ``config`` and create its run directory."""
    registry = get_registry()
    # Validate names before touching the disk.
    plan_episodes(config, registry)
    directory = RunDirectory.create(output or default_output(config))
    meta: dict[str, Any] = {
        "format": "balrog-run/1",
        "status": "created",
        "created": _now(),
        "versions": _versions(registry),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "git": _git_revision(),
        "sessions": [],
    }
    try:
        info = _build(config, registry, directory, [], meta)
    except BaseException:
        _discard(directory)
        raise
    info.meta["episodes_planned"] = len(info.plans)
    directory.write_meta(info.meta)
    return info


def _discard(directory: RunDirectory) -> None:
    """Remove a run directory that a failed validation left empty."""
    try:
        directory.traces.rmdir()
        directory.path.rmdir()
    except OSError:
        pass


def resume_run(path: str | Path, overrides: dict[str, Any] | None = None,
               retry_failed: bool = False) -> RunInfo:
    """Reopen a run; ``overrides`` may change settings that do not alter the episodes
    (concurrency, timeouts, retries, budget). ``retry_failed`` first drops the records of
    failed episodes so they are played again."""
    directory = RunDirectory.open(path)
    meta = directory.read_meta()
    if retry_failed:
        failed = [record.key for record in directory.records() if record.failed]
        directory.remove_records(failed)
        meta.setdefault("retried_failed", []).append({"at": _now(), "episodes": len(failed)})
    data = dict(meta["config"])
    data.update(overrides or {})
    config = config_from_json(data, source=str(directory.run_file))
    records = directory.records()
    return _build(config, get_registry(), directory, records, meta)


def spent_cost(records: list[EpisodeRecord]) -> float:
    """US dollars recorded so far (episodes with unknown cost count as 0)."""
    return sum(record.cost or 0.0 for record in records)


def _prompt_settings(config: RunConfig) -> PromptSettings:
    return PromptSettings(
        history=config.history, image_history=config.image_history,
        merge_roles=config.merge_roles, vision=config.vision,
    )


async def execute_run(info: RunInfo, on_record: Callable[[EpisodeRecord], None] | None = None,
                      on_step: Callable[..., None] | None = None) -> dict[str, Any]:
    """Play every pending episode and write the summary; returns it.

    Interrupted (Ctrl-C, cancellation) or failed runs still write what they have and mark
    their status, so ``--resume`` picks up where they stopped.
    """
    manager = get_plugin_manager()
    config = info.config
    directory = info.directory
    registry = get_registry()
    prompt = _prompt_settings(config)
    session = {"started": _now(), "pending": len(info.pending)}
    info.meta["sessions"].append(session)
    info.meta["status"] = "running"
    directory.write_meta(info.meta)
    manager.hook.on_run_start(run=info)

    async def play(plan: EpisodePlan, run_blocking: Callable[..., Any]) -> EpisodeRecord:
        setup = AgentSetup(
            client=info.client, options=info.agent_options, strict_actions=config.strict_actions,
            env=plan.env, task=plan.task, seed=plan.seed,
        )
        trace = TraceWriter(directory.trace_path(plan.key))
        return await play_episode(
            plan, env_spec=registry.env(plan.env), env_settings=info.env_settings[plan.env],
            agent_spec=info.agent_specs[plan.env], agent_setup=setup, prompt=prompt,
            run_blocking=run_blocking, trace=trace, on_step=on_step,
        )

    def save(record: EpisodeRecord) -> None:
        directory.append(record)
        info.records.append(record)
        manager.hook.on_episode_end(run=info, record=record)
        if on_record is not None:
            on_record(record)

    def within_budget() -> bool:
        return config.max_cost is None or spent_cost(info.records) < config.max_cost

    status = "failed"
    try:
        await run_episodes(info.pending, play, save, config.concurrency, within_budget)
        status = "finished" if not info.pending else "budget_reached"
    except (KeyboardInterrupt, asyncio.CancelledError):
        status = "interrupted"
        raise
    finally:
        if info.client is not None:
            try:
                await info.client.aclose()
            except Exception:
                pass
        summary = registry.scorer(config.scorer).summarize(info.records)
        summary["episodes"] = {"planned": len(info.plans), "finished": len(info.records)}
        directory.write_summary(summary)
        session.update(ended=_now(), status=status)
        info.meta["status"] = status
        info.meta["updated"] = _now()
        directory.write_meta(info.meta)
        manager.hook.on_run_end(run=info, summary=summary)
    return summary
