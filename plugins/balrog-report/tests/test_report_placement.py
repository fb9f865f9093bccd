"""A run placed on the paper's per-game tables, in ``balrog report`` (JSON, Markdown,
terminal, HTML) and ``balrog summary``. Expected ranks and intervals are computed here from
the data file the core ships, never from numbers written into the tests."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from balrog_core.harness import place_run, published_table
from balrog_core.cli import main

DATA = json.loads(resources.files("balrog_core").joinpath("data", "published_results.json").read_text("utf-8"))


def _read(run_dir, name):
    return json.loads((run_dir / name).read_text())


def _expected(game: str, mode: str, mean: float, se: float) -> tuple[int, set[str]]:
    """Rank among the printed table and the models inside mean ± 1.96 SE."""
    table = DATA["results"][game][mode]
    rank = 1 + sum(row["mean"] > mean for row in table)
    within = {row["model"] for row in table if mean - 1.96 * se <= row["mean"] <= mean + 1.96 * se}
    return rank, within


def test_the_data_file_holds_the_papers_13_tables():
    tables = [(game, mode) for game, modes in DATA["results"].items() for mode in modes]
    assert len(tables) == 13 and ("textworld", "vision") not in tables
    for game, mode in tables:
        rows = published_table(game, mode)
        assert sorted((r.model, r.mean, r.se) for r in rows) == sorted(
            (r["model"], r["mean"], r["se"]) for r in DATA["results"][game][mode])
        assert [r.mean for r in rows] == sorted((r.mean for r in rows), reverse=True)
    assert published_table("textworld", "vision") == ()


def test_a_reference_run_is_ranked_in_every_rendering(babyai_runs, tmp_path, capsys):
    run = babyai_runs[0]
    summary, meta = _read(run, "summary.json"), _read(run, "run.json")
    assert meta["protocol"]["name"] == "reference" and meta["protocol_deviations"] == []
    score = summary["envs"]["babyai"]
    rank, within = _expected("babyai", "language", score["mean"], score["se"])

    [placement] = place_run(summary, meta)
    assert (placement.game, placement.mode, placement.comparable) == ("babyai", "language", True)
    assert placement.rank == rank and set(placement.within) == within
    assert placement.low == pytest.approx(score["mean"] - 1.96 * score["se"])

    main(["report", str(run), "--out", str(tmp_path), "--format", "json,markdown,terminal"])
    printed = capsys.readouterr().out
    [group] = _read(tmp_path, "report.json")["placement"]["groups"]
    assert group["title"] == "BabyAI, language-only"
    assert group["runs"][0]["rank"] == rank and set(group["runs"][0]["within"]) == within
    markdown = (tmp_path / "report.md").read_text()
    assert f"| **{rank}** | **random** | **{score['mean']:.2f} ± {score['se']:.2f}** | **this run** |" in markdown
    section = markdown.split("## BabyAI, language-only: random beside the published results")[1]
    for row in DATA["results"]["babyai"]["language"]:
        line = next(line for line in section.splitlines() if f"| {row['model']} |" in line)
        assert line.endswith("| within 95% interval |") == (row["model"] in within), line
    assert f"rank {rank} of {len(DATA['results']['babyai']['language']) + 1}" in printed

    main(["summary", str(run)])
    printed = capsys.readouterr().out
    assert f"rank {rank} of" in printed and "Not comparable" not in printed
    assert printed.count("this run") == 1


def test_a_run_with_a_protocol_deviation_is_not_comparable_and_not_ranked(babyai_runs, tmp_path, capsys):
    run = babyai_runs[1]
    summary, meta = _read(run, "summary.json"), _read(run, "run.json")
    [deviation] = meta["protocol_deviations"]
    assert "extended" in deviation

    [placement] = place_run(summary, meta)
    assert (placement.mode, placement.comparable, placement.rank) == ("vision", False, None)
    score = summary["envs"]["babyai"]
    assert set(placement.within) == _expected("babyai", "vision", score["mean"], score["se"])[1]
    assert [row.rank for row in placement.rows("random")][-1] == "—"

    main(["report", str(run), "--out", str(tmp_path), "--format", "json,markdown"])
    markdown = (tmp_path / "report.md").read_text()
    assert "## BabyAI, vision-language: random beside the published results" in markdown
    assert "| **—** | **random** |" in markdown and "this run: not comparable" in markdown
    assert f"not comparable (protocol deviations), not ranked. Protocol deviations: {deviation}" in markdown
    assert _read(tmp_path, "report.json")["placement"]["groups"][0]["runs"][0]["rank"] is None

    main(["summary", str(run)])
    printed = " ".join(capsys.readouterr().out.split())
    assert f"Not comparable to the published results (not ranked): {deviation}" in printed
    assert "rank " not in printed.split("Not comparable")[1].split("┏")[0]


def test_overall_is_placed_over_the_whole_suite_only_and_textworld_has_no_vision_table(babyai_runs):
    meta = _read(babyai_runs[0], "run.json")
    score = _read(babyai_runs[0], "summary.json")["envs"]["babyai"]
    games = list(DATA["results"])[1:]
    suite = {"envs": {game: score for game in games}, "overall": score}
    placed = place_run(suite, meta)
    assert [p.game for p in placed] == [*games, "overall"]
    assert placed[-1].rank == _expected("overall", "language", score["mean"], score["se"])[0]
    assert [p.game for p in place_run({"envs": {"babyai": score}, "overall": score}, meta)] == ["babyai"]
    vision = place_run({"envs": {"textworld": score}}, meta | {"config": {**meta["config"], "vision": True}})
    assert vision[0].published == () and vision[0].rank is None
    assert vision[0].headline().endswith("the paper has no vision-language table for this game")
