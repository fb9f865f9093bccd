"""The hooks a balrog plugin can implement.

Registration hooks take a ``register`` callback rather than returning values, so the core
decides order, names and conflicts and knows which plugin registered what.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click
import pluggy

if TYPE_CHECKING:  # names for readers and type checkers; never imported at run time
    from .agent import AgentSpec
    from .client import ClientSpec
    from .environment import EnvSpec
    from .executor import ExecutorSpec
    from .records import EpisodeRecord
    from .run import Run
    from .scoring import ScorerSpec

__all__ = ["hookspec", "hookimpl"]

hookspec = pluggy.HookspecMarker("balrog")
hookimpl = pluggy.HookimplMarker("balrog")


# --- registration: called once when the registry is first needed ---


@hookspec
def register_envs(register: Callable[[EnvSpec], None]) -> None:
    """Register games: call ``register(EnvSpec(...))`` once per environment.

    :param register: callable taking an :class:`balrog_core.EnvSpec`.
    """


@hookspec
def register_agents(register: Callable[[AgentSpec], None]) -> None:
    """Register prompting strategies: call ``register(AgentSpec(...))``.

    :param register: callable taking an :class:`balrog_core.AgentSpec`.
    """


@hookspec
def register_clients(register: Callable[[ClientSpec], None]) -> None:
    """Register model clients: call ``register(ClientSpec(...))``.

    :param register: callable taking an :class:`balrog_core.ClientSpec`.
    """


@hookspec
def register_scorers(register: Callable[[ScorerSpec], None]) -> None:
    """Register aggregations of episode records into a run summary:
    call ``register(ScorerSpec(...))``.

    :param register: callable taking an :class:`balrog_core.ScorerSpec`.
    """


@hookspec
def register_executors(register: Callable[[ExecutorSpec], None]) -> None:
    """Register places to play episodes (processes, clusters):
    call ``register(ExecutorSpec(...))``.

    :param register: callable taking an :class:`balrog_core.ExecutorSpec`.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``balrog`` command line.

    :param cli: the root click group; use ``@cli.command()`` or ``cli.add_command``.
    """


# --- run lifecycle: for loggers, dashboards and notifications ---


@hookspec
def on_run_start(run: Run) -> None:
    """A run is about to play its first (or, on resume, next) episode.

    :param run: the :class:`balrog_core.Run` (directory, config, plans, records, metadata).
    """


@hookspec
def on_episode_end(run: Run, record: EpisodeRecord) -> None:
    """An episode finished and its record was written.

    :param run: the :class:`balrog_core.Run`.
    :param record: the :class:`balrog_core.EpisodeRecord` just saved.
    """


@hookspec
def on_run_end(run: Run, summary: dict[str, Any]) -> None:
    """A run stopped (finished or interrupted) and its summary was written.

    :param run: the :class:`balrog_core.Run`.
    :param summary: the summary dictionary saved as ``summary.json``.
    """
