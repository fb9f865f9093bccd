"""Conformance with the reference protocol (PROTOCOL.md §7.2): prompt, actions and the
observation texts, checked on the real game and against observations the reference harness
itself produced (tests/data, copied from the project's golden samples)."""

import json
import random
import re
from pathlib import Path

import numpy as np
import pytest

from balrog_env_crafter import ACHIEVEMENTS, CrafterGame, CrafterOptions
from balrog_env_crafter.observation import (
    DEAD, OUT_OF_MAP, SLEEPING, long_term_text, observe, seen_items, semantic_names,
)
from balrog_env_crafter.prompt import REFERENCE_ACHIEVEMENTS
from balrog_env_crafter.world import CrafterWorld

GOLDEN = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "reference_observations_crafter.jsonl")
    .read_text().splitlines()
]
PROMPT = (Path(__file__).parent / "data" / "crafter_prompt_reference.txt").read_text()

ITEMS = ("water|grass|stone|path|sand|tree|lava|coal|iron|diamond|table|furnace|cow|zombie|"
         "skeleton|arrow|plant")
LOC = (r"(1 step|[2-7] steps) to your "
       r"(north|south|north-west|north-east|south-west|south-east|west|east)")
SEE = rf"(You see:(\n- ({ITEMS}) {LOC})+|You see nothing away from you\.)"
FACE = rf"You face ({ITEMS}|nothing) at your front\."
LONG_TERM = re.compile(rf"(({re.escape(SLEEPING)}|{re.escape(DEAD)})\n\n\n\n)?{SEE}\n\n{FACE}")
SHORT_TERM = re.compile(
    r"Your status:\n- health: \d/9\n- food: \d/9\n- drink: \d/9\n- energy: \d/9\n\n"
    r"(You have nothing in your inventory\.|Your inventory:(\n- (sapling|wood|stone|coal|iron|"
    r"diamond|wood_pickaxe|stone_pickaxe|iron_pickaxe|wood_sword|stone_sword|iron_sword): \d+)+)"
)
INVENTORY_ORDER = ["sapling", "wood", "stone", "coal", "iron", "diamond", "wood_pickaxe",
                   "stone_pickaxe", "iron_pickaxe", "wood_sword", "stone_sword", "iron_sword"]


def _assert_shapes(long_term: str, short_term: str) -> None:
    assert LONG_TERM.fullmatch(long_term), long_term
    assert SHORT_TERM.fullmatch(short_term), short_term
    listed = re.findall(r"^- (\w+) ", long_term, re.M)
    assert len(listed) == len(set(listed)), "each item is listed once"
    held = re.findall(r"^- (\w+): \d+$", short_term, re.M)[4:]
    assert held == sorted(held, key=INVENTORY_ORDER.index)


@pytest.fixture(scope="module")
def names():
    return semantic_names(CrafterWorld(draw_frames=False))


def test_the_golden_samples_have_the_shapes_we_check():
    assert len(GOLDEN) == 3
    for episode in GOLDEN:
        for step in episode["steps"]:
            _assert_shapes(step["long_term"], step["short_term"])


def test_actions_are_the_reference_set_in_order():
    for protocol in ("reference", "extended"):
        game = CrafterGame(protocol=protocol)
        for episode in GOLDEN:
            assert game.action_space.names == episode["actions"]
            assert game.action_space.default == episode["default_action"] == "Noop"
    extended = CrafterGame(protocol="extended").action_space
    assert CrafterGame().action_space.actions != extended.actions


def test_reference_prompt_is_the_golden_text_with_the_reference_structure():
    game = CrafterGame()
    prompt = game.instruction_prompt()
    assert prompt == PROMPT
    assert abs(len(prompt) - 1730) < 100  # the reference's prompt has 1,732 characters
    intro, actions, achievements, closing, play = prompt.split("\n\n")
    assert intro.count("\n") == 0 and "Crafter" in intro
    lines = actions.split(",\n")
    assert [line.split(": ")[0] for line in lines] == game.action_space.names
    assert lines[-1].endswith(".")
    assert [f"{n}: {d}" for n, d in game.action_space.actions.items()] == [
        *lines[:-1], lines[-1][:-1]]
    numbered = achievements.split("\n")[1:]
    assert numbered == [f"{i}. {name}" for i, name in enumerate([
        "Collect Wood", "Place Table", "Eat Cow", "Collect Sapling", "Collect Drink",
        "Make Wood Pickaxe", "Make Wood Sword", "Place Plant", "Defeat Zombie", "Collect Stone",
        "Place Stone", "Eat Plant", "Defeat Skeleton", "Make Stone Pickaxe", "Make Stone Sword",
        "Wake Up", "Place Furnace", "Collect Coal", "Collect Iron", "Make Iron Pickaxe",
        "Make Iron Sword", "Collect Diamond"], start=1)]
    assert {name.lower().replace(" ", "_") for name in REFERENCE_ACHIEVEMENTS} == set(ACHIEVEMENTS)
    assert closing.count("\n") == 1 and "history" in closing and "goal" in closing
    assert play == "PLAY!"
    # No survival, day/night, recipe-cost or walkthrough hints.
    for word in ("night", "day", "health", "food", "hunger", "2 wood", "Tip", "first", "then"):
        assert word not in prompt, word


def test_extended_protocol_keeps_the_richer_prompt():
    prompt = CrafterGame(protocol="extended").instruction_prompt()
    assert prompt != PROMPT
    for text in ("Staying alive:", "How the world works:", "Tips: collect wood first",
                 "- Place Table: build a crafting table on the facing tile from 2 wood"):
        assert text in prompt


