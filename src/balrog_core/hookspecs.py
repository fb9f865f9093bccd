"""The hooks a balrog plugin can implement.

Registration hooks take a ``register`` callback rather than returning values, so the core
decides order, names and conflicts and knows which plugin registered what.
"""

from __future__ import annotations

from typing import Any

import click
import pluggy

__all__ = ["hookspec", "hookimpl"]

hookspec = pluggy.HookspecMarker("balrog")
hookimpl = pluggy.HookimplMarker("balrog")


# --- registration: called once when the registry is first needed ---


@hookspec
def register_envs(register: Any) -> None:
    """Register games: call ``register(EnvSpec(...))`` once per environment.

    :param register: callable taking an :class:`balrog_core.EnvSpec`.
    """


@hookspec
def register_agents(register: Any) -> None:
    """Register prompting strategies: call ``register(AgentSpec(...))``.

    :param register: callable taking an :class:`balrog_core.AgentSpec`.
    """


@hookspec
def register_clients(register: Any) -> None:
    """Register model clients: call ``register(ClientSpec(...))``.

    :param register: callable taking an :class:`balrog_core.ClientSpec`.
    """


@hookspec
def register_scorers(register: Any) -> None:
    """Register aggregations of episode records into a run summary:
    call ``register(ScorerSpec(...))``.

    :param register: callable taking an :class:`balrog_core.ScorerSpec`.
    """


@hookspec
def register_executors(register: Any) -> None:
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
def on_run_start(run: Any) -> None:
    """A run is about to play its first (or, on resume, next) episode.

    :param run: the :class:`balrog_core.RunInfo` (directory, config, episode plan).
    """


@hookspec
def on_episode_end(run: Any, record: Any) -> None:
    """An episode finished and its record was written.

    :param run: the :class:`balrog_core.RunInfo`.
    :param record: the :class:`balrog_core.EpisodeRecord` just saved.
    """


@hookspec
def on_run_end(run: Any, summary: Any) -> None:
    """A run stopped (finished or interrupted) and its summary was written.

    :param run: the :class:`balrog_core.RunInfo`.
    :param summary: the summary dictionary saved as ``summary.json``.
    """
