"""A tiny game and an HTTP client, registered by fixtures as a plugin, so the core's tests
play real episodes and make real HTTP calls without depending on any game plugin."""

from __future__ import annotations

import asyncio
import json
import os
import random
import time
import urllib.error
import urllib.request

import attrs
import numpy as np

from balrog_core import (
    ActionSpace, Agent, AgentReply, AgentSpec, BalrogError, Client, ClientSpec, Completion,
    Environment, EnvSpec, Observation, StepOutcome, TaskSpec, TurnContext, hookimpl,
)

ACTIONS = ActionSpace(
    {"step left": "move one cell left", "step right": "move one cell right", "stay": "do nothing"},
    default="stay",
)


@attrs.define
class LineOptions:
    """Options of the test game."""

    width: int = 5
    explode_at: int = -1
    explode_task: str = ""
    start: int = -1


class Line(Environment):
    """Reach the right end of a line; ``explode_at`` makes a step raise, to test failures."""

    action_space = ACTIONS

    def __init__(self, task: str, options: LineOptions | None, vision: bool) -> None:
        self.options = options or LineOptions()
        self.vision = vision
        self.task = task

    def reset(self, seed: int) -> Observation:
        self.rng = random.Random(seed)
        self.position = self.options.start if self.options.start >= 0 else self.rng.randrange(self.options.width - 1)
        self.steps = 0
        return self._observe()

    def _observe(self) -> Observation:
        image = None
        if self.vision:
            image = np.zeros((4, self.options.width, 3), dtype=np.uint8)
            image[:, self.position] = 255
        return Observation(f"You are at {self.position}; the goal is at {self.options.width - 1}.", image)

    def step(self, action: str) -> StepOutcome:
        self.steps += 1
        if os.environ.get("TESTLINE_EXPLODE") == self.task:
            raise RuntimeError("the line exploded (TESTLINE_EXPLODE)")
        if self.steps == self.options.explode_at and self.task == (self.options.explode_task or self.task):
            raise RuntimeError("the line exploded")
        delta = {"step left": -1, "step right": 1, "stay": 0}[action]
        self.position = min(max(self.position + delta, 0), self.options.width - 1)
        done = self.position == self.options.width - 1
        return StepOutcome(self._observe(), reward=float(done), terminated=done)

    def instruction_prompt(self) -> str:
        return f"Task {self.task}: walk to the goal.\nActions:\n{ACTIONS.describe()}"

    def progression(self) -> float:
        return 100.0 if self.position == self.options.width - 1 else 0.0

    def extras(self) -> dict:
        return {"final_position": self.position}


class Walker(Agent):
    """Always steps right: solves every episode."""

    async def act(self, turn: TurnContext) -> AgentReply:
        return AgentReply(text="step right", action="step right", rule="oracle")


@attrs.define
class HttpOptions:
    api_key_env: str = "TESTLINE_KEY"


class HttpClient(Client):
    """A plain urllib OpenAI-protocol client (no retries), run in a thread."""

    def __init__(self, base_url: str, model: str) -> None:
        self.base_url = base_url
        self.model = model

    async def complete(self, messages) -> Completion:
        body = {"model": self.model, "messages": [{"role": m.role, "content": m.text} for m in messages]}

        def call() -> dict:
            request = urllib.request.Request(
                self.base_url + "/chat/completions", data=json.dumps(body).encode(),
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())

        started = time.monotonic()
        try:
            data = await asyncio.to_thread(call)
        except urllib.error.HTTPError as error:
            raise BalrogError(f"loopback server answered {error.code}") from None
        return Completion(
            text=data["choices"][0]["message"]["content"],
            input_tokens=data["usage"]["prompt_tokens"],
            output_tokens=data["usage"]["completion_tokens"],
            latency=time.monotonic() - started, cost=0.001,
        )

    def describe(self) -> dict:
        return {"model": self.model, "base_url": self.base_url}


def _client(settings) -> HttpClient:
    if not settings.base_url:
        raise BalrogError("testhttp needs --base-url")
    return HttpClient(settings.base_url, settings.model or "loopback")


class TestGamePlugin:
    """Registered and unregistered by the ``testgame`` fixture."""

    @hookimpl
    def register_envs(self, register) -> None:
        register(EnvSpec(
            name="testline",
            tasks=[TaskSpec("short", episodes=3, max_steps=10), TaskSpec("long", episodes=2, max_steps=30)],
            factory=lambda task, settings: Line(task, settings.options, settings.vision),
            description="test game", options=LineOptions,
        ))

    @hookimpl
    def register_agents(self, register) -> None:
        register(AgentSpec(name="walker", factory=lambda setup: Walker(), needs_client=False, envs=["testline"]))

    @hookimpl
    def register_clients(self, register) -> None:
        register(ClientSpec(name="testhttp", factory=_client, options=HttpOptions))
