"""Loading every installed plugin must stay cheap: `balrog --help`, `balrog plugins list`
and every worker process pay for it. Game engines, model runtimes and plotting libraries
are imported only when an episode, a client or a report is built."""

import json
import subprocess
import sys

HEAVY = ["minigrid", "nle", "minihack", "crafter", "textworld", "litellm", "matplotlib", "ray",
         "llama_cpp", "spacy", "gymnasium", "torch", "openai"]

PROBE = f"""
import json, sys
from balrog_core.registry import get_registry
from balrog_core.plugins import failed_plugins
registry = get_registry()
print(json.dumps({{
    "heavy": sorted(m for m in {HEAVY!r} if m in sys.modules),
    "envs": registry.names("env"),
    "failed": [f.name for f in failed_plugins()],
}}))
"""


def test_loading_all_plugins_imports_no_engine():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["failed"] == []
    assert "babyai" in loaded["envs"]
    assert loaded["heavy"] == []
