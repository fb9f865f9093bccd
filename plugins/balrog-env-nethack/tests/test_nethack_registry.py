"""The two envs as the registry and ``balrog envs list`` show them."""

import json

from balrog_core.cli import main
from balrog_core.harness import get_registry

from balrog_env_nethack.minihack_game import MINIHACK_TASKS


def test_minihack_has_eight_tasks_of_five_episodes_and_100_steps():
    spec = get_registry().env("minihack")
    assert [t.name for t in spec.tasks] == list(MINIHACK_TASKS)
    assert len(spec.tasks) == 8
    assert {(t.episodes, t.max_steps) for t in spec.tasks} == {(5, 100)}


def test_nle_has_the_challenge_task_with_the_protocol_step_cap():
    spec = get_registry().env("nle")
    assert [(t.name, t.episodes, t.max_steps) for t in spec.tasks] == [("NetHackChallenge-v0", 5, 100_000)]


def test_envs_list_prints_both_envs(capsys):
    main(["envs", "list", "--json"])
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert len(rows["minihack"]["tasks"]) == 8
    assert len(rows["nle"]["tasks"]) == 1
    assert rows["nle"]["vision"] and rows["minihack"]["vision"]


def test_oracle_is_registered_for_minihack_only():
    spec = get_registry().agent("oracle", "minihack")
    assert list(spec.envs) == ["minihack"]
    assert not spec.needs_client
