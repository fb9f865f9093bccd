"""The ``report``, ``compare``, ``export`` and ``bundle`` commands: argument handling only;
the work happens in the modules they call."""

from __future__ import annotations

import json
from pathlib import Path

import click
from typing import TYPE_CHECKING

from balrog_core import ConfigError

from .compare import RESAMPLES
from .episodes import IMAGE_BUDGET

if TYPE_CHECKING:
    from rich.table import Table as RichTable

__all__ = ["report", "compare", "export", "bundle", "FORMATS"]

FORMATS = ("terminal", "markdown", "json", "html")


def _formats(value: str) -> list[str]:
    chosen = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ConfigError(f"unknown report format {(unknown or [value])[0]!r}; choose from {','.join(FORMATS)}")
    return chosen


def _size(count: int) -> str:
    return f"{count / 1e6:.2f} MB" if count >= 1e5 else f"{count / 1e3:.1f} kB"


@click.command()
@click.argument("run_dirs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Directory for report.md/.json/.html (default: RUN_DIR/report, or ./balrog-report for several runs).")
@click.option("--format", "formats", default=",".join(FORMATS), show_default=True,
              help="Comma-separated: terminal, markdown, json, html.")
@click.option("--steps-per-episode", type=int, default=None,
              help="Keep at most this many steps of each episode in the HTML replay (first and last halves). "
                   "Default: all, unless the runs hold more than 20,000 steps (then 100).")
@click.option("--all-steps", is_flag=True, help="Embed every step of every episode, however large the page.")
@click.option("--no-images", is_flag=True, help="Leave step images out of the HTML replay.")
@click.option("--image-budget", type=float, default=IMAGE_BUDGET / 1e6, show_default=True,
              help="MB of distinct step images to embed before keeping only every k-th step's image; 0 = no limit.")
def report(run_dirs: tuple[Path, ...], out: Path | None, formats: str, steps_per_episode: int | None,
           all_steps: bool, no_images: bool, image_budget: float) -> None:
    """Leaderboard, charts, usage and an episode replay for one or more runs."""
    from .episodes import browser_data
    from .loading import load_runs
    from .markdown import render_markdown
    from .report import build_report
    from .terminal import print_report

    chosen = _formats(formats)
    if steps_per_episode is not None and steps_per_episode < 1:
        raise ConfigError(f"--steps-per-episode must be at least 1, got {steps_per_episode}; use --all-steps for no limit")
    runs = load_runs(list(run_dirs))
    data = build_report(runs)
    if "terminal" in chosen:
        print_report(data)
    files = [f for f in chosen if f != "terminal"]
    if not files:
        return
    target = out or (runs[0].path / "report" if len(runs) == 1 else Path("balrog-report"))
    target.mkdir(parents=True, exist_ok=True)
    if "markdown" in files:
        (target / "report.md").write_text(render_markdown(data), encoding="utf-8")
        click.echo(f"markdown: {target / 'report.md'}")
    if "json" in files:
        (target / "report.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        click.echo(f"json: {target / 'report.json'}")
    if "html" in files:
        if image_budget < 0:
            raise ConfigError(f"--image-budget must be 0 (no limit) or more, got {image_budget}")
        browser = browser_data(runs, steps_per_episode, images=not no_images, all_steps=all_steps,
                               image_budget=int(image_budget * 1e6) or None)
        from .html import render_html  # matplotlib, only when a page is made

        page = render_html(data, browser).encode("utf-8")
        (target / "report.html").write_bytes(page)
        thinned = f", images of 1 step in {browser.image_stride}" if browser.image_stride > 1 else ""
        click.echo(f"html: {target / 'report.html'} ({_size(len(page))}, {len(browser.index)} episodes, "
                   f"{len(browser.images)} distinct images{thinned})")


def _compare_table(result: dict) -> RichTable:
    from rich.table import Table as RichTable

    table = RichTable(title=f"B − A progression: A = {result['a']['label']}, B = {result['b']['label']}",
                      caption="95% percentile bootstrap CI (stratified by env); paired sign-flip permutation p; "
                              f"{result['method']['resamples']:,} resamples, seed {result['method']['seed']}")
    for column in ("env", "n", "A", "B", "B − A", "95% CI", "p"):
        table.add_column(column, justify="left" if column == "env" else "right")
    rows = [(env, group) for env, group in result["envs"].items()] + [("overall", result["overall"])]
    for name, group in rows:
        table.add_row(name, str(group["n"]), f"{group['mean_a']:.2f}", f"{group['mean_b']:.2f}",
                      f"{group['mean_difference']:+.2f}", f"[{group['ci_low']:+.2f}, {group['ci_high']:+.2f}]",
                      f"{group['p_value']:.4f}")
    return table


@click.command()
@click.argument("run_a", type=click.Path(path_type=Path))
@click.argument("run_b", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@click.option("--resamples", type=int, default=RESAMPLES, show_default=True, help="Bootstrap and permutation resamples.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the resampling.")
def compare(run_a: Path, run_b: Path, as_json: bool, resamples: int, seed: int) -> None:
    """Paired comparison of two runs on their shared episodes (B − A)."""
    from rich.console import Console

    from .compare import compare_runs
    from .loading import load_runs

    runs = load_runs([run_a, run_b])
    result = compare_runs(runs[0], runs[1], resamples=resamples, seed=seed)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    for warning in result["warnings"]:
        click.echo(f"warning: {warning}")
    Console().print(_compare_table(result))


@click.command()
@click.argument("run_dir", type=click.Path(path_type=Path))
@click.argument("episode")
@click.option("--gif", "kind", flag_value="gif", help="Animated GIF (Pillow).")
@click.option("--mp4", "kind", flag_value="mp4", help="MP4 video (needs imageio-ffmpeg).")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Output file (default: the trace stem in the current directory).")
@click.option("--fps", type=float, default=4.0, show_default=True, help="Frames (steps) per second.")
def export(run_dir: Path, episode: str, kind: str | None, out: Path | None, fps: float) -> None:
    """Animate an episode's images: EPISODE is ENV/TASK/INDEX or a trace file stem."""
    from .export import episode_frames, find_episode, write_gif, write_mp4
    from .loading import load_run

    if kind is None:
        raise ConfigError("choose the animation format with --gif or --mp4")
    if fps <= 0:
        raise ConfigError(f"--fps must be positive, got {fps}")
    run = load_run(run_dir)
    key = find_episode(run, episode)
    frames = episode_frames(run, key)
    target = out or Path(f"{key.slug()}.{kind}")
    (write_gif if kind == "gif" else write_mp4)(frames, target, fps)
    click.echo(f"{kind}: {target} ({len(frames)} frames)")


@click.command()
@click.argument("run_dir", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Archive path (default: RUN_DIR.tar.gz beside the run).")
def bundle(run_dir: Path, out: Path | None) -> None:
    """A checksummed submission archive of a run (no secrets)."""
    from .bundle import make_bundle

    target, digest = make_bundle(run_dir, out)
    click.echo(f"bundle: {target}\nsha256: {digest}  (also in {target}.sha256)")
