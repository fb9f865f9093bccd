"""Build one game of the table with TextWorld's own challenge generator and verify it.

The four generator seeds go straight into ``GameOptions.seeds`` (map, objects, quest,
grammar); cooking games also carry the reference's global seed in their settings, as
``tw-make`` passes it. The built game must carry the table's uuid, walkthrough length and
maximum score, otherwise the generator differs from the reference's and every score
would be about other games: that is an error, never a warning.

A game is written into a hidden temporary directory that is renamed into place only once
complete, so an interrupted build never leaves a half-written game behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from balrog_core import BalrogError

from .catalog import GameEntry

__all__ = ["GameMismatchError", "GAME_FILE", "UUID_FILE", "game_directory", "is_built", "build_game", "verify_game"]

GAME_FILE = "game.z8"
UUID_FILE = "uuid.txt"


class GameMismatchError(BalrogError):
    """A regenerated game is not the reference's game."""


def game_directory(games_dir: Path, entry: GameEntry) -> Path:
    return games_dir / entry.task / entry.name


def is_built(games_dir: Path, entry: GameEntry) -> bool:
    """A game directory exists only once complete (it is renamed into place last); its
    uuid stamp must still name the table's game."""
    stamp = game_directory(games_dir, entry) / UUID_FILE
    try:
        return stamp.read_text("utf-8").strip() == entry.uuid
    except OSError:
        return False


def _make(entry: GameEntry):
    import textworld
    import textworld.challenges

    family = entry.family
    options = textworld.GameOptions()
    options.seeds = dict(entry.seeds)
    if entry.settings is not None:
        settings = dict(entry.settings)
        settings["seed"] = entry.global_seed
    else:
        settings = {"level": family.level}
    options.grammar.only_last_action = family.only_last_action
    _, make, _ = textworld.challenges.CHALLENGES[family.challenge]
    return make(settings=settings, options=options), options


def _walkthrough(game) -> list[str]:
    return list(game.walkthrough or game.metadata.get("walkthrough") or [])


def verify_game(entry: GameEntry, game) -> None:
    """Raise ``GameMismatchError`` unless ``game`` is the table's game ``entry``."""
    import textworld

    found = {
        "uuid": game.metadata.get("uuid"),
        "walkthrough length": len(_walkthrough(game)),
        "max score": game.max_score,
    }
    expected = {"uuid": entry.uuid, "walkthrough length": entry.walkthrough_len, "max score": entry.max_score}
    for key, value in expected.items():
        if found[key] != value:
            raise GameMismatchError(
                f"textworld game {entry.task}/{entry.name} was generated with {key} {found[key]!r} "
                f"but the reference's game has {value!r}; install textworld==1.7.0 "
                f"(found {textworld.__version__}) and delete the games directory"
            )


def build_game(entry: GameEntry, games_dir: str | Path) -> float:
    """Generate, verify and store one game; returns the seconds spent (0 if already built)."""
    games_dir = Path(games_dir)
    if is_built(games_dir, entry):
        return 0.0
    started = time.monotonic()
    final = game_directory(games_dir, entry)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=final.parent))
    try:
        from textworld.generator import compile_game

        game, options = _make(entry)
        verify_game(entry, game)
        options.path = str(staging / GAME_FILE)
        options.force_recompile = True
        compile_game(game, options)
        for leftover in staging.glob("*.ni"):
            leftover.unlink()
        (staging / UUID_FILE).write_text(entry.uuid + "\n", "utf-8")
        staging.chmod(0o755)
        if final.exists():
            shutil.rmtree(final)
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return time.monotonic() - started
