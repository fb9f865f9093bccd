"""Fixtures for the report plugin's tests: two tiny games (one with images), a chatty
agent that reasons, sometimes answers nothing valid and reports tokens and cost, real runs
made through the ``balrog`` CLI (the test games and real BabyAI), and Debian's headless
Chromium driven by playwright."""

from __future__ import annotations

import contextlib
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from balrog_core import (
    ActionSpace, Agent, AgentReply, AgentSpec, Completion, Environment, EnvSpec, Observation,
    StepOutcome, TaskSpec, TurnContext, hookimpl,
)
from balrog_core.cli import main
from balrog_core.harness import get_plugin_manager

MOVES = {"north": (0, -1), "south": (0, 1), "east": (1, 0), "west": (-1, 0)}
GRID_ACTIONS = ActionSpace({name: f"move one cell {name}" for name in MOVES} | {"wait": "stay"}, default="wait")
COUNT_ACTIONS = ActionSpace({"add one": "add 1 to the counter", "add two": "add 2", "wait": "add nothing"}, default="wait")


class Grid(Environment):
    """Walk to the bottom-right cell of a 5×5 grid; draws the grid when vision is on."""

    action_space = GRID_ACTIONS
    size = 5

    def __init__(self, vision: bool) -> None:
        self.vision = vision

    def reset(self, seed: int) -> Observation:
        rng = random.Random(seed)
        self.x, self.y = rng.randrange(3), rng.randrange(3)
        return self._observe()

    def _observe(self) -> Observation:
        image = None
        if self.vision:
            image = np.full((self.size * 8, self.size * 8, 3), 235, dtype=np.uint8)
            image[-8:, -8:] = (40, 160, 60)
            image[self.y * 8:(self.y + 1) * 8, self.x * 8:(self.x + 1) * 8] = (200, 40, 40)
        return Observation(f"You are at column {self.x}, row {self.y}. The goal is at column 4, row 4.", image)

    def step(self, action: str) -> StepOutcome:
        dx, dy = MOVES.get(action, (0, 0))
        self.x = min(max(self.x + dx, 0), self.size - 1)
        self.y = min(max(self.y + dy, 0), self.size - 1)
        done = (self.x, self.y) == (4, 4)
        return StepOutcome(self._observe(), reward=float(done), terminated=done)

    def instruction_prompt(self) -> str:
        return "Reach the bottom-right cell of the grid.\nActions:\n" + GRID_ACTIONS.describe()

    def progression(self) -> float:
        return 100.0 if (self.x, self.y) == (4, 4) else 0.0


class Counter(Environment):
    """Bring a counter to a target; progression is the share reached. The ``fragile`` task
    breaks at step 3 of episode 1, so runs hold one errored episode."""

    action_space = COUNT_ACTIONS

    def __init__(self, task: str, episode: int) -> None:
        self.task, self.episode = task, episode

    def reset(self, seed: int) -> Observation:
        self.target, self.value, self.steps = 4 + seed % 4, 0, 0
        return Observation(f"The counter shows {self.value}; the target is {self.target}.")

    def step(self, action: str) -> StepOutcome:
        self.steps += 1
        if self.task == "fragile" and self.episode == 1 and self.steps == 3:
            raise RuntimeError("the counter broke")
        self.value = min(self.value + {"add one": 1, "add two": 2, "wait": 0}[action], self.target)
        done = self.value == self.target
        return StepOutcome(Observation(f"The counter shows {self.value}; the target is {self.target}."),
                           reward=float(done), terminated=done)

    def instruction_prompt(self) -> str:
        return "Bring the counter to its target.\nActions:\n" + COUNT_ACTIONS.describe()

    def progression(self) -> float:
        return 100.0 * self.value / self.target


class Chatty(Agent):
    """Reasons aloud, answers ``ACTION: x``; every fourth answer names no action."""

    def __init__(self, seed: int | None) -> None:
        self.rng = random.Random((seed or 0) * 7 + 1)  # not the random agent's sequence

    async def act(self, turn: TurnContext) -> AgentReply:
        action = self.rng.choice(turn.action_space.names)
        completion = Completion(text="", input_tokens=100 + turn.step, output_tokens=12, latency=0.01, cost=0.0002)
        if turn.step % 4 == 3:
            return AgentReply(text="I am not sure what to do.", action=None, rule=None,
                              reasoning="Nothing stands out.", completion=completion)
        return AgentReply(text=f"Let me try {action}.\nACTION: {action}", action=action, rule="marked",
                          reasoning=f"At step {turn.step} the best move looks like {action}.", completion=completion)


