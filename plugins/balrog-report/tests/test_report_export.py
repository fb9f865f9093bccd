"""``balrog export``: an episode's step images as a GIF (and MP4) with one frame per step."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from balrog_core import ConfigError
from balrog_report import load_run
from balrog_report.export import find_episode


def _record(run_dir, task, index):
    for line in (run_dir / "episodes.jsonl").read_text().splitlines():
        record = json.loads(line)
        if record["task"] == task and record["index"] == index:
            return record
    raise AssertionError(f"no {task}/{index}")


def test_gif_has_one_frame_per_step(vision_run, tmp_path, balrog_cli, capsys):
    record = _record(vision_run, "far", 1)
    target = tmp_path / "episode.gif"
    balrog_cli("export", vision_run, "reportgrid/far/1", "--gif", "--out", target)
    assert f"({record['steps']} frames)" in capsys.readouterr().out
    with Image.open(target) as gif:
        assert gif.n_frames == record["steps"] > 1
        assert gif.width == 280  # the 40-pixel grid enlarged 7 times, to at least 256 pixels


def test_trace_stem_names_the_episode_too(vision_run, tmp_path, balrog_cli):
    target = tmp_path / "near.gif"
    balrog_cli("export", vision_run, "reportgrid--near--0000.jsonl.gz", "--gif", "--out", target, "--fps", "10")
    with Image.open(target) as gif:
        assert gif.n_frames == _record(vision_run, "near", 0)["steps"]
        assert gif.info["duration"] == 100


def test_mp4_has_one_frame_per_step(vision_run, tmp_path, balrog_cli):
    try:
        import imageio_ffmpeg
    except ImportError:
        pytest.fail("imageio-ffmpeg is not installed: MP4 export needs it; pip install imageio-ffmpeg", pytrace=False)

    target = tmp_path / "episode.mp4"
    balrog_cli("export", vision_run, "reportgrid/near/1", "--mp4", "--out", target)
    frames, _ = imageio_ffmpeg.count_frames_and_secs(str(target))
    assert frames == _record(vision_run, "near", 1)["steps"]


def test_unknown_episode_and_text_only_runs_are_clear_errors(vision_run, text_runs):
    with pytest.raises(ConfigError, match="episode 'reportgrid/far/9' is not in run"):
        find_episode(load_run(vision_run), "reportgrid/far/9")
    from balrog_report.export import episode_frames

    run = load_run(text_runs[0])
    with pytest.raises(ConfigError, match="only runs with --vision keep step images"):
        episode_frames(run, find_episode(run, "reportgrid/far/0"))
