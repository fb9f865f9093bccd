"""Settings that change what a score means. Two runs that differ in any of them are not a
clean comparison, so ``balrog compare`` warns about each difference."""

from __future__ import annotations

from typing import Any

from .loading import LoadedRun

__all__ = ["protocol_differences", "PROTOCOL_FIELDS"]

PROTOCOL_FIELDS = {
    "vision": "vision mode",
    "history": "history length",
    "image_history": "image history",
    "merge_roles": "merged chat roles",
    "protocol": "protocol (what the model is shown)",
    "parse": "answer parsing",
    "constrain_actions": "constrained decoding",
    "max_steps": "step cap",
    "temperature": "temperature",
    "max_tokens": "max output tokens",
    "scorer": "scorer",
    "seed": "base seed",
}
_DECODING_WORDS = ("constrain", "guided", "grammar", "structured")


def _option_label(key: str) -> str:
    if any(word in key.lower() for word in _DECODING_WORDS):
        return f"constrained decoding option {key}"
    if key.startswith("agent."):
        return f"agent option {key}"
    if key.startswith("env."):
        return f"env option {key}"
    return f"option {key}"


def _seeds(run: LoadedRun) -> dict[tuple[str, str, int], int]:
    return {(r.env, r.task, r.index): r.seed for r in run.records}


def protocol_differences(run_a: LoadedRun, run_b: LoadedRun) -> list[str]:
    """One readable line per setting that differs between the runs, and per departure of
    either run from the reference protocol (as its run.json names them)."""
    a, b = run_a.config, run_b.config
    warnings = []
    for label, run in (("A", run_a), ("B", run_b)):
        for deviation in run.meta.get("protocol_deviations", []):
            warnings.append(f"{label} departs from the reference protocol: {deviation}")
    for field, label in PROTOCOL_FIELDS.items():
        if a.get(field) != b.get(field):
            warnings.append(f"{label} differs: A {field}={a.get(field)!r}, B {field}={b.get(field)!r}")
    options_a: dict[str, Any] = a.get("options") or {}
    options_b: dict[str, Any] = b.get("options") or {}
    for key in sorted(set(options_a) | set(options_b)):
        if options_a.get(key) != options_b.get(key):
            warnings.append(f"{_option_label(key)} differs: A {options_a.get(key)!r}, B {options_b.get(key)!r}")
    seeds_a, seeds_b = _seeds(run_a), _seeds(run_b)
    shared = set(seeds_a) & set(seeds_b)
    reseeded = sorted(key for key in shared if seeds_a[key] != seeds_b[key])
    if reseeded:
        env, task, index = reseeded[0]
        warnings.append(f"different seeds set: {len(reseeded)} episodes (e.g. {env}/{task}/{index}) were played with "
                        "different seeds and are not paired")
    only = len(set(seeds_a) ^ set(seeds_b))
    if only:
        warnings.append(f"{only} episodes were played by only one of the runs and are not compared")
    return warnings
