"""Read a run directory without touching it.

The core's ``RunDirectory.records()`` repairs a torn last line in place; a report may be
made while a run is still writing, so this reader only reads: torn lines are skipped and
the first record of each episode wins, as on resume.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

from balrog_core import ConfigError, EpisodeRecord
from balrog_core.harness import EpisodeKey, RunDirectory, read_trace

__all__ = ["LoadedRun", "load_run", "load_runs", "outcome", "OUTCOMES"]

OUTCOMES = ("success", "partial", "failure", "error")
_RECORD_FIELDS = {field.name for field in attrs.fields(EpisodeRecord)}


def outcome(record: EpisodeRecord) -> str:
    """``error`` (harness or game raised), ``success`` (progression 100), ``partial``
    (some progress, as in Crafter or NetHack) or ``failure`` (none)."""
    if record.failed:
        return "error"
    if record.progression >= 100.0:
        return "success"
    return "partial" if record.progression > 0.0 else "failure"


def _read_records(path: Path) -> list[EpisodeRecord]:
    if not path.exists():
        return []
    seen: dict[EpisodeKey, EpisodeRecord] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by a kill; the run replays that episode
        record = EpisodeRecord(**{k: v for k, v in data.items() if k in _RECORD_FIELDS})
        seen.setdefault(record.key, record)
    return sorted(seen.values(), key=lambda r: (r.env, r.task, r.index))


@attrs.define
class LoadedRun:
    """One run as a report sees it: its settings, summary and episode records."""

    path: Path
    meta: dict[str, Any]
    summary: dict[str, Any]
    records: list[EpisodeRecord]
    label: str = ""

    @property
    def config(self) -> dict[str, Any]:
        return self.meta.get("config", {})

    @property
    def agent(self) -> str:
        return str(self.config.get("agent") or "?")

    @property
    def model(self) -> str | None:
        client = self.meta.get("client") or {}
        return self.config.get("model") or client.get("model")

    @property
    def vision(self) -> bool:
        return bool(self.config.get("vision"))

    @property
    def envs(self) -> list[str]:
        return list(self.summary.get("envs", {}))

    def trace_file(self, record: EpisodeRecord) -> Path | None:
        """The record's trace, if the run kept it."""
        if record.trace:
            path = self.path / record.trace
        else:
            path = RunDirectory(self.path).trace_path(record.key)
        return path if path.exists() else None

    def trace(self, record: EpisodeRecord) -> list[dict[str, Any]]:
        path = self.trace_file(record)
        return read_trace(path) if path is not None else []

    def image_file(self, relative: str) -> Path:
        return self.path / "traces" / relative


def load_run(path: str | Path) -> LoadedRun:
    """Open ``path``; a run with no summary yet cannot be reported."""
    directory = RunDirectory.open(path)
    summary = directory.read_summary()
    if summary is None:
        raise ConfigError(
            f"{str(directory.path)!r} has no summary.json yet; finish it with balrog run --resume {directory.path}"
        )
    run = LoadedRun(directory.path, directory.read_meta(), summary, _read_records(directory.episodes_file))
    run.label = run.model or run.agent
    return run


def load_runs(paths: list[str | Path]) -> list[LoadedRun]:
    """Several runs with labels made unique (model or agent, then the directory name)."""
    if not paths:
        raise ConfigError("no run directory given; pass one or more RUN_DIR")
    runs = [load_run(path) for path in paths]
    labels = [run.label for run in runs]
    for run in runs:
        if labels.count(run.label) > 1 and run.label != run.agent:
            run.label = f"{run.label} · {run.agent}"
    labels = [run.label for run in runs]
    for run in runs:
        if labels.count(run.label) > 1:
            run.label = f"{run.label} ({run.path.name})"
    return runs
