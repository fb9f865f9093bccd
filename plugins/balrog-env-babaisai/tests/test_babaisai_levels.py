"""The 40 levels: every layout fact of PROTOCOL.md §7.4, checked over several seeds, and
the oracle winning every level."""

import asyncio

import pytest
from balrog_core import AgentSettings, PromptSettings, TurnContext

from balrog_env_babaisai.board import Board
from balrog_env_babaisai.env import BabaIsAIEnv
from balrog_env_babaisai.levels import LEVEL_NAMES, generate_level, level_spec, new_rng
from balrog_env_babaisai.plugin import register_agents, register_envs

SEEDS = range(20, 32)
KINDS = {"ball", "key", "door"}


def words(board: Board) -> dict[tuple[int, int], list[str]]:
    """Rule-block words per cell, bottom first."""
    found: dict[tuple[int, int], list[str]] = {}
    for i, thing in enumerate(board.things):
        if thing.word is not None:
            found.setdefault(board.xy(i), []).append(thing.word)
    return found


def objects(board: Board) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for i, thing in enumerate(board.things):
        if thing.word is None:
            found.setdefault(thing.kind, []).append(board.xy(i))
    return found


def within(cell: tuple[int, int], xs: range, ys: range) -> bool:
    return cell[0] in xs and cell[1] in ys


def test_the_plugin_registers_the_40_reference_task_ids_in_order_and_the_oracle():
    envs, agents = [], []
    register_envs(envs.append)
    register_agents(agents.append)
    (spec,) = envs
    assert [task.name for task in spec.tasks] == list(LEVEL_NAMES) and len(set(LEVEL_NAMES)) == 40
    assert LEVEL_NAMES[0] == "make_win-distr_obj_rule" and LEVEL_NAMES[-3:] == (
        "two_room-make_you", "two_room-make_you-make_win", "two_room-make_wall_win")
    assert {(task.episodes, task.max_steps) for task in spec.tasks} == {(3, 100)}
    assert all(task.description for task in spec.tasks) and spec.vision
    (oracle,) = agents
    assert oracle.name == "oracle" and not oracle.needs_client and oracle.envs == ("babaisai",)


@pytest.mark.parametrize("name", [n for n in LEVEL_NAMES if level_spec(n).kind == "one_room"])
def test_one_room_levels(name):
    spec = level_spec(name)
    for seed in SEEDS:
        level = generate_level(name, new_rng(seed))
        board, cells, things = level.board, words(level.board), objects(level.board)
        assert (board.width, board.height) == (8, 8)
        assert [cells[(x, 6)] for x in (1, 2, 3)] == [["baba"], ["is"], ["you"]]
        assert cells[(2, 1)] == ["is"] and cells[(3, 1)] == ["win"]
        (win,) = [k for k in KINDS if k in things and level.target_plan.endswith(f"goto[{k}]")]
        if spec.win_broken:
            assert (1, 1) not in cells and board.rules == (("baba", "you"),)
            (loose,) = [c for c, w in cells.items() if w == [win]]
            assert within(loose, range(2, 6), range(2, 6))
            assert level.target_plan == f"make[{win} is win], goto[{win}]"
        else:
            assert cells[(1, 1)] == [win] and board.rules == ((win, "win"), ("baba", "you"))
        assert len(things["baba"]) == 1 and len(things[win]) == 1
        assert all(within(c, range(1, 7), range(2, 7)) for kind in things for c in things[kind])
        others = set(things) - {"baba", win}
        assert len(others) == int(spec.distractor_object)
        lone = [(c, w[0]) for c, w in cells.items() if c[1] in (1, 6) and c[0] >= 4 or c[0] == 6 and w[0] in KINDS]
        if spec.distractor_rule:
            ((cell, noun),) = lone
            assert cell in {(4, 6), (5, 6), (6, 6), (4, 1), (5, 1), (6, 1), (6, 2), (6, 3), (6, 4), (6, 5)}
            assert noun != win and (noun not in things if spec.irrelevant_rule else noun in others or not others)
        else:
            assert not lone


@pytest.mark.parametrize("name", [n for n in LEVEL_NAMES if level_spec(n).kind == "two_room"])
def test_two_room_levels(name):
    spec = level_spec(name)
    assert spec.kind == "two_room"
    for seed in SEEDS:
        level = generate_level(name, new_rng(seed))
        board, cells, things = level.board, words(level.board), objects(level.board)
        assert (board.width, board.height) == (13, 9)
        assert sorted(things["wall"]) == [(6, y) for y in range(1, 8)]
        assert [cells[(x, 7)] for x in (1, 2, 3)] == [["baba"], ["is"], ["you"]]
        assert cells[(1, 2)] == ["wall"]
        win = level.target_plan.rsplit("goto[", 1)[1][:-1]
        assert cells[(10, 1)][0] == "is" and cells[(11, 1)][0] == "win"
        if spec.stop_broken:
            assert ("wall", "stop") not in board.rules
            moved = [c for c, w in cells.items() if w[-1] in ("is", "stop") and within(c, range(2, 6), range(3, 6))]
            assert len(moved) == 1 and (cells.get((2, 2)) == ["is"]) != (cells.get((3, 2)) == ["stop"])
        else:
            assert ("wall", "stop") in board.rules
        if spec.stop_broken:
            assert "break[" not in level.target_plan
        elif spec.win_broken:
            assert level.target_plan.startswith("break[wall is stop], ")
        if spec.win_broken:
            assert (win, "win") not in board.rules and level.target_plan.count("make[") == 1
            assert any(win in w and within(c, range(7, 11), range(3, 6)) for c, w in cells.items())
        else:
            assert cells[(9, 1)] == [win] and (win, "win") in board.rules
        (baba,) = things["baba"]
        assert within(baba, range(2, 6), range(3, 6))
        area = {"left_anywhere": (range(1, 5), range(1, 8)), "right_anywhere": (range(7, 11), range(2, 8)),
                "anywhere": (range(1, 12), range(2, 8))}[spec.goal_area]
        others = set(things) - {"baba", "wall", win}
        assert len(others) == int(spec.distractor_object)
        for kind in {win} | others:
            assert all(within(c, *area) for c in things[kind])
        if spec.distractor_win_rule:
            (absent,) = KINDS - {win} - others
            assert [cells[(x, 4)][-1] for x in (9, 10, 11)] == [absent, "is", "win"]
            assert (absent, "win") in board.rules
        lone = [(c, word) for c, stack in cells.items() for n, word in enumerate(stack)
                if word in KINDS - {win} and not (spec.distractor_win_rule and c == (9, 4) and n == len(stack) - 1)]
        if spec.irrelevant_rule:
            ((cell, noun),) = lone
            assert noun not in things and within(cell, range(7, 11), range(3, 6))
        elif spec.distractor_rule and spec.distractor_object:
            ((cell, noun),) = lone
            assert noun in others
            assert cell in {(11, 2), (11, 3), (11, 4), (11, 5), (11, 6), (11, 7), (10, 7), (9, 7), (8, 7)}
        elif spec.distractor_rule:
            ((cell, noun),) = lone
            assert noun not in things and within(cell, range(7, 11), range(3, 6))
        else:
            assert not lone


