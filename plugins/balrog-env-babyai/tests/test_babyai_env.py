"""The environment contract on the real game, in text and vision mode."""

import json

import numpy as np
import pytest
from balrog_core import ConfigError, EnvSettings
from balrog_core.cli import main
from balrog_core.harness import get_registry

from balrog_env_babyai import ACTION_SPACE, BabyAIEnvironment, BabyAIOptions

TASKS = ["goto", "pickup", "open", "putnext", "pick_up_seq_go_to"]


@pytest.mark.parametrize("vision", [False, True])
@pytest.mark.parametrize("task", TASKS)
def test_each_task_resets_and_steps(task, vision):
    env = BabyAIEnvironment(task, vision=vision)
    observation = env.reset(5)
    assert observation.text.startswith("a wall") and observation.short_term == ""
    prompt = env.instruction_prompt()
    assert f"your goal is to {env.mission}." in prompt
    for action in ACTION_SPACE.names:
        outcome = env.step(action)
        assert outcome.observation.short_term == ""
        if vision:
            image = outcome.observation.image
            assert image.shape == (112, 112, 3) and image.dtype == np.uint8
            assert image.std() > 0
        else:
            assert outcome.observation.image is None
    assert env.progression() in (0.0, 100.0)
    extras = env.extras()
    assert extras == {"mission": env.mission, "success": env.progression() == 100.0,
                      "reference_task": f"BabyAI-MixedTrainLocal-v0/{task}"}
    json.dumps(extras)
    env.close()


def test_same_seed_same_observation_and_prompt():
    first, second = BabyAIEnvironment("putnext"), BabyAIEnvironment("putnext")
    assert first.reset(99).text == second.reset(99).text
    assert first.instruction_prompt() == second.instruction_prompt()
    for action in ["turn left", "go forward", "go forward", "turn right"]:
        assert first.step(action).observation.text == second.step(action).observation.text


def test_failing_to_finish_scores_zero_and_time_limit_truncates():
    env = BabyAIEnvironment("goto", options=BabyAIOptions(time_limit=3))
    env.reset(0)
    outcomes = [env.step("turn left") for _ in range(3)]
    assert [o.truncated for o in outcomes] == [False, False, True]
    assert not any(o.terminated for o in outcomes)
    assert env.progression() == 0.0 and env.extras()["success"] is False


def test_extended_protocol_keeps_the_richer_prompt():
    env = BabyAIEnvironment("open", protocol="extended")
    env.reset(3)
    prompt = env.instruction_prompt()
    assert f"Your mission: {env.mission}." in prompt
    assert "A locked door opens with toggle while you hold the key" in prompt
    assert "toggle: open or close the door in front of you" in prompt
    assert "PLAY!" not in prompt


def test_apart_levels_option_plays_the_tidier_rooms():
    env = BabyAIEnvironment("open", options=BabyAIOptions(levels="apart"))
    env.reset(11)
    assert env.mission == "open the blue door"
    assert env.step("turn right").observation.text == (
        "a wall 3 steps left\na locked blue door 3 steps left and 3 steps forward\n"
        "a blue key 3 steps forward")


def test_only_non_default_options_are_protocol_deviations():
    assert BabyAIOptions().protocol_deviations() == []
    lines = BabyAIOptions(levels="apart", time_limit=200, tile_size=32).protocol_deviations()
    assert lines == [
        ("babyai levels=apart: the project's own layouts and missions "
         "(reference: BabyAI-MixedTrainLocal-v0, num_dists=0)"),
        "babyai time_limit=200 steps (reference: the level's own limit, 64 or 128)",
        "babyai tile_size=32 px per cell in images (reference: 16)",
    ]


def test_tile_size_sets_the_image_size():
    env = BabyAIEnvironment("pickup", vision=True, options=BabyAIOptions(tile_size=8))
    assert env.reset(1).image.shape == (56, 56, 3)


@pytest.mark.parametrize("make, message", [
    (lambda: BabyAIEnvironment("gotoo"), "unknown babyai task 'gotoo'"),
    (lambda: BabyAIEnvironment("goto", options=BabyAIOptions(time_limit=-1)), "time_limit=-1"),
    (lambda: BabyAIEnvironment("goto", options=BabyAIOptions(tile_size=0)), "tile_size=0"),
    (lambda: BabyAIEnvironment("goto", options=BabyAIOptions(levels="tidy")),
     "levels='tidy': use one of reference, apart"),
])
def test_bad_configuration_is_a_one_line_error(make, message):
    with pytest.raises(ConfigError, match=message):
        make()


def test_unknown_action_names_the_choices():
    env = BabyAIEnvironment("goto")
    env.reset(0)
    with pytest.raises(ConfigError, match="'jump'.*turn left"):
        env.step("jump")


def test_registered_with_the_protocol_tasks():
    spec = get_registry().env("babyai")
    assert [(t.name, t.episodes, t.max_steps) for t in spec.tasks] == [
        ("goto", 10, 64), ("pickup", 10, 64), ("open", 10, 128), ("putnext", 10, 128),
        ("pick_up_seq_go_to", 10, 128),
    ]
    env = spec.factory("open", EnvSettings(vision=True, options=BabyAIOptions()))
    assert env.action_space.default == "go forward"
    assert env.reset(0).image is not None


def test_cli_rejects_a_bad_option(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["run", "--env", "babyai", "--agent", "oracle", "--episodes", "1",
              "-o", "env.babyai.tile_size=0", "--output", str(tmp_path / "run")])
    assert "env.babyai.tile_size=0" in capsys.readouterr().err
