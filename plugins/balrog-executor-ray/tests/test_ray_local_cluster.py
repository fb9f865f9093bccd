"""Without an address the executor starts a local cluster for the run and stops it after."""

from __future__ import annotations

import json
import os
from pathlib import Path

import ray

from balrog_core.cli import main


def _children_named(*names: str) -> list[str]:
    """Commands of this process's children whose name is one of ``names``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "comm").read_text().strip()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and command in names:
            found.append(command)
    return found


def test_a_run_starts_its_own_local_cluster_and_stops_it(tmp_path, monkeypatch):
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    monkeypatch.setenv("RAY_agent_register_timeout_ms", "120000")  # patient with a loaded machine
    out = tmp_path / "run"
    main(["run", "--env", "numberline", "--agent", "random", "--episodes", "4", "--seed", "9",
          "--executor", "ray", "-o", "executor.num_cpus=2", "--output", str(out)])
    rows = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]
    assert sorted(row["index"] for row in rows) == [0, 1, 2, 3]
    assert all(row["error"] is None and (out / row["trace"]).exists() for row in rows)
    assert not ray.is_initialized()
    assert _children_named("raylet", "gcs_server") == []
