"""Terminal, Markdown and JSON reports of real runs: the numbers are the runs' own."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from balrog_core import ConfigError
from balrog_report import build_report, load_run

# The paper's overall tables, from the data file the core ships.
OVERALL = json.loads(resources.files("balrog_core").joinpath("data", "published_results.json")
                     .read_text("utf-8"))["results"]["overall"]


def _summary(run_dir):
    return json.loads((run_dir / "summary.json").read_text())


def test_json_report_holds_both_runs_side_by_side(text_runs, tmp_path, balrog_cli):
    out = tmp_path / "out"
    balrog_cli("report", *text_runs, "--out", out, "--format", "json,markdown")
    report = json.loads((out / "report.json").read_text())
    assert [run["agent"] for run in report["runs"]] == ["random", "reportchatty"]
    assert report["envs"] == ["numberline", "reportcount", "reportgrid"]
    for run_dir, entry in zip(text_runs, report["leaderboard"]):
        summary = _summary(run_dir)
        assert entry["overall"]["mean"] == pytest.approx(summary["overall"]["mean"])
        assert entry["overall"]["se"] == pytest.approx(summary["overall"]["se"])
        for env in report["envs"]:
            assert entry["envs"][env]["mean"] == pytest.approx(summary["envs"][env]["mean"])
        assert entry["complete_suite"] is False
    chatty = report["usage"]["reportgrid"]["reportchatty"]
    summary = _summary(text_runs[1])["envs"]["reportgrid"]
    assert chatty["invalid_rate"] == pytest.approx(summary["invalid_rate"]) and chatty["invalid_rate"] > 0
    assert chatty["input_tokens"] == summary["input_tokens"] > 0
    assert chatty["cost"] == pytest.approx(0.0002 * summary["steps"])
    assert report["tasks"]["reportcount/fragile"]["random"]["failed"] == 1
    assert report["runs"][0]["outcomes"]["error"] == 1
    best = max(OVERALL["language"], key=lambda row: row["mean"])
    assert report["published"]["rows"][0] == {**best, "mode": "language"}
    assert report["placement"]["groups"] == []  # the test games are not in the paper


def test_markdown_report_tables(text_runs, tmp_path, balrog_cli):
    out = tmp_path / "md"
    balrog_cli("report", *text_runs, "--out", out, "--format", "markdown")
    text = (out / "report.md").read_text()
    summary = _summary(text_runs[0])
    numberline = summary["envs"]["numberline"]
    row = next(line for line in text.splitlines() if line.startswith("| random | random |"))
    assert f"{numberline['mean']:.2f} ± {numberline['se']:.2f}" in row
    assert "| reportcount/fragile |" in text and "1 failed" in text
    for row in OVERALL["language"]:
        assert f"| {row['model']} | {row['mean']:.2f} ± {row['se']:.2f} |" in text
    assert "ddof=1" in text
    assert not (out / "report.html").exists()


def test_terminal_report_prints_leaderboard(text_runs, tmp_path, balrog_cli, capsys):
    balrog_cli("report", text_runs[1], "--format", "terminal")
    printed = capsys.readouterr().out
    overall = _summary(text_runs[1])["overall"]
    assert "Leaderboard" in printed and f"{overall['mean']:.2f}" in printed and "reportchatty" in printed
    assert not (text_runs[1] / "report").exists()


def test_vision_runs_are_set_against_the_vision_results(vision_run):
    report = build_report([load_run(vision_run)])
    assert report["published"]["modes"] == ["vision"]
    assert [row["model"] for row in report["published"]["rows"]] == [row["model"] for row in OVERALL["vision"]]


def test_bad_format_and_missing_run_are_one_line_errors(tmp_path, text_runs):
    from balrog_report.commands import _formats

    with pytest.raises(ConfigError, match="unknown report format 'pdf'"):
        _formats("html,pdf")
    with pytest.raises(ConfigError, match="not a run directory"):
        load_run(tmp_path / "nowhere")
