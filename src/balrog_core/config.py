"""The run configuration: command line, TOML file and saved ``run.json`` share one shape.

``RunConfig`` is what ``--resume`` reloads, so it holds every choice that changes the
episodes played and nothing secret.
"""

from __future__ import annotations

import functools
import math
import tomllib
from pathlib import Path
from typing import Any

import attrs

from .errors import ConfigError
from .parsing import PARSE_MODES

__all__ = ["RunConfig", "load_config_file", "config_to_json", "config_from_json"]

SECRET_WORDS = ("key", "token", "secret", "password", "auth")
PROTOCOLS = ("reference", "extended")


def _positive(instance: Any, attribute: attrs.Attribute, value: int | None) -> None:
    if value is not None and value < 1:
        raise ConfigError(f"{attribute.name} must be at least 1, got {value}")


def _not_negative(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    if value < 0:
        raise ConfigError(f"{attribute.name} must be 0 or more, got {value}")


def _one_of(*choices: str) -> Any:
    def check(instance: Any, attribute: attrs.Attribute, value: str) -> None:
        if value not in choices:
            raise ConfigError(
                f"{attribute.name} {value!r} is not known; use one of: {', '.join(choices)}"
            )
    return check


def _temperature(instance: Any, attribute: attrs.Attribute, value: float) -> None:
    if not math.isfinite(value) or not 0 <= value <= 2:
        raise ConfigError(f"temperature must be a number from 0 to 2, got {value}")


def _finite_positive(instance: Any, attribute: attrs.Attribute, value: float | None) -> None:
    if value is not None and not (math.isfinite(value) and value > 0):
        raise ConfigError(f"{attribute.name.replace('_', '-')} must be a positive number, got {value}")


@attrs.define
class RunConfig:
    """Every setting of a run.

    ``tasks`` filters tasks as ``task`` or ``env/task``; ``episodes`` and ``max_steps``
    override the protocol's per-task defaults; ``options`` holds plugin options as
    ``agent.KEY``, ``client.KEY`` or ``env.NAME.KEY`` to string values. ``max_cost``
    (US dollars) stops starting episodes once the run's recorded cost reaches it.

    ``protocol`` is what the model is shown: ``reference`` (the BALROG harness's prompts,
    the default) or ``extended`` (this project's richer prompts). ``parse`` is how answers
    are read: ``reference`` (exact action names after the reference's filtering) or
    ``tolerant``. Sampling defaults are the reference's (temperature 1.0, 8192 tokens).
    """

    envs: list[str] = attrs.field(factory=list)
    tasks: list[str] = attrs.field(factory=list)
    agent: str = "naive"
    client: str | None = None
    model: str | None = None
    base_url: str | None = None
    episodes: int | None = attrs.field(default=None, validator=_positive)
    max_steps: int | None = attrs.field(default=None, validator=_positive)
    concurrency: int = attrs.field(default=8, validator=_positive)
    seed: int = 0
    vision: bool = False
    history: int = attrs.field(default=16, validator=_not_negative)
    image_history: int = attrs.field(default=0, validator=_not_negative)
    merge_roles: bool = False
    protocol: str = attrs.field(default="reference", validator=_one_of(*PROTOCOLS))
    parse: str = attrs.field(default="reference", validator=_one_of(*PARSE_MODES))
    constrain_actions: bool = False
    temperature: float = attrs.field(default=1.0, validator=_temperature)
    max_tokens: int = attrs.field(default=8192, validator=_positive)
    timeout: float = attrs.field(default=120.0, validator=_finite_positive)
    max_retries: int = attrs.field(default=6, validator=_not_negative)
    scorer: str = "progression"
    max_cost: float | None = attrs.field(default=None, validator=_finite_positive)
    executor: str = "local"
    workers: int | None = attrs.field(default=None, validator=_positive)
    options: dict[str, str] = attrs.field(factory=dict)

    def options_for(self, prefix: str) -> dict[str, str]:
        """Options under ``prefix.`` with the prefix removed."""
        start = prefix + "."
        return {k[len(start) :]: v for k, v in self.options.items() if k.startswith(start)}


def _whole_number(value: Any, _: type) -> int:
    """An int, refusing what ``int()`` would quietly truncate (1.5, True)."""
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError(f"expected a whole number, got {value!r}")
    return int(value)


def _true_or_false(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


@functools.cache
def _converter() -> Any:
    """cattrs, imported on first use: ``balrog --help`` and plugin loading never need it."""
    import cattrs

    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _whole_number)
    converter.register_structure_hook(bool, _true_or_false)  # else bool, an int, would take the int hook
    return converter


def config_to_json(config: RunConfig, mask_secrets: bool = True) -> dict[str, Any]:
    """The config as JSON. Masked (the default) for anything written: run.json, reports,
    bundles. Unmasked only to hand the run to its own workers, which need the real values
    and never write the config."""
    data = _converter().unstructure(config)
    if mask_secrets:
        data["options"] = {
            k: ("***" if any(word in k.lower() for word in SECRET_WORDS) else v)
            for k, v in config.options.items()
        }
    return data


def _upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Read configs saved before protocols had names: they played the project's own
    prompts (now ``extended``) and chose strict or tolerant matching with a flag."""
    if "strict_actions" in data and "protocol" not in data:
        data = dict(data)
        data["parse"] = "reference" if data.pop("strict_actions") else "tolerant"
        data["protocol"] = "extended"
    return data


def config_from_json(data: dict[str, Any], source: str = "config") -> RunConfig:
    import cattrs

    data = _upgrade(data)
    try:
        return _converter().structure(data, RunConfig)
    except cattrs.BaseValidationError as error:
        raise ConfigError(f"{source}: {_first_problem(error)}") from None
    except ConfigError as error:
        raise ConfigError(f"{source}: {error}") from None


def _first_problem(error: BaseException) -> str:
    """Our own validators' words when one failed; otherwise cattrs' first line, with its
    path notation turned into the setting's name."""
    own = _config_error(error)
    if own is not None:
        return str(own)
    import cattrs

    for line in cattrs.transform_error(error, format_exception=_plain_words):
        message, _, path = line.rpartition(" @ ")
        name = path.removeprefix("$.").removeprefix("$") or "settings"
        return f"{name}: {message or line}"
    return str(error)


def _plain_words(error: BaseException, type_: Any) -> str:
    """Our converters' own messages where they have one, cattrs' wording otherwise."""
    if isinstance(error, ValueError) and str(error) and "invalid literal" not in str(error):
        return str(error)
    name = getattr(type_, "__name__", None) or str(type_).replace("typing.", "")
    return f"expected {name}, got a value of another kind"


def _config_error(error: BaseException) -> ConfigError | None:
    if isinstance(error, ConfigError):
        return error
    for inner in getattr(error, "exceptions", ()):
        found = _config_error(inner)
        if found is not None:
            return found
    return None


def load_config_file(path: str | Path) -> dict[str, Any]:
    """Read a TOML run config; keys are ``RunConfig`` field names."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file {str(path)!r} does not exist; check the --config path") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {str(path)!r} is not valid TOML: {error}") from None
    known = {field.name for field in attrs.fields(RunConfig)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"config file {str(path)!r}: unknown key {unknown[0]!r}; known keys: {', '.join(sorted(known))}"
        )
    if "options" in data:
        data["options"] = {str(k): str(v) for k, v in _flatten(data["options"]).items()}
    return data


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat
