"""The demonstrations store, the choice of demonstrations and the few-shot prompt, with
turns built by hand on a real action space; the model is a scripted client."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from balrog_core import (
    ActionSpace, AgentSettings, ConfigError, Observation, PastTurn,
    PromptSettings, TurnContext,
)
from balrog_core.testing import ScriptedClient, make_turn
from balrog_core import NAIVE_FORMAT
from balrog_agent_fewshot import DemoStep, DemoStore, Demonstration, FewShotOptions, default_demos_dir
from balrog_agent_fewshot.agent import build_few_shot_agent, choose_demonstrations
from balrog_agent_fewshot.prompt import LEARN, goal_lines, render_demonstrations

SPACE = ActionSpace(
    {"turn left": "", "turn right": "", "go forward": "", "pick up": "", "drop": "", "toggle": ""},
    default="go forward",
)
INSTRUCTION = "You play a grid world.\nYour mission: go to the red ball.\nActions: ...\nPLAY!"


def demo(seed: int, progression: float = 100.0, steps: int = 3, mission: str = "go to the blue key",
         env: str = "babyai", task: str = "goto") -> Demonstration:
    return Demonstration(
        env=env, task=task, seed=seed, progression=progression,
        steps=[DemoStep(f"seed {seed} view {i}", "turn left" if i % 2 else "go forward") for i in range(steps)],
        instruction=f"You play a grid world.\nYour mission: {mission}.\nActions: ...\nPLAY!",
    )


def turn(history=(), settings=None, defaulted=None, step=0) -> TurnContext:
    return make_turn(f"now {step}", instruction=INSTRUCTION, history=history, action_space=SPACE, step=step,
                     settings=settings, defaulted=defaulted)


def test_store_round_trip_and_no_duplicate_seeds(tmp_path):
    store = DemoStore(tmp_path)
    assert store.add([demo(1), demo(2)]) == [demo(1), demo(2)]
    assert store.add([demo(2), demo(3)]) == [demo(3)]
    assert store.load("babyai", "goto") == [demo(1), demo(2), demo(3)]
    assert store.tasks() == [("babyai", "goto", 3)]
    line = json.loads(store.path("babyai", "goto").read_text().splitlines()[0])
    assert set(line) == {"env", "task", "seed", "steps", "progression", "instruction"}
    assert line["steps"][0] == {"observation": "seed 1 view 0", "action": "go forward"}


def test_store_reads_hand_written_lines_without_instruction(tmp_path):
    path = tmp_path / "babyai" / "open.jsonl"
    path.parent.mkdir()
    path.write_text(json.dumps({"env": "babyai", "task": "open", "seed": 5, "progression": 0,
                                "steps": [{"observation": "a door", "action": "toggle"}]}) + "\n\n")
    [loaded] = DemoStore(tmp_path).load("babyai", "open")
    assert loaded.instruction is None and loaded.steps == (DemoStep("a door", "toggle"),)


def test_a_broken_store_line_is_a_one_line_error(tmp_path):
    path = tmp_path / "babyai" / "goto.jsonl"
    path.parent.mkdir()
    path.write_text('{"env": "babyai"}\n')
    with pytest.raises(ConfigError, match=r"goto.jsonl' line 1 is not a demonstration .*fix or delete"):
        DemoStore(tmp_path).load("babyai", "goto")


def test_store_location_option_then_variable_then_user_data(tmp_path, monkeypatch):
    monkeypatch.delenv("BALROG_DEMOS_DIR", raising=False)
    assert default_demos_dir().parts[-2:] == ("balrog", "demos")
    monkeypatch.setenv("BALROG_DEMOS_DIR", str(tmp_path / "env"))
    assert DemoStore.locate(None).root == tmp_path / "env"
    assert DemoStore.locate(str(tmp_path / "option")).root == tmp_path / "option"


def test_the_evaluated_seed_is_never_chosen_and_the_draw_is_seeded(tmp_path):
    store = DemoStore(tmp_path)
    store.add([demo(seed) for seed in range(7, 17)])
    drawn = [d.seed for d in choose_demonstrations(store, "babyai", "goto", 7, 3)]
    assert len(drawn) == 3 and 7 not in drawn
    assert [d.seed for d in choose_demonstrations(store, "babyai", "goto", 7, 3)] == drawn
    draws = {tuple(d.seed for d in choose_demonstrations(store, "babyai", "goto", seed, 3)) for seed in range(20, 30)}
    assert len(draws) > 1


def test_best_first_is_an_opt_in(tmp_path):
    store = DemoStore(tmp_path)
    store.add([demo(7, 100.0), demo(8, 0.0), demo(9, 100.0)])
    assert [d.seed for d in choose_demonstrations(store, "babyai", "goto", 7, 5, "best")] == [9, 8]
    assert [d.seed for d in choose_demonstrations(store, "babyai", "goto", 8, 1, "best")] == [7]


def test_baba_demonstrations_come_from_another_level(tmp_path):
    store = DemoStore(tmp_path)
    own = [demo(seed, env="babaisai", task="goto_win-distr_obj") for seed in (1, 2)]
    other = [demo(seed, env="babaisai", task="make_win-distr_obj") for seed in (3, 4)]
    store.add(own + other)
    for seed in range(10):
        chosen = choose_demonstrations(store, "babaisai", "goto_win-distr_obj", seed, 2)
        assert {d.task for d in chosen} == {"make_win-distr_obj"}
    with pytest.raises(ConfigError, match="must come from another task than make_win-distr_obj"):
        choose_demonstrations(DemoStore(tmp_path / "x"), "babaisai", "make_win-distr_obj", 1, 1)


def test_no_demonstrations_names_the_record_command(tmp_path):
    store = DemoStore(tmp_path)
    with pytest.raises(ConfigError) as error:
        choose_demonstrations(store, "babyai", "goto", 3, 1)
    message = str(error.value)
    assert "\n" not in message and "no demonstrations for babyai/goto" in message
    assert f"balrog demos record --env babyai --task goto --agent oracle --episodes 3 --demos-dir {tmp_path}" in message
    store.add([demo(3)])
    with pytest.raises(ConfigError, match="other than the evaluated seed 3"):
        choose_demonstrations(store, "babyai", "goto", 3, 1)


def setup_for(store_dir: Path, seed: int, *answers: str, parse: str = "reference", **options) -> AgentSettings:
    return AgentSettings(
        client=ScriptedClient(*answers), options=FewShotOptions(demos_dir=str(store_dir), **options),
        env="babyai", task="goto", seed=seed, parse=parse,
    )


def test_reference_layout_message_by_message(tmp_path):
    DemoStore(tmp_path).add([demo(1, steps=2)])
    agent = build_few_shot_agent(setup_for(tmp_path, 5, "go forward."))
    reply = asyncio.run(agent.act(turn()))
    assert [(m.role, m.text) for m in reply.messages] == [
        ("user", INSTRUCTION.replace("PLAY", LEARN)),
        ("user", "****** START OF DEMONSTRATION EPISODE 1 ******"),
        ("user", "Obesrvation:\nseed 1 view 0"),
        ("assistant", "go forward"),
        ("user", "Obesrvation:\nseed 1 view 1"),
        ("assistant", "turn left"),
        ("user", "****** END OF DEMONSTRATION EPISODE 1 ******"),
        ("user", "****** Now it's your turn to play the game! ******"),
        ("user", f"Current Observation:\nnow 0\n\n{NAIVE_FORMAT}"),
    ]
    assert reply.messages[0].text.endswith("learn from them!!")
    assert (reply.action, reply.rule, reply.memory) == ("go forward", "exact", "go forward")


def test_the_episode_history_follows_the_demonstrations(tmp_path):
    DemoStore(tmp_path).add([demo(1, steps=1)])
    agent = build_few_shot_agent(setup_for(tmp_path, 5, "Turn left"))
    past = PastTurn(Observation("now 0"), "jump", "go forward", True)
    reply = asyncio.run(agent.act(turn([past], defaulted="go forward", step=1)))
    texts = [m.text for m in reply.messages]
    assert texts[4:] == [
        "****** END OF DEMONSTRATION EPISODE 1 ******",
        "****** Now it's your turn to play the game! ******",
        "Observation:\nnow 0",
        "jump",
        "Current Observation:\n\n\nYour previous output did not contain a valid action. Defaulted to "
        f"action: go forward\n\nObservation:\nnow 1\n\n{NAIVE_FORMAT}",
    ]
    assert reply.action is None  # case-sensitive


def test_the_message_budget_cuts_demonstrations_like_the_reference(tmp_path):
    DemoStore(tmp_path).add([demo(1, steps=2), demo(2, steps=3), demo(3, steps=3)])
    agent = build_few_shot_agent(setup_for(tmp_path, 9, "drop", demos=3, max_demo_messages=7, pick="best"))
    texts = [m.text for m in asyncio.run(agent.act(turn())).messages]
    starts = [t for t in texts if "START OF" in t]
    observations = [t for t in texts if t.startswith("Obesrvation:")]
    assert len(starts) == 2 and len(observations) == 2 + 2  # 4 messages of the first, 3 of the second
    assert texts[-3] == "****** END OF DEMONSTRATION EPISODE 2 ******"


def test_merged_roles_merge_the_whole_prompt(tmp_path):
    DemoStore(tmp_path).add([demo(1, steps=1)])
    agent = build_few_shot_agent(setup_for(tmp_path, 5, "drop"))
    reply = asyncio.run(agent.act(turn(settings=PromptSettings(merge_roles=True))))
    assert [m.role for m in reply.messages] == ["user", "assistant", "user"]
    assert reply.messages[0].text.endswith("Obesrvation:\nseed 1 view 0")


def test_tolerant_parsing_is_opt_in(tmp_path):
    DemoStore(tmp_path).add([demo(1)])
    strict = build_few_shot_agent(setup_for(tmp_path, 5, "Go forward."))
    tolerant = build_few_shot_agent(setup_for(tmp_path, 5, "Go forward.", parse="tolerant"))
    assert asyncio.run(strict.act(turn())).action is None
    assert asyncio.run(tolerant.act(turn())).action == "go forward"


def test_compact_layout_is_an_opt_in(tmp_path):
    DemoStore(tmp_path).add([demo(1), demo(2), demo(3)])
    agent = build_few_shot_agent(setup_for(tmp_path, 2, "Go forward.", demos=2, max_demo_messages=8, layout="compact"))
    reply = asyncio.run(agent.act(turn()))
    system = reply.messages[0].text
    assert system.startswith(INSTRUCTION + "\n\nBelow are 2 demonstrations")
    assert "seed 2 view" not in system  # the evaluated seed
    assert "seed 1 view 0" in system and "seed 3 view 0" in system
    assert system.count("\nAction: ") == 4  # 8 messages: 3 steps of one, 1 of the other
    assert reply.messages[-1].text.endswith(NAIVE_FORMAT)


def test_compact_rendering_shows_steps_in_order_and_says_when_cut():
    text = render_demonstrations([demo(1, steps=5), demo(2, steps=2)], INSTRUCTION, budget=6)
    assert "is one demonstration" in text
    assert "### Demonstration 1 (5 steps, the first 3 shown, final progression 100/100)" in text
    assert "Observation:\nseed 1 view 0\nAction: go forward\n\nObservation:\nseed 1 view 1\nAction: turn left" in text
    assert "seed 1 view 3" not in text and "seed 2" not in text
    assert text.count("Your mission: go to the blue key.") == 1
    assert goal_lines(demo(1).instruction, INSTRUCTION) == ["Your mission: go to the blue key."]
    assert goal_lines(None, INSTRUCTION) == []


@pytest.mark.parametrize(("key", "value", "error"), [
    ("demos", 0, "agent.demos must be at least 1, got 0"),
    ("max_demo_messages", -1, "agent.max_demo_messages must be at least 1, got -1"),
    ("pick", "worst", "agent.pick must be one of random, best, got 'worst'"),
    ("layout", "wide", "agent.layout must be one of reference, compact, got 'wide'"),
])
def test_bad_options_are_one_line_errors(key, value, error):
    with pytest.raises(ConfigError, match=error):
        FewShotOptions(**{key: value})


def test_options_declare_their_deviations():
    assert FewShotOptions().protocol_deviations() == []
    lines = FewShotOptions(demos=2, max_demo_messages=64, pick="best", layout="compact").protocol_deviations()
    assert lines == [
        "few_shot: 2 demonstrations (reference: 1)",
        "few_shot: at most 64 demonstration messages (reference: 1000)",
        "few_shot: demonstrations with the highest progression first (reference: random)",
        "few_shot: compact demonstration text after the instruction (reference: chat turns)",
    ]


def test_a_demonstration_of_the_very_game_played_is_skipped(tmp_path):
    # A game chosen by episode index (TextWorld) starts the same whatever the seed.
    same_game = Demonstration(env="babyai", task="goto", seed=1, steps=[DemoStep("now 0", "drop")])
    DemoStore(tmp_path).add([same_game, demo(2)])
    for seed in range(5, 10):
        agent = build_few_shot_agent(setup_for(tmp_path, seed, "drop"))
        texts = [m.text for m in asyncio.run(agent.act(turn())).messages]
        assert "Obesrvation:\nseed 2 view 0" in texts and "Obesrvation:\nnow 0" not in texts
    DemoStore(tmp_path / "only").add([same_game])
    agent = build_few_shot_agent(setup_for(tmp_path / "only", 5, "drop"))
    with pytest.raises(ConfigError, match="every stored demonstration starts with this episode's first observation"):
        asyncio.run(agent.act(turn()))
