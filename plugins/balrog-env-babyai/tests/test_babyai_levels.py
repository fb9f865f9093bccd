"""The levels: the bot solves every reference level; the ``apart`` option's levels keep
their own shapes (distinct objects, coloured doors), seeding and solvability."""

import re

import pytest
from minigrid.core.world_object import Door, Key
from minigrid.utils.baby_ai_bot import BabyAIBot

from balrog_env_babyai import APART_LEVELS, LEVELS

COLOR = "(?:red|green|blue|purple|yellow|grey)"
THING = f"the {COLOR} (?:ball|box|key)"
MISSIONS = {
    "goto": [rf"go to {THING}"],
    "pickup": [rf"pick up {THING}"],
    "open": [rf"open the {COLOR} door"],
    "putnext": [rf"put ({THING}) next to ({THING})"],
    "pick_up_seq_go_to": [
        rf"pick up ({THING}), then go to ({THING})",
        rf"go to ({THING}) after you pick up ({THING})",
    ],
}
SEEDS = range(40)


def _mission(task: str, seed: int) -> str:
    level = APART_LEVELS[task]()
    level.reset(seed=seed)
    return level.mission


@pytest.mark.parametrize("task", sorted(APART_LEVELS))
def test_apart_missions_have_their_task_shape(task):
    forms_seen = set()
    for seed in SEEDS:
        mission = _mission(task, seed)
        matches = [i for i, form in enumerate(MISSIONS[task]) if re.fullmatch(form, mission)]
        assert matches, f"seed {seed}: unexpected {task} mission {mission!r}"
        forms_seen.update(matches)
        match = re.fullmatch(MISSIONS[task][matches[0]], mission)
        if match.groups():
            first, second = match.groups()
            assert first != second, mission
    assert forms_seen == set(range(len(MISSIONS[task]))), "both phrasings should occur"


@pytest.mark.parametrize("task", sorted(APART_LEVELS))
def test_apart_same_seed_same_level_and_different_seeds_differ(task):
    for seed in (3, 12345, 2**31 - 1):
        first, second = APART_LEVELS[task](), APART_LEVELS[task]()
        first.reset(seed=seed)
        second.reset(seed=seed)
        assert first.mission == second.mission
        assert (first.agent_pos, first.agent_dir) == (second.agent_pos, second.agent_dir)
        assert (first.grid.encode() == second.grid.encode()).all()
    assert len({_mission(task, seed) for seed in range(10)}) > 1


@pytest.mark.parametrize("task", ["goto", "pickup", "putnext", "pick_up_seq_go_to"])
def test_apart_room_holds_distinct_named_objects_all_reachable(task):
    for seed in SEEDS:
        level = APART_LEVELS[task]()
        level.reset(seed=seed)
        assert (level.width, level.height) == (8, 8)
        objects = [cell for cell in level.grid.grid if cell is not None and cell.type != "wall"]
        assert 1 <= len(objects) <= 2
        assert len({(obj.type, obj.color) for obj in objects}) == len(objects)
        assert all(word in level.mission for obj in objects for word in (obj.type, obj.color))
        assert level.check_objs_reachable(raise_exc=False)


def test_apart_open_puts_the_locked_doors_key_in_the_agents_room():
    for seed in SEEDS:
        level = APART_LEVELS["open"]()
        level.reset(seed=seed)
        doors = [cell for cell in level.grid.grid if isinstance(cell, Door)]
        keys = [cell for cell in level.grid.grid if isinstance(cell, Key)]
        assert len(doors) == 1 and doors[0].is_locked
        assert len(keys) == 1 and keys[0].color == doors[0].color
        assert level.mission == f"open the {doors[0].color} door"
        agent_room = level.room_from_pos(*level.agent_pos)
        assert agent_room.pos_inside(*keys[0].cur_pos)
        assert level.check_objs_reachable(raise_exc=False)


@pytest.mark.parametrize("levels", [LEVELS, APART_LEVELS], ids=["reference", "apart"])
@pytest.mark.parametrize("task", sorted(LEVELS))
def test_the_bot_solves_every_generated_level(task, levels):
    for seed in range(1000, 1030):
        level = levels[task]()
        level.reset(seed=seed)
        bot = BabyAIBot(level)
        for _ in range(level.max_steps):
            _, reward, terminated, truncated, _ = level.step(bot.replan())
            if terminated or truncated:
                break
        assert terminated and reward > 0, f"seed {seed}: {level.mission!r} not solved"
