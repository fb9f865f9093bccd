"""Checks made before any episode: addresses, option combinations, the trace shipping.
No Ray cluster is started here."""

from __future__ import annotations

import socket

import pytest
from balrog_executor_ray.cluster import resolve_target
from balrog_executor_ray.shipping import store_trace_files, take_trace_files

from balrog_core import ConfigError
from balrog_core.cli import main


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_unreachable_address_is_a_one_line_error_before_the_run_starts(tmp_path, capsys):
    address = f"127.0.0.1:{_closed_port()}"
    out = tmp_path / "run"
    with pytest.raises(SystemExit) as stop:
        main(["run", "--env", "numberline", "--agent", "random", "--episodes", "2", "--executor", "ray",
              "-o", f"executor.address={address}", "--output", str(out)])
    assert stop.value.code == 2
    message = capsys.readouterr().err.strip()
    assert len(message.splitlines()) == 1
    assert address in message and "ray start --head" in message
    assert not out.exists()


def test_ray_address_variable_is_honoured_and_checked(monkeypatch):
    address = f"127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("RAY_ADDRESS", address)
    with pytest.raises(ConfigError, match=address):
        resolve_target(None, None)
    monkeypatch.setenv("RAY_ADDRESS", "local")
    assert resolve_target(None, 2).starts_cluster


@pytest.mark.parametrize("address", ["nonsense", "host:port", ":6379"])
def test_malformed_address_names_the_value_and_the_fix(address):
    with pytest.raises(ConfigError, match=r"is not HOST:PORT.*ray start --head") as error:
        resolve_target(address, None)
    assert repr(address) in str(error.value)


def test_num_cpus_only_sizes_a_local_cluster():
    with pytest.raises(ConfigError, match="executor.num_cpus sizes a local cluster"):
        resolve_target("auto", 2)


def test_unknown_forwarded_variable_is_rejected(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("BALROG_RAY_TEST_UNSET", raising=False)
    with pytest.raises(SystemExit):
        main(["run", "--env", "numberline", "--agent", "random", "--executor", "ray",
              "-o", "executor.forward_env=BALROG_RAY_TEST_UNSET", "--output", str(tmp_path / "run")])
    assert "'BALROG_RAY_TEST_UNSET', which is not set" in capsys.readouterr().err


def test_trace_files_move_from_scratch_to_run_directory(tmp_path):
    scratch, traces = tmp_path / "scratch", tmp_path / "traces"
    (scratch / "e--t--0001.images").mkdir(parents=True)
    (scratch / "e--t--0001.images" / "00000.png").write_bytes(b"png0")
    (scratch / "e--t--0001.jsonl.gz").write_bytes(b"trace")
    (scratch / "e--t--00010.jsonl.gz").write_bytes(b"another episode")
    files = take_trace_files(scratch, "e--t--0001")
    assert files == {"e--t--0001.images/00000.png": b"png0", "e--t--0001.jsonl.gz": b"trace"}
    assert [p.name for p in scratch.iterdir()] == ["e--t--00010.jsonl.gz"]
    store_trace_files(traces, files)
    assert (traces / "e--t--0001.jsonl.gz").read_bytes() == b"trace"
    assert (traces / "e--t--0001.images" / "00000.png").read_bytes() == b"png0"
    with pytest.raises(ValueError, match="refusing"):
        store_trace_files(traces, {"../escape": b"x"})
