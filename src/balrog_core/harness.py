"""The run machinery, for executor, report and tool authors: create, resume and play runs,
place episodes on workers, and read what a run wrote.

A run goes ``resolve`` (every check, the plans) → ``Run.create`` or ``Run.resume`` (the
directory, the executor, the player where this process plays) → ``Run.play``. Executors
receive an ``Assignment`` and rebuild the run in their workers with ``serve_plans``.
``docs/architecture.md`` follows one ``balrog run`` through these pieces.
"""

from .plugins import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    # configuring and resolving a run
    "RunConfig": ".config",
    "config_from_json": ".config",
    "config_to_json": ".config",
    "resolve": ".resolve",
    "ResolvedRun": ".resolve",
    "get_registry": ".registry",
    "get_plugin_manager": ".plugins",
    # playing it
    "Run": ".run",
    "RunMeta": ".run",
    "Session": ".run",
    "EpisodePlan": ".episode",
    "episode_seed": ".episode",
    # executors
    "Executor": ".executor",
    "ExecutorSpec": ".executor",
    "ExecutorSettings": ".executor",
    "Assignment": ".executor",
    "serve_plans": ".player",
    # what a run writes
    "RunDirectory": ".results",
    "write_atomic": ".results",
    "EpisodeKey": ".records",
    "record_to_json": ".records",
    "record_from_json": ".records",
    "read_trace": ".trace",
    # where a run sits among the published results
    "Placement": ".placement",
    "PublishedScore": ".placement",
    "is_comparable": ".placement",
    "place_run": ".placement",
    "published_source": ".placement",
    "published_table": ".placement",
})
