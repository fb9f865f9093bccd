"""Paired comparison of two runs on the episodes they share.

Episodes pair on (env, task, index, seed): the same game, so the difference B − A removes
the game-to-game variance. Per env the statistic is the mean difference; overall it is the
unweighted mean of the env differences (as the BALROG overall score is). Uncertainty:

- a 95% percentile bootstrap interval, resampling episodes within each env (stratified);
- a two-sided paired permutation p-value: flip the sign of each difference at random,
  ``p = (1 + #{|stat*| >= |stat|}) / (1 + resamples)``.

Both use ``numpy.random.default_rng(seed)``, drawing first the bootstrap indices of every
env (envs in sorted order, an array of shape (resamples, n)), then the signs (same order,
``rng.choice([-1.0, 1.0], size=(resamples, n))``), so results reproduce exactly.
Failed episodes (errors) in either run are left out, as they are from the scores.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from balrog_core import ConfigError

from .loading import LoadedRun
from .protocol import protocol_differences

if TYPE_CHECKING:
    import numpy as np

__all__ = ["paired_episodes", "paired_statistics", "compare_runs", "RESAMPLES"]

RESAMPLES = 10_000
_TOLERANCE = 1e-12


def paired_episodes(run_a: LoadedRun, run_b: LoadedRun) -> dict[str, dict[str, Any]]:
    """Per env: the pair keys and the progressions of A and B, both runs succeeded."""
    def scored(run: LoadedRun) -> dict[tuple[str, str, int, int], float]:
        return {(r.env, r.task, r.index, r.seed): r.progression for r in run.records if not r.failed}

    a, b = scored(run_a), scored(run_b)
    pairs: dict[str, dict[str, Any]] = {}
    for key in sorted(set(a) & set(b)):
        group = pairs.setdefault(key[0], {"keys": [], "a": [], "b": []})
        group["keys"].append(key)
        group["a"].append(a[key])
        group["b"].append(b[key])
    return pairs


def _p_value(observed: float, resampled: np.ndarray) -> float:
    import numpy as np

    extreme = np.abs(resampled) >= abs(observed) - _TOLERANCE
    return float((1 + extreme.sum()) / (1 + resampled.size))


def paired_statistics(differences: dict[str, np.ndarray], resamples: int = RESAMPLES,
                      seed: int = 0, confidence: float = 0.95) -> dict[str, Any]:
    """Mean difference, bootstrap interval and sign-flip p-value per env and overall."""
    import numpy as np

    if resamples < 1:
        raise ConfigError(f"resamples must be at least 1, got {resamples}")
    envs = sorted(differences)
    rng = np.random.default_rng(seed)
    boots = {env: differences[env][rng.integers(0, len(differences[env]), size=(resamples, len(differences[env])))].mean(axis=1)
             for env in envs}
    flips = {env: (rng.choice([-1.0, 1.0], size=(resamples, len(differences[env]))) * differences[env]).mean(axis=1)
             for env in envs}
    tail = (1 - confidence) / 2 * 100

    def summarise(mean: float, boot: np.ndarray, flip: np.ndarray, n: int) -> dict[str, Any]:
        low, high = np.percentile(boot, [tail, 100 - tail])
        return {"n": n, "mean_difference": mean, "ci_low": float(low), "ci_high": float(high),
                "p_value": _p_value(mean, flip)}

    result: dict[str, Any] = {"envs": {}}
    for env in envs:
        result["envs"][env] = summarise(float(differences[env].mean()), boots[env], flips[env], len(differences[env]))
    if envs:
        result["overall"] = summarise(
            float(np.mean([differences[env].mean() for env in envs])), np.mean([boots[e] for e in envs], axis=0),
            np.mean([flips[e] for e in envs], axis=0), sum(len(differences[e]) for e in envs),
        )
        result["overall"]["envs"] = len(envs)
    return result


def compare_runs(run_a: LoadedRun, run_b: LoadedRun, resamples: int = RESAMPLES, seed: int = 0) -> dict[str, Any]:
    """Everything ``balrog compare`` reports: paired statistics, means of each side,
    unpaired episodes and protocol differences."""
    import numpy as np

    pairs = paired_episodes(run_a, run_b)
    if not pairs:
        raise ConfigError(
            f"runs {str(run_a.path)!r} and {str(run_b.path)!r} share no episode (same env, task, index "
            "and seed); compare runs played with the same --seed and tasks"
        )
    differences = {env: np.asarray(g["b"], dtype=float) - np.asarray(g["a"], dtype=float) for env, g in pairs.items()}
    stats = paired_statistics(differences, resamples, seed)
    for env, group in pairs.items():
        stats["envs"][env]["mean_a"] = float(np.mean(group["a"]))
        stats["envs"][env]["mean_b"] = float(np.mean(group["b"]))
    stats["overall"]["mean_a"] = float(np.mean([stats["envs"][e]["mean_a"] for e in stats["envs"]]))
    stats["overall"]["mean_b"] = float(np.mean([stats["envs"][e]["mean_b"] for e in stats["envs"]]))
    paired = sum(len(g["keys"]) for g in pairs.values())
    return {
        "a": {"label": run_a.label, "path": str(run_a.path), "episodes": len(run_a.records)},
        "b": {"label": run_b.label, "path": str(run_b.path), "episodes": len(run_b.records)},
        "difference": "B - A (progression points)",
        "paired_episodes": paired,
        "unpaired": {"a": len(run_a.records) - paired, "b": len(run_b.records) - paired},
        "method": {"bootstrap": "percentile, stratified by env", "confidence": 0.95,
                   "permutation": "paired sign-flip, two-sided", "resamples": resamples, "seed": seed},
        "warnings": protocol_differences(run_a, run_b),
        **stats,
    }
