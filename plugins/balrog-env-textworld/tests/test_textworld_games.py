"""The seed table, game generation and the games directory."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
import textworld

from balrog_core import ConfigError
from balrog_env_textworld.building import (
    UUID_FILE, GameMismatchError, build_game, game_directory, is_built, verify_game,
)
from balrog_env_textworld.catalog import TASKS, all_games, game_for_episode, games_of
from balrog_env_textworld.library import ENV_VAR, ensure_games, game_file, resolve_games_dir


def test_table_has_25_games_per_task_with_distinct_uuids():
    assert {task: len(games_of(task)) for task in TASKS} == {task: 25 for task in TASKS}
    uuids = [game.uuid for game in all_games()]
    assert len(set(uuids)) == 75
    cooking = games_of("the_cooking_game")
    assert all(game.global_seed is not None and game.settings["recipe"] == 5 for game in cooking)


def test_episode_index_picks_game_modulo_25():
    games = games_of("treasure_hunter")
    assert game_for_episode("treasure_hunter", 0) == games[0]
    assert game_for_episode("treasure_hunter", 24) == games[24]
    assert game_for_episode("treasure_hunter", 27) == games[2]


@pytest.mark.parametrize("task", TASKS)
def test_generated_game_carries_the_reference_uuid(textworld_games_dir: Path, task: str):
    entry = games_of(task)[0]
    assert is_built(textworld_games_dir, entry)
    path = game_file(textworld_games_dir, entry)
    game = textworld.Game.load(str(path.with_suffix(".json")))
    assert game.metadata["uuid"] == entry.uuid
    assert game.max_score == entry.max_score
    verify_game(entry, game)
    env = textworld.start(str(path), request_infos=textworld.EnvInfos(extras=["uuid"]))
    try:
        assert env.reset()["extra.uuid"] == entry.uuid
    finally:
        env.close()


def test_a_game_that_differs_from_the_table_is_refused(textworld_games_dir: Path):
    entry = games_of("coin_collector")[0]
    game = textworld.Game.load(str(game_file(textworld_games_dir, entry).with_suffix(".json")))
    with pytest.raises(GameMismatchError, match="uuid"):
        verify_game(attrs.evolve(entry, uuid="tw-coin_collector-other"), game)
    with pytest.raises(GameMismatchError, match="max score"):
        verify_game(attrs.evolve(entry, max_score=3), game)


def test_failed_generation_leaves_nothing_behind(tmp_path: Path):
    entry = games_of("the_cooking_game")[0]
    impossible = attrs.evolve(entry, settings={**entry.settings, "go": 7})  # tw-cooking allows 1, 6, 9, 12
    with pytest.raises(ValueError, match="rooms"):
        build_game(impossible, tmp_path)
    assert list((tmp_path / "the_cooking_game").iterdir()) == []
    assert not is_built(tmp_path, impossible)


def test_incomplete_or_foreign_game_directory_is_not_taken_as_built(tmp_path: Path):
    entry = games_of("treasure_hunter")[3]
    directory = game_directory(tmp_path, entry)
    directory.mkdir(parents=True)
    assert not is_built(tmp_path, entry)
    (directory / UUID_FILE).write_text("tw-treasure_hunter-something-else\n")
    assert not is_built(tmp_path, entry)


def test_ensure_games_returns_at_once_when_everything_is_built(textworld_games_dir: Path):
    report = ensure_games([games_of(task)[0] for task in TASKS], textworld_games_dir, jobs=2)
    assert report.requested == 3
    assert report.built == ()


def test_games_dir_option_beats_environment_variable_beats_cache(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert resolve_games_dir(str(tmp_path / "from-option")) == tmp_path / "from-option"
    assert resolve_games_dir(None) == tmp_path / "from-env"
    monkeypatch.delenv(ENV_VAR)
    assert resolve_games_dir(None).parts[-1] == "textworld"


def test_games_dir_that_is_a_file_is_a_config_error(tmp_path: Path):
    occupied = tmp_path / "games"
    occupied.write_text("not a directory")
    with pytest.raises(ConfigError, match="is a file"):
        resolve_games_dir(str(occupied))


# The reference's file patterns and extensions (PROTOCOL.md §7.3), and the game its counter
# plays first (sorted index 1) in each family.
REFERENCE_FILES = {
    "treasure_hunter": (r"seed_\d+", ".ulx", "seed_10915"),
    "the_cooking_game": (r"cooking_item5_seed_\d+", ".z8", "cooking_item5_seed_11996"),
    "coin_collector": (r"level_220_seed_\d+", ".ulx", "level_220_seed_1171"),
}


@pytest.mark.parametrize("task", TASKS)
def test_table_names_the_reference_files_in_their_sorted_order(task: str):
    pattern, extension, second = REFERENCE_FILES[task]
    names = [game.name for game in games_of(task)]
    assert all(re.fullmatch(pattern, name) for name in names)
    assert names == [Path(file).stem for file in sorted(name + extension for name in names)]
    assert names[1] == second
