"""What a user can set with ``-o executor.KEY=VALUE`` for ``--executor ray``."""

from __future__ import annotations

import attrs

__all__ = ["RayOptions"]


@attrs.frozen
class RayOptions:
    """``address``: the cluster to join (``HOST:PORT``, ``auto``, ``ray://HOST:PORT``;
    unset: ``RAY_ADDRESS``, else a local cluster started for the run and stopped after it).
    ``num_cpus``: CPUs of that local cluster (default: all of this machine's).
    ``actors``: episode workers (default: ``--workers``, else one per cluster CPU).
    ``forward_env``: comma-separated names of environment variables (API keys, endpoints)
    to copy from this shell to the workers, which on other machines do not see it.
    """

    address: str | None = None
    num_cpus: int | None = None
    actors: int | None = None
    forward_env: str = ""

    def forwarded_names(self) -> list[str]:
        return [name.strip() for name in self.forward_env.split(",") if name.strip()]
