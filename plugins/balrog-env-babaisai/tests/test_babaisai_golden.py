"""Against the benchmark's own episodes (tests/data/golden_babaisai.jsonl, recorded with the
BALROG harness and baba-is-ai): our levels for the same seed, and every observation after
the same actions, must be byte for byte the same; so must the shape of every line."""

import random
import re

import pytest

from balrog_env_babaisai.env import BabaIsAIEnv
from balrog_env_babaisai.levels import LEVEL_NAMES
from balrog_env_babaisai.prompt import REFERENCE_ACTIONS

_OFFSET = (
    r"(?:\d+ steps? to the right|\d+ step to the left)(?: and (?:\d+ steps? down|\d+ step up))?"
    r"|\d+ steps? down|\d+ step up"
)
_NAME = r"rule `(?:baba|wall|door|key|ball|is|you|win|stop|push)`|ball|key|door|wall"
OBJECT_LINE = re.compile(rf"^(?:(?:{_NAME}) (?:{_OFFSET}))?$")
RULE_LINE = re.compile(r"^(?:baba|wall|door|key|ball) is (?:you|win|stop|push)$")


def check_shape(text: str) -> None:
    head, _, objects = text.partition("\n\nObjects on the map:\n")
    assert head.startswith("Active rules:\n"), text
    for line in head.removeprefix("Active rules:\n").split("\n"):
        assert RULE_LINE.match(line), line
    for line in objects.split("\n"):
        assert OBJECT_LINE.match(line), line


def test_the_golden_file_holds_ten_babaisai_episodes_with_our_action_list(golden):
    assert len(golden) == 10
    for episode in golden:
        assert episode["task"].removeprefix("env/") in LEVEL_NAMES
        assert episode["actions"] == list(REFERENCE_ACTIONS.actions)
        assert episode["default_action"] == REFERENCE_ACTIONS.default


def test_every_golden_line_has_a_shape_we_produce(golden):
    for episode in golden:
        for step in episode["steps"]:
            check_shape(step["long_term"])
            assert step["short_term"] == ""


@pytest.mark.parametrize("index", range(10))
def test_same_seed_same_level_and_same_text_after_every_action(golden, index):
    episode = golden[index]
    env = BabaIsAIEnv(episode["task"].removeprefix("env/"))
    first, *steps = episode["steps"]
    assert env.reset(episode["seed"]).text == first["long_term"]
    for step in steps:
        outcome = env.step(step["action"])
        assert outcome.observation.text == step["long_term"]
        assert outcome.observation.short_term == ""
        assert outcome.reward == pytest.approx(step["reward"])
        assert (outcome.terminated or outcome.truncated) == step["done"]


@pytest.mark.parametrize("name", LEVEL_NAMES)
def test_random_play_on_every_level_keeps_the_golden_line_shapes(name):
    rng = random.Random(name)
    env = BabaIsAIEnv(name)
    check_shape(env.reset(rng.randrange(2**31)).text)
    for _ in range(40):
        text = env.step(rng.choice(REFERENCE_ACTIONS.names)).observation.text
        if not text.startswith("[...]"):
            check_shape(text)
