"""The ``balrog`` command line: a thin layer over the run, the registry and results.

Each command imports what it uses when it runs, so ``balrog --help`` and plugin commands
start without the run machinery, rich or cattrs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .config import PROTOCOLS
from .errors import BalrogError, ConfigError
from .parsing import PARSE_MODES
from .plugins import get_plugin_manager

__all__ = ["cli", "main"]

# Flags that choose what a new run plays; a resumed run replays its saved choice.
_NEW_RUN_ONLY = {"envs", "tasks", "config_file", "output", "dry_run"}
# CLI option name -> RunConfig field, for options that map one to one.
_RUN_FIELDS = (
    "agent", "client", "model", "base_url", "episodes", "max_steps", "concurrency", "seed",
    "vision", "history", "image_history", "merge_roles", "protocol", "parse", "constrain_actions", "temperature",
    "max_tokens", "timeout", "max_retries", "scorer", "max_cost", "executor", "workers",
)


@click.group()
@click.version_option(package_name="balrog-core")
def cli() -> None:
    """Benchmark LLM and VLM agents on long-horizon games (BALROG protocol)."""


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@cli.command()
@click.option("--env", "envs", multiple=True, help="Environment(s) to play; repeat or comma-separate.")
@click.option("--task", "tasks", multiple=True, help="Only these tasks (TASK or ENV/TASK).")
@click.option("--agent", default="naive", show_default=True, help="Agent (prompting strategy).")
@click.option("--client", default=None, help="Model client (default: the installed client that accepts --model and --base-url; see balrog clients list).")
@click.option("--model", default=None, help="Model name for the client, e.g. gpt-4o or openai/NAME.")
@click.option("--base-url", default=None, help="OpenAI-compatible endpoint URL.")
@click.option("--episodes", type=int, default=None, help="Episodes per task (default: protocol's).")
@click.option("--max-steps", type=int, default=None, help="Step cap per episode (default: protocol's).")
@click.option("--concurrency", type=int, default=8, show_default=True, help="Episodes in flight.")
@click.option("--seed", type=int, default=0, show_default=True, help="Base seed of the run.")
@click.option("--vision/--no-vision", default=False, help="Send images (vision-language mode).")
@click.option("--history", type=int, default=16, show_default=True, help="Past observations in the prompt.")
@click.option("--image-history", type=int, default=0, show_default=True, help="Past images in the prompt.")
@click.option("--merge-roles/--no-merge-roles", default=False, help="Merge consecutive same-role messages.")
@click.option("--protocol", type=click.Choice(PROTOCOLS), default="reference", show_default=True, help="What the model is shown: the reference's prompts, or the project's richer ones (a deviation).")
@click.option("--parse", type=click.Choice(PARSE_MODES), default="reference", show_default=True, help="How answers are read: the reference's exact matching, or tolerant (a deviation).")
@click.option("--constrain-actions", is_flag=True, default=False, help="Decode only legal actions (clients that support it; a protocol deviation).")
@click.option("--temperature", type=float, default=1.0, show_default=True, help="Sampling temperature (reference: 1.0).")
@click.option("--max-tokens", type=int, default=8192, show_default=True, help="Most tokens per answer (reference: 8192).")
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds per model call.")
@click.option("--max-retries", type=int, default=6, show_default=True, help="Retries of transient model errors.")
@click.option("--scorer", default="progression", show_default=True)
@click.option("--max-cost", type=float, default=None, help="Stop starting episodes once this many US dollars are spent.")
@click.option("--executor", default="local", show_default=True, help="Where episodes run: local, processes, or a plugin's.")
@click.option("--workers", type=int, default=None, help="Worker processes for --executor processes (default: one per core).")
@click.option("--output", type=click.Path(path_type=Path), default=None, help="Run directory to create.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), default=None, help="TOML file of run settings.")
@click.option("--resume", type=click.Path(path_type=Path), default=None, help="Continue the run in this directory.")
@click.option("--retry-failed", type=click.Path(path_type=Path), default=None, help="Play a run's failed episodes again.")
@click.option("--dry-run", is_flag=True, help="Estimate tokens and cost from a few real steps; keep nothing.")
@click.option("-o", "--option", "option_pairs", multiple=True, help="Plugin option: agent.KEY=V, client.KEY=V, env.NAME.KEY=V, executor.KEY=V.")
@click.pass_context
def run(ctx: click.Context, envs: tuple[str, ...], tasks: tuple[str, ...], output: Path | None,
        config_file: Path | None, resume: Path | None, retry_failed: Path | None, dry_run: bool,
        option_pairs: tuple[str, ...], **settings: Any) -> None:
    """Evaluate an agent on one or more environments."""
    import asyncio

    from rich.console import Console

    from .config import config_from_json, load_config_file
    from .options import parse_option_pairs
    from .progress import RunProgress, summary_table
    from .run import Run, spent_cost

    given = {
        name for name in ctx.params
        if ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT
    }
    if resume is not None and retry_failed is not None:
        raise ConfigError("use --resume DIR or --retry-failed DIR, not both")
    if retry_failed is not None:
        given.discard("retry_failed")
        resume = retry_failed
    if resume is not None:
        given.discard("option_pairs")
        changes = {name: settings.get(name) for name in given & (set(_RUN_FIELDS) | _NEW_RUN_ONLY)}
        this_run = Run.resume(resume, changes, retry_failed=retry_failed is not None,
                              executor_options=parse_option_pairs(option_pairs))
    else:
        data: dict[str, Any] = load_config_file(config_file) if config_file else {}
        for name in _RUN_FIELDS:
            if name in given or name not in data:
                data[name] = settings[name]
        if envs:
            data["envs"] = _split(envs)
        if tasks:
            data["tasks"] = _split(tasks)
        data["options"] = {**data.get("options", {}), **parse_option_pairs(option_pairs)}
        config = config_from_json(data, source="run settings")
        if dry_run:
            from .estimate import estimate_run, estimate_table

            estimate = asyncio.run(estimate_run(config))
            Console().print(estimate_table(estimate))
            return
        this_run = Run.create(config, output)
    console = Console(stderr=True)
    for note in this_run.resolved.notes:
        console.print(note, highlight=False)
    console.print(f"run directory: {this_run.directory.path}  ({len(this_run.pending)} of {len(this_run.plans)} episodes to play)", highlight=False)
    with RunProgress(this_run.plans, this_run.records, console) as progress:
        try:
            summary = asyncio.run(this_run.play(on_record=progress.on_record, on_step=progress.on_step))
        except KeyboardInterrupt:
            console.print(f"interrupted; continue with: balrog run --resume {this_run.directory.path}")
            sys.exit(130)
        except BalrogError as error:
            # Every episode would hit it (a crashed model, an unreachable server): one line,
            # and the way back once it is fixed; finished episodes are already saved.
            raise BalrogError(f"{error}; after fixing it, continue with: balrog run --resume {this_run.directory.path}") from None
    Console().print(summary_table(summary))
    if this_run.meta.status == "budget_reached":
        console.print(
            f"cost budget of ${this_run.config.max_cost:.4f} reached after ${spent_cost(this_run.records):.4f}: "
            f"{len(this_run.pending)} episodes not started; continue with: "
            f"balrog run --resume {this_run.directory.path} --max-cost MORE", highlight=False,
        )
    elif this_run.pending:
        console.print(f"{len(this_run.pending)} episodes were not played; continue with: "
                      f"balrog run --resume {this_run.directory.path}", highlight=False)
    click.echo(f"results: {this_run.directory.path}")
    failed = [record for record in this_run.records if record.failed]
    if this_run.records and len(failed) == len(this_run.records):
        cause = (failed[0].error or "").strip().splitlines()[-1:] or ["unknown"]
        console.print(f"error: every episode failed (first: {cause[0]}); see {this_run.directory.episodes_file}", highlight=False)
        sys.exit(1)


def _print_json(data: Any) -> None:
    import json
    click.echo(json.dumps(data, indent=2))


@cli.command()
@click.option("--env", "envs", multiple=True, help="Environment(s) to show; default: every installed one.")
@click.option("--task", "tasks", multiple=True, help="Only these tasks (TASK or ENV/TASK); default: each env's first task.")
@click.option("--protocol", "protocol_name", type=click.Choice(PROTOCOLS), default="reference", show_default=True)
@click.option("--parse", type=click.Choice(PARSE_MODES), default="reference", show_default=True)
@click.option("--vision/--no-vision", default=False)
@click.option("--seed", type=int, default=0, show_default=True, help="Base seed: the task's episode 0 of a run with this seed is shown.")
@click.option("-o", "--option", "option_pairs", multiple=True, help="Env option: env.NAME.KEY=V.")
@click.option("--json", "as_json", is_flag=True)
def protocol(envs: tuple[str, ...], tasks: tuple[str, ...], protocol_name: str, parse: str,
             vision: bool, seed: int, option_pairs: tuple[str, ...], as_json: bool) -> None:
    """Show exactly what a model is shown: prompt, actions, default action, parser,
    history and sampling, with the first prompt of a real episode."""
    from .config import config_from_json
    from .options import parse_option_pairs
    from .registry import get_registry
    from .resolve import selected_tasks
    from .protocol import describe_protocol

    registry = get_registry()
    names = _split(envs) or [entry.spec.name for entry in registry.listing("env")]
    config = config_from_json({
        "envs": names, "tasks": _split(tasks), "protocol": protocol_name, "parse": parse,
        "vision": vision, "seed": seed, "options": parse_option_pairs(option_pairs),
    }, source="protocol settings")
    pairs = selected_tasks(config, registry)
    if not tasks:
        pairs = [next(pair for pair in pairs if pair[0] == env) for env in names]
    view = describe_protocol(config, pairs)
    if as_json:
        _print_json(view)
        return
    identity = view["protocol"]
    click.echo(f"protocol: {identity['name']}" + (f" v{identity['version']} (reproduces {identity['reproduces']})" if "version" in identity else ""))
    click.echo(f"parse: {view['parse']}   sampling: temperature {config.temperature}, max_tokens {config.max_tokens}   history: {config.history} observations")
    click.echo(f"deviations: {'; '.join(view['protocol_deviations']) or 'none'}")
    for task in view["tasks"]:
        click.echo(f"\n===== {task['env']} / {task['task']}: {task['episodes']} episodes, step cap {task['max_steps']}, "
                   f"instruction {task['instruction_chars']} chars =====")
        if task["free_text"]:
            click.echo(f"actions: free text (default {task['default_action']!r}, never played)")
        else:
            click.echo(f"actions ({len(task['actions'])}, default {task['default_action']!r}): {', '.join(task['actions'])}")
        for message in task["messages"]:
            click.echo(f"----- [{message['role']}]" + (f" +{message['images']} image(s)" if message["images"] else ""))
            click.echo(message["text"])


@cli.command()
@click.argument("run_dir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print summary.json.")
def summary(run_dir: Path, as_json: bool) -> None:
    """Show the scores of a run."""
    from rich.console import Console

    from .progress import summary_table
    from .results import RunDirectory

    directory = RunDirectory.open(run_dir)
    data = directory.read_summary()
    if data is None:
        raise ConfigError(f"{str(run_dir)!r} has no summary yet; finish it with --resume {run_dir}")
    if as_json:
        _print_json(data)
        return
    console = Console()
    console.print(summary_table(data, title=f"{run_dir}"))
    # Where the run sits on the paper's per-game tables.
    from rich.table import Table

    from .placement import is_comparable, place_run

    meta = directory.read_meta()
    placements = place_run(data, meta)
    if placements and not is_comparable(meta):
        deviations = meta.get("protocol_deviations") or ["run.json names no reference protocol"]
        console.print("Not comparable to the published results (not ranked): " + "; ".join(deviations),
                      style="bold", markup=False)
    for placement in placements:
        console.print("\n" + placement.headline(), style="bold", markup=False)
        table = Table()
        for column in ("rank", "model", "progression", ""):
            table.add_column(column, justify="right" if column in ("rank", "progression") else "left")
        config = meta.get("config", {})
        for row in placement.rows(str(config.get("model") or config.get("agent"))):
            style = "bold" if row.is_run else ("" if row.note else "dim")
            table.add_row(row.rank, row.model, row.score, row.note, style=style)
        console.print(table)


@cli.group()
def plugins() -> None:
    """Installed balrog plugins."""


@plugins.command("list")
@click.option("--json", "as_json", is_flag=True)
def plugins_list(as_json: bool) -> None:
    """Plugins with versions and the hooks they implement."""
    from .plugins import failed_plugins, plugin_version
    from .registry import get_registry, hook_names

    manager = get_plugin_manager()
    rows: list[dict[str, Any]] = []
    for name, plugin in manager.list_name_plugin():
        if plugin is None:
            continue
        distribution, version = plugin_version(name)
        rows.append({"name": name, "distribution": distribution, "version": version, "hooks": hook_names(plugin)})
    for failed in failed_plugins():
        rows.append({"name": failed.name, "distribution": failed.distribution, "version": failed.version, "hooks": [], "error": failed.error})
    registry = get_registry()
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        status = f"  ERROR: {row['error']}" if "error" in row else ""
        click.echo(f"{row['name']} ({row['distribution']} {row['version']}): {', '.join(row['hooks'])}{status}")
    for conflict in registry.conflicts:
        click.echo(f"warning: {conflict}")


def _listing(kind: str, as_json: bool, describe: Any) -> None:
    from .registry import get_registry

    entries = get_registry().listing(kind)
    rows = [{"name": e.spec.name, "plugin": e.plugin, "distribution": e.distribution,
             "version": e.version, **describe(e.spec)} for e in entries]
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        extra = {k: v for k, v in row.items() if k not in ("name", "plugin", "distribution", "version", "description")}
        detail = "  ".join(f"{k}={v}" for k, v in extra.items())
        click.echo(f"{row['name']:<16} {row['distribution']} {row['version']}  {row.get('description', '')}  {detail}".rstrip())


@cli.group()
def envs() -> None:
    """Registered environments."""


@envs.command("list")
@click.option("--json", "as_json", is_flag=True)
def envs_list(as_json: bool) -> None:
    """Environments with their tasks, default episodes and step caps."""
    import attrs

    from .registry import get_registry

    if as_json:
        _listing("env", True, lambda spec: {
            "description": spec.description, "vision": spec.vision,
            "tasks": [attrs.asdict(task) for task in spec.tasks],
        })
        return
    for entry in get_registry().listing("env"):
        spec = entry.spec
        click.echo(f"{spec.name} ({entry.distribution} {entry.version}): {len(spec.tasks)} tasks, "
                   f"{sum(t.episodes for t in spec.tasks)} episodes  {spec.description}")
        for task in spec.tasks:
            click.echo(f"  {task.name:<55} episodes={task.episodes:<3} max_steps={task.max_steps}")


@cli.group()
def agents() -> None:
    """Registered agents."""


@agents.command("list")
@click.option("--json", "as_json", is_flag=True)
def agents_list(as_json: bool) -> None:
    """Agents with their plugin, version and the envs they are limited to."""
    _listing("agent", as_json, lambda spec: {
        "description": spec.description, "needs_client": spec.needs_client,
        **({"envs": list(spec.envs)} if spec.envs else {}),
    })


@cli.group()
def clients() -> None:
    """Registered model clients."""


@clients.command("list")
@click.option("--json", "as_json", is_flag=True)
def clients_list(as_json: bool) -> None:
    """Model clients with their plugin and version."""
    _listing("client", as_json, lambda spec: {"description": spec.description, "priority": spec.priority})


@cli.group()
def executors() -> None:
    """Registered executors."""


@executors.command("list")
@click.option("--json", "as_json", is_flag=True)
def executors_list(as_json: bool) -> None:
    """Executors with their plugin and version."""
    _listing("executor", as_json, lambda spec: {"description": spec.description})


def main(argv: list[str] | None = None) -> None:
    """Entry point: plugin commands added, errors for people shown as one line."""
    try:
        get_plugin_manager().hook.register_commands(cli=cli)
        cli.main(args=argv, prog_name="balrog", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BalrogError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
