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

from .config import RunConfig, config_from_json, config_to_json
from .episode import EpisodePlan
from .executors import Executor, ExecutorSettings
from .options import build_options
from .planning import plan_episodes
from .protocol import PROTOCOL, protocol_deviations
from .playbook import Playbook, build_playbook, check_agents
from .plugins import get_plugin_manager
from .records import EpisodeRecord
from .registry import Registry, get_registry
from .results import RunDirectory

__all__ = ["RunInfo", "prepare_run", "resume_run", "execute_run", "default_output", "spent_cost"]


@attrs.define
class RunInfo:
    """A prepared run: its directory, config, every planned episode, the records already
    saved (non-empty on resume), and the playbook that plays episodes in this process."""

    directory: RunDirectory
    config: RunConfig
    plans: list[EpisodePlan]
    records: list[EpisodeRecord]
    meta: dict[str, Any]
    playbook: Playbook
    executor: Executor

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
    for kind in ("env", "agent", "client", "scorer", "executor"):
        for entry in registry.listing(kind):
            versions[entry.distribution] = entry.version
    return versions


def _executor(config: RunConfig, registry: Registry) -> Executor:
    spec = registry.executor(config.executor)
    options = build_options(spec.options, config.options_for("executor"), "executor")
    return spec.factory(ExecutorSettings(workers=config.workers, options=options))


def _build(config: RunConfig, directory: RunDirectory, records: list[EpisodeRecord],
           meta: dict[str, Any]) -> RunInfo:
    registry = get_registry()
    plans = plan_episodes(config, registry)
    executor = _executor(config, registry)
    playbook = build_playbook(config, registry, directory)
    try:
        check_agents(playbook, sorted({(plan.env, plan.task) for plan in plans}))
        config = playbook.config
        if playbook.client is not None:
            meta["client"] = {"name": config.client, **playbook.client.describe()}
    except BaseException:
        playbook.close_now()
        raise
    meta["config"] = config_to_json(config)
    meta["protocol"] = PROTOCOL
    meta["protocol_deviations"] = protocol_deviations(config, playbook.env_settings, playbook.agent_options)
    return RunInfo(directory, config, plans, records, meta, playbook, executor)


def prepare_run(config: RunConfig, output: str | Path | None = None) -> RunInfo:
    """Validate ``config`` and create its run directory."""
    registry = get_registry()
    plan_episodes(config, registry)  # names are checked before anything touches the disk
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
        info = _build(config, directory, [], meta)
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
               retry_failed: bool = False, executor_options: dict[str, str] | None = None) -> RunInfo:
    """Reopen a run; ``overrides`` may change settings that do not alter the episodes
    (concurrency, timeouts, retries, budget, executor). Changing the executor drops the
    saved ``executor.*`` options; ``executor_options`` sets new ones. ``retry_failed``
    first drops the records of failed episodes so they are played again."""
    directory = RunDirectory.open(path)
    meta = directory.read_meta()
    if retry_failed:
        failed = [record.key for record in directory.records() if record.failed]
        directory.remove_records(failed)
        meta.setdefault("retried_failed", []).append({"at": _now(), "episodes": len(failed)})
    data = dict(meta["config"])
    overrides = overrides or {}
    if executor_options is not None and (executor_options or overrides.get("executor", data.get("executor")) != data.get("executor")):
        kept = {k: v for k, v in data.get("options", {}).items() if not k.startswith("executor.")}
        data["options"] = {**kept, **executor_options}
    data.update(overrides)
    config = config_from_json(data, source=str(directory.run_file))
    return _build(config, directory, directory.records(), meta)


def spent_cost(records: list[EpisodeRecord]) -> float:
    """US dollars recorded so far (episodes with unknown cost count as 0)."""
    return sum(record.cost or 0.0 for record in records)


async def execute_run(info: RunInfo, on_record: Callable[[EpisodeRecord], None] | None = None,
                      on_step: Callable[..., None] | None = None) -> dict[str, Any]:
    """Play every pending episode and write the summary; returns it.

    Interrupted (Ctrl-C, cancellation) or failed runs still write what they have and mark
    their status, so ``--resume`` picks up where they stopped.
    """
    manager = get_plugin_manager()
    config = info.config
    directory = info.directory
    info.playbook.on_step = on_step
    session = {"started": _now(), "pending": len(info.pending), "executor": config.executor}
    info.meta.setdefault("sessions", []).append(session)
    info.meta["status"] = "running"
    directory.write_meta(info.meta)
    manager.hook.on_run_start(run=info)

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
        await info.executor.play(info, info.pending, save, within_budget)
        status = "finished" if not info.pending else ("incomplete" if within_budget() else "budget_reached")
    except (KeyboardInterrupt, asyncio.CancelledError):
        status = "interrupted"
        raise
    finally:
        try:
            await info.playbook.aclose()
        except Exception:
            pass
        summary = info.playbook.registry.scorer(config.scorer).summarize(info.records)
        summary["episodes"] = {"planned": len(info.plans), "finished": len(info.records)}
        if info.playbook.throttle is not None:
            summary["concurrency"] = info.playbook.throttle.report()
        directory.write_summary(summary)
        session.update(ended=_now(), status=status)
        info.meta["status"] = status
        info.meta["updated"] = _now()
        directory.write_meta(info.meta)
        manager.hook.on_run_end(run=info, summary=summary)
    return summary
