"""The balrog hooks: the ``textworld`` environment, its ``walkthrough`` oracle, the
``balrog textworld`` commands, and building a run's games before its first episode."""

from __future__ import annotations

from typing import Any

from balrog_core import AgentSpec, EnvSettings, EnvSpec, TaskSpec, hookimpl

from .catalog import FAMILIES, MAX_STEPS, TASKS, game_for_episode
from .cli import textworld_group
from .options import TextWorldOptions

__all__ = ["register_envs", "register_agents", "register_commands", "on_run_start"]

ENV_NAME = "textworld"
EPISODES_PER_TASK = 10


def _jobs(options: TextWorldOptions) -> int | None:
    from balrog_core import ConfigError

    jobs = options.jobs
    if jobs < 0:
        raise ConfigError(f"option env.textworld.jobs={jobs}: use 0 (all cores) or a positive count")
    return jobs or None


def _make_env(task: str, settings: EnvSettings) -> Any:
    from .env import TextWorldEnv
    from .library import resolve_games_dir

    options = settings.options if settings.options is not None else TextWorldOptions()
    return TextWorldEnv(
        game_for_episode(task, settings.episode),
        resolve_games_dir(options.games_dir or None),
        _jobs(options),
        max_steps=MAX_STEPS,
        extended=settings.protocol == "extended",
        show_objective=options.show_objective,
        clean_text=options.clean_text,
    )


@hookimpl
def register_envs(register: Any) -> None:
    register(EnvSpec(
        name=ENV_NAME,
        tasks=[TaskSpec(task, episodes=EPISODES_PER_TASK, max_steps=MAX_STEPS, description=FAMILIES[task].description)
               for task in TASKS],
        factory=_make_env,
        description="TextWorld text adventures (treasure hunter, cooking, coin collector), "
                    "generated offline from the reference's seeds",
        options=TextWorldOptions,
        vision=False,
    ))


@hookimpl
def register_agents(register: Any) -> None:
    from .oracle import WalkthroughAgent, WalkthroughOptions

    register(AgentSpec(
        name="walkthrough",
        factory=lambda setup: WalkthroughAgent(setup.options.follow if setup.options else "policy"),
        description="plays the game's own winning commands (oracle, no model)",
        needs_client=False,
        options=WalkthroughOptions,
        envs=[ENV_NAME],
    ))


@hookimpl
def register_commands(cli: Any) -> None:
    cli.add_command(textworld_group)


@hookimpl
def on_run_start(run: Any) -> None:
    """Build every game the run's pending episodes need before the first one starts, in
    parallel, so episodes never wait on each other's generation."""
    plans = [plan for plan in run.pending if plan.env == ENV_NAME]
    if not plans:
        return
    from .library import ensure_games, resolve_games_dir

    # The core validated these options before the run started; read them from the config,
    # the part of the run that every executor shares.
    raw = run.config.options_for(f"env.{ENV_NAME}")
    options = TextWorldOptions(games_dir=raw.get("games_dir", ""), jobs=int(raw.get("jobs", 0)))
    entries = sorted((game_for_episode(plan.task, plan.index) for plan in plans), key=lambda entry: entry.index)
    ensure_games(entries, resolve_games_dir(options.games_dir), _jobs(options))
