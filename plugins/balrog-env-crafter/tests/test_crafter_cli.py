"""Crafter through balrog's command line, end to end, with the random agent."""

import json

import pytest
from balrog_core.cli import main


def test_random_agent_run_completes(tmp_path):
    out = tmp_path / "run"
    main(["run", "--env", "crafter", "--agent", "random", "--episodes", "2",
          "--max-steps", "100", "--output", str(out)])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["envs"]["crafter"]["failed"] == 0
    assert summary["envs"]["crafter"]["n"] == 2
    records = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]
    assert len(records) == 2
    for record in records:
        extras = record["extras"]
        assert set(extras) == {"achievements", "achievement_counts", "vitals", "length"}
        assert record["progression"] == pytest.approx(100 * len(extras["achievements"]) / 22)


def test_bad_length_option_is_a_one_line_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["run", "--env", "crafter", "--agent", "random", "--episodes", "1",
              "--max-steps", "5", "-o", "env.crafter.length=many",
              "--output", str(tmp_path / "run")])
    assert stopped.value.code != 0
    assert "env.crafter.length='many'" in capsys.readouterr().err


def test_options_are_named_in_run_json_and_bad_values_are_one_line_errors(tmp_path, capsys):
    out = tmp_path / "run"
    main(["run", "--env", "crafter", "--agent", "random", "--episodes", "1", "--max-steps", "3",
          "-o", "env.crafter.observation=detailed", "-o", "env.crafter.length=500",
          "--output", str(out)])
    deviations = json.loads((out / "run.json").read_text())["protocol_deviations"]
    assert any("game length 500 steps (reference: 10000)" in line for line in deviations)
    assert any("detailed observation text" in line for line in deviations)
    with pytest.raises(SystemExit) as stopped:
        main(["run", "--env", "crafter", "--agent", "random", "--episodes", "1",
              "--max-steps", "3", "-o", "env.crafter.observation=rich",
              "--output", str(tmp_path / "bad")])
    assert stopped.value.code != 0
    error = capsys.readouterr().err
    assert "env.crafter.observation='rich': use one of reference, detailed" in error
