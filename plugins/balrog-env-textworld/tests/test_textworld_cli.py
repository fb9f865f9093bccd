"""End to end through the ``balrog`` command line: the oracle wins, the generator command
reports the games it verified."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from balrog_core.cli import main
from balrog_env_textworld.catalog import TASKS


def test_walkthrough_oracle_wins_one_game_of_each_task(textworld_games_dir: Path, tmp_path: Path):
    out = tmp_path / "run"
    main(["run", "--env", "textworld", "--agent", "walkthrough", "--episodes", "1", "--concurrency", "3",
          "--output", str(out), "-o", f"env.textworld.games_dir={textworld_games_dir}"])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["envs"]["textworld"]["failed"] == 0
    assert summary["envs"]["textworld"]["n"] == 3
    assert summary["envs"]["textworld"]["mean"] == 100.0
    for task in TASKS:
        assert summary["tasks"][f"textworld/{task}"]["mean"] == 100.0
    records = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]
    assert all(record["extras"]["won"] and record["steps"] <= 80 for record in records)


def test_walkthrough_oracle_can_replay_the_stored_walkthrough(textworld_games_dir: Path, tmp_path: Path):
    out = tmp_path / "run"
    main(["run", "--env", "textworld", "--task", "coin_collector", "--agent", "walkthrough",
          "--episodes", "1", "--output", str(out), "-o", f"env.textworld.games_dir={textworld_games_dir}",
          "-o", "agent.follow=walkthrough"])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["envs"]["textworld"]["failed"] == 0 and summary["envs"]["textworld"]["mean"] == 100.0
    record = json.loads((out / "episodes.jsonl").read_text().splitlines()[0])
    assert record["steps"] == 20


def test_generate_command_reports_verified_games(textworld_games_dir: Path, capsys):
    main(["textworld", "generate", "--task", "coin_collector", "--task", "treasure_hunter", "--episodes", "1",
          "--jobs", "2", "--games-dir", str(textworld_games_dir)])
    assert "2 textworld games ready and verified" in capsys.readouterr().out


def test_unknown_follow_mode_is_a_one_line_error(textworld_games_dir: Path, tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--env", "textworld", "--task", "coin_collector", "--agent", "walkthrough",
              "--episodes", "1", "--output", str(tmp_path / "run"),
              "-o", f"env.textworld.games_dir={textworld_games_dir}", "-o", "agent.follow=shortest"])
    assert exit_info.value.code == 2
    assert "agent.follow='shortest': use one of policy, walkthrough" in capsys.readouterr().err
