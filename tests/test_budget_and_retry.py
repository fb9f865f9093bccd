"""Cost budget, re-running failed episodes, and the dry-run estimate."""

import json

from balrog_core.cli import main
from balrog_core.estimate import _episode_prompt_tokens, _fit
from balrog_core.testing import LoopbackOpenAI


def _lines(out):
    return [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]


def _naive(server, out, *extra):
    return ["run", "--env", "testline", "--agent", "naive", "--client", "testhttp", "--base-url", server.url,
            "--task", "short", "--max-steps", "5", "-o", "env.testline.width=9", "-o", "env.testline.start=0",
            "--concurrency", "1", "--output", str(out), *extra]


def test_max_cost_stops_new_episodes_and_resume_continues(testgame, tmp_path, capsys):
    out = tmp_path / "run"
    with LoopbackOpenAI("step right") as server:
        main(_naive(server, out, "--max-cost", "0.003"))
        err = " ".join(capsys.readouterr().err.split())
        assert "cost budget of $0.0030 reached after $0.0050: 2 episodes not started" in err
        records = _lines(out)
        assert len(records) == 1 and records[0]["cost"] == 0.005
        meta = json.loads((out / "run.json").read_text())
        assert meta["status"] == "budget_reached"
        main(["run", "--resume", str(out), "--max-cost", "1"])
    assert len(_lines(out)) == 3
    assert json.loads((out / "run.json").read_text())["status"] == "finished"


def test_retry_failed_plays_failed_episodes_again(testgame, tmp_path, monkeypatch):
    out = tmp_path / "run"
    monkeypatch.setenv("TESTLINE_EXPLODE", "long")
    main(["run", "--env", "testline", "--agent", "walker", "--output", str(out)])
    assert sum(r["error"] is not None for r in _lines(out)) == 2
    monkeypatch.delenv("TESTLINE_EXPLODE")
    main(["run", "--retry-failed", str(out)])
    records = _lines(out)
    assert len(records) == 5 and all(r["error"] is None for r in records)
    assert json.loads((out / "summary.json").read_text())["envs"]["testline"]["failed"] == 0
    assert json.loads((out / "run.json").read_text())["retried_failed"][0]["episodes"] == 2


def test_dry_run_estimates_from_real_steps_and_keeps_nothing(testgame, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with LoopbackOpenAI("stay") as server:
        main(["run", "--env", "testline", "--agent", "naive", "--client", "testhttp",
              "--base-url", server.url, "--dry-run"])
        sampled = len(server.requests)
    out = capsys.readouterr().out
    assert sampled == 2 * 5
    assert "dry run" in out and "testline" in out and "unknown" not in out
    assert not (tmp_path / "runs").exists()


def test_prompt_growth_model():
    base, per_turn = _fit([100, 150, 200, 250])
    assert (base, per_turn) == (100.0, 50.0)
    # The prompt grows by one turn per step until the window (2) is full, then stays flat.
    assert _episode_prompt_tokens(base, per_turn, 5, history=2) == 100 + 150 + 200 + 200 + 200
    assert _episode_prompt_tokens(base, per_turn, 3, history=16) == 100 + 150 + 200
