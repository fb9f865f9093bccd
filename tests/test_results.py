import json

import pytest

from balrog_core import ConfigError, EpisodeRecord
from balrog_core.harness import RunDirectory
from balrog_core.results import write_json_atomic


def _record(index):
    return EpisodeRecord(env="e", task="t", index=index, seed=index, progression=float(index))


def test_append_and_reload(tmp_path):
    run = RunDirectory.create(tmp_path / "run")
    for index in range(3):
        run.append(_record(index))
    assert [r.index for r in run.records()] == [0, 1, 2]


def test_a_torn_last_line_is_dropped_and_the_file_repaired(tmp_path):
    run = RunDirectory.create(tmp_path / "run")
    run.append(_record(0))
    with run.episodes_file.open("ab") as handle:
        handle.write(b'{"env": "e", "task": "t", "ind')
    assert [r.index for r in run.records()] == [0]
    run.append(_record(1))
    assert [r.index for r in run.records()] == [0, 1]
    assert all(json.loads(line) for line in run.episodes_file.read_text().splitlines())


def test_duplicate_keys_keep_the_first_record(tmp_path):
    run = RunDirectory.create(tmp_path / "run")
    run.append(_record(0))
    run.append(EpisodeRecord(env="e", task="t", index=0, seed=0, progression=55.0))
    assert [r.progression for r in run.records()] == [0.0]


def test_remove_records(tmp_path):
    run = RunDirectory.create(tmp_path / "run")
    for index in range(3):
        run.append(_record(index))
    run.remove_records([_record(1).key])
    assert [r.index for r in run.records()] == [0, 2]


def test_atomic_json_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "x.json"
    write_json_atomic(target, {"a": 1})
    write_json_atomic(target, {"a": 2})
    assert json.loads(target.read_text()) == {"a": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_existing_run_and_unwritable_directory_are_refused(tmp_path):
    run = RunDirectory.create(tmp_path / "run")
    run.write_meta({"status": "created"})
    with pytest.raises(ConfigError, match="already holds a run"):
        RunDirectory.create(tmp_path / "run")
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigError, match="cannot write to output directory"):
        RunDirectory.create(blocker / "run")
    with pytest.raises(ConfigError, match="not a run directory"):
        RunDirectory.open(tmp_path / "nothing")
