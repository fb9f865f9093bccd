"""The ray executor on a real local Ray cluster: same episodes as a local run, traces
shipped back, resume plays exactly the missing episodes, ``may_start`` stops new ones.

One cluster (2 CPUs) is started per module; runs join it by address (``RAY_ADDRESS`` or
``-o executor.address``), as they would join a real cluster. Workers find the games through
the installed plugins (the template's ``numberline`` and ``babyai``).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil

import pytest
import ray
from ray.cluster_utils import Cluster

from balrog_core.harness import Run, read_trace
from balrog_core.cli import main

COMPARED = ("env", "task", "index", "seed", "steps", "progression", "action_counts", "error")


@pytest.fixture(scope="module")
def cluster_address():
    """A 2-CPU Ray cluster owned by this module (patient with a loaded machine)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_agent_register_timeout_ms", "120000")
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 2, "include_dashboard": False})
    try:
        yield cluster.address
    finally:
        if ray.is_initialized():
            ray.shutdown()
        cluster.shutdown()


def _episodes(run_dir):
    rows = [json.loads(line) for line in (run_dir / "episodes.jsonl").read_text().splitlines()]
    return sorted(tuple(json.dumps(row[field], sort_keys=True) for field in COMPARED) for row in rows)


def _keys(run_dir):
    return sorted((row[0], row[1], row[2]) for row in _episodes(run_dir))


def _assert_traces_complete(run_dir):
    for line in (run_dir / "episodes.jsonl").read_text().splitlines():
        record = json.loads(line)
        trace = read_trace(run_dir / record["trace"])
        assert trace[0]["type"] == "episode" and trace[-1]["type"] == "end"
        assert trace[-1]["steps"] == record["steps"] == sum(1 for row in trace if row["type"] == "step")
    assert not [p for p in (run_dir / "traces").iterdir() if p.name.startswith(".")]


NUMBERLINE = ["run", "--env", "numberline", "--agent", "random", "--episodes", "8", "--seed", "5",
              "--concurrency", "4"]


@pytest.fixture(scope="module")
def numberline_ray_run(cluster_address, tmp_path_factory):
    """A full ray run of numberline, joining the cluster through ``RAY_ADDRESS``."""
    out = tmp_path_factory.mktemp("ray") / "numberline"
    os.environ["RAY_ADDRESS"] = cluster_address
    try:
        main([*NUMBERLINE, "--executor", "ray", "--output", str(out)])
    finally:
        del os.environ["RAY_ADDRESS"]
    return out


def test_ray_and_local_numberline_runs_are_identical(numberline_ray_run, tmp_path):
    main([*NUMBERLINE, "--output", str(tmp_path / "local")])
    ray_episodes = _episodes(numberline_ray_run)
    assert len(ray_episodes) == 8
    assert ray_episodes == _episodes(tmp_path / "local")
    assert all(row[-1] == "null" for row in ray_episodes)  # no episode failed
    _assert_traces_complete(numberline_ray_run)
    summary = json.loads((numberline_ray_run / "summary.json").read_text())
    assert summary["episodes"] == {"planned": 8, "finished": 8}
    sessions = json.loads((numberline_ray_run / "run.json").read_text())["sessions"]
    assert [(s["executor"], s["status"]) for s in sessions] == [("ray", "finished")]


def _images(run_dir):
    return sorted((p.parent.name, p.name, p.read_bytes()) for p in (run_dir / "traces").glob("*.images/*.png"))


def test_ray_and_local_babyai_oracle_runs_are_identical(cluster_address, tmp_path):
    """With ``--vision`` every step's image travels back from the workers too."""
    common = ["run", "--env", "babyai", "--agent", "oracle", "--episodes", "1", "--seed", "2", "--vision"]
    main([*common, "--output", str(tmp_path / "local")])
    main([*common, "--executor", "ray", "-o", f"executor.address={cluster_address}",
          "-o", "executor.actors=2", "--output", str(tmp_path / "ray")])
    ray_episodes = _episodes(tmp_path / "ray")
    assert len(ray_episodes) == 5
    assert ray_episodes == _episodes(tmp_path / "local")
    summary = json.loads((tmp_path / "ray" / "summary.json").read_text())
    assert summary["envs"]["babyai"]["failed"] == 0 and summary["envs"]["babyai"]["mean"] == 100.0
    _assert_traces_complete(tmp_path / "ray")
    images = _images(tmp_path / "ray")
    assert len(images) == sum(json.loads(row[4]) for row in ray_episodes)  # one per step
    assert images == _images(tmp_path / "local")


def test_resumed_ray_run_plays_exactly_the_missing_episodes(numberline_ray_run, cluster_address, tmp_path):
    run = tmp_path / "cut"
    shutil.copytree(numberline_ray_run, run)
    lines = (run / "episodes.jsonl").read_text().splitlines(keepends=True)
    kept, dropped = lines[::2], lines[1::2]
    (run / "episodes.jsonl").write_text("".join(kept))
    for line in dropped:
        (run / json.loads(line)["trace"]).unlink()
    os.environ["RAY_ADDRESS"] = cluster_address
    try:
        main(["run", "--resume", str(run), "--executor", "ray"])
    finally:
        del os.environ["RAY_ADDRESS"]
    replayed = (run / "episodes.jsonl").read_text().splitlines(keepends=True)[len(kept):]
    assert sorted(_keys_of(replayed)) == sorted(_keys_of(dropped))
    assert _episodes(run) == _episodes(numberline_ray_run)
    _assert_traces_complete(run)


def _keys_of(lines):
    return [(row["task"], row["index"]) for row in map(json.loads, lines)]


def test_no_new_episode_starts_once_may_start_is_false(numberline_ray_run, cluster_address):
    """With one actor playing one episode at a time, a stop after two records means
    exactly two more episodes are played."""
    run = numberline_ray_run.parent / "stopped"
    shutil.copytree(numberline_ray_run, run)
    (run / "episodes.jsonl").write_text("")
    shutil.rmtree(run / "traces")
    (run / "traces").mkdir()
    os.environ["RAY_ADDRESS"] = cluster_address
    try:
        info = Run.resume(run, {"executor": "ray", "concurrency": 1, "workers": 1})
    finally:
        del os.environ["RAY_ADDRESS"]
    played = []

    def save(record):
        info.directory.append(record)
        played.append(record)

    asyncio.run(info.executor.play(info.assignment(save, lambda: len(played) < 2)))
    assert len(played) == 2
    assert len(list((run / "traces").glob("*.jsonl.gz"))) == 2
    assert not ray.is_initialized()  # the joined cluster was only disconnected from


def test_a_worker_without_the_game_plugin_stops_the_run_with_a_one_line_error(
        numberline_ray_run, cluster_address, tmp_path, monkeypatch, capsys):
    """The plugin allow-list reaches only the workers (this process loaded its plugins
    already), as on a worker machine where the game's plugin is not installed."""
    monkeypatch.setenv("BALROG_LOAD_PLUGINS", "ray")
    out = tmp_path / "run"
    with pytest.raises(SystemExit) as stop:
        main([*NUMBERLINE, "--executor", "ray", "-o", f"executor.address={cluster_address}",
              "-o", "executor.forward_env=BALROG_LOAD_PLUGINS", "--output", str(out)])
    assert stop.value.code == 2
    message = capsys.readouterr().err.strip().splitlines()[-1]
    assert message.startswith("error: on a Ray worker: unknown env 'numberline'")
    assert json.loads((out / "run.json").read_text())["status"] == "failed"
    assert not ray.is_initialized()