@pytest.mark.parametrize("name", ["two_room-make_you", "two_room-make_you-make_win"])
def test_make_you_levels(name):
    for seed in SEEDS:
        level = generate_level(name, new_rng(seed))
        board, cells, things = level.board, words(level.board), objects(level.board)
        assert (board.width, board.height) == (13, 9) and len(things["wall"]) == 7
        assert [cells[(x, 6)] for x in (1, 2, 3)] == [["baba"], ["is"], ["you"]]
        assert [cells[(x, 1)] for x in (1, 2, 3)] == [["wall"], ["is"], ["stop"]]
        you, win = level.target_plan.split("[")[1].split(" ")[0], level.target_plan.rsplit("[", 1)[1][:-1]
        assert ("wall", "stop") in board.rules and you != win and {you, win} <= KINDS
        ((noun_cell, _),) = [(c, w) for c, w in cells.items() if w == [you]]
        assert within(noun_cell, range(2, 5), range(3, 6))
        assert within(things["baba"][0], range(2, 5), range(3, 6))
        assert all(within(things[k][0], range(7, 11), range(2, 8)) for k in (you, win))
        if name.endswith("make_win"):
            assert (win, "win") not in board.rules
            assert any(within(c, range(8, 11), range(3, 6)) for c, w in cells.items() if win in w)
            assert level.target_plan == f"make[{you} is you], make[{win} is win], goto[{win}]"
        else:
            assert cells[(9, 1)] == [win] and level.target_plan == f"make[{you} is you], goto[{win}]"


def test_make_wall_win_level():
    for seed in SEEDS:
        level = generate_level("two_room-make_wall_win", new_rng(seed))
        board, cells, things = level.board, words(level.board), objects(level.board)
        assert [cells[(x, 7)] for x in (1, 2, 3)] == [["baba"], ["is"], ["you"]]
        assert [cells[(x, 2)] for x in (2, 3, 4)] == [["wall"], ["is"], ["stop"]]
        assert cells[(10, 1)] == ["is"] and cells[(11, 1)] == ["win"] and (9, 1) not in cells
        assert board.rules == (("wall", "stop"), ("baba", "you"))
        edge = {(11, 2), (11, 3), (11, 4), (11, 5), (11, 6), (11, 7), (10, 7), (9, 7), (8, 7)}
        present = set(things) - {"baba", "wall"}
        assert len(present) == 2
        ((win_cell, win),) = [(c, w[0]) for c, w in cells.items() if c in edge]
        ((spare_cell, spare),) = [(c, w[0]) for c, w in cells.items() if within(c, range(8, 11), range(3, 6))]
        assert win in present and spare not in present | {"wall", "baba"}
        assert within(things["baba"][0], range(2, 5), range(3, 6))
        assert all(within(things[k][0], range(7, 11), range(2, 8)) for k in present)
        assert level.target_plan == "break[wall is stop], make[wall is win], goto[wall]"


def test_object_kinds_are_distinct_and_colours_come_from_three():
    seen_colors = set()
    for seed in range(60):
        level = generate_level("two_room-goto_win-distr_win_rule", new_rng(seed))
        things = [t for t in level.board.things if t.word is None and t.kind in KINDS]
        assert len({t.kind for t in things}) == 2
        seen_colors |= {t.color for t in things}
    assert seen_colors == {"red", "blue", "green"}


def play_oracle(name: str, seed: int) -> tuple[float, int]:
    envs, agents = [], []
    register_envs(envs.append)
    register_agents(agents.append)
    env = BabaIsAIEnv(name)
    agent = agents[0].factory(AgentSettings())
    observation = env.reset(seed)
    for step in range(100):
        turn = TurnContext(instruction="", observation=observation, history=[], action_space=env.action_space,
                           step=step, settings=PromptSettings(), env=env)
        outcome = env.step(asyncio.run(agent.act(turn)).action)
        observation = outcome.observation
        if outcome.terminated:
            break
    return env.progression(), env.restarts


@pytest.mark.slow
@pytest.mark.parametrize("name", LEVEL_NAMES)
def test_the_oracle_wins_every_level(name):
    for seed in (1, 2, 3):
        assert play_oracle(name, seed) == (100.0, 0), (name, seed)
