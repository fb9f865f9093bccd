"""The environment contract: prompt, actions, observations, the restart quirk, scoring."""

import json
from collections import deque

import numpy as np
import pytest
from balrog_core import ConfigError

from balrog_env_babaisai.board import Board
from balrog_env_babaisai.describe import describe, offset_text
from balrog_env_babaisai.env import BabaIsAIEnv
from balrog_env_babaisai.levels import LEVEL_NAMES
from balrog_env_babaisai.prompt import REFERENCE_ACTIONS

STEPS = {"up": (0, -1), "right": (1, 0), "down": (0, 1), "left": (-1, 0)}


def walk(board: Board, start: tuple[int, int], goal: tuple[int, int]) -> list[str]:
    """Moves from ``start`` to ``goal`` through cells without rule blocks."""
    paths = {start: []}
    todo = deque([start])
    while todo:
        x, y = todo.popleft()
        if (x, y) == goal:
            return paths[goal]
        for action, (dx, dy) in STEPS.items():
            cell = (x + dx, y + dy)
            top = board.top(*cell) if board.inside(*cell) else None
            if cell in paths or not board.inside(*cell) or (top is not None and board.things[top].is_rule):
                continue
            paths[cell] = paths[(x, y)] + [action]
            todo.append(cell)
    raise AssertionError(f"no path to {goal}")


def test_the_reference_prompt_has_the_protocol_items_in_order():
    env = BabaIsAIEnv("goto_win")
    env.reset(0)
    prompt = env.instruction_prompt()
    assert 1000 <= len(prompt) <= 1250
    assert prompt.startswith("Baba Is You is a puzzle game") and prompt.endswith("\n\nPLAY!")
    lines = prompt.split("\n")
    assert lines[2:7] == [
        "idle: stay put for one step,", "up: move one step up,", "right: move one step to the right,",
        "down: move one step down,", "left: move one step to the left.",
    ]
    tips = prompt.split("\nTips:\n")[1].split("\n\nPLAY!")[0].split("\n")
    assert len(tips) == 8 and all(tip.startswith("- ") for tip in tips)
    for needle in ('"[Subject] IS [Property]"', '"BABA IS YOU"', '"STOP"', '"WIN"'):
        assert needle in prompt
    for absent in ("8 by 8", "grid", "push", "reset", "history"):
        assert absent not in prompt.lower()


def test_extended_protocol_keeps_the_richer_prompt_with_the_same_actions():
    env = BabaIsAIEnv("two_room-make_win", protocol="extended")
    env.reset(0)
    prompt = env.instruction_prompt()
    assert "13 by 9 cells" in prompt and "NOUN IS NOUN" in prompt and "push" in prompt
    assert env.action_space.names == REFERENCE_ACTIONS.names and env.action_space.default == "idle"


def test_actions_are_the_five_moves_in_order_with_idle_by_default():
    assert REFERENCE_ACTIONS.names == ["idle", "up", "right", "down", "left"]
    assert REFERENCE_ACTIONS.default == "idle"
    assert BabaIsAIEnv("goto_win").action_space is REFERENCE_ACTIONS


def test_offsets_keep_the_reference_quirks():
    assert offset_text(1, 1) == "1 step to the right and 1 step down"
    assert offset_text(2, 3) == "2 steps to the right and 3 steps down"
    assert offset_text(-3, -2) == "3 step to the left and 2 step up"
    assert offset_text(0, -1) == "1 step up" and offset_text(0, 0) == ""


def test_a_you_object_other_than_baba_is_listed_as_an_empty_line(draw):
    board = draw("KEY IS YOU .", ". key . ball")
    assert describe(board) == (
        "Active rules:\nkey is you\n\nObjects on the map:\n"
        "rule `key` 1 step to the left and 1 step up\nrule `is` 1 step up\n"
        "rule `you` 1 step to the right and 1 step up\n\nball 2 steps to the right"
    )


