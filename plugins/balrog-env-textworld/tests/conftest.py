"""One real game per family, generated once per test session and shared by every test.

Generation costs seconds to a minute per game, so the games are built a single time into
a session directory; every test reads them and none rebuilds them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from balrog_env_textworld.catalog import TASKS, games_of
from balrog_env_textworld.library import ensure_games


@pytest.fixture(scope="session")
def textworld_games_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A games directory holding game 0 of each task (what episode 0 plays)."""
    directory = tmp_path_factory.mktemp("textworld-games")
    ensure_games([games_of(task)[0] for task in TASKS], directory, jobs=2)
    return directory
