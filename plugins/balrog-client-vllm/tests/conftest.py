"""Fixtures of the vllm client tests: the stand-in ``vllm`` executable and checks that a
process or a port is really gone."""

from __future__ import annotations

import socket
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

_STAND_IN = Path(__file__).with_name("vllm_stand_in.py")


@pytest.fixture(autouse=True)
def server_logs_in_tmp_path(tmp_path, monkeypatch):
    """Server logs (``balrog-vllm-*.log`` in the temp directory by default) land in the
    test's own directory instead of piling up in /tmp."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))


@pytest.fixture
def stand_in(tmp_path) -> Path:
    """An executable ``vllm`` look-alike: the stand-in script behind a shebang naming this
    interpreter (which has balrog_core installed)."""
    path = tmp_path / "bin" / "vllm"
    path.parent.mkdir()
    path.write_text(f"#!{sys.executable}\n" + _STAND_IN.read_text())
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _process_alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return fields[0] != "Z"


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def alive() -> Callable[[int], bool]:
    """Whether a pid runs; a zombie (dead, waiting for an init that may never reap it)
    counts as gone."""
    return _process_alive


@pytest.fixture
def port_open() -> Callable[[int], bool]:
    """Whether something accepts connections on a loopback port."""
    return _port_open


@pytest.fixture
def ctrl_c_works():
    """Make Ctrl-C (SIGINT) raise KeyboardInterrupt in this test even when the suite was
    started with SIGINT ignored, as shells do for background jobs and some CI runners."""
    import signal

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)
