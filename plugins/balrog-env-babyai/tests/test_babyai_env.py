"""The environment contract on the real game, in text and vision mode."""

import json

import numpy as np
import pytest
from balrog_core import ConfigError, EnvSettings
from balrog_core.cli import main
from balrog_core.registry import get_registry

from balrog_env_babyai import ACTION_SPACE, BabyAIEnvironment, BabyAIOptions

TASKS = ["goto", "pickup", "open", "putnext", "pick_up_seq_go_to"]


@pytest.mark.parametrize("vision", [False, True])
@pytest.mark.parametrize("task", TASKS)
def test_each_task_resets_and_steps(task, vision):
    env = BabyAIEnvironment(task, vision=vision)
    observation = env.reset(5)
    assert observation.text.startswith("You ")
    prompt = env.instruction_prompt()
    assert f"Your mission: {env.mission}." in prompt
    assert ACTION_SPACE.describe() in prompt
    for action in ACTION_SPACE.names:
        outcome = env.step(action)
        assert outcome.observation.text
        if vision:
            image = outcome.observation.image
            assert image.shape == (224, 224, 3) and image.dtype == np.uint8
            assert image.std() > 0
        else:
            assert outcome.observation.image is None
    assert env.progression() in (0.0, 100.0)
    extras = env.extras()
    assert extras == {"mission": env.mission, "success": env.progression() == 100.0}
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


def test_tile_size_sets_the_image_size():
    env = BabyAIEnvironment("pickup", vision=True, options=BabyAIOptions(tile_size=8))
    assert env.reset(1).image.shape == (56, 56, 3)


@pytest.mark.parametrize("make, message", [
    (lambda: BabyAIEnvironment("gotoo"), "unknown babyai task 'gotoo'"),
    (lambda: BabyAIEnvironment("goto", options=BabyAIOptions(time_limit=-1)), "time_limit=-1"),
    (lambda: BabyAIEnvironment("goto", options=BabyAIOptions(tile_size=0)), "tile_size=0"),
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
