"""The HTML report in Debian's headless Chromium, driven by playwright: it loads with no
console errors, the replay steps forward and back from the keyboard and shows what the
trace holds, the filters reach the image and error episodes, and the README's screenshot
script photographs it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from PIL import Image

from balrog_core.harness import read_trace

STEP = re.compile(r"step (\d+) / (\d+)")
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "readme_screenshot.py"


def _step(page) -> tuple[int, int]:
    label = page.text_content("#step-number")
    match = STEP.fullmatch(label)
    assert match, label
    return int(match[1]), int(match[2])


def _filter(page, name: str, value: str) -> None:
    page.select_option(f"#filter-{name}", value)


@pytest.fixture
def report_page(text_runs, vision_run, tmp_path, balrog_cli) -> Path:
    out = tmp_path / "report"
    balrog_cli("report", *text_runs, vision_run, "--out", out, "--format", "html")
    return out / "report.html"


def test_report_page_replays_episodes_in_chromium(report_page, text_runs, browser_page):
    page, problems = browser_page
    html = report_page.read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"https?:", html), "the page must not load anything from the network"

    page.goto(report_page.as_uri())
    page.wait_for_function("window.balrogReport && window.balrogReport.ready")
    assert page.evaluate("window.balrogReport.ready") == "e0"
    assert page.evaluate("window.balrogReport.index.length") == 14 + 14 + 4
    assert page.locator("#episode-rows tr").count() == 32

    # e0 is the first episode of the first run: numberline/reach/0 of the random agent.
    steps = [line for line in read_trace(text_runs[0] / "traces" / "numberline--reach--0000.jsonl.gz")
             if line["type"] == "step"]
    assert len(steps) >= 3
    assert _step(page) == (1, len(steps))
    assert page.text_content("#observation") == steps[0]["observation"]
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert _step(page) == (3, len(steps))
    assert page.text_content("#observation") == steps[2]["observation"]
    assert page.text_content("#action") == steps[2]["action"]
    page.keyboard.press("ArrowLeft")
    assert _step(page) == (2, len(steps))
    assert page.text_content("#observation") == steps[1]["observation"]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert _step(page) == (1, len(steps))

    page.keyboard.press("ArrowDown")
    page.wait_for_function("window.balrogReport.state.current.id === 'e1'")
    assert _step(page)[0] == 1
    assert page.evaluate("location.hash") == "#e1/1"  # a link to this episode and step
    page.keyboard.press("ArrowUp")
    page.wait_for_function("window.balrogReport.state.current.id === 'e0'")
    page.keyboard.press("End")
    assert _step(page) == (len(steps), len(steps))
    assert page.text_content("#progression") == str(steps[-1]["progression"]).removesuffix(".0")

    # The vision run (third run): its steps show the PNG image, the reasoning and the output.
    _filter(page, "run", "2")
    page.wait_for_function("window.balrogReport.state.visible.length === 4")
    image = page.locator("#step-image img")
    assert image.get_attribute("src").startswith("data:image/png;base64,")
    assert image.evaluate("img => img.naturalWidth") == 40
    assert page.text_content("#reasoning").startswith("At step 0")
    assert "ACTION:" in page.text_content("#output")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    if _step(page)[1] >= 4:  # the fourth answer of the chatty agent holds no action
        assert "default played" in page.text_content("#action")

    # The error filter finds the broken counter episodes and shows their traceback.
    _filter(page, "run", "")
    _filter(page, "outcome", "error")
    assert page.evaluate("window.balrogReport.state.visible.length") == 2
    assert "the counter broke" in page.text_content("#episode-error-text")
    _filter(page, "run", "2")  # the vision run has no errored episode: nothing to replay
    assert page.evaluate("window.balrogReport.state.visible.length") == 0
    assert page.locator("#replay").is_hidden()

    assert problems == []
    # The collector does see console errors: the assertion above is not vacuous.
    page.evaluate("console.error('probe')")
    assert problems == ["console.error: probe"]


def test_the_readme_screenshot_script_photographs_the_page(report_page, tmp_path):
    spec = importlib.util.spec_from_file_location("readme_screenshot", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    folded, whole = tmp_path / "folded.png", tmp_path / "whole.png"
    script.take_screenshot(report_page, folded, episode="e30/2")
    script.take_screenshot(report_page, whole, folded=())
    with Image.open(folded) as picture, Image.open(whole) as full:
        assert picture.format == "PNG" and picture.width == 1280
        assert 900 <= picture.height < full.height  # folding the long tables shortens the page
        assert len(picture.convert("L").getcolors(256)) > 16  # a rendered page, not a blank one


def test_missing_chromium_fails_with_the_install_command(chromium_finder, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y chromium"):
        chromium_finder()
