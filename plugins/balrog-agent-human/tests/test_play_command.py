"""``balrog play`` as a command: stopping and resuming, vision mode, the run read by
``report``, ``compare`` and ``demos``, and one-line errors. Real BabyAI episodes throughout."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from balrog_core.harness import read_trace
from balrog_core.cli import main

BABYAI = ("--env", "babyai", "--task", "goto")


def status(run) -> str:
    return json.loads((run / "run.json").read_text())["status"]


@pytest.mark.slow
def test_quit_and_end_of_input_stop_the_run_like_ctrl_c_and_resume_replays_the_episode(games):
    run, transcript = games.play("human", ["turn left", "quit"], *BABYAI, "--max-steps", "3", code=130)
    assert status(run) == "interrupted" and not (run / "episodes.jsonl").exists()
    assert f"balrog play --resume {run}" in transcript

    games.play("resume", ["turn left", "turn right"], "--resume", str(run), code=130, output=False)
    assert status(run) == "interrupted" and not (run / "episodes.jsonl").exists()

    answers = ["go forward", "turn right", "turn right"]
    games.play("resume", answers, "--resume", str(run), output=False)
    assert status(run) == "finished"
    agent = games.agent("agent", answers, *BABYAI, "--max-steps", "3")
    games.assert_same_episode(run, agent)
    sessions = json.loads((run / "run.json").read_text())["sessions"]
    assert [s["status"] for s in sessions] == ["interrupted", "interrupted", "finished"]
    _, transcript = games.play("resume", [], "--resume", str(run), output=False)
    assert "no episode left to play" in transcript


def test_ctrl_c_while_waiting_for_an_answer_stops_at_once(games):
    run = games.root / "human"
    process = subprocess.Popen(
        [str(games.balrog), "play", *BABYAI, "--output", str(run)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=games.environ,
    )
    try:
        deadline = time.monotonic() + 60
        while not list((run / "traces").glob("*.partial")) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)  # the first prompt is up and the answer awaited
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)  # stdin stays open: no answer ever comes
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, output
    assert status(run) == "interrupted" and "Traceback" not in output


@pytest.mark.slow
def test_vision_saves_each_image_and_shows_its_path(games):
    run, transcript = games.play("human", ["turn left", "go forward"], *BABYAI, "--vision", "--max-steps", "2")
    paths = [line.removeprefix("image: ") for line in transcript.splitlines() if line.startswith("image: ")]
    assert paths == [str(run / "screens" / f"step-000{i}.png") for i in range(2)]
    record = json.loads((run / "episodes.jsonl").read_text())
    trace = read_trace(run / record["trace"])
    steps = [line for line in trace if line["type"] == "step"]
    for path, step in zip(paths, steps):
        assert (run / "traces" / step["image"]).read_bytes() == Path(path).read_bytes()
        assert step["messages"][-1]["text"] in transcript
        assert step["messages"][-1]["images"] == 1
        assert "Image observation provided." in step["messages"][-1]["text"]
    agent = games.agent("agent", ["turn left", "go forward"], *BABYAI, "--vision", "--max-steps", "2")
    games.assert_same_episode(run, agent)


@pytest.mark.slow
def test_the_run_shows_up_in_report_compare_and_demos(games, capsys):
    moves = games.actions("oracle", "oracle", *BABYAI)
    human, transcript = games.play("human", moves, *BABYAI, "--demo")
    assert "demonstration saved: babyai/goto seed" in transcript
    typo, _ = games.play("typo", ["Go Forward"] * len(moves), *BABYAI, "--max-steps", str(len(moves)))

    main(["report", str(human), "--out", str(games.root / "report"), "--format", "json"])
    report = json.loads((games.root / "report" / "report.json").read_text())
    [row] = report["leaderboard"]
    assert report["runs"][0]["agent"] == "human"
    assert row["envs"]["babyai"] == {"mean": 100.0, "se": None, "n": 1, "failed": 0}

    capsys.readouterr()
    main(["compare", str(human), str(typo), "--json"])
    comparison = json.loads(capsys.readouterr().out)
    assert comparison["paired_episodes"] == 1
    assert comparison["envs"]["babyai"]["mean_difference"] < 0

    main(["demos", "list"])
    assert capsys.readouterr().out.strip() == "babyai/goto: 1"
    [line] = (games.root / "demos" / "babyai" / "goto.jsonl").read_text().splitlines()
    demo = json.loads(line)
    assert [step["action"] for step in demo["steps"]] == moves and demo["progression"] == 100.0


@pytest.mark.slow
def test_bad_input_gets_one_line_errors(games):
    _, transcript = games.play("none", [], code=2, output=False)
    assert transcript.strip() == "error: no game chosen; pass --env NAME (see balrog envs list), e.g. balrog play --env babyai"
    agent = games.agent("agent", ["turn left"], *BABYAI, "--max-steps", "1")
    _, transcript = games.play("resume", [], "--resume", str(agent), code=2, output=False)
    assert transcript.strip() == (
        f"error: {str(agent)!r} is a run of agent 'naive', not a person's; continue it with: balrog run --resume {agent}"
    )
    _, transcript = games.play("unknown", [], "--env", "babyai", "--task", "gotoo", code=2)
    assert transcript.strip().startswith("error: ") and "gotoo" in transcript and len(transcript.strip().splitlines()) == 1
