"""The demonstrations store: expert episodes on disk, one JSONL file per env and task.

Layout: ``<store>/<env>/<task>.jsonl``, one demonstration episode per line::

    {"env": "babyai", "task": "goto", "seed": 1234, "progression": 100.0,
     "instruction": "...", "steps": [{"observation": "...", "action": "turn left"}, ...]}

``instruction`` is optional. Files are plain text so demonstrations can be inspected,
edited or shared. A store holds at most one demonstration per (env, task, seed).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import platformdirs

from balrog_core import ConfigError

__all__ = ["DemoStep", "Demonstration", "DemoStore", "default_demos_dir", "DEMOS_DIR_VARIABLE"]

DEMOS_DIR_VARIABLE = "BALROG_DEMOS_DIR"


@attrs.frozen
class DemoStep:
    """One step of a demonstration: what was seen, then what was played."""

    observation: str
    action: str


@attrs.frozen
class Demonstration:
    """One recorded episode of ``env``/``task`` played from ``seed``."""

    env: str
    task: str
    seed: int
    steps: tuple[DemoStep, ...] = attrs.field(converter=tuple)
    progression: float = 0.0
    instruction: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = attrs.asdict(self, recurse=True)
        data["steps"] = [attrs.asdict(step) for step in self.steps]
        if self.instruction is None:
            del data["instruction"]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Demonstration":
        return cls(
            env=str(data["env"]), task=str(data["task"]), seed=int(data["seed"]),
            steps=[DemoStep(str(s["observation"]), str(s["action"])) for s in data["steps"]],
            progression=float(data.get("progression", 0.0)),
            instruction=data.get("instruction"),
        )


def default_demos_dir() -> Path:
    """``$BALROG_DEMOS_DIR`` if set, else ``demos`` in the user's balrog data directory."""
    configured = os.environ.get(DEMOS_DIR_VARIABLE)
    if configured:
        return Path(configured)
    return Path(platformdirs.user_data_dir("balrog")) / "demos"


@attrs.frozen
class DemoStore:
    """A demonstrations directory; ``root`` need not exist until something is saved."""

    root: Path = attrs.field(converter=Path)

    @classmethod
    def locate(cls, configured: str | None = None) -> "DemoStore":
        """The store named by an option value, else by the environment, else the default."""
        return cls(Path(configured).expanduser() if configured else default_demos_dir())

    def path(self, env: str, task: str) -> Path:
        return self.root / env / f"{task.replace('/', '_')}.jsonl"

    def load(self, env: str, task: str) -> list[Demonstration]:
        """The demonstrations of one task, in file order; none if the file is missing."""
        path = self.path(env, task)
        if not path.exists():
            return []
        demonstrations = []
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    demonstrations.append(Demonstration.from_json(json.loads(line)))
                except (ValueError, KeyError, TypeError) as error:
                    raise ConfigError(
                        f"demonstration file {str(path)!r} line {number} is not a demonstration "
                        f"({error}); fix or delete that line"
                    ) from None
        return demonstrations

    def add(self, demonstrations: Iterable[Demonstration]) -> list[Demonstration]:
        """Append the demonstrations whose (env, task, seed) is not stored yet; returns them."""
        added: list[Demonstration] = []
        known: dict[tuple[str, str], set[int]] = {}
        for demo in demonstrations:
            seeds = known.setdefault(
                (demo.env, demo.task), {d.seed for d in self.load(demo.env, demo.task)}
            )
            if demo.seed in seeds:
                continue
            path = self.path(demo.env, demo.task)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(demo.to_json()) + "\n")
            seeds.add(demo.seed)
            added.append(demo)
        return added

    def tasks(self) -> list[tuple[str, str, int]]:
        """``(env, task, count)`` for every task file in the store."""
        if not self.root.is_dir():
            return []
        found = []
        for path in sorted(self.root.glob("*/*.jsonl")):
            count = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
            found.append((path.parent.name, path.stem, count))
        return found
