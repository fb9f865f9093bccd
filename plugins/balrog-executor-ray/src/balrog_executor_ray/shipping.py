"""Moving an episode's trace files from a worker's scratch directory into the run's.

On a real cluster workers do not share the driver's disk, so each worker writes traces
into its own temporary run directory and sends the files back with the record; the driver
writes them into ``traces/`` atomically before it saves the record, so a record in
``episodes.jsonl`` always has its trace next to it, exactly as in a local run.
"""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from balrog_core.harness import write_atomic

__all__ = ["TraceFiles", "store_trace_files", "take_trace_files"]

TraceFiles = dict[str, bytes]
"""File contents by path relative to the traces directory (POSIX separators)."""


def take_trace_files(traces: Path, slug: str) -> TraceFiles:
    """Read and remove everything one episode left in ``traces``: its trace (finished or,
    after an error, ``.partial``) and its image directory."""
    files: TraceFiles = {}
    for entry in sorted(traces.glob(f"{slug}.*")):
        if entry.is_dir():
            for image in sorted(entry.iterdir()):
                files[f"{entry.name}/{image.name}"] = image.read_bytes()
            shutil.rmtree(entry)
        else:
            files[entry.name] = entry.read_bytes()
            entry.unlink()
    return files


def _target(traces: Path, name: str) -> Path:
    """``name`` inside ``traces``; refuses paths that would leave it."""
    parts = PurePosixPath(name).parts
    if not parts or PurePosixPath(name).is_absolute() or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"refusing trace file path {name!r} from a worker")
    return traces.joinpath(*parts)


def store_trace_files(traces: Path, files: TraceFiles) -> None:
    """Write a worker's files into the run's ``traces`` directory; images before the trace
    that refers to them, each file replaced atomically."""
    for name in sorted(files, key=lambda n: ("/" not in n, n)):
        write_atomic(_target(traces, name), files[name])
