"""Playing real games two ways: a person's answers piped into ``balrog play`` (the installed
command, in a subprocess, as over ssh), and the naive agent answering the same strings
through the ``openai`` client and the core's loopback OpenAI-compatible server. The two
run directories are then compared record by record and step by step."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from balrog_core.harness import read_trace
from balrog_core.cli import main
from balrog_core.testing import LoopbackOpenAI

BALROG = Path(sys.executable).with_name("balrog")
COMMANDS = ("help", "quit")
# What differs between a person and a model giving the same answers: time, tokens, cost.
RECORD_NOISE = {"wall_time", "input_tokens", "output_tokens", "cached_tokens", "cost", "retries"}
STEP_NOISE = {"latency", "input_tokens", "output_tokens", "cost"}


class Games:
    """Runs ``balrog play`` and the naive agent into directories under ``root``."""

    balrog = BALROG

    def __init__(self, root: Path, environ: dict[str, str]) -> None:
        self.root = root
        self.environ = environ

    def play(self, name: str, answers: Sequence[str], *options: str, code: int = 0,
             output: bool = True) -> tuple[Path, str]:
        """``balrog play`` fed ``answers`` one per line; returns the run directory and stdout."""
        run = self.root / name
        where = ["--output", str(run)] if output else []
        done = subprocess.run(
            [str(BALROG), "play", *options, *where], input="".join(f"{a}\n" for a in answers),
            capture_output=True, text=True, timeout=600, env=self.environ, cwd=self.root, check=False,
        )
        assert done.returncode == code, done.stdout[-2000:] + done.stderr[-2000:]
        return run, done.stdout + done.stderr

    def agent(self, name: str, replies: Sequence[str], *options: str) -> Path:
        """The naive agent answering ``replies`` in order, each exactly once."""
        run = self.root / name
        with LoopbackOpenAI(list(replies)) as server:
            main([
                "run", "--agent", "naive", "--client", "openai", "--model", "loopback",
                "--base-url", server.url, "--episodes", "1", "--concurrency", "1",
                "--output", str(run), *options,
            ])
            assert len(server.requests) == len(replies)
        return run

    def actions(self, name: str, agent: str, *options: str) -> list[str]:
        """The actions an oracle agent (no model) plays in the episode ``options`` select."""
        run = self.root / name
        main(["run", "--agent", agent, "--episodes", "1", "--output", str(run), *options])
        return [line["action"] for line in Games.episode(run)[1] if line["type"] == "step"]

    @staticmethod
    def answers_only(lines: Sequence[str]) -> list[str]:
        """The lines that are answers (not ``help``/``quit`` commands)."""
        return [line for line in lines if line.strip().casefold() not in COMMANDS]

    @staticmethod
    def episode(run: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The run's single episode record and its trace lines."""
        [record] = [json.loads(line) for line in (run / "episodes.jsonl").read_text().splitlines()]
        return record, read_trace(run / record["trace"])

    @staticmethod
    def without(data: dict[str, Any], keys: set[str]) -> dict[str, Any]:
        return {key: value for key, value in data.items() if key not in keys}

    @staticmethod
    def assert_same_episode(human: Path, agent: Path) -> dict[str, Any]:
        """The two runs recorded the same episode: record, trace header, every step (prompt
        messages, output, parsed and played action, invalid flag, reward, progression), end;
        and the same protocol. Returns the person's record."""
        human_record, human_trace = Games.episode(human)
        agent_record, agent_trace = Games.episode(agent)
        assert Games.without(human_record, RECORD_NOISE) == Games.without(agent_record, RECORD_NOISE)
        assert len(human_trace) == len(agent_trace)
        for mine, theirs in zip(human_trace, agent_trace):
            assert Games.without(mine, STEP_NOISE) == Games.without(theirs, STEP_NOISE)
        human_meta, agent_meta = (json.loads((run / "run.json").read_text()) for run in (human, agent))
        assert human_meta["config"]["agent"] == "human"
        for key in ("protocol", "protocol_deviations", "status"):
            assert human_meta[key] == agent_meta[key]
        return human_record


@pytest.fixture(scope="session")
def textworld_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One games directory for the session: TextWorld generates a game on first use."""
    return tmp_path_factory.mktemp("textworld-games")


@pytest.fixture
def games(tmp_path: Path, textworld_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Games:
    monkeypatch.setenv("BALROG_TEXTWORLD_DIR", str(textworld_dir))
    monkeypatch.setenv("BALROG_DEMOS_DIR", str(tmp_path / "demos"))
    return Games(tmp_path, dict(os.environ))
