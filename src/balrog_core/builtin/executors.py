"""The core's executors: ``local`` (one event loop, game work on threads) and
``processes`` (worker processes, one per core by default)."""

from __future__ import annotations

from ..executors import ExecutorSpec, LocalExecutor
from ..hookspecs import hookimpl
from ..process_executor import ProcessExecutor


@hookimpl
def register_executors(register) -> None:
    register(ExecutorSpec(
        name="local", factory=lambda settings: LocalExecutor(),
        description="all episodes in this process; game work on threads",
    ))
    register(ExecutorSpec(
        name="processes", factory=lambda settings: ProcessExecutor(settings.workers),
        description="episodes spread over worker processes (--workers, default one per core)",
    ))
