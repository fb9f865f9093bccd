"""The oracle solves every task through the real CLI run, on the reference levels and on the
``apart`` option's, which run.json names as a protocol deviation."""

import json

from balrog_core.cli import main

TASKS = ["goto", "pickup", "open", "putnext", "pick_up_seq_go_to"]


def _run(output, *extra):
    main(["run", "--env", "babyai", "--agent", "oracle", *extra, "--output", str(output)])
    summary = json.loads((output / "summary.json").read_text())
    records = [json.loads(line) for line in (output / "episodes.jsonl").read_text().splitlines()]
    deviations = json.loads((output / "run.json").read_text())["protocol_deviations"]
    return summary, records, deviations


def test_oracle_scores_100_on_every_task(tmp_path):
    summary, records, deviations = _run(tmp_path / "run", "--episodes", "20")
    tasks = {name: task["mean"] for name, task in summary["tasks"].items()}
    assert tasks == {f"babyai/{name}": 100.0 for name in TASKS}
    assert summary["envs"]["babyai"]["n"] == 100
    assert summary["envs"]["babyai"]["failed"] == 0
    assert all(r["extras"]["success"] and r["extras"]["mission"] for r in records)
    assert all(r["invalid_outputs"] == 0 and r["error"] is None for r in records)
    assert {r["extras"]["reference_task"] for r in records} == {
        f"BabyAI-MixedTrainLocal-v0/{name}" for name in TASKS}
    assert not [line for line in deviations if line.startswith("babyai")]


def test_oracle_on_apart_levels_and_the_deviation_is_recorded(tmp_path):
    summary, _, deviations = _run(tmp_path / "run", "--episodes", "3",
                                  "-o", "env.babyai.levels=apart")
    assert {task["mean"] for task in summary["tasks"].values()} == {100.0}
    assert "babyai: babyai levels=apart: the project's own layouts and missions " \
           "(reference: BabyAI-MixedTrainLocal-v0, num_dists=0)" in deviations
