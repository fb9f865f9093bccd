"""The oracle solves every task through the real CLI run."""

import json

from balrog_core.cli import main


def test_oracle_scores_100_on_every_task(tmp_path):
    output = tmp_path / "run"
    main(["run", "--env", "babyai", "--agent", "oracle", "--episodes", "20",
          "--output", str(output)])
    summary = json.loads((output / "summary.json").read_text())
    tasks = {name: task["mean"] for name, task in summary["tasks"].items()}
    assert tasks == {f"babyai/{name}": 100.0 for name in
                     ["goto", "pickup", "open", "putnext", "pick_up_seq_go_to"]}
    assert summary["envs"]["babyai"]["n"] == 100
    assert summary["envs"]["babyai"]["failed"] == 0
    records = [json.loads(line) for line in (output / "episodes.jsonl").read_text().splitlines()]
    assert all(r["extras"]["success"] and r["extras"]["mission"] for r in records)
    assert all(r["invalid_outputs"] == 0 and r["error"] is None for r in records)
