"""balrog-report: read finished balrog runs and turn them into things people look at —
a leaderboard, charts and an episode replay page, a paired comparison of two runs, episode
animations and a checksummed submission bundle."""

from balrog_core import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "LoadedRun": ".loading", "load_run": ".loading", "build_report": ".report",
    "compare_runs": ".compare",
})
