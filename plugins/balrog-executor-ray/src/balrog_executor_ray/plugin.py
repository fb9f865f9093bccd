"""Registers the ``ray`` executor. Ray itself is imported only when a run uses it, so
``balrog --help`` and plugin listings stay fast."""

from __future__ import annotations

from balrog_core import hookimpl
from balrog_core.harness import ExecutorSettings, ExecutorSpec

from .options import RayOptions


def _build(settings: ExecutorSettings):
    from .executor import RayExecutor

    return RayExecutor(settings.options or RayOptions(), workers=settings.workers)


@hookimpl
def register_executors(register) -> None:
    register(ExecutorSpec(
        name="ray", factory=_build, options=RayOptions,
        description="episodes spread over a Ray cluster (-o executor.address=HOST:PORT; default: a local one)",
    ))
