"""The HTML report in a real headless Chromium: it loads with no console errors, the replay
steps forward and back from the keyboard and shows what the trace holds, and the filters
reach the image and error episodes."""

from __future__ import annotations

import re

import pytest

from balrog_core import read_trace

STEP = re.compile(r"step (\d+) / (\d+)")


def _step(devtools) -> tuple[int, int]:
    label = devtools.evaluate("document.getElementById('step-number').textContent")
    match = STEP.fullmatch(label)
    assert match, label
    return int(match[1]), int(match[2])


def _text(devtools, element_id: str) -> str:
    return devtools.evaluate(f"document.getElementById('{element_id}').textContent")


def _filter(devtools, name: str, value: str) -> None:
    devtools.evaluate(
        f"(() => {{ const s = window.balrogReport.filters.{name}; s.value = {value!r};"
        " s.dispatchEvent(new Event('change')); })()"
    )
    devtools.evaluate("new Promise((done) => setTimeout(done, 100))")


def test_report_page_replays_episodes_in_chromium(text_runs, vision_run, tmp_path, devtools, balrog_cli):
    out = tmp_path / "report"
    balrog_cli("report", *text_runs, vision_run, "--out", out, "--format", "html")
    page = out / "report.html"
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"https?:", html), "the page must not load anything from the network"

    devtools.call("Page.navigate", url=page.as_uri())
    devtools.wait_for("Page.loadEventFired")
    assert devtools.evaluate("window.balrogReport.ready") == "e0"
    assert devtools.evaluate("window.balrogReport.index.length") == 14 + 14 + 4
    assert devtools.evaluate("document.querySelectorAll('#episode-rows tr').length") == 32

    # e0 is the first episode of the first run: numberline/reach/0 of the random agent.
    steps = [line for line in read_trace(text_runs[0] / "traces" / "numberline--reach--0000.jsonl.gz")
             if line["type"] == "step"]
    assert len(steps) >= 3
    assert _step(devtools) == (1, len(steps))
    assert _text(devtools, "observation") == steps[0]["observation"]
    devtools.press("ArrowRight", 39)
    devtools.press("ArrowRight", 39)
    assert _step(devtools) == (3, len(steps))
    assert _text(devtools, "observation") == steps[2]["observation"]
    assert _text(devtools, "action") == steps[2]["action"]
    devtools.press("ArrowLeft", 37)
    assert _step(devtools) == (2, len(steps))
    assert _text(devtools, "observation") == steps[1]["observation"]
    devtools.press("ArrowLeft", 37)
    devtools.press("ArrowLeft", 37)
    assert _step(devtools) == (1, len(steps))

    devtools.press("ArrowDown", 40)
    devtools.evaluate("new Promise((done) => setTimeout(done, 100))")
    assert devtools.evaluate("window.balrogReport.state.current.id") == "e1"
    assert _step(devtools)[0] == 1
    assert devtools.evaluate("location.hash") == "#e1/1"  # a link to this episode and step
    devtools.press("ArrowUp", 38)
    devtools.evaluate("new Promise((done) => setTimeout(done, 100))")
    assert devtools.evaluate("window.balrogReport.state.current.id") == "e0"
    devtools.press("End", 35)
    assert _step(devtools) == (len(steps), len(steps))
    assert _text(devtools, "progression") == str(steps[-1]["progression"]).removesuffix(".0")

    # The vision run (third run): its steps show the PNG image, the reasoning and the output.
    _filter(devtools, "run", "2")
    assert devtools.evaluate("window.balrogReport.state.visible.length") == 4
    assert devtools.evaluate("document.querySelector('#step-image img').src").startswith("data:image/png;base64,")
    assert devtools.evaluate("document.querySelector('#step-image img').naturalWidth") == 40
    assert _text(devtools, "reasoning").startswith("At step 0")
    assert "ACTION:" in _text(devtools, "output")
    for _ in range(3):
        devtools.press("ArrowRight", 39)
    if _step(devtools)[1] >= 4:  # the fourth answer of the chatty agent holds no action
        assert "default played" in _text(devtools, "action")

    # The error filter finds the broken counter episodes and shows their traceback.
    _filter(devtools, "run", "")
    _filter(devtools, "outcome", "error")
    assert devtools.evaluate("window.balrogReport.state.visible.length") == 2
    assert "the counter broke" in _text(devtools, "episode-error-text")
    _filter(devtools, "run", "2")  # the vision run has no errored episode: nothing to replay
    assert devtools.evaluate("window.balrogReport.state.visible.length") == 0
    assert devtools.evaluate("document.getElementById('replay').hidden") is True

    assert devtools.problems() == []
    # The collector does see console errors: the assertion above is not vacuous.
    devtools.evaluate("console.error('probe')")
    assert devtools.problems() == ["console.error: ['probe']"]


def test_missing_chromium_fails_with_the_install_command(chromium_finder, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y chromium"):
        chromium_finder()
