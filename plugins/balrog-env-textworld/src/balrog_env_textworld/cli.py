"""``balrog textworld generate``: build the protocol's games ahead of a run."""

from __future__ import annotations

import click

from .catalog import TASKS, games_of

__all__ = ["textworld_group"]


@click.group("textworld")
def textworld_group() -> None:
    """TextWorld games of the BALROG protocol."""


@textworld_group.command("generate")
@click.option("--task", "tasks", multiple=True, type=click.Choice(TASKS),
              help="Only this task's games (repeatable); default: all three.")
@click.option("--episodes", type=click.IntRange(min=1, max=25), default=25, show_default=True,
              help="Only the games the first N episodes of each task play.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
@click.option("--games-dir", default=None, help="Where to keep the games (default: BALROG_TEXTWORLD_DIR or the user cache).")
def generate(tasks: tuple[str, ...], episodes: int, jobs: int | None, games_dir: str | None) -> None:
    """Generate the 25 games of each task from the seed table and verify each by uuid."""
    from .library import ensure_games, resolve_games_dir

    directory = resolve_games_dir(games_dir)
    # Lowest episode index first: the games a default 10-episode run needs are ready first.
    entries = sorted((entry for task in (tasks or TASKS) for entry in games_of(task)[:episodes]),
                     key=lambda entry: entry.index)
    report = ensure_games(entries, directory, jobs)
    click.echo(
        f"{report.requested} textworld games ready and verified in {directory} "
        f"({len(report.built)} built in {report.seconds:.1f}s)"
    )
