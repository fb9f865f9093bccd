"""balrog-report: read finished balrog runs and turn them into things people look at —
a leaderboard, charts and an episode replay page, a paired comparison of two runs, episode
animations and a checksummed submission bundle."""

from .compare import compare_runs
from .loading import LoadedRun, load_run
from .report import build_report

__all__ = ["LoadedRun", "build_report", "compare_runs", "load_run"]
