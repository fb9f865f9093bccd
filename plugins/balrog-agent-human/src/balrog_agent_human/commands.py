"""``balrog play``: a person plays one episode, recorded as a normal run of agent ``human``.

The episode goes through the public run API exactly like ``balrog run`` (``Run.create``,
``Run.play``, one episode, one at a time), so the run directory holds ``run.json``,
``episodes.jsonl``, a trace and ``summary.json`` like any other run, and ``balrog report``,
``compare`` and ``demos`` read it as they read a model's run. Seeds derive from the base
seed as in ``balrog run``: ``balrog play --seed S`` plays the very game that episode 0 of
``balrog run --seed S`` plays on the same task.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from balrog_core import ConfigError
from balrog_core.harness import RunConfig, read_trace

if TYPE_CHECKING:
    from balrog_core.harness import Run

from .terminal import Terminal

__all__ = ["AGENT", "first_task", "play", "play_config", "save_demonstration"]

AGENT = "human"
PROTOCOLS = ("reference", "extended")
PARSE_MODES = ("reference", "tolerant")


def first_task(env: str) -> str:
    """The env's first task: the first planned episode of a resolved one-episode run
    (names checked, nothing written or played)."""
    from balrog_core.harness import get_registry, resolve

    return resolve(RunConfig(envs=[env], agent=AGENT, episodes=1, concurrency=1), get_registry()).plans[0].task


def play_config(env: str, task: str, seed: int, vision: bool, protocol: str, parse: str,
                max_steps: int | None, image_dir: Path) -> RunConfig:
    """One episode of ``env``/``task`` for agent ``human``, one at a time; in vision mode
    the images the person opens go to ``image_dir``."""
    return RunConfig(
        envs=[env], tasks=[task], agent=AGENT, episodes=1, concurrency=1, seed=seed, vision=vision,
        protocol=protocol, parse=parse, max_steps=max_steps,
        options={"agent.image_dir": str(image_dir)} if vision else {},
    )


def _default_output(env: str, task: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path("runs") / f"{stamp}-{env}-{task.replace('/', '_')}-{AGENT}"


def save_demonstration(info: Run, demos_dir: Path | None) -> str:
    """Add the finished episode to the few-shot agent's demonstrations store; returns a
    line saying what happened."""
    try:
        from balrog_agent_fewshot import DemoStore
        from balrog_agent_fewshot.recording import demonstration_from_trace
    except ImportError:
        raise ConfigError(
            "--demo needs the few_shot agent's plugin; install balrog-agent-fewshot or drop --demo"
        ) from None
    store = DemoStore.locate(str(demos_dir) if demos_dir else None)
    finished = [record for record in info.records if record.error is None and record.trace]
    demos = [demonstration_from_trace(read_trace(info.directory.path / r.trace)) for r in finished]
    added = store.add(demos)
    if not added:
        return f"demonstration not saved: {store.root} already holds this env, task and seed"
    demo = added[0]
    return f"demonstration saved: {demo.env}/{demo.task} seed {demo.seed} in {store.root}"


def _open(resume: Path | None, env: str | None, task: str | None, output: Path | None,
          **settings: Any) -> Run:
    from balrog_core.harness import Run  # the run machinery, only when a game is played

    if resume is not None:
        if env or task or output:
            raise ConfigError("--resume replays the saved game; drop --env, --task and --output")
        info = Run.resume(resume)
        if info.config.agent != AGENT:
            raise ConfigError(
                f"{str(resume)!r} is a run of agent {info.config.agent!r}, not a person's; "
                f"continue it with: balrog run --resume {resume}"
            )
        return info
    if not env:
        raise ConfigError("no game chosen; pass --env NAME (see balrog envs list), e.g. balrog play --env babyai")
    task = task or first_task(env)
    output = output or _default_output(env, task)
    return Run.create(play_config(env, task, image_dir=output / "screens", **settings), output)


@click.command()
@click.option("--env", default=None, help="Game to play (see balrog envs list).")
@click.option("--task", default=None, help="Task of the game (default: its first task).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Base seed: the game episode 0 of balrog run --seed S plays.")
@click.option("--vision/--no-vision", default=False, help="Images too: each one saved as a PNG whose path is shown.")
@click.option("--protocol", type=click.Choice(PROTOCOLS), default="reference", show_default=True,
              help="What is shown: the reference's prompts, or the project's richer ones.")
@click.option("--parse", type=click.Choice(PARSE_MODES), default="reference", show_default=True,
              help="How answers are read: the reference's exact matching, or tolerant.")
@click.option("--max-steps", type=int, default=None, help="Step cap (default: the protocol's).")
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="Run directory to create (default: runs/<time>-<env>-<task>-human).")
@click.option("--resume", type=click.Path(path_type=Path), default=None,
              help="Play again the unfinished episode of a stopped balrog play run.")
@click.option("--demo", is_flag=True, help="Also save the finished episode as a demonstration for few_shot.")
@click.option("--demos-dir", type=click.Path(path_type=Path), default=None,
              help="Demonstrations store for --demo (default: $BALROG_DEMOS_DIR or the user data directory).")
def play(env: str | None, task: str | None, seed: int, vision: bool, protocol: str, parse: str,
         max_steps: int | None, output: Path | None, resume: Path | None, demo: bool,
         demos_dir: Path | None) -> None:
    """Play one episode yourself, seeing exactly what a model sees; recorded as a run of
    agent human. Type help for the actions, quit (or end the input) to stop."""
    info = _open(resume, env, task, output, seed=seed, vision=vision, protocol=protocol, parse=parse,
                 max_steps=max_steps)
    terminal = Terminal()
    if not info.pending:
        terminal.note(f"{info.directory.path} has no episode left to play; see balrog report {info.directory.path}")
        return
    [plan] = info.pending
    terminal.note(
        f"{plan.env} / {plan.task}, seed {plan.seed}, at most {plan.max_steps} steps; "
        f"run directory: {info.directory.path}"
    )
    try:
        asyncio.run(info.play())
    except KeyboardInterrupt:
        terminal.note(
            f"stopped: the episode was not recorded; play it again with: "
            f"balrog play --resume {info.directory.path}"
        )
        sys.exit(130)
    [record] = [r for r in info.records if r.key == plan.key]
    if record.error is not None:
        terminal.note(f"the episode failed: {record.error.strip().splitlines()[-1]}")
        sys.exit(1)
    ending = "game over" if record.terminated else "step cap reached"
    terminal.heading("episode over")
    terminal.note(
        f"{ending} after {record.steps} steps: progression {record.progression:g}/100, "
        f"return {record.episode_return:g}, {record.invalid_outputs} invalid answers"
    )
    if demo:
        terminal.note(save_demonstration(info, demos_dir))
    terminal.note(f"results: {info.directory.path}  (balrog report {info.directory.path})")