class ReportGamesPlugin:
    @hookimpl
    def register_envs(self, register) -> None:
        register(EnvSpec(name="reportgrid", tasks=[TaskSpec("near", 2, 12), TaskSpec("far", 2, 25)],
                         factory=lambda task, settings: Grid(settings.vision), description="report test grid",
                         vision=True))
        register(EnvSpec(name="reportcount", tasks=[TaskSpec("count", 3, 8), TaskSpec("fragile", 2, 8)],
                         factory=lambda task, settings: Counter(task, settings.episode),
                         description="report test counter"))

    @hookimpl
    def register_agents(self, register) -> None:
        register(AgentSpec(name="reportchatty", factory=lambda setup: Chatty(setup.seed), needs_client=False,
                           description="reasons, sometimes invalid"))


@contextlib.contextmanager
def games_registered():
    """The test games and agent, registered only while needed, so other suites in the same
    pytest process never see them."""
    manager = get_plugin_manager()
    plugin = ReportGamesPlugin()
    manager.register(plugin, name="report-test-games")
    try:
        yield plugin
    finally:
        manager.unregister(plugin)


def balrog(*args: str) -> None:
    """Run the real ``balrog`` CLI in-process."""
    main([str(a) for a in args])


@pytest.fixture
def balrog_cli():
    """The ``balrog`` command line, with the test games registered for this test."""
    with games_registered():
        yield balrog


def make_run(path: Path, envs: str, agent: str, *extra: str) -> Path:
    balrog("run", "--env", envs, "--agent", agent, "--output", path, "--concurrency", "2", *extra)
    return path


@pytest.fixture(scope="session")
def text_runs(tmp_path_factory):
    """Two runs of the same three envs and seeds: random and chatty agents."""
    root = tmp_path_factory.mktemp("report-runs")
    envs = "numberline,reportgrid,reportcount"
    with games_registered():
        return (make_run(root / "random", envs, "random"), make_run(root / "chatty", envs, "reportchatty"))


@pytest.fixture(scope="session")
def vision_run(tmp_path_factory):
    """A vision run of the grid game: traces keep one PNG per step."""
    with games_registered():
        return make_run(tmp_path_factory.mktemp("report-vision") / "vision", "reportgrid", "reportchatty", "--vision")


def make_babyai_run(path: Path, *extra: str) -> Path:
    """A real BabyAI run of the random agent on the goto task (10 episodes, the protocol's
    count): a score the paper's BabyAI tables can place."""
    return make_run(path, "babyai", "random", "--task", "goto", *extra)


@pytest.fixture(scope="session")
def babyai_runs(tmp_path_factory):
    """Two real BabyAI runs: one on the reference protocol (language-only), one in vision
    mode with the ``extended`` protocol opt-in, which run.json lists as a deviation."""
    root = tmp_path_factory.mktemp("report-babyai")
    return (make_babyai_run(root / "reference"),
            make_babyai_run(root / "extended", "--vision", "--protocol", "extended"))


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_binary() -> str:
    """The system Chromium (Debian's package); a missing browser fails loudly, never skips.
    Playwright drives it as it is: no browser download."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed: the HTML report test needs a headless browser; "
                "on Debian/Ubuntu run: apt-get update && apt-get install -y chromium", pytrace=False)


@pytest.fixture
def chromium_finder():
    return chromium_binary


@pytest.fixture
def browser_page():
    """A 1280×900 page of headless Chromium through playwright, and the list its console
    errors and warnings and uncaught exceptions are collected into."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_binary())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        problems: list[str] = []
        page.on("console", lambda message: problems.append(f"console.{message.type}: {message.text}")
                if message.type in ("error", "warning", "assert") else None)
        page.on("pageerror", lambda error: problems.append(f"exception: {error}"))
        try:
            yield page, problems
        finally:
            browser.close()
