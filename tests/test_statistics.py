import math

import pytest

from balrog_core import EpisodeRecord, mean_se
from balrog_core.scoring import summarize_progression


def test_standard_error_uses_the_sample_std():
    mean, se = mean_se([0.0, 100.0, 100.0, 0.0])
    assert mean == 50.0
    assert se == pytest.approx(math.sqrt(sum((v - 50) ** 2 for v in [0, 100, 100, 0]) / 3) / 2)
    assert mean_se([]) == (None, None)
    assert mean_se([7.0]) == (7.0, None)


def _record(env, task, index, progression, error=None):
    return EpisodeRecord(env=env, task=task, index=index, seed=index, steps=10, progression=progression,
                         invalid_outputs=1, input_tokens=5, output_tokens=2, cost=0.5, error=error)


def test_summary_pools_tasks_and_averages_envs_unweighted():
    records = [
        _record("a", "t1", 0, 100.0), _record("a", "t1", 1, 0.0), _record("a", "t2", 0, 100.0),
        _record("b", "t", 0, 10.0), _record("b", "t", 1, 30.0),
        _record("b", "t", 2, 0.0, error="Traceback: boom"),
    ]
    summary = summarize_progression(records)
    a, b = summary["envs"]["a"], summary["envs"]["b"]
    assert a["mean"] == pytest.approx(200 / 3) and a["n"] == 3
    assert b["mean"] == 20.0 and b["n"] == 2 and b["failed"] == 1
    assert summary["tasks"]["a/t1"]["mean"] == 50.0
    overall = summary["overall"]
    assert overall["mean"] == pytest.approx((200 / 3 + 20) / 2)
    assert overall["se"] == pytest.approx(math.sqrt(a["se"] ** 2 + b["se"] ** 2) / 2)
    assert overall["invalid_rate"] == pytest.approx(6 / 60)
    assert overall["cost"] == pytest.approx(3.0)
    assert "ddof=1" in summary["statistics"]
