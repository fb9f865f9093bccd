"""The navigation oracle through the CLI: every MazeWalk-9x9 and Corridor-R3 episode
solved; the Boxoban oracle plays the solver's plan."""

import json

import pytest
from balrog_core.cli import main


@pytest.mark.parametrize("task", ["MiniHack-MazeWalk-9x9-v0", "MiniHack-Corridor-R3-v0", "MiniHack-Boxoban-Medium-v0"])
def test_oracle_scores_100(task, tmp_path):
    out = tmp_path / "run"
    main(["run", "--env", "minihack", "--task", task, "--agent", "oracle", "--episodes", "5",
          "--output", str(out)])
    summary = json.loads((out / "summary.json").read_text())
    entry = summary["tasks"][f"minihack/{task}"]
    assert entry["n"] == 5
    assert entry["failed"] == 0
    assert entry["mean"] == 100.0
