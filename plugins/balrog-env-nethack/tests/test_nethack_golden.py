"""The text observation of fixed episodes, compared with the pinned text exactly.

Regenerate after an intended change with ``python tests/nethack_golden_cases.py``.
"""

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "balrog_nethack_golden_cases", Path(__file__).with_name("nethack_golden_cases.py"))
_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cases)
CASES, GOLDEN, play_case = _cases.CASES, _cases.GOLDEN, _cases.play_case


@pytest.mark.parametrize("case", sorted(CASES))
def test_text_observation_matches_golden(case):
    assert play_case(case) == (GOLDEN / f"{case}.txt").read_text()
