"""What a person watching a run sees: live progress, then a table of scores.

On a terminal a live panel shows episodes per env, steps, invalid outputs, tokens and
errors; elsewhere (CI, logs) each finished episode is one line instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .episode import EpisodePlan
from .records import EpisodeRecord

__all__ = ["RunProgress", "summary_table"]


class RunProgress:
    """Live counters for one run."""

    def __init__(self, plans: Sequence[EpisodePlan], done: Sequence[EpisodeRecord], console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.live = self.console.is_terminal
        self.totals: Counter[str] = Counter()
        self.planned = Counter(plan.env for plan in plans)
        finished = Counter(record.env for record in done)
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[stats]}"), TimeElapsedColumn(), console=self.console,
            disable=not self.live,
        )
        self.bars = {
            env: self.progress.add_task(env, total=count, completed=finished[env], stats="")
            for env, count in sorted(self.planned.items())
        }

    def __enter__(self) -> "RunProgress":
        self.progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.stop()

    def _stats(self) -> str:
        t = self.totals
        return (f"steps {t['steps']}  invalid {t['invalid']}  tokens {t['tokens']}  "
                f"errors {t['errors']}")

    def on_step(self, plan: EpisodePlan, step: int, invalid: bool, tokens: int) -> None:
        self.totals["steps"] += 1
        self.totals["invalid"] += int(invalid)
        self.totals["tokens"] += tokens
        if self.live:
            self.progress.update(self.bars[plan.env], stats=self._stats())

    def on_record(self, record: EpisodeRecord) -> None:
        self.totals["errors"] += int(record.failed)
        if self.live:
            self.progress.update(self.bars[record.env], advance=1, stats=self._stats())
            return
        outcome = "FAILED" if record.failed else f"progression {record.progression:.1f}"
        self.console.print(
            f"{record.env}/{record.task} #{record.index}: {outcome} "
            f"({record.steps} steps, {record.invalid_outputs} invalid, {record.wall_time:.1f}s)",
            highlight=False,
        )


def _fmt(group: dict[str, Any]) -> str:
    if group.get("mean") is None:
        return "-"
    se = group.get("se")
    return f"{group['mean']:.2f} ± {se:.2f}" if se is not None else f"{group['mean']:.2f}"


def _cells(group: dict[str, Any], bold: bool = False) -> list[str]:
    score = f"[b]{_fmt(group)}[/b]" if bold else _fmt(group)
    rate = group.get("invalid_rate")
    return [score, str(group.get("n", "")), str(group.get("failed", "")),
            f"{100 * rate:.1f}" if rate is not None else ""]


def summary_table(summary: dict[str, Any], title: str = "BALROG progression (0-100)") -> Table:
    """Per task, per env and overall scores, mean ± SE."""
    table = Table(title=title, caption=summary.get("statistics"))
    for column in ("env", "task", "mean ± SE", "n", "failed", "invalid %"):
        table.add_column(column, justify="right" if column not in ("env", "task") else "left")
    for env, group in summary.get("envs", {}).items():
        for name, task in summary.get("tasks", {}).items():
            if name.split("/", 1)[0] == env:
                table.add_row(env, name.split("/", 1)[1], *_cells(task))
        table.add_row(env, "[b]all[/b]", *_cells(group, bold=True), end_section=True)
    overall = summary.get("overall", {})
    if overall:
        cells = _cells(overall, bold=True)
        table.add_row("[b]overall[/b]", f"{overall.get('envs', len(summary.get('envs', {})))} envs",
                      cells[0], "", "", cells[3])
    return table
