"""``balrog demos``: record demonstration episodes and list what the store holds."""

from __future__ import annotations

from pathlib import Path

import click

from .recording import DEMO_BASE_SEED, record_demonstrations
from .store import DemoStore

__all__ = ["demos"]


def _store(demos_dir: Path | None) -> DemoStore:
    return DemoStore.locate(str(demos_dir) if demos_dir else None)


@click.group()
def demos() -> None:
    """Demonstration episodes for the few_shot agent."""


@demos.command()
@click.option("--env", required=True, help="Environment to record.")
@click.option("--task", default=None, help="Only this task (default: every task of the env).")
@click.option("--agent", default="oracle", show_default=True, help="Expert agent that plays the demonstrations.")
@click.option("--episodes", type=int, default=1, show_default=True, help="Episodes per task.")
@click.option("--seed", type=int, default=DEMO_BASE_SEED, show_default=True,
              help="Base seed; keep it apart from evaluation seeds (default 0).")
@click.option("--max-steps", type=int, default=None, help="Step cap per episode (default: protocol's).")
@click.option("--concurrency", type=int, default=4, show_default=True, help="Episodes in flight.")
@click.option("--demos-dir", type=click.Path(path_type=Path), default=None,
              help="Store directory (default: $BALROG_DEMOS_DIR or the user data directory).")
def record(env: str, task: str | None, agent: str, episodes: int, seed: int,
           max_steps: int | None, concurrency: int, demos_dir: Path | None) -> None:
    """Play episodes with an expert agent and save them as demonstrations."""
    store = _store(demos_dir)
    recording = record_demonstrations(
        store, env, task, agent=agent, episodes=episodes, seed=seed, max_steps=max_steps,
        concurrency=concurrency,
    )
    for demo in recording.added:
        click.echo(
            f"{demo.env}/{demo.task} seed {demo.seed}: {len(demo.steps)} steps, "
            f"progression {demo.progression:g}"
        )
    skipped = f" ({recording.skipped} already stored)" if recording.skipped else ""
    click.echo(f"saved {len(recording.added)} demonstrations into {store.root}{skipped}")
    if recording.failed:
        click.echo(f"warning: {recording.failed} episodes raised and were not saved", err=True)


@demos.command("list")
@click.option("--demos-dir", type=click.Path(path_type=Path), default=None, help="Store directory.")
def list_demos(demos_dir: Path | None) -> None:
    """Tasks with stored demonstrations."""
    store = _store(demos_dir)
    rows = store.tasks()
    if not rows:
        click.echo(f"no demonstrations in {store.root}; record some with: balrog demos record --env ENV --agent oracle")
    for env, task, count in rows:
        click.echo(f"{env}/{task}: {count}")
