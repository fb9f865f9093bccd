"""A run from start to summary: resolve, open its directory, play, save as episodes end.

``Run.create`` and ``Run.resume`` resolve the config (every check that can fail, before
anything touches the disk or a model), build the executor and, when the executor plays in
this process, the player with its client; ``Run.play`` hands the pending plans to the
executor and writes every record, ``run.json`` and the summary. Resuming reloads the saved
config and plays only the episodes that have no record yet.
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

from .config import RunConfig, config_to_json
from .episode import EpisodePlan
from .executor import Assignment, Executor
from .player import Player, build_player
from .plugins import get_plugin_manager
from .protocol import PROTOCOL
from .records import EpisodeRecord
from .registry import Registry, get_registry
from .resolve import ResolvedRun, resolve, resumed_config
from .results import RunDirectory

__all__ = ["Run", "RunMeta", "Session", "default_output", "spent_cost"]

FORMAT = "balrog-run/1"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@attrs.define
class Session:
    """One ``balrog run`` (or ``--resume``) of the run: when, how many episodes were
    pending, which executor played them and how it ended."""

    started: str
    pending: int
    executor: str
    ended: str | None = None
    status: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}


@attrs.define
class RunMeta:
    """What ``run.json`` says about a run besides its records: the resolved config (no
    secrets), versions, the client's facts, the protocol and its deviations, status and
    sessions. Keys this version does not know are kept in ``extra``."""

    config: dict[str, Any]
    status: str = "created"
    created: str = attrs.field(factory=_now)
    updated: str | None = None
    versions: dict[str, str] = attrs.field(factory=dict)
    python: str = ""
    platform: str = ""
    git: dict[str, Any] | None = None
    sessions: list[Session] = attrs.field(factory=list)
    episodes_planned: int | None = None
    client: dict[str, Any] | None = None
    protocol: dict[str, Any] | None = None
    protocol_deviations: list[str] = attrs.field(factory=list)
    retried_failed: list[dict[str, Any]] = attrs.field(factory=list)
    format: str = FORMAT
    extra: dict[str, Any] = attrs.field(factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": self.format, "status": self.status, "created": self.created}
        if self.updated is not None:
            data["updated"] = self.updated
        data.update(versions=self.versions, python=self.python, platform=self.platform, git=self.git,
                    sessions=[session.to_json() for session in self.sessions])
        if self.episodes_planned is not None:
            data["episodes_planned"] = self.episodes_planned
        if self.client is not None:
            data["client"] = self.client
        data.update(config=self.config, protocol=self.protocol, protocol_deviations=self.protocol_deviations)
        if self.retried_failed:
            data["retried_failed"] = self.retried_failed
        return {**self.extra, **data}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunMeta:
        known = {field.name for field in attrs.fields(cls)} - {"extra", "sessions"}
        values = {k: v for k, v in data.items() if k in known}
        sessions = [Session(**{k: v for k, v in s.items() if k in {"started", "pending", "executor", "ended", "status"}})
                    for s in data.get("sessions") or []]
        extra = {k: v for k, v in data.items() if k not in known and k != "sessions"}
        return cls(**values, sessions=sessions, extra=extra)


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


def spent_cost(records: list[EpisodeRecord]) -> float:
    """US dollars recorded so far (episodes with unknown cost count as 0)."""
    return sum(record.cost or 0.0 for record in records)


def _discard(directory: RunDirectory) -> None:
    """Remove a run directory that a failed start left empty."""
    try:
        directory.traces.rmdir()
        directory.path.rmdir()
    except OSError:
        pass


@attrs.define
class Run:
    """A resolved run with its directory: the records saved so far (non-empty on
    resume), its metadata, its executor, and the player when this process plays."""

    directory: RunDirectory
    resolved: ResolvedRun
    records: list[EpisodeRecord]
    meta: RunMeta
    executor: Executor
    player: Player | None = None

    @property
    def config(self) -> RunConfig:
        return self.resolved.config

    @property
    def plans(self) -> tuple[EpisodePlan, ...]:
        return self.resolved.plans

    @property
    def pending(self) -> list[EpisodePlan]:
        done = {record.key for record in self.records}
        return [plan for plan in self.plans if plan.key not in done]

    @classmethod
    def create(cls, config: RunConfig, output: str | Path | None = None) -> Run:
        """Resolve ``config`` and create its run directory."""
        registry = get_registry()
        resolved = resolve(config, registry)
        executor = resolved.executor.factory(resolved.executor_settings)
        directory = RunDirectory.create(output or default_output(resolved.config))
        meta = RunMeta(
            config={}, versions=_versions(registry), python=sys.version.split()[0],
            platform=platform.platform(), git=_git_revision(), episodes_planned=len(resolved.plans),
        )
        try:
            run = cls._start(directory, resolved, registry, executor, [], meta)
        except BaseException:
            _discard(directory)
            raise
        return run

    @classmethod
    def resume(cls, path: str | Path, changes: dict[str, Any] | None = None, retry_failed: bool = False,
               executor_options: dict[str, str] | None = None) -> Run:
        """Reopen a run; ``changes`` may only touch settings that do not alter the
        episodes (``resolve.RESUMABLE``); ``executor_options`` replaces the saved
        ``executor.*`` options. ``retry_failed`` first drops the records of failed
        episodes so they are played again."""
        directory = RunDirectory.open(path)
        meta = RunMeta.from_json(directory.read_meta())
        config = resumed_config(meta.config, changes or {}, executor_options, source=str(directory.run_file))
        registry = get_registry()
        resolved = resolve(config, registry)
        executor = resolved.executor.factory(resolved.executor_settings)
        if retry_failed:
            failed = [record.key for record in directory.records() if record.failed]
            directory.remove_records(failed)
            meta.retried_failed.append({"at": _now(), "episodes": len(failed)})
        return cls._start(directory, resolved, registry, executor, directory.records(), meta)

    @classmethod
    def _start(cls, directory: RunDirectory, resolved: ResolvedRun, registry: Registry, executor: Executor,
               records: list[EpisodeRecord], meta: RunMeta) -> Run:
        """Build the player where this process plays, and save the run's metadata."""
        player = build_player(resolved, registry, directory) if executor.plays_here else None
        try:
            if player is not None:
                meta.client = player.describe_client()
            elif resolved.client is not None:
                meta.client = {"name": resolved.client.name}
            meta.config = config_to_json(resolved.config)
            meta.protocol = PROTOCOL
            meta.protocol_deviations = resolved.deviations
            directory.write_meta(meta.to_json())
        except BaseException:
            if player is not None:
                player.close_now()
            raise
        return cls(directory, resolved, records, meta, executor, player)

    def assignment(self, on_record: Callable[[EpisodeRecord], None],
                   may_start: Callable[[], bool] = lambda: True) -> Assignment:
        """The pending episodes as the executor receives them."""
        return Assignment(
            plans=tuple(self.pending), config=config_to_json(self.config, mask_secrets=False),
            directory=self.directory.path, concurrency=self.config.concurrency, on_record=on_record,
            may_start=may_start, play_here=self.player.play if self.player is not None else None,
        )

    def within_budget(self) -> bool:
        return self.config.max_cost is None or spent_cost(self.records) < self.config.max_cost

    async def play(self, on_record: Callable[[EpisodeRecord], None] | None = None,
                   on_step: Callable[..., None] | None = None) -> dict[str, Any]:
        """Play every pending episode and write the summary; returns it.

        Interrupted (Ctrl-C, cancellation) or failed runs still write what they have and
        mark their status, so ``--resume`` picks up where they stopped.
        """
        manager = get_plugin_manager()
        directory = self.directory
        if self.player is not None:
            self.player.on_step = on_step
        session = Session(started=_now(), pending=len(self.pending), executor=self.config.executor)
        self.meta.sessions.append(session)
        self.meta.status = "running"
        directory.write_meta(self.meta.to_json())
        manager.hook.on_run_start(run=self)

        def save(record: EpisodeRecord) -> None:
            directory.append(record)
            self.records.append(record)
            manager.hook.on_episode_end(run=self, record=record)
            if on_record is not None:
                on_record(record)

        status = "failed"
        try:
            await self.executor.play(self.assignment(save, self.within_budget))
            status = "finished" if not self.pending else ("incomplete" if self.within_budget() else "budget_reached")
        except (KeyboardInterrupt, asyncio.CancelledError):
            status = "interrupted"
            raise
        finally:
            if self.player is not None:
                try:
                    await self.player.aclose()
                except Exception:
                    pass
            summary = self.resolved.scorer.summarize(self.records)
            summary["episodes"] = {"planned": len(self.plans), "finished": len(self.records)}
            if self.player is not None and self.player.throttle is not None:
                summary["concurrency"] = self.player.throttle.report()
            directory.write_summary(summary)
            session.ended, session.status = _now(), status
            self.meta.status = status
            self.meta.updated = _now()
            directory.write_meta(self.meta.to_json())
            manager.hook.on_run_end(run=self, summary=summary)
        return summary
