"""Fixtures for the report plugin's tests: two tiny games (one with images), a chatty
agent that reasons, sometimes answers nothing valid and reports tokens and cost, real runs
made through the ``balrog`` CLI, and a headless Chromium driven over the DevTools protocol."""

from __future__ import annotations

import contextlib
import json
import random
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from balrog_core import (
    ActionSpace, Agent, AgentReply, AgentSpec, Completion, Environment, EnvSpec, Observation,
    StepOutcome, TaskSpec, TurnContext, hookimpl,
)
from balrog_core.cli import main
from balrog_core.plugins import get_plugin_manager

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


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage")


def chromium_binary() -> str:
    """The Chromium executable; a missing browser fails loudly, never skips."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed: the HTML report test needs a headless browser; "
                "on Debian/Ubuntu run: apt-get update && apt-get install -y chromium", pytrace=False)


class DevTools:
    """A headless Chromium page driven over the Chrome DevTools Protocol (websocket)."""

    def __init__(self) -> None:
        try:
            import websocket
        except ImportError:
            pytest.fail("websocket-client is not installed: the browser test needs it; "
                        "pip install websocket-client", pytrace=False)

        self.profile = Path(tempfile.mkdtemp(prefix="balrog-report-chromium-"))
        self.process = subprocess.Popen(
            [chromium_binary(), *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}",
             "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1280,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port = self._port()
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10).read())
        page = next(t for t in targets if t.get("type") == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []
        for domain in ("Runtime", "Log", "Page"):
            self.call(f"{domain}.enable")

    def _port(self) -> int:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if marker.exists() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            if self.process.poll() is not None:
                pytest.fail(f"Chromium exited with code {self.process.returncode} before opening DevTools", pytrace=False)
            time.sleep(0.1)
        pytest.fail("Chromium did not open its DevTools port within 30 s", pytrace=False)

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        message_id = self.next_id
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        for message in self.events:
            if message.get("method") == event:
                return message
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            self.events.append(message)
            if message.get("method") == event:
                return message
        raise TimeoutError(event)

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def press(self, key: str, code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code)

    def problems(self) -> list[str]:
        """Console errors/warnings, uncaught exceptions and error log entries so far."""
        found = []
        for message in self.events:
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails']}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                found.append(f"console.{params['type']}: {[a.get('value') for a in params.get('args', [])]}")
            elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
                found.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
        return found

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture
def chromium_finder():
    return chromium_binary


@pytest.fixture
def devtools():
    browser = DevTools()
    yield browser
    browser.close()
