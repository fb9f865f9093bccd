"""``balrog compare`` on two real runs of the same seeds with different agents, checked
against a direct numpy computation and an exact permutation test."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from balrog_core import ConfigError
from balrog_report import compare_runs, load_run
from balrog_report.compare import paired_statistics


def _progressions(run_dir):
    rows = [json.loads(line) for line in (run_dir / "episodes.jsonl").read_text().splitlines() if line]
    return {(r["env"], r["task"], r["index"], r["seed"]): r["progression"] for r in rows if r["error"] is None}


def test_compare_reports_difference_ci_and_p(text_runs, balrog_cli, capsys):
    balrog_cli("compare", *text_runs, "--json")
    result = json.loads(capsys.readouterr().out)
    a, b = _progressions(text_runs[0]), _progressions(text_runs[1])
    shared = sorted(set(a) & set(b))
    assert result["paired_episodes"] == len(shared) == 13  # 14 episodes, the broken one left out
    differences = {}
    for key in shared:
        differences.setdefault(key[0], []).append(b[key] - a[key])
    differences = {env: np.array(values) for env, values in differences.items()}
    rng = np.random.default_rng(0)
    for env in sorted(differences):
        d = differences[env]
        group = result["envs"][env]
        assert group["n"] == len(d)
        assert group["mean_difference"] == pytest.approx(d.mean())
        assert group["ci_low"] <= group["mean_difference"] <= group["ci_high"]
        assert 0 < group["p_value"] <= 1
    assert any(abs(d.mean()) > 0 for d in differences.values()), "the two agents should play differently"
    assert any(g["ci_high"] > g["ci_low"] and g["p_value"] < 1 for g in result["envs"].values())
    overall = result["overall"]
    assert overall["mean_difference"] == pytest.approx(np.mean([d.mean() for d in differences.values()]))
    assert overall["mean_b"] - overall["mean_a"] == pytest.approx(overall["mean_difference"])
    # The documented draw order reproduces the interval exactly.
    boots = [differences[e][rng.integers(0, len(differences[e]), size=(10_000, len(differences[e])))].mean(axis=1)
             for e in sorted(differences)]
    low, high = np.percentile(np.mean(boots, axis=0), [2.5, 97.5])
    assert (overall["ci_low"], overall["ci_high"]) == pytest.approx((low, high))
    assert result["warnings"] == []


def test_sign_flip_p_value_matches_exact_enumeration():
    d = np.array([12.0, -3.0, 7.5, 0.0, 20.0, 4.0, -1.0, 9.0, 15.0, 2.5])
    exact = np.mean([abs((np.array(signs) * d).mean()) >= abs(d.mean()) - 1e-12
                     for signs in itertools.product((-1, 1), repeat=len(d))])
    result = paired_statistics({"env": d}, resamples=20_000, seed=3)
    assert result["envs"]["env"]["p_value"] == pytest.approx(exact, abs=0.01)
    # Identical runs: no difference, p = 1, a zero-width interval.
    same = paired_statistics({"env": np.zeros(6)}, resamples=500)["envs"]["env"]
    assert (same["mean_difference"], same["ci_low"], same["ci_high"], same["p_value"]) == (0.0, 0.0, 0.0, 1.0)


def test_compare_warns_about_protocol_differences(text_runs, tmp_path, balrog_cli, capsys):
    other = tmp_path / "other"
    balrog_cli("run", "--env", "numberline", "--agent", "random", "--output", other, "--history", "4",
               "--parse", "tolerant", "--constrain-actions")
    capsys.readouterr()
    balrog_cli("compare", text_runs[0], other)
    printed = capsys.readouterr().out
    assert "warning: history length differs: A history=16, B history=4" in printed
    assert "warning: answer parsing differs: A parse='reference', B parse='tolerant'" in printed
    assert "warning: B departs from the reference protocol: parse 'tolerant': answers read leniently" in printed
    assert "warning: B departs from the reference protocol: history window of 4 observations (reference: 16)" in printed
    assert "warning: constrained decoding differs: A constrain_actions=False, B constrain_actions=True" in printed
    assert "warning: 9 episodes were played by only one of the runs" in printed
    assert "overall" in printed and "+0.00" in printed  # same seeds, same random agent

    run_a, run_b = load_run(text_runs[0]), load_run(other)
    run_b.config["options"] = {"client.guided_decoding": "json"}  # as a client plugin might name it
    warnings = compare_runs(run_a, run_b)["warnings"]
    assert "constrained decoding option client.guided_decoding differs: A None, B 'json'" in warnings

    reseeded = tmp_path / "reseeded"
    balrog_cli("run", "--env", "numberline", "--agent", "random", "--output", reseeded, "--seed", "1")
    with pytest.raises(ConfigError, match="share no episode"):
        compare_runs(run_a, load_run(reseeded))
