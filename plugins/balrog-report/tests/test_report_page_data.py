"""The HTML page shows exactly the report's data: its tables, charts, runs and embedded
episode data, read back from the markup with the standard library's parser, equal what the report modules
built — whatever the templates look like. Text is escaped, never interpreted."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import attrs

from balrog_report.episodes import browser_data
from balrog_report.html import render_html
from balrog_report.loading import load_runs
from balrog_report.report import build_report
from balrog_report.tables import (
    leaderboard_table, placement_tables, published_tables, task_table, usage_table,
)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, list[str]] = {"": []}
        self.section = ""
        self.tables: list[list[list[str]]] = []
        self.images: list[tuple[str, str]] = []
        self.scripts: dict[str, str] = {}
        self.title = ""
        self._cell: list[str] | None = None
        self._script: tuple[str, list[str]] | None = None
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self._in.append(tag)
        if tag == "h2":
            self.section = attributes.get("id") or ""
            self.sections.setdefault(self.section, [])
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "img":
            self.images.append((attributes.get("alt") or "", attributes.get("src") or ""))
        elif tag == "script":
            self._script = (attributes.get("id") or "inline", [])

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "script" and self._script is not None:
            self.scripts[self._script[0]] = "".join(self._script[1])
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
            return
        if self._in and self._in[-1] == "style":
            return
        if self._in and self._in[-1] == "title":
            self.title += data
        if self._cell is not None:
            self._cell.append(data)
        if data.strip():
            self.sections[self.section].append(" ".join(data.split()))


def page_data(html: str) -> dict[str, Any]:
    """Sections' text, tables (rows of cells), images (alt, src) and decoded scripts."""
    reader = _Reader()
    reader.feed(html)
    scripts: dict[str, Any] = {}
    for name, text in reader.scripts.items():
        scripts[name] = json.loads(text) if text.lstrip().startswith(("{", "[")) else text
    return {"title": reader.title, "sections": reader.sections, "tables": [t for t in reader.tables if t],
            "images": reader.images, "scripts": scripts}


def _grid(table) -> list[list[str]]:
    return [table.columns, *table.rows]


def test_the_page_holds_the_reports_data(text_runs, vision_run, babyai_runs):
    runs = load_runs([*text_runs, vision_run, *babyai_runs])
    report, browser = build_report(runs), browser_data(runs)
    page = page_data(render_html(report, browser))

    tables = [leaderboard_table(report), *published_tables(report), *placement_tables(report),
              task_table(report), usage_table(report)]
    assert page["tables"] == [_grid(table) for table in tables]
    assert page["title"] == "BALROG report: " + ", ".join(run["label"] for run in report["runs"])

    scripts = page["scripts"]
    assert scripts["report-data"] == json.loads(json.dumps(report))
    assert scripts["run-labels"] == [run["label"] for run in report["runs"]]
    assert scripts["episode-index"] == browser.index
    assert {key[3:]: value for key, value in scripts.items() if key.startswith("ep-")} == {
        key: json.loads(value) for key, value in browser.payloads.items()}
    assert {key[4:]: value for key, value in scripts.items() if key.startswith("img-")} == browser.images

    alts = [alt for alt, _ in page["images"]]
    assert alts == ["overall scores and published averages", "BabyAI, language-only: runs and published results",
                    "BabyAI, vision-language: runs and published results",
                    *[f"{env} scores" for env in report["envs"]]]
    assert all(src.startswith("data:image/png;base64,") for _, src in page["images"])

    head = " ".join(page["sections"][""])
    for run in report["runs"]:
        assert f"{run['label']} : agent {run['agent']}, model" in head  # text nodes joined by a space
    deviation = report["runs"][-1]["protocol_deviations"][0]
    assert f"protocol deviations: {deviation}" in head
    placement = " ".join(page["sections"]["placement"])
    for group in report["placement"]["groups"]:
        for entry in group["runs"]:
            assert entry["headline"] in placement


def test_text_is_escaped_not_interpreted(text_runs):
    runs = load_runs([text_runs[0]])
    report = build_report(runs)
    hostile = '<img src=x onerror="alert(1)"> & </script><!--'
    report["runs"][0]["protocol_deviations"] = [hostile]
    report["tasks"][hostile] = report["tasks"].popitem()[1]
    html = render_html(report, attrs.evolve(browser_data(runs), images={}))
    page = page_data(html)
    assert hostile not in html
    assert f"protocol deviations: {' '.join(hostile.split())}" in " ".join(page["sections"][""])
    assert [hostile] == [row[0] for row in _grid(task_table(report))[1:] if row[0] == hostile]
    assert any(row[0] == hostile for row in page["tables"][-2])
    assert page["scripts"]["report-data"]["runs"][0]["protocol_deviations"] == [hostile]
    assert [src for _, src in page["images"] if not src.startswith("data:")] == []
