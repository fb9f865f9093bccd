"""End to end through the balrog command line: the oracle wins every episode."""

import json

import pytest
from balrog_core.cli import main

from balrog_env_babaisai.levels import LEVEL_NAMES


@pytest.mark.slow
def test_oracle_scores_100_on_all_40_levels_via_the_cli(tmp_path, capsys):
    out = tmp_path / "run"
    main(["run", "--env", "babaisai", "--agent", "oracle", "--output", str(out)])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["envs"]["babaisai"]["failed"] == 0
    assert summary["envs"]["babaisai"]["n"] == 120
    assert summary["envs"]["babaisai"]["mean"] == 100.0
    assert {f"babaisai/{name}" for name in LEVEL_NAMES} <= set(summary["tasks"])
    assert all(summary["tasks"][f"babaisai/{name}"]["mean"] == 100.0 for name in LEVEL_NAMES)
    records = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]
    assert len(records) == 120
    assert all(r["extras"]["won"] and r["steps"] <= 100 and r["extras"]["target_plan"] for r in records)


def test_vision_runs_record_images(tmp_path, capsys):
    out = tmp_path / "run"
    main(["run", "--env", "babaisai", "--task", "two_room-make_wall_win", "--agent", "oracle",
          "--episodes", "1", "--vision", "--output", str(out)])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["envs"]["babaisai"]["failed"] == 0 and summary["envs"]["babaisai"]["mean"] == 100.0
    assert list(out.rglob("*.png")), "vision mode should save the observed images"
