"""Where the generated games live, and building the missing ones in parallel.

Games are built once into the user cache (``platformdirs.user_cache_dir("balrog")/textworld``,
or ``BALROG_TEXTWORLD_DIR``, or the ``games_dir`` option) and reused by every run. Building
holds a file lock on the directory, so concurrent episodes and concurrent runs never build
the same game twice: whoever waits finds the game ready when the lock is released.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import attrs
from filelock import FileLock, Timeout
from platformdirs import user_cache_dir

from balrog_core import ConfigError

from .building import GAME_FILE, build_game, game_directory, is_built
from .catalog import GameEntry

__all__ = ["ENV_VAR", "GenerationReport", "resolve_games_dir", "game_file", "ensure_games"]

ENV_VAR = "BALROG_TEXTWORLD_DIR"
LOCK_FILE = ".generate.lock"


def resolve_games_dir(option: str | None = None) -> Path:
    """The games directory: the option, else ``BALROG_TEXTWORLD_DIR``, else the user cache."""
    chosen = option or os.environ.get(ENV_VAR) or str(Path(user_cache_dir("balrog")) / "textworld")
    path = Path(chosen).expanduser()
    if path.exists() and not path.is_dir():
        raise ConfigError(
            f"textworld games directory {str(path)!r} is a file; pass a directory with "
            f"-o env.textworld.games_dir=PATH or {ENV_VAR}"
        )
    return path


def game_file(games_dir: Path, entry: GameEntry) -> Path:
    return game_directory(games_dir, entry) / GAME_FILE


@attrs.frozen
class GenerationReport:
    """What a call to :func:`ensure_games` did."""

    requested: int
    built: tuple[str, ...]
    seconds: float


def _default_jobs() -> int:
    return os.cpu_count() or 1


class _Display:
    """A rich progress bar on a terminal; plain lines when the output is a log, or when
    another live display (a ``balrog run`` panel) already owns the terminal."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.file_proxy import FileProxy
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.total, self.done = total, 0
        console = Console(stderr=True)
        self.progress = None
        if console.is_terminal and not isinstance(sys.stderr, FileProxy):
            self.progress = Progress(
                TextColumn("textworld games"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                TextColumn("{task.description}"), console=console,
            )
            self.bar = self.progress.add_task("", total=total)

    def __enter__(self) -> "_Display":
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def advance(self, entry: GameEntry, seconds: float) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress.update(self.bar, advance=1, description=f"{entry.task}/{entry.name} {seconds:.0f}s")
        else:
            print(f"textworld: built {entry.task}/{entry.name} in {seconds:.1f}s ({self.done}/{self.total})",
                  file=sys.stderr, flush=True)


def ensure_games(entries: Iterable[GameEntry], games_dir: Path, jobs: int | None = None) -> GenerationReport:
    """Make sure every game of ``entries`` is built and verified, building the missing ones
    in the given order with ``jobs`` worker processes (default: all cores). Raises
    ``GameMismatchError`` if a generated game is not the reference's."""
    wanted = list({(entry.task, entry.name): entry for entry in entries}.values())
    started = time.monotonic()
    if all(is_built(games_dir, entry) for entry in wanted):
        return GenerationReport(len(wanted), (), 0.0)
    if jobs is not None and jobs < 1:
        raise ConfigError(f"textworld generation jobs must be at least 1, got {jobs}")
    games_dir.mkdir(parents=True, exist_ok=True)
    with _generation_lock(games_dir):
        _sweep_staging(games_dir)
        missing = [entry for entry in wanted if not is_built(games_dir, entry)]
        if missing:
            _build_all(missing, games_dir, min(jobs or _default_jobs(), len(missing)))
    return GenerationReport(len(wanted), tuple(f"{e.task}/{e.name}" for e in missing), time.monotonic() - started)


@contextlib.contextmanager
def _generation_lock(games_dir: Path) -> Iterator[None]:
    """Hold the directory's build lock, saying so when another process has it."""
    lock = FileLock(str(games_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(f"textworld: waiting for another process that is building games in {games_dir}",
              file=sys.stderr, flush=True)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def _sweep_staging(games_dir: Path) -> None:
    """Remove half-built games a killed build left in its hidden staging directories; only
    called under the lock, when no build can be running."""
    for staging in games_dir.glob("*/.*"):
        if staging.is_dir():
            shutil.rmtree(staging, ignore_errors=True)


def _build_all(missing: Sequence[GameEntry], games_dir: Path, jobs: int) -> None:
    # Spawned workers start clean: no copy of the caller's threads or locks.
    context = multiprocessing.get_context("spawn")
    with _Display(len(missing)) as display, ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(build_game, entry, str(games_dir)): entry for entry in missing}
        try:
            for future in as_completed(futures):
                display.advance(futures[future], future.result())
        except BaseException:
            for future in futures:
                future.cancel()
            raise
