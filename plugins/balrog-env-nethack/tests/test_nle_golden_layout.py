"""The text-mode layout against the reference harness's own NetHack and MiniHack episodes.

``data/reference_nethack_episodes.jsonl.gz`` holds the 2 NetHack and 6 MiniHack episodes
of the shared golden file (observations exactly as BALROG showed them). Seeds give other
worlds here, so the test checks shapes: section names and order, blank lines, the cursor's
two lines, 23 map rows of 80 characters, and that every language-observation line is
``{name} {distance} {directions}`` in the wrapper's vocabulary. Our games, played with the
golden episodes' actions, must give the same shapes.
"""

import gzip
import json
import re
from pathlib import Path

import pytest
from balrog_core import EnvSettings

from balrog_env_nethack.glyph_names import FULLSCREEN_NAMES, VISUAL_NAMES, plural
from balrog_env_nethack.language import DIRECTION_ORDER, DISTANCE_ORDER

GOLDEN = Path(__file__).parent / "data" / "reference_nethack_episodes.jsonl.gz"
EPISODES = [json.loads(line) for line in gzip.open(GOLDEN, "rt")]

_LONG = re.compile(
    r"\Amessage:\n(?P<message>.*?)\n\n"
    r"language observation:\n(?P<glyphs>.*?)\n\n"
    r"cursor:\n(?P<cursor>[^\n]*)\n\(x=\d+, y=\d+\)\n\n"
    r"map:\n(?P<map>(?:[^\n]{80}\n){23})\n\Z", re.S)
_SHORT = re.compile(r"\Ainventory:\n(?:[a-zA-Z$#]: [^\n]+\n)*\Z")
_LINE = re.compile(rf"\A(?P<name>.+?) (?P<distance>{'|'.join(DISTANCE_ORDER)}) (?P<directions>[a-z, ]+)\Z")
_CURSOR = re.compile(rf"\A(?:{'|'.join(DISTANCE_ORDER)}) (?:{'|'.join(DIRECTION_ORDER)}) .*\Z")
_NAMES = {n for n in FULLSCREEN_NAMES + VISUAL_NAMES if n}
_NAMES |= {plural(n) for n in _NAMES}


def check_shape(long_term: str, short_term: str) -> dict[str, str]:
    """The sections of one text-mode observation; fails on any departure from the shape."""
    match = _LONG.match(long_term)
    assert match, long_term[:400]
    assert _SHORT.match(short_term), short_term
    for line in filter(None, match["glyphs"].split("\n")):
        parsed = _LINE.match(line)
        assert parsed and parsed["name"] in _NAMES, line
        directions = parsed["directions"].replace(", and ", ", ").replace(" and ", ", ").split(", ")
        assert all(d in DIRECTION_ORDER for d in directions), line
    cursor = match["cursor"]
    assert cursor == "" or cursor.startswith("Yourself a ") or _CURSOR.match(cursor), cursor
    return match.groupdict()


def test_golden_file_covers_both_envs():
    assert sorted({e["env"] for e in EPISODES}) == ["minihack", "nle"]
    assert sum(e["env"] == "nle" for e in EPISODES) == 2 and len(EPISODES) == 8


@pytest.mark.parametrize("episode", EPISODES, ids=lambda e: f"{e['task']}-{e['seed']}")
def test_reference_observations_have_the_shape(episode):
    for step in episode["steps"]:
        check_shape(step["long_term"], step["short_term"])


def _game(episode):
    if episode["env"] == "nle":
        from balrog_env_nethack.nethack_game import NetHackGame

        return NetHackGame(vision=False)
    from balrog_env_nethack.minihack_factory import build_minihack
    from balrog_env_nethack.tasks import MiniHackOptions

    return build_minihack(episode["task"], EnvSettings(options=MiniHackOptions()))


@pytest.mark.parametrize("episode", EPISODES, ids=lambda e: f"{e['task']}-{e['seed']}")
def test_our_observations_have_the_reference_shape(episode):
    game = _game(episode)
    try:
        observation = game.reset(episode["seed"])
        sections = [check_shape(observation.text, observation.short_term)]
        for step in episode["steps"][1:]:
            action = step["action"] if step["action"] in game.action_space.actions else game.action_space.default
            outcome = game.step(action)
            sections.append(check_shape(outcome.observation.text, outcome.observation.short_term))
            if outcome.terminated or outcome.truncated:
                break
        assert any(s["glyphs"] for s in sections)
    finally:
        game.close()


def test_nethack_more_pages_join_like_the_reference():
    """Seed 501's reference episode: ``wield`` then ``droptype`` shows the --More-- page
    and the prompt after it joined by a newline; the cursor sits on the message line."""
    from balrog_env_nethack.nethack_game import NetHackGame

    game = NetHackGame(vision=False)
    try:
        game.reset(501)
        game.step("wield")
        sections = check_shape(*_texts(game.step("droptype").observation))
        assert game.env._steps == 3  # the automatic `more` press is an env step too
    finally:
        game.close()
    assert re.fullmatch(r"You don't have that object\.\nWhat do you want to wield\? \[- [a-z]* ?or \?\*\]",
                        sections["message"]), sections["message"]
    assert sections["cursor"] == ""


def _texts(observation):
    return observation.text, observation.short_term
