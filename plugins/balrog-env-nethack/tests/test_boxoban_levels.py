"""Boxoban: generated levels are solvable and labelled by push count; official level files
are read; a bad level directory is a one-line error; no network means a clear error."""

import pytest
from balrog_core import ConfigError, EnvSettings
from balrog_core.cli import main

from balrog_env_nethack.boxoban_generator import HARD_PUSHES, MEDIUM_PUSHES, generate_level
from balrog_env_nethack.boxoban_levels import download_official_levels, official_levels, read_level_file
from balrog_env_nethack.minihack_factory import build_minihack
from balrog_env_nethack.minihack_game import MiniHackOptions
from balrog_env_nethack.sokoban import parse_level, solution, solve

OFFICIAL_SAMPLE = """; 0
##########
##########
##########
#######  #
#### $ . #
#  $ .#  #
#  #.  ###
#  $ @.  #
##$  #####
##########

; 1
##########
#   ######
#     ####
#.$.  ####
## $   ###
#   $   ##
#    .  ##
#@  ######
##########
##########
"""


@pytest.mark.parametrize("difficulty,pushes", [("medium", MEDIUM_PUSHES), ("hard", HARD_PUSHES)])
def test_generated_levels_are_solvable_and_labelled(difficulty, pushes):
    for seed in range(3):
        level = generate_level(seed, difficulty)
        puzzle = parse_level(level)
        assert len(level.splitlines()) == 10 and len(puzzle.boxes) == 4
        assert solve(puzzle) in pushes
    assert generate_level(0, difficulty) == generate_level(0, difficulty)


def test_solver_rejects_an_unsolvable_level():
    corner = "#####\n#$ .#\n# @ #\n#####"  # a box in a corner can never move
    assert solve(parse_level(corner)) is None


def test_solution_moves_replay_in_the_real_game():
    env = build_minihack("MiniHack-Boxoban-Hard-v0", EnvSettings(options=MiniHackOptions()))
    names = {(-1, 0): "north", (1, 0): "south", (0, 1): "east", (0, -1): "west"}
    try:
        env.reset(3)
        for move in solution(parse_level(env.level)):
            outcome = env.step(names[move])
        assert outcome.terminated and env.progression() == 100.0
    finally:
        env.close()


def test_official_level_files_are_used(tmp_path):
    for folder in ("medium/train", "hard"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "000.txt").write_text(OFFICIAL_SAMPLE)
    assert len(read_level_file(OFFICIAL_SAMPLE)) == 2
    assert len(official_levels(tmp_path, "medium")) == 2
    env = build_minihack("MiniHack-Boxoban-Medium-v0",
                         EnvSettings(options=MiniHackOptions(boxoban_dir=str(tmp_path))))
    try:
        env.reset(0)
        assert env.level in read_level_file(OFFICIAL_SAMPLE)
        assert env.extras()["level_source"] == "official"
    finally:
        env.close()


def test_missing_level_directory_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="boxoban_dir"):
        official_levels(tmp_path, "hard")


def test_bad_level_directory_stops_the_run_with_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--env", "minihack", "--agent", "oracle", "--output", str(tmp_path / "run"),
              "-o", f"env.minihack.boxoban_dir={tmp_path / 'nowhere'}"])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err.strip()
    assert "boxoban_dir" in error and "boxoban-download" in error and "\n" not in error


def test_download_without_network_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        download_official_levels(tmp_path, url="http://127.0.0.1:9/boxoban.zip", timeout=5)
