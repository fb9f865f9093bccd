import json

from balrog_core.cli import main


def test_greedy_agent_reaches_every_target(tmp_path, capsys):
    main(["run", "--env", "numberline", "--agent", "greedy", "--output", str(tmp_path / "run")])
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert summary["envs"]["numberline"]["mean"] == 100.0
    assert summary["envs"]["numberline"]["n"] == 5
