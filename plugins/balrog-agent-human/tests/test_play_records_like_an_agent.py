"""``balrog play`` driven through real BabyAI and TextWorld episodes by piped answers
(invalid ones and ``help`` included) records exactly the run that the naive agent records
when a model gives the same answers, and shows the person exactly the model's prompt."""

from __future__ import annotations

import pytest

from balrog_core import NAIVE_FORMAT

BABYAI = ("--env", "babyai", "--task", "goto")
TEXTWORLD = ("--env", "textworld", "--task", "coin_collector")


def shown_prompts(games, run) -> tuple[str, list[str]]:
    """The instruction and each step's current observation message a model got."""
    _, trace = games.episode(run)
    steps = [line for line in trace if line["type"] == "step"]
    return steps[0]["messages"][0]["text"], [step["messages"][-1]["text"] for step in steps]


@pytest.mark.slow
def test_invalid_answers_get_the_models_feedback_and_default_action(games):
    typed = [
        "help", "turn left", "Turn Left", "", "jump!", "go forward.", "HELP", "1. turn right",
        "turn right",
    ]
    answers = games.answers_only(typed)
    human, transcript = games.play("human", typed, *BABYAI, "--max-steps", str(len(answers)))
    agent = games.agent("agent", answers, *BABYAI, "--max-steps", str(len(answers)))
    record = games.assert_same_episode(human, agent)

    assert record["steps"] == 7 and record["invalid_outputs"] == 4
    assert record["invalid_texts"] == ["Turn Left", "", "jump!", "1. turn right"]
    _, trace = games.episode(human)
    steps = [line for line in trace if line["type"] == "step"]
    assert [s["action"] for s in steps] == [
        "turn left", "go forward", "go forward", "go forward", "go forward", "go forward", "turn right",
    ]
    assert [s["invalid"] for s in steps] == [False, True, True, True, False, True, False]
    assert "Defaulted to action: go forward" in steps[2]["messages"][-1]["text"]

    instruction, observations = shown_prompts(games, human)
    assert transcript.count(instruction) == 1
    position = transcript.index(instruction)
    for observation in observations:  # every prompt shown whole, in order
        assert observation.endswith(NAIVE_FORMAT)
        position = transcript.index(observation, position) + len(observation)
    assert transcript.count("Actions (type one):\n  turn left: turn to the left") == 2
    assert "episode over" in transcript and "4 invalid answers" in transcript


@pytest.mark.slow
def test_a_won_babyai_episode_is_recorded_as_the_agents(games):
    moves = games.actions("oracle", "oracle", *BABYAI)
    typed = ["help", *(f"{move}!" if i % 2 else move for i, move in enumerate(moves))]
    human, transcript = games.play("human", typed, *BABYAI)
    agent = games.agent("agent", games.answers_only(typed), *BABYAI)
    record = games.assert_same_episode(human, agent)
    assert record["progression"] == 100.0 and record["terminated"] and record["invalid_outputs"] == 0
    assert "game over after" in transcript and "progression 100/100" in transcript


@pytest.mark.slow
def test_a_textworld_episode_is_recorded_as_the_agents(games):
    moves = games.actions("walkthrough", "walkthrough", *TEXTWORLD)
    # Free text: every answer reaches the game after the letters filter, nonsense included;
    # "help." is the way to send the game's own help command past the harness's.
    typed = ["help", "look around!!", "help.", "", *moves[:3], "Dance?", *moves[3:]]
    human, transcript = games.play("human", typed, *TEXTWORLD)
    agent = games.agent("agent", games.answers_only(typed), *TEXTWORLD)
    record = games.assert_same_episode(human, agent)
    assert record["progression"] == 100.0 and record["steps"] == len(moves) + 4
    _, trace = games.episode(human)
    played = [line["action"] for line in trace if line["type"] == "step"]
    assert played[:4] == ["look around", "help", "", moves[0]] and played[6] == "Dance"
    assert "Any text is a command for the game" in transcript
    instruction, observations = shown_prompts(games, human)
    assert transcript.count(instruction) == 1
    assert all(observation in transcript for observation in observations)


@pytest.mark.slow
def test_tolerant_parsing_reads_a_persons_answers_as_a_models(games):
    typed = ["**Go North**", "", "take coin", "go   west."]
    options = (*TEXTWORLD, "--parse", "tolerant", "--max-steps", "4")
    human, _ = games.play("human", typed, *options)
    agent = games.agent("agent", typed, *options)
    record = games.assert_same_episode(human, agent)
    assert record["invalid_outputs"] == 1
    _, trace = games.episode(human)
    default = trace[0]["default_action"]
    steps = [line for line in trace if line["type"] == "step"]
    assert [(s["action"], s["rule"]) for s in steps] == [
        ("go north", "free_text"), (default, "empty"), ("take coin", "exact"), ("go west", "free_text"),
    ]
    assert f"Defaulted to action: {default}" in steps[2]["messages"][-1]["text"]
