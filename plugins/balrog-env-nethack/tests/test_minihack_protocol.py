"""MiniHack by default is BALROG's protocol (PROTOCOL.md §7.5): how each task's env is
built, its valid actions, the instruction prompt, scoring; the project's extras are
options that report themselves as deviations. The action lists and observation shapes are
checked against episodes the reference harness played (tests/data)."""

import gzip
import json
from pathlib import Path

import pytest
from balrog_core import EnvSettings
from balrog_core.cli import main

from balrog_env_nethack.minihack_factory import build_minihack
from balrog_env_nethack.minihack_game import MINIHACK_TASKS, MiniHackOptions

GOLDEN = [json.loads(line) for line in
          gzip.open(Path(__file__).parent / "data" / "minihack_reference_observations.jsonl.gz", "rt")]
MOVES = ["north", "east", "south", "west", "northeast", "southeast", "southwest", "northwest"]
QUEST = MOVES + [f"far {move}" for move in MOVES] + [
    "down", "wait", "more", "apply", "close", "eat", "force", "kick", "loot", "open", "pickup",
    "pray", "puton", "quaff", "search", "zap"]
ACTIONS = {
    "MiniHack-MazeWalk-9x9-v0": MOVES,
    "MiniHack-MazeWalk-15x15-v0": MOVES,
    "MiniHack-Corridor-R3-v0": MOVES + ["open", "kick", "search"],
    "MiniHack-CorridorBattle-Dark-v0": MOVES,
    "MiniHack-Quest-Easy-v0": QUEST,
    "MiniHack-Quest-Medium-v0": QUEST,
    "MiniHack-Boxoban-Medium-v0": MOVES[:4],
    "MiniHack-Boxoban-Hard-v0": MOVES[:4],
}
# (reference prompt length from PROTOCOL.md, goal sentence's key words)
PROMPTS = {
    "MiniHack-MazeWalk-9x9-v0": (557, "get as far as you can in the game"),
    "MiniHack-MazeWalk-15x15-v0": (557, "get as far as you can in the game"),
    "MiniHack-Corridor-R3-v0": (687, "explore the level and get to the stairs down"),
    "MiniHack-CorridorBattle-Dark-v0": (565, "explore the level and get to the stairs down"),
    "MiniHack-Quest-Easy-v0": (1395, "fight monsters, and get through rooms and mazes"),
    "MiniHack-Quest-Medium-v0": (1395, "fight monsters, and get through rooms and mazes"),
    "MiniHack-Boxoban-Medium-v0": (622, "push the boulders onto the fountains"),
    "MiniHack-Boxoban-Hard-v0": (622, "push the boulders onto the fountains"),
}


def _env(task, protocol="reference", **options):
    return build_minihack(task, EnvSettings(options=MiniHackOptions(**options), protocol=protocol))


@pytest.mark.parametrize("task", MINIHACK_TASKS)
def test_env_is_built_as_the_reference_builds_it(task):
    env = _env(task)
    try:
        game = env.env
        assert game._max_episode_steps == 100
        forced = task in ("MiniHack-CorridorBattle-Dark-v0", "MiniHack-Quest-Medium-v0")
        assert game.character == ("kni-hum-law-fem" if forced else "@")
        assert "!autopickup" in game.nethack.options and "pettype:none" in game.nethack.options
        assert (game.penalty_step, game.penalty_mode) == (-0.01, "constant")
        if "Boxoban" not in task:
            assert game.penalty_time == 0.0
        assert env.action_space.names == ACTIONS[task]
        assert env.action_space.default == "north" and not env.action_space.free_text
    finally:
        env.close()


@pytest.mark.parametrize("task", MINIHACK_TASKS)
def test_reference_prompt_lists_the_valid_actions_and_the_goal(task):
    env = _env(task)
    try:
        env.reset(0)
        prompt = env.instruction_prompt()
        reference_length, goal = PROMPTS[task]
        intro, listing, history, tip, goal_text, play = prompt.split("\n\n")
        assert intro.startswith("You are an agent playing MiniHack.")
        lines = listing.split(",\n")
        assert [line.split(": ")[0] for line in lines] == ACTIONS[task]
        assert lines[-1].endswith(".") and not any(line.endswith(".") for line in lines[:-1])
        assert "history of the actions and observations" in history
        assert tip.startswith("Tip:") and "same action" in tip
        assert goal in goal_text
        assert play == "PLAY!"
        assert abs(len(prompt) - reference_length) <= 12, len(prompt)
        for word in ("lava", "levitat", "wand", "item", "inventory", "Elbereth"):
            assert word not in prompt.replace("zap: zap a wand", "")
    finally:
        env.close()


