"""The report as rich tables for the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from .tables import Table, leaderboard_table, placement_tables, published_tables, task_table, usage_table

__all__ = ["print_report"]


def _rich(table: Table) -> RichTable:
    rich_table = RichTable(title=escape(table.title), caption=escape(table.note) if table.note else None)
    for column, numeric in zip(table.columns, table.numeric):
        rich_table.add_column(column, justify="right" if numeric else "left")
    for index, row in enumerate(table.rows):
        rich_table.add_row(*(escape(cell) for cell in row), style="bold" if index in table.marked else None)
    return rich_table


def print_report(report: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    for table in (leaderboard_table(report), task_table(report), usage_table(report), *published_tables(report),
                  *placement_tables(report)):
        console.print(_rich(table))
