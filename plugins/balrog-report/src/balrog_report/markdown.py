"""The report as Markdown (GitHub tables), for pull requests and papers' appendices."""

from __future__ import annotations

from typing import Any

from .tables import Table, leaderboard_table, placement_tables, published_tables, task_table, usage_table

__all__ = ["render_markdown"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> str:
    lines = [f"## {table.title}", ""]
    lines.append("| " + " | ".join(_cell(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if numeric else "---" for numeric in table.numeric) + "|")
    for index, row in enumerate(table.rows):
        cells = [_cell(c) for c in row]
        if index in table.marked:
            cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    if table.note:
        lines += ["", f"_{table.note}_"]
    return "\n".join(lines)


def render_markdown(report: dict[str, Any]) -> str:
    runs = ", ".join(f"`{run['label']}` ({run['path']})" for run in report["runs"])
    parts = [f"# BALROG report\n\nRuns: {runs}"]
    deviations = [f"- `{run['label']}`: {'; '.join(run['protocol_deviations'])}"
                  for run in report["runs"] if run["protocol_deviations"]]
    if deviations:
        parts.append("Protocol deviations (scores not comparable to the paper's):\n\n" + "\n".join(deviations))
    parts += [_table(t) for t in (leaderboard_table(report), task_table(report),
                                  usage_table(report), *published_tables(report), *placement_tables(report))]
    return "\n\n".join(parts) + "\n"
