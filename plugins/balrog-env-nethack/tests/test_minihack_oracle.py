"""The oracle through the CLI, with each task's reference action set: every MazeWalk-9x9
episode solved walking square by square; every Boxoban episode on official levels solved
by the solver's fewest-moves plan within the 100 steps."""

import json

import pytest
from balrog_core.cli import main


@pytest.mark.slow
@pytest.mark.parametrize("task", ["MiniHack-MazeWalk-9x9-v0", "MiniHack-Boxoban-Medium-v0",
                                  "MiniHack-Boxoban-Hard-v0"])
def test_oracle_scores_100(task, tmp_path):
    out = tmp_path / "run"
    main(["run", "--env", "minihack", "--task", task, "--agent", "oracle", "--episodes", "5",
          "--output", str(out)])
    summary = json.loads((out / "summary.json").read_text())
    entry = summary["tasks"][f"minihack/{task}"]
    assert (entry["n"], entry["failed"], entry["mean"], entry["invalid_outputs"]) == (5, 0, 100.0, 0)
