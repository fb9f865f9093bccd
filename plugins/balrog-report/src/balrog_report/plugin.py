"""The plugin's one hook: add the report commands to ``balrog``."""

from __future__ import annotations

import click

from balrog_core import hookimpl

from .commands import bundle, compare, export, report

__all__ = ["register_commands"]


@hookimpl
def register_commands(cli: click.Group) -> None:
    for command in (report, compare, export, bundle):
        cli.add_command(command)
