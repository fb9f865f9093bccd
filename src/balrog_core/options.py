"""Plugin options: ``-o KEY=VALUE`` pairs read, and their strings converted to a plugin's
typed attrs options class.

A plugin declares its options as an attrs class with defaults; the core structures the
user's strings into it with cattrs, so a typo or a wrong type is a one-line error naming
the key and the expected type instead of a crash deep inside the plugin.
"""

from __future__ import annotations

from typing import Any

import attrs
import cattrs

from .errors import ConfigError

__all__ = ["build_options", "parse_option_pairs"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _to_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"expected a boolean (true/false), got {value!r}")


_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_structure_hook(bool, _to_bool)


def _type_name(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or str(annotation).replace("typing.", "")


def _plugin_error(error: BaseException) -> ConfigError | None:
    """A ``ConfigError`` raised by the plugin's own validators, found inside cattrs'
    error group: its message is already the one to show."""
    if isinstance(error, ConfigError):
        return error
    for inner in getattr(error, "exceptions", ()):
        found = _plugin_error(inner)
        if found is not None:
            return found
    return None


def build_options(options_class: type | None, values: dict[str, str], prefix: str) -> Any:
    """An instance of ``options_class`` from string ``values``; ``prefix`` (``agent``,
    ``client``, ``env.babyai``) names the options in errors."""
    if options_class is None:
        if values:
            key = next(iter(values))
            raise ConfigError(f"unknown option {prefix}.{key}: this plugin takes no options")
        return None
    attrs.resolve_types(options_class)
    fields = {field.name: field for field in attrs.fields(options_class)}
    for key in values:
        if key not in fields:
            raise ConfigError(
                f"unknown option {prefix}.{key}; known: "
                + ", ".join(f"{prefix}.{name}" for name in fields)
            )
    try:
        return _converter.structure(dict(values), options_class)
    except cattrs.BaseValidationError as error:
        own = _plugin_error(error)
        if own is not None:
            raise own from None
        for key, value in values.items():
            field = fields[key]
            try:
                _converter.structure(value, field.type)
            except Exception:
                raise ConfigError(
                    f"option {prefix}.{key}={value!r}: expected {_type_name(field.type)}"
                ) from None
        raise ConfigError(f"options {prefix}.*: {cattrs.transform_error(error)[0]}") from None


def parse_option_pairs(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``-o key=value`` pairs into a dict; the key must be namespaced."""
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ConfigError(f"option {pair!r} is not KEY=VALUE; write e.g. -o agent.reasoning_turns=2")
        if not key.startswith(("agent.", "client.", "env.", "executor.")):
            raise ConfigError(
                f"option key {key!r} needs a prefix: agent.KEY, client.KEY, env.NAME.KEY or executor.KEY"
            )
        options[key] = value
    return options
