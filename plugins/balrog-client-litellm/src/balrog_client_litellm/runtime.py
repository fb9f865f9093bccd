"""Loading litellm: late, offline and quiet.

litellm takes seconds to import and, unless told otherwise, fetches its price table from
the network at import time; importing it only when a client is built keeps ``balrog --help``
fast and runs offline.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from types import ModuleType

__all__ = ["load_litellm"]

_LOGGERS = ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy")


@cache
def load_litellm() -> ModuleType:
    """The litellm module, configured to use its bundled cost map and to print nothing.

    Its loggers stay untouched when the user asked for them with ``LITELLM_LOG``.
    """
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    litellm.suppress_debug_info = True
    litellm.set_verbose = False
    if "LITELLM_LOG" not in os.environ:
        for name in _LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)
    return litellm
