"""The report's tables as rows of strings: one place decides columns and order, so the
terminal, Markdown and HTML tables show the same thing."""

from __future__ import annotations

from typing import Any

import attrs

from .published import MODE_TITLES
from .formatting import DASH, duration, money, percent, score, tokens

__all__ = ["Table", "leaderboard_table", "task_table", "usage_table", "published_tables", "placement_tables",
           "placement_note"]


@attrs.frozen
class Table:
    """A titled grid of strings; ``numeric`` marks right-aligned columns, ``marked`` the
    indices of rows to emphasise (a run's own line in a published table)."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    note: str | None = None
    marked: tuple[int, ...] = ()


def leaderboard_table(report: dict[str, Any]) -> Table:
    envs = report["envs"]
    columns = ["run", "agent", "model", "overall", *envs]
    rows = []
    info = {run["label"]: run for run in report["runs"]}
    for entry in report["leaderboard"]:
        run = info[entry["run"]]
        overall = score(entry["overall"])
        if not entry["complete_suite"] and entry["overall"].get("mean") is not None:
            count = entry["overall"].get("envs")
            overall += f" ({count} env{'' if count == 1 else 's'})"
        rows.append([entry["run"], run["agent"], run["model"] or DASH, overall,
                     *[score(entry["envs"].get(env)) for env in envs]])
    return Table("Leaderboard: progression (0-100), mean ± SE", columns, rows,
                 [False, False, False, True, *[True] * len(envs)], report.get("statistics"))


def task_table(report: dict[str, Any]) -> Table:
    labels = [run["label"] for run in report["runs"]]
    rows = []
    for task, by_run in report["tasks"].items():
        cells = []
        for label in labels:
            group = by_run.get(label)
            cells.append(DASH if group is None else f"{score(group)} (n={group['n']}"
                         + (f", {group['failed']} failed)" if group.get("failed") else ")"))
        rows.append([task, *cells])
    return Table("Per task", ["task", *labels], rows, [False, *[True] * len(labels)])


def usage_table(report: dict[str, Any]) -> Table:
    columns = ["env", "run", "steps", "invalid outputs", "input tokens", "output tokens", "cost", "wall time"]
    rows = []
    for env, by_run in report["usage"].items():
        for label, usage in by_run.items():
            rows.append([env, label, tokens(usage["steps"]), percent(usage["invalid_rate"]),
                         tokens(usage["input_tokens"]), tokens(usage["output_tokens"]),
                         money(usage["cost"]), duration(usage["wall_time"])])
    return Table("Invalid outputs, tokens, cost and wall time per env", columns, rows,
                 [False, False, *[True] * 6],
                 "invalid outputs = share of steps whose answer named no valid action; "
                 "wall time = sum over episodes")


def published_tables(report: dict[str, Any]) -> list[Table]:
    """One table per mode the runs played (language-only, vision-language)."""
    published = report["published"]
    tables = []
    for mode in published["modes"]:
        rows = [[row["model"], f"{row['mean']:.2f} ± {row['se']:.2f}"]
                for row in published["rows"] if row["mode"] == mode]
        tables.append(Table(f"Published results ({MODE_TITLES[mode]})", ["model", "average progression"],
                            rows, [False, True], published["source"]))
    return tables


def placement_note(report: dict[str, Any], entry: dict[str, Any]) -> str:
    """The placement's one-line reading, with the run's protocol deviations when it is not
    comparable to the paper."""
    if entry["comparable"]:
        return entry["headline"]
    run = next(run for run in report["runs"] if run["label"] == entry["run"])
    deviations = run["protocol_deviations"] or [f"protocol {run['protocol'] or 'unknown'} (not the reference)"]
    return f"{entry['headline']}. Protocol deviations: {'; '.join(deviations)}"


def placement_tables(report: dict[str, Any]) -> list[Table]:
    """Per game and mode, for each run: the published table with the run's line inserted
    at the rank it would take, published models inside its 95% interval marked."""
    tables = []
    for group in report["placement"]["groups"]:
        for entry in group["runs"]:
            rows = [[row["rank"], row["model"], row["score"], row["note"]] for row in entry["rows"]]
            marked = tuple(index for index, row in enumerate(entry["rows"]) if row["is_run"])
            tables.append(Table(f"{group['title']}: {entry['run']} beside the published results",
                                ["rank", "model", "progression", ""], rows, [True, False, True, False],
                                placement_note(report, entry), marked))
    return tables