def test_extended_protocol_keeps_the_project_prompt():
    env = _env("MiniHack-Quest-Easy-v0", protocol="extended")
    try:
        prompt = env.instruction_prompt()
        assert prompt.startswith("You are playing a MiniHack task (MiniHack-Quest-Easy-v0)")
        assert "lava" in prompt and "Actions (answer with exactly one name):\nnorth: move north" in prompt
    finally:
        env.close()


@pytest.mark.parametrize("episode", GOLDEN, ids=lambda e: e["task"])
def test_reference_episodes_have_our_actions_rewards_and_sections(episode):
    """The reference's action list and default; replaying its actions gives rewards of the
    same kinds (0, or -0.01 when the clock stood still) and observations in its sections."""
    task = episode["task"]
    assert episode["actions"] == ACTIONS[task] and episode["default_action"] == "north"
    env = _env(task)
    try:
        observation = env.reset(episode["seed"])
        for step in episode["steps"]:
            if step["action"] is not None:
                outcome = env.step(step["action"])
                observation = outcome.observation
                assert round(outcome.reward, 4) in (0.0, -0.01)
            assert observation.short_term.startswith("inventory:\n")
            assert step["short_term"].startswith("inventory:\n")
            headers = [line for line in observation.text.split("\n") if line.endswith(":") and line[:-1]
                       in ("message", "language observation", "cursor", "map")]
            reference = [line for line in step["long_term"].split("\n") if line in
                         ("message:", "language observation:", "cursor:", "map:")]
            assert headers == reference == ["message:", "language observation:", "cursor:", "map:"]
    finally:
        env.close()


def test_score_is_decided_by_the_last_step_reward():
    """BaseProgress: 1 only when the last step's reward reaches 1 (a success on a step
    where the clock stood still pays 0.99 and scores 0)."""
    env = _env("MiniHack-MazeWalk-9x9-v0")
    try:
        env.reset(1)
        assert env.progression() == 0.0
        success = {"end_status": env.env.StepStatus.TASK_SUCCESSFUL}
        env.last_info = success
        env._on_step(env.last_obs, 0.99, True, False)
        assert env.progression() == 0.0 and env.extras()["end_reason"] == "solved"
        env._on_step(env.last_obs, 1.0, True, False)
        assert env.progression() == 100.0
    finally:
        env.close()


def test_episode_ends_at_100_env_steps():
    env = _env("MiniHack-MazeWalk-15x15-v0")
    try:
        env.reset(5)
        for step in range(100):
            outcome = env.step("north" if step % 2 else "south")
            if outcome.terminated or outcome.truncated:
                break
        assert step == 99 and outcome.terminated  # NLE ends the game (status ABORTED)
        assert env.extras()["end_reason"] == "step cap"
    finally:
        env.close()


def test_full_actions_are_an_option_with_a_deviation():
    options = MiniHackOptions(actions="full")
    assert options.protocol_deviations() == [
        "126 actions on NLE's full keyboard in every task "
        "(reference: each task's own set of 4 to 32 actions)"]
    assert MiniHackOptions().protocol_deviations() == []
    env = _env("MiniHack-MazeWalk-9x9-v0", actions="full")
    try:
        assert len(env.action_space.names) == 126 and env.action_space.default == "north"
        env.reset(1)
        assert "travel" in env.instruction_prompt()
        env.step("travel")
        env.step("esc")
    finally:
        env.close()


def test_all_deviations_are_reported():
    options = MiniHackOptions(skip_more=False, actions="full", boxoban="generated", observation="extended")
    assert len(options.protocol_deviations()) == 4


def test_bad_actions_option_stops_the_run_with_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--env", "minihack", "--agent", "oracle", "--output", str(tmp_path / "run"),
              "-o", "env.minihack.actions=all"])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "env.minihack.actions='all'" in error and "reference, full" in error
