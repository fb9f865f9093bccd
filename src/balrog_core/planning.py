"""Which episodes a run plays: envs, tasks, episode counts, step caps and seeds."""

from __future__ import annotations

from .config import RunConfig
from .episode import EpisodePlan
from .errors import ConfigError, UnknownNameError
from .registry import Registry
from .seeds import episode_seed

__all__ = ["plan_episodes", "selected_tasks"]


def selected_tasks(config: RunConfig, registry: Registry) -> list[tuple[str, str]]:
    """``(env, task)`` pairs the run covers; ``config.tasks`` filters by ``task`` or
    ``env/task``, and every filter must match something."""
    if not config.envs:
        raise ConfigError("no environment chosen; pass --env NAME (see `balrog envs list`)")
    pairs = []
    for env_name in config.envs:
        spec = registry.env(env_name)
        for task in spec.tasks:
            pairs.append((env_name, task.name))
    if not config.tasks:
        return pairs
    chosen = []
    for wanted in config.tasks:
        env_part, _, task_part = wanted.rpartition("/")
        matches = [
            (env, task) for env, task in pairs
            if task == task_part and (not env_part or env == env_part)
        ]
        if not matches:
            raise UnknownNameError("task", wanted, [f"{e}/{t}" for e, t in pairs])
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


def plan_episodes(config: RunConfig, registry: Registry) -> list[EpisodePlan]:
    """Every episode of the run, in a stable order."""
    plans = []
    for env_name, task_name in selected_tasks(config, registry):
        task = registry.env(env_name).task(task_name)
        count = config.episodes or task.episodes
        steps = config.max_steps or task.max_steps
        for index in range(count):
            seed = episode_seed(config.seed, env_name, task_name, index)
            plans.append(EpisodePlan(env_name, task_name, index, seed, steps))
    return plans
