"""The report as rich tables for the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table as RichTable

from .tables import Table, leaderboard_table, published_tables, task_table, usage_table

__all__ = ["print_report"]


def _rich(table: Table) -> RichTable:
    rich_table = RichTable(title=table.title, caption=table.note)
    for column, numeric in zip(table.columns, table.numeric):
        rich_table.add_column(column, justify="right" if numeric else "left")
    for row in table.rows:
        rich_table.add_row(*row)
    return rich_table


def print_report(report: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    for table in (leaderboard_table(report), task_table(report), usage_table(report), *published_tables(report)):
        console.print(_rich(table))
