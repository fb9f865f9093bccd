"""The README's report screenshot (docs/images/report.png), taken from real games.

Plays real BALROG games on the reference protocol — the random agent on BabyAI, Crafter and
Baba Is AI, the oracles on BabyAI and Baba Is AI, both in vision-language mode so the replay
shows the frames — makes their report, and photographs the page in Debian's Chromium
through playwright (no browser download). The per-environment charts and the per-task and
usage tables are folded away so the picture shows the leaderboard, the per-game placement
and the replay of an episode.

    python plugins/balrog-report/scripts/readme_screenshot.py [--out docs/images/report.png] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RUNS = {"random": ("babyai,crafter,babaisai", "random"), "oracle": ("babyai,babaisai", "oracle")}
# Sections left out of the picture (their h2 ids): long tables that say nothing new here.
FOLDED = ("charts", "tasks", "usage")
_FOLD = """(ids) => { for (const id of ids) { let node = document.getElementById(id);
  do { const next = node.nextElementSibling; node.style.display = 'none'; node = next; }
  while (node && node.tagName !== 'H2'); } }"""


def take_screenshot(page_file: Path, out: Path, episode: str = "", folded: tuple[str, ...] = FOLDED,
                    chromium: str = "/usr/bin/chromium") -> None:
    """A full-page PNG of the report at 1280 px wide, ``episode`` (``e12/5``) opened in the
    replay, the ``folded`` sections hidden."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_file.resolve().as_uri() + (f"#{episode}" if episode else ""))
            page.wait_for_function("window.balrogReport && window.balrogReport.ready")
            page.evaluate(_FOLD, list(folded))
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=True)
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/images/report.png"))
    parser.add_argument("--work", type=Path, default=None, help="Directory for the runs (default: a temporary one).")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="balrog-screenshot-"))
    balrog = [sys.executable, "-m", "balrog_core"]
    for name, (envs, agent) in RUNS.items():
        if not (work / name / "summary.json").exists():
            shutil.rmtree(work / name, ignore_errors=True)
            subprocess.run([*balrog, "run", "--env", envs, "--agent", agent, "--vision", "--concurrency", "2",
                            "--output", str(work / name)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*balrog, "report", *(str(work / name) for name in RUNS), "--format", "html",
                    "--out", str(work / "report")], check=True)
    # The oracle's first BabyAI episode, a few steps in: episodes are listed run by run, each
    # run's sorted by env, so it follows all of random's and the oracle's Baba Is AI ones.
    envs = {name: [json.loads(line)["env"] for line in (work / name / "episodes.jsonl").read_text().splitlines()
                   if line.strip()] for name in RUNS}
    index = len(envs["random"]) + envs["oracle"].count("babaisai")
    take_screenshot(work / "report" / "report.html", args.out, episode=f"e{index}/4")
    print(f"screenshot: {args.out}")


if __name__ == "__main__":
    main()
