"""The few-shot agent: whole demonstration episodes in the prompt, then naive play.

As in the reference harness: one demonstration by default, drawn at random (seeded by the
episode seed) from the stored episodes of the same env and task, except for Baba Is AI,
whose demonstrations come from another level so that the solution is not in the prompt;
the demonstration with the evaluated episode's seed, or one that starts with the very
observation the episode starts with (a game chosen by episode index rather than by seed, as
in TextWorld), is never used. Each turn then asks for
the action alone with the naive agent's answer format and reads it by the naive agent's
rule (letters, whitespace and ``:`` kept, exact action name).
"""

from __future__ import annotations

import random
from typing import Any

import attrs

from balrog_core import (
    NAIVE_FORMAT,
    ActionSpace,
    Agent,
    AgentReply,
    AgentSettings,
    Client,
    ConfigError,
    Message,
    TurnContext,
    build_messages,
    merge_same_roles,
    read_action,
)
from balrog_core.parsing import ParsedAction, letters_only

from .prompt import LAYOUTS, demonstration_messages, learning_instruction, render_demonstrations
from .store import DemoStore, Demonstration

__all__ = [
    "FewShotOptions", "FewShotAgent", "build_few_shot_agent", "choose_demonstrations", "read_answer",
]

PICKS = ("random", "best")
REFERENCE_DEMOS = 1
REFERENCE_MESSAGES = 1000
# Envs whose demonstrations must come from another task (the reference's rule for Baba Is
# AI, where a level's demonstration would show its solution).
OTHER_TASK_ENVS = ("babaisai",)


def _at_least_one(instance, attribute, value: int) -> None:
    if value < 1:
        raise ConfigError(f"agent.{attribute.name} must be at least 1, got {value}; e.g. -o agent.{attribute.name}=1")


def _one_of(*choices: str):
    def check(instance, attribute, value: str) -> None:
        if value not in choices:
            raise ConfigError(
                f"agent.{attribute.name} must be one of {', '.join(choices)}, got {value!r}; "
                f"e.g. -o agent.{attribute.name}={choices[0]}"
            )
    return check


@attrs.frozen
class FewShotOptions:
    """``demos``: demonstrations shown (reference: 1); ``max_demo_messages``: observation
    and action messages shown over all demonstrations (the reference's ``max_icl_history``,
    1000); ``demos_dir``: the store (default ``$BALROG_DEMOS_DIR``, else the user data
    dir); ``pick``: ``random`` (reference) or ``best`` (highest progression first);
    ``layout``: ``reference`` (chat turns) or ``compact`` (one text after the instruction)."""

    demos: int = attrs.field(default=REFERENCE_DEMOS, validator=_at_least_one)
    max_demo_messages: int = attrs.field(default=REFERENCE_MESSAGES, validator=_at_least_one)
    demos_dir: str | None = None
    pick: str = attrs.field(default="random", validator=_one_of(*PICKS))
    layout: str = attrs.field(default="reference", validator=_one_of(*LAYOUTS))

    def protocol_deviations(self) -> list[str]:
        deviations = []
        if self.demos != REFERENCE_DEMOS:
            deviations.append(f"few_shot: {self.demos} demonstrations (reference: {REFERENCE_DEMOS})")
        if self.max_demo_messages != REFERENCE_MESSAGES:
            deviations.append(
                f"few_shot: at most {self.max_demo_messages} demonstration messages "
                f"(reference: {REFERENCE_MESSAGES})"
            )
        if self.pick != "random":
            deviations.append("few_shot: demonstrations with the highest progression first (reference: random)")
        if self.layout != "reference":
            deviations.append("few_shot: compact demonstration text after the instruction (reference: chat turns)")
        return deviations


def _source_task(store: DemoStore, env: str, task: str, rng: random.Random) -> str:
    """The task whose demonstrations are shown: ``task`` itself, or for the envs of
    ``OTHER_TASK_ENVS`` a random other task that has demonstrations."""
    if env not in OTHER_TASK_ENVS:
        return task
    own = store.path(env, task).stem
    others = sorted(name for found_env, name, _ in store.tasks() if found_env == env and name != own)
    if not others:
        raise ConfigError(
            f"{env} demonstrations must come from another task than {task}, and {str(store.root)!r} "
            f"holds none; record some with: balrog demos record --env {env} --agent oracle "
            f"--episodes 1 --demos-dir {store.root}"
        )
    return rng.choice(others)


