"""Joining a Ray cluster, or starting a local one for the run, and leaving it afterwards.

The address is checked with a plain TCP connection before Ray is even imported, so a typo
is a one-line error before the run starts instead of Ray retrying for minutes. A cluster
started here is stopped when the run ends; one that was joined is only disconnected from.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import attrs

from balrog_core import ConfigError

__all__ = ["ClusterTarget", "connected", "resolve_target"]

ADDRESS_VARIABLE = "RAY_ADDRESS"
CONNECT_TIMEOUT = 5.0
_FIX = ("start one with 'ray start --head' and pass the address it prints "
        "(-o executor.address=HOST:6379 or RAY_ADDRESS=HOST:6379), "
        "or leave the address unset to start a local cluster")


@attrs.frozen
class ClusterTarget:
    """Where the run's episodes go: ``address`` of a running cluster, or ``None`` to start
    a local cluster of ``num_cpus`` CPUs."""

    address: str | None
    num_cpus: int | None = None

    @property
    def starts_cluster(self) -> bool:
        return self.address is None

    def describe(self) -> str:
        return "a local Ray cluster" if self.address is None else f"the Ray cluster at {self.address}"


def _host_port(address: str) -> tuple[str, int]:
    """``HOST:PORT`` of ``address`` (``ray://`` prefix allowed)."""
    bare = address.removeprefix("ray://")
    host, sep, port = bare.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ConfigError(f"Ray address {address!r} is not HOST:PORT; {_FIX}")
    return host, int(port)


def _check_reachable(address: str) -> None:
    host, port = _host_port(address)
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ConfigError(f"cannot reach a Ray cluster at {address!r} ({reason}); {_FIX}") from None


def resolve_target(address: str | None, num_cpus: int | None,
                   environ: Mapping[str, str] = os.environ) -> ClusterTarget:
    """The cluster a run will use: ``address``, else ``RAY_ADDRESS``, else a new local one.
    Checks that a given address answers (``auto`` is left to Ray to find)."""
    address = (address or environ.get(ADDRESS_VARIABLE) or "").strip() or None
    if address == "local":
        address = None
    if address is not None and num_cpus is not None:
        raise ConfigError(
            f"executor.num_cpus sizes a local cluster, but the run joins {address!r}; "
            "drop executor.num_cpus (the cluster's own CPUs are used) or the address"
        )
    if num_cpus is not None and num_cpus < 1:
        raise ConfigError(f"executor.num_cpus must be at least 1, got {num_cpus}")
    if address is not None and address != "auto":
        _check_reachable(address)
    return ClusterTarget(address, num_cpus)


@contextmanager
def connected(target: ClusterTarget) -> Iterator[None]:
    """Ray initialised for the duration of the block, shut down after it (also on errors
    and Ctrl-C). If Ray was already initialised in this process (a script or a test that
    called ``ray.init`` itself), that session is used and left running."""
    import ray

    if ray.is_initialized():
        yield
        return
    settings: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.WARNING, "namespace": "balrog"}
    if target.starts_cluster:
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no reporting home at run time
        settings.update(address="local", num_cpus=target.num_cpus, include_dashboard=False)
    else:
        settings.update(address=target.address)
    try:
        ray.init(**settings)
    except Exception as error:  # noqa: BLE001 - Ray raises plain Exception, ValueError, ConnectionError...
        ray.shutdown()
        text = str(error).strip()
        reason = text.splitlines()[0] if text else type(error).__name__
        raise ConfigError(f"cannot start or join {target.describe()} ({reason}); {_FIX}") from None
    try:
        yield
    finally:
        ray.shutdown()