def test_reset_is_deterministic_per_seed_and_varies_across_seeds():
    first = BabaIsAIEnv("goto_win-distr_obj_rule").reset(7).text
    assert BabaIsAIEnv("goto_win-distr_obj_rule").reset(7).text == first
    assert len({BabaIsAIEnv("goto_win-distr_obj_rule").reset(seed).text for seed in range(6)}) > 1


def test_images_show_the_whole_grid_at_32_pixels_per_cell_only_in_vision_mode():
    assert BabaIsAIEnv("make_win").reset(1).image is None
    small = BabaIsAIEnv("make_win", vision=True).reset(1).image
    large = BabaIsAIEnv("two_room-make_win", vision=True).reset(1).image
    assert small.shape == (256, 256, 3) and large.shape == (288, 416, 3) and large.dtype == np.uint8
    assert len(np.unique(large.reshape(-1, 3), axis=0)) > 5


def test_breaking_baba_is_you_restarts_the_level_with_the_reference_text():
    env = BabaIsAIEnv("two_room-make_you")
    env.reset(4)
    board = env.board
    old_rules = "wall is stop\n" + "\n".join(
        f"{noun} is win" for noun, prop in board.rules if prop == "win")
    baba = next(i for i, t in enumerate(board.things) if t.kind == "baba")
    moves = walk(board, board.xy(baba), (3, 7))
    for action in moves:
        assert not env.step(action).observation.text.startswith("[...]")
    outcome = env.step("up")
    new = env.board
    assert new is not board and env.restarts == 1
    assert outcome.reward == 0.0 and not outcome.terminated and env.progression() == 0.0
    fresh = {"long_term_context": describe(new), "short_term_context": ""}
    assert outcome.observation.text == (
        "[...] IS YOU rule was broken, environment reset"
        f"Active rules:\n{old_rules}\n\nObjects on the map:\n"
        "defaultdict(<function BabaIsAIWrapper.textworld_process_obsv.<locals>.<lambda> at 0x7f0000000000>, "
        f"{{'text': {fresh!r}, 'image': <PIL.Image.Image image mode=RGB size=416x288 at 0x7F0000000000>}})"
    )
    assert "\\n" in outcome.observation.text and "\nrule `" not in outcome.observation.text
    assert env.step("idle").observation.text == describe(new)
    assert env.extras()["restarts"] == 1 and env.steps == len(moves) + 2


def test_a_win_scores_like_the_benchmark_and_records_the_target_plan():
    env = BabaIsAIEnv("goto_win")
    env.reset(3)
    board = env.board
    baba = next(i for i, t in enumerate(board.things) if t.kind == "baba")
    goal = next(i for i, t in enumerate(board.things) if t.kind not in ("baba", "rule"))
    moves = walk(board, board.xy(baba), board.xy(goal))
    for action in moves[:-1]:
        assert not env.step(action).terminated
    outcome = env.step(moves[-1])
    assert outcome.terminated and outcome.reward == pytest.approx(1 - 0.9 * len(moves) / 100)
    assert env.progression() == 100.0
    extras = json.loads(json.dumps(env.extras()))
    assert extras["won"] and extras["target_plan"] == f"goto[{board.things[goal].kind}]"
    assert extras["steps"] == len(moves) and extras["restarts"] == 0


def test_the_level_gives_up_after_100_steps():
    env = BabaIsAIEnv("goto_win")
    env.reset(0)
    outcomes = [env.step("idle") for _ in range(100)]
    assert not any(o.truncated for o in outcomes[:-1]) and outcomes[-1].truncated
    assert env.progression() == 0.0


def test_unknown_level_and_action_are_rejected_with_a_fix():
    with pytest.raises(ConfigError, match="unknown Baba Is AI level 'make_you'"):
        BabaIsAIEnv("make_you")
    env = BabaIsAIEnv(LEVEL_NAMES[0])
    env.reset(0)
    with pytest.raises(ValueError, match="jump"):
        env.step("jump")