def choose_demonstrations(
    store: DemoStore, env: str, task: str, seed: int | None, count: int | None,
    pick: str = "random",
) -> list[Demonstration]:
    """Up to ``count`` (``None``: all) demonstrations for an episode of ``env``/``task``
    played from ``seed``, never one recorded from ``seed``, in a seeded random order or
    the best first.

    Raises a one-line ``ConfigError`` naming the command that records some when none fit.
    """
    rng = random.Random(seed)
    source = _source_task(store, env, task, rng)
    usable = [demo for demo in store.load(env, source) if demo.seed != seed]
    if not usable:
        path = store.path(env, source)
        raise ConfigError(
            f"no demonstrations for {env}/{source} in {str(path)!r}"
            + (f" other than the evaluated seed {seed}" if path.exists() else "")
            + f"; record some with: balrog demos record --env {env} --task {source} "
            f"--agent oracle --episodes 3 --demos-dir {store.root}"
        )
    if pick == "best":
        usable.sort(key=lambda demo: -demo.progression)
    else:
        rng.shuffle(usable)
    return usable[:count]


def read_answer(completion: str, space: ActionSpace, mode: str) -> tuple[str, ParsedAction]:
    """The candidate the history shows and the action it names: under ``reference`` the
    naive agent's rule (the stripped answer with everything but ASCII letters, whitespace
    and ``:`` deleted, then an exact name), under ``tolerant`` the core's lenient reading."""
    text = completion.strip()
    candidate = letters_only(text) if mode == "reference" else text
    return candidate, read_action(candidate, space, mode)


class FewShotAgent(Agent):
    """Shows the chosen demonstrations between the instruction and the episode, then asks
    for the action alone."""

    def __init__(self, client: Client, candidates: list[Demonstration], options: FewShotOptions,
                 parse: str) -> None:
        self.client = client
        self.candidates = candidates
        self.options = options
        self.parse = parse
        self.demonstrations: list[Demonstration] | None = None
        self._demo_messages: list[Message] = []

    def _choose(self, first: str) -> None:
        """The first ``demos`` candidates that do not start where this episode starts."""
        fresh = [demo for demo in self.candidates if not demo.steps or demo.steps[0].observation != first]
        if not fresh:
            raise ConfigError(
                "every stored demonstration starts with this episode's first observation; "
                "record demonstrations of other games with balrog demos record"
            )
        self.demonstrations = fresh[: self.options.demos]
        self._demo_messages = demonstration_messages(self.demonstrations, self.options.max_demo_messages)

    def messages(self, turn: TurnContext) -> list[Message]:
        if self.demonstrations is None:
            self._choose(turn.observation.text)
        assert self.demonstrations is not None
        if self.options.layout == "compact":
            suffix = render_demonstrations(self.demonstrations, turn.instruction, self.options.max_demo_messages)
            return build_messages(turn, NAIVE_FORMAT, instruction_suffix=suffix)
        shown = attrs.evolve(
            turn, instruction=learning_instruction(turn.instruction),
            settings=attrs.evolve(turn.settings, merge_roles=False),
        )
        instruction, *episode = build_messages(shown, NAIVE_FORMAT)
        messages = [instruction, *self._demo_messages, *episode]
        return merge_same_roles(messages) if turn.settings.merge_roles else messages

    async def act(self, turn: TurnContext) -> AgentReply:
        messages = self.messages(turn)
        completion = await self.client.complete(messages)
        candidate, parsed = read_answer(completion.text, turn.action_space, self.parse)
        return AgentReply(
            text=completion.text, action=parsed.action, rule=parsed.rule, memory=candidate,
            completion=completion, messages=messages,
        )


def build_few_shot_agent(setup: AgentSettings) -> FewShotAgent:
    """The agent factory: the candidate demonstrations for this episode, in order."""
    options: Any = setup.options if setup.options is not None else FewShotOptions()
    if setup.env is None or setup.task is None:
        raise ConfigError("the few_shot agent needs the env and task being played; run it with balrog run")
    store = DemoStore.locate(options.demos_dir)
    candidates = choose_demonstrations(store, setup.env, setup.task, setup.seed, None, options.pick)
    return FewShotAgent(setup.client, candidates, options, setup.parse)
