"""Play a balrog run's episodes on a Ray cluster: ``balrog run --executor ray``."""

from .options import RayOptions

__all__ = ["RayOptions"]
