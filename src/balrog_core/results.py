"""The run directory: everything a run writes, written so nothing is ever lost.

Layout::

    run.json         resolved config, versions, git revision, times, status
    episodes.jsonl   one line per finished episode, appended and fsynced
    summary.json     per task, per env and overall scores
    traces/          one gzipped JSONL step trace per episode

Whole files are replaced atomically (write a temporary file, fsync, rename). Episode lines
are appended with one ``write`` and fsynced; a line cut short by a kill is discarded on load
and its episode simply runs again, so resuming neither loses nor duplicates episodes.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .records import EpisodeKey, EpisodeRecord, record_from_json, record_to_json

__all__ = ["RunDirectory", "write_atomic", "write_json_atomic"]


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``; readers see the old or the new file, never a torn
    one, even if the process is killed mid-write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _read_json(path: Path, fix: str) -> Any:
    """A JSON file's content, or a one-line error naming the file, where it breaks and
    ``fix``."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{str(path)!r} is not text; {fix}") from None
    except json.JSONDecodeError as error:
        raise ConfigError(
            f"{str(path)!r} is not valid JSON (line {error.lineno}: {error.msg}); {fix}"
        ) from None


def write_json_atomic(path: Path, data: Any) -> None:
    """``write_atomic`` for JSON documents."""
    write_atomic(path, (json.dumps(data, indent=2, default=str) + "\n").encode("utf-8"))


class RunDirectory:
    """Reads and writes one run's files."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.run_file = self.path / "run.json"
        self.episodes_file = self.path / "episodes.jsonl"
        self.summary_file = self.path / "summary.json"
        self.traces = self.path / "traces"

    @classmethod
    def create(cls, path: str | Path) -> "RunDirectory":
        """Make a new, empty run directory; refuses to reuse one that holds a run."""
        run = cls(path)
        if run.run_file.exists():
            raise ConfigError(
                f"{str(run.path)!r} already holds a run; use --resume {run.path} or another --output"
            )
        try:
            run.traces.mkdir(parents=True, exist_ok=True)
            probe = run.path / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as error:
            raise ConfigError(
                f"cannot write to output directory {str(run.path)!r} ({error.strerror}); "
                "choose a writable --output"
            ) from None
        return run

    @classmethod
    def open(cls, path: str | Path) -> "RunDirectory":
        run = cls(path)
        if not run.run_file.exists():
            raise ConfigError(f"{str(run.path)!r} is not a run directory (no run.json); check the path")
        return run

    def read_meta(self) -> dict[str, Any]:
        meta = _read_json(self.run_file, "restore it (e.g. from a backup) or start a new run")
        if not isinstance(meta, dict) or not isinstance(meta.get("config"), dict):
            raise ConfigError(
                f"{str(self.run_file)!r} holds no run settings ('config'); restore the file or start a new run"
            )
        return meta

    def write_meta(self, meta: dict[str, Any]) -> None:
        write_json_atomic(self.run_file, meta)

    def read_summary(self) -> dict[str, Any] | None:
        if not self.summary_file.exists():
            return None
        return _read_json(self.summary_file, f"delete it and run `balrog run --resume {self.path}` to write it again")

    def write_summary(self, summary: dict[str, Any]) -> None:
        write_json_atomic(self.summary_file, summary)

    def records(self) -> list[EpisodeRecord]:
        """Finished episodes, first record per key; a torn last line is dropped from the
        file so later appends start on a clean line."""
        if not self.episodes_file.exists():
            return []
        import cattrs  # imported on first use, like every cattrs user in the core

        raw = self.episodes_file.read_bytes()
        lines = raw.split(b"\n")
        complete, tail = lines[:-1], lines[-1]
        if tail:
            self._truncate(len(raw) - len(tail))
        seen: dict[EpisodeKey, EpisodeRecord] = {}
        for number, line in enumerate(complete, start=1):
            if not line.strip():
                continue
            try:
                record = record_from_json(json.loads(line))
            except (ValueError, TypeError, KeyError, cattrs.BaseValidationError):
                raise ConfigError(
                    f"{str(self.episodes_file)!r} line {number} is not an episode record "
                    f"({line[:60].decode('utf-8', 'replace')!r}); delete that line and resume to play its episode again"
                ) from None
            seen.setdefault(record.key, record)
        return list(seen.values())

    def _truncate(self, size: int) -> None:
        with self.episodes_file.open("r+b") as handle:
            handle.truncate(size)
            handle.flush()
            os.fsync(handle.fileno())

    def append(self, record: EpisodeRecord) -> None:
        """Add one finished episode durably."""
        line = (json.dumps(record_to_json(record), default=str) + "\n").encode("utf-8")
        fd = os.open(self.episodes_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def trace_path(self, key: EpisodeKey) -> Path:
        return self.traces / f"{key.slug()}.jsonl.gz"

    def remove_records(self, keys: Iterable[EpisodeKey]) -> None:
        """Drop the records of ``keys`` (to re-run failed episodes), atomically."""
        drop = set(keys)
        kept = [r for r in self.records() if r.key not in drop]
        fd, tmp = tempfile.mkstemp(prefix=".episodes.", dir=self.path)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for record in kept:
                handle.write(json.dumps(record_to_json(record), default=str) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.episodes_file)
