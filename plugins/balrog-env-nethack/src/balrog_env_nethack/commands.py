"""``balrog minihack ...``: fetch the official Boxoban levels for the Boxoban tasks."""

from __future__ import annotations

from pathlib import Path

import click
from balrog_core import ConfigError

__all__ = ["minihack_commands"]


@click.group("minihack")
def minihack_commands() -> None:
    """MiniHack helpers."""


@minihack_commands.command("boxoban-download")
@click.argument("directory", type=click.Path(path_type=Path))
def boxoban_download(directory: Path) -> None:
    """Download the official Boxoban levels (medium and hard) into DIRECTORY; then run
    with -o env.minihack.boxoban_dir=DIRECTORY."""
    from .boxoban_levels import download_official_levels

    try:
        count = download_official_levels(directory)
    except OSError as error:
        raise ConfigError(
            f"could not download the Boxoban levels ({error}); without network access the "
            "built-in generator is used (leave env.minihack.boxoban_dir empty)"
        ) from None
    click.echo(f"saved {count} level files under {directory}; use -o env.minihack.boxoban_dir={directory}")
