import asyncio

from balrog_core import Completion
from balrog_core.client import Client
from balrog_core.throttle import Throttle, ThrottledClient


class Provider(Client):
    """Answers after a short wait; reports rate limits while ``limited`` is set."""

    def __init__(self):
        self.limited = True
        self.in_flight = 0
        self.peak = 0

    async def complete(self, messages):
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        await asyncio.sleep(0.001)
        self.in_flight -= 1
        return Completion(text="ok", rate_limited=int(self.limited))


def test_concurrency_backs_off_on_rate_limits_and_recovers():
    async def scenario():
        provider = Provider()
        throttle = Throttle(16)
        client = ThrottledClient(provider, throttle)
        await asyncio.gather(*(client.complete([]) for _ in range(64)))
        backed_off = throttle.limit
        provider.limited = False
        provider.peak = 0
        for _ in range(40):
            await asyncio.gather(*(client.complete([]) for _ in range(32)))
        return backed_off, throttle, provider

    backed_off, throttle, provider = asyncio.run(scenario())
    assert backed_off < 3
    assert throttle.lowest == 1 and throttle.decreases > 5
    assert throttle.limit == 16
    assert provider.peak == 16
    assert throttle.report()["current"] == 16
