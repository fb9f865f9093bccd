import pytest

from balrog_core.harness import get_plugin_manager
from testgame import TestGamePlugin


@pytest.fixture
def testgame():
    """Register the test game plugin for one test."""
    manager = get_plugin_manager()
    plugin = TestGamePlugin()
    manager.register(plugin, name="testgame")
    yield plugin
    manager.unregister(plugin)