def test_first_observation_is_the_world_after_one_hidden_noop(names):
    game = CrafterGame()
    first = game.reset(5)
    world = CrafterWorld(draw_frames=False, area=(64, 64), view=(9, 9), size=(256, 256), seed=5)
    world.reset()
    world.step(0)  # crafter's noop
    assert (first.text, first.short_term) == observe(world, names)
    assert game.world._step == 1 and game.extras()["length"] == 0
    step0 = GOLDEN[0]["steps"][0]
    assert first.short_term == step0["short_term"]  # full vitals, empty inventory
    _assert_shapes(first.text, first.short_term)


def _scan(semantic, pos, names):
    """Every cell of the 9×7 window as (name, dx, dy), player excluded."""
    return [(names[semantic[pos[0] + dx, pos[1] + dy]], dx, dy)
            for dx in range(-4, 5) for dy in range(-3, 4) if (dx, dy) != (0, 0)]


def test_seen_items_are_each_names_nearest_cell_in_first_met_order(names):
    game = CrafterGame()
    rng = random.Random(0)
    game.reset(2)
    checked = 0
    for _ in range(60):
        game.step(rng.choice(["Move West", "Move North", "Move East", "Move South", "Do"]))
        semantic, pos = game.world._sem_view(), tuple(game.world._player.pos)
        cells = _scan(semantic, pos, names)
        items = seen_items(semantic, pos, names)
        assert [name for name, _, _ in items] == list(dict.fromkeys(n for n, _, _ in cells))
        for name, dx, dy in items:
            same = [(x, y) for n, x, y in cells if n == name]
            best = min(abs(x) + abs(y) for x, y in same)
            assert (dx, dy) == next(c for c in same if abs(c[0]) + abs(c[1]) == best)
        checked += len(items)
    assert checked > 100


def _blank(names, fill="grass"):
    semantic = np.full((64, 64), names.index(fill))
    semantic[32, 32] = names.index("player")
    return semantic


def test_location_words_scan_order_and_ties(names):
    semantic = _blank(names)
    for (x, y), item in {(29, 29): "tree", (35, 35): "tree", (33, 32): "water",
                         (32, 31): "cow", (30, 32): "stone"}.items():
        semantic[x, y] = names.index(item)
    text = long_term_text(semantic, (32, 32), (0, 1), names, sleeping=False, dead=False)
    assert text == (
        "You see:\n"
        "- grass 1 step to your west\n"  # met first (west column), listed at its nearest
        "- tree 6 steps to your north-west\n"  # tie with south-east: first in scan wins
        "- stone 2 steps to your west\n"
        "- cow 1 step to your north\n"
        "- water 1 step to your east\n\n"
        "You face grass at your front."
    )


def test_status_lines_and_the_harness_edge_cases(names):
    semantic = np.full((64, 64), names.index("sand"))
    semantic[32, 32] = names.index("player")
    semantic[32, 33] = names.index("zombie")
    body = ("You see:\n- sand 1 step to your west\n- zombie 1 step to your south\n\n"
            "You face zombie at your front.")
    assert long_term_text(semantic, (32, 32), (0, 1), names, sleeping=False, dead=False) == body
    assert long_term_text(semantic, (32, 32), (0, 1), names, sleeping=True, dead=True) == (
        f"{SLEEPING}\n\n\n\n{body}")
    assert long_term_text(semantic, (32, 32), (0, 1), names, sleeping=False, dead=True) == (
        f"{DEAD}\n\n\n\n{body}")
    # Fewer than 4 cells west or 3 north: the harness's slice is empty.
    for pos in [(3, 32), (32, 2)]:
        edge = _blank(names, "sand")
        edge[32, 32], edge[pos] = names.index("sand"), names.index("player")
        assert long_term_text(edge, pos, (0, -1), names, sleeping=False, dead=False) == (
            "You see nothing away from you.\n\nYou face nothing at your front.")
    # At the east edge the window is cut short and the cell beyond the map is nothing.
    east = _blank(names, "sand")
    east[32, 32], east[63, 40] = names.index("sand"), names.index("player")
    assert long_term_text(east, (63, 40), (1, 0), names, sleeping=False, dead=False) == (
        "You see:\n- sand 1 step to your west\n\nYou face nothing at your front.")
    assert long_term_text(_blank(names), (10, 10), (0, 1), names,
                          sleeping=False, dead=False) == OUT_OF_MAP


def test_inventory_sleep_and_death_on_the_real_game():
    game = CrafterGame()
    game.reset(13)
    rng = random.Random(2)
    texts = []
    for _ in range(600):
        outcome = game.step(rng.choice(game.action_space.names))
        obs = outcome.observation
        _assert_shapes(obs.text, obs.short_term)
        texts.append(obs)
        if outcome.terminated:
            break
    assert outcome.terminated
    assert texts[-1].short_term.startswith("Your status:\n- health: 0/9")
    assert texts[-1].text.startswith(f"{DEAD}\n\n\n\nYou see")
    assert any(o.text.startswith(f"{SLEEPING}\n\n\n\nYou see") for o in texts)
    assert any(o.short_term.endswith("\n\nYour inventory:\n- sapling: 1\n- wood: 1")
               for o in texts)


def test_options_and_their_protocol_deviations():
    assert CrafterOptions().protocol_deviations() == []
    lines = CrafterOptions(length=500, observation="detailed").protocol_deviations()
    assert len(lines) == 2 and "500" in lines[0] and "detailed" in lines[1]
    detailed = CrafterGame(options=CrafterOptions(observation="detailed")).reset(7)
    assert detailed.short_term == "" and "Vitals: health 9/9" in detailed.text
