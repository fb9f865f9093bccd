"""Per-episode step traces: exactly what the model saw and said, step by step.

A trace is gzipped JSONL (``zcat`` reads it): a header line, one line per step, an end line.
It is written to a ``.partial`` file and renamed when the episode ends, so a trace in the
run directory is always complete. Images go beside it as PNG files, referenced by path.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .client import Message
from .environment import png_bytes

__all__ = ["TraceWriter", "read_trace"]


def _message_json(message: Message) -> dict[str, Any]:
    data: dict[str, Any] = {"role": message.role, "text": message.text}
    if message.images:
        data["images"] = len(message.images)
    return data


class TraceWriter:
    """Streams one episode's trace to disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self.image_dir = path.with_name(path.name.removesuffix(".jsonl.gz") + ".images")
        self._file = gzip.open(self.partial, "wt", encoding="utf-8", compresslevel=3)

    def _write(self, data: dict[str, Any]) -> None:
        self._file.write(json.dumps(data, default=str) + "\n")

    def header(self, **fields: Any) -> None:
        self._write({"type": "episode", **fields})

    def image(self, step: int, image: Any) -> str:
        """Save a step's image; returns its path relative to the traces directory."""
        self.image_dir.mkdir(parents=True, exist_ok=True)
        target = self.image_dir / f"{step:05d}.png"
        target.write_bytes(png_bytes(image))
        return f"{self.image_dir.name}/{target.name}"

    def step(self, messages: Sequence[Message], **fields: Any) -> None:
        self._write({"type": "step", **fields, "messages": [_message_json(m) for m in messages]})

    def finish(self, **fields: Any) -> None:
        self._write({"type": "end", **fields})
        self._file.close()
        os.replace(self.partial, self.path)

    def abandon(self) -> None:
        self._file.close()


def read_trace(path: str | Path) -> list[dict[str, Any]]:
    """All lines of a finished trace."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
