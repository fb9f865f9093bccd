"""The 40 levels: each layout keeps its name's promise, and the oracle solves every one."""

import asyncio

import pytest
from balrog_core import AgentSetup, PromptSettings, TurnContext

from balrog_env_babaisai.board import Board
from balrog_env_babaisai.env import ACTIONS, BabaIsAIEnv
from balrog_env_babaisai.levels import LEVEL_NAMES, PICKABLE, level_spec
from balrog_env_babaisai.plugin import register_agents, register_envs
from balrog_env_babaisai.rules import rule_cells

SEEDS = range(11, 15)


def reachable(board: Board) -> set[tuple[int, int]]:
    """Cells Baba can walk to without pushing anything (rule blocks count as obstacles)."""
    stop = board.kinds_with("stop")
    blocked = {(t.x, t.y) for t in board.things if t.word is not None or t.kind in stop}
    start = [(t.x, t.y) for t in board.you()]
    seen, todo = set(start), list(start)
    while todo:
        x, y = todo.pop()
        for cell in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if cell not in seen and board.inside(*cell) and cell not in blocked:
                seen.add(cell)
                todo.append(cell)
    return seen


def objects(board: Board, kind: str) -> list[tuple[int, int]]:
    return [(t.x, t.y) for t in board.things if t.word is None and t.kind == kind]


def loose_blocks(board: Board) -> list[str]:
    used = {cell for cells in rule_cells(board.things).values() for cell in cells}
    return [t.word for t in board.things if t.word is not None and (t.x, t.y) not in used]


def test_the_plugin_registers_all_40_levels_with_protocol_defaults_and_the_oracle():
    envs, agents = [], []
    register_envs(envs.append)
    register_agents(agents.append)
    (spec,) = envs
    assert spec.name == "babaisai" and spec.vision
    assert [task.name for task in spec.tasks] == list(LEVEL_NAMES) and len(LEVEL_NAMES) == 40
    assert {(task.episodes, task.max_steps) for task in spec.tasks} == {(3, 100)}
    assert all(task.description for task in spec.tasks)
    (oracle,) = agents
    assert oracle.name == "oracle" and not oracle.needs_client and oracle.envs == ("babaisai",)


@pytest.mark.parametrize("name", LEVEL_NAMES)
def test_layout_matches_the_level_name(name):
    spec = level_spec(name)
    for seed in SEEDS:
        env = BabaIsAIEnv(name)
        env.reset(seed)
        board = env.board
        rules = board.rules
        assert ("baba", "you") in rules and objects(board, "baba")
        win_rules = {noun for noun, target in rules if target == "win"}
        present = {t.kind for t in board.things if t.word is None}
        walk = reachable(board)
        if spec.two_room or spec.goal.startswith("make_you"):
            assert ("wall", "stop") in rules
            assert len(objects(board, "wall")) == board.height
        if spec.goal == "goto_win":
            assert any(noun in present for noun in win_rules)
            goals = [c for noun in win_rules for c in objects(board, noun)]
            if spec.stop == "break":
                assert not set(goals) & walk, "the goal must be behind the wall"
            if spec.stop == "keep":
                assert set(goals) & walk, "the goal must be in the player's room"
        else:
            assert not [noun for noun in win_rules if set(objects(board, noun)) & walk], \
                "no win object may be in reach before the rules change"
        if spec.goal == "make_wall_win":
            assert objects(board, "wall") and not win_rules
            assert {"wall", "win"} & set(loose_blocks(board))
        if spec.goal.startswith("make_you"):
            assert not any(c in walk for noun in PICKABLE for c in objects(board, noun))
            assert {"you"} & set(loose_blocks(board)) or any(
                word in PICKABLE for word in loose_blocks(board)
            )
        kinds = len(present & set(PICKABLE))
        expected = 1 + spec.distractor_object + spec.distractor_win_rule
        if spec.goal.startswith("make_you"):
            expected = 2
        elif spec.goal == "make_wall_win":
            expected = 0
        assert kinds == expected
        if spec.distractor_rule:
            assert any(word in PICKABLE for word in loose_blocks(board))
        if spec.irrelevant_rule:
            assert any(target in ("stop", "push") and noun in PICKABLE for noun, target in rules)
        if spec.distractor_win_rule:
            assert len(win_rules) == (2 if spec.goal == "goto_win" else 1)
            assert any(not set(objects(board, noun)) & walk for noun in win_rules)


def test_maybe_break_stop_puts_the_goal_on_either_side():
    sides = set()
    for seed in range(16):
        env = BabaIsAIEnv("two_room-maybe_break_stop-goto_win")
        env.reset(seed)
        goal = next(noun for noun, target in env.board.rules if target == "win")
        sides.add(bool(set(objects(env.board, goal)) & reachable(env.board)))
    assert sides == {True, False}


def _oracle():
    agents = []
    register_agents(agents.append)
    return agents[0].factory(AgentSetup())


def _play(name: str, seed: int) -> BabaIsAIEnv:
    """One episode with the oracle through the agent contract, capped at 100 steps."""
    env = BabaIsAIEnv(name)
    observation = env.reset(seed)
    agent = _oracle()
    for step in range(100):
        turn = TurnContext(
            instruction=env.instruction_prompt(), observation=observation, history=(),
            action_space=ACTIONS, step=step, settings=PromptSettings(), env=env,
        )
        reply = asyncio.run(agent.act(turn))
        assert reply.action in ACTIONS.names
        outcome = env.step(reply.action)
        observation = outcome.observation
        if outcome.terminated:
            break
    return env


@pytest.mark.parametrize("name", LEVEL_NAMES)
def test_oracle_solves_the_level_within_the_step_cap(name):
    for seed in SEEDS:
        env = _play(name, seed)
        assert env.progression() == 100.0, (name, seed)
        assert env.extras()["won"] and env.extras()["steps"] <= 100


def test_oracle_replans_from_a_board_it_did_not_plan_for():
    env = BabaIsAIEnv("two_room-break_stop-make_win")
    observation = env.reset(5)
    agent = _oracle()
    turn = TurnContext(instruction="", observation=observation, history=(), action_space=ACTIONS,
                       step=0, settings=PromptSettings(), env=env)
    first = asyncio.run(agent.act(turn)).action
    for action in ("down", "left", "up"):
        env.step(action)
    for step in range(97):
        turn = TurnContext(instruction="", observation=observation, history=(),
                           action_space=ACTIONS, step=step, settings=PromptSettings(), env=env)
        outcome = env.step(asyncio.run(agent.act(turn)).action)
        if outcome.terminated:
            break
    assert first in ACTIONS.names and env.progression() == 100.0
