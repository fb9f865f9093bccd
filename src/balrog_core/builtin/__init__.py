"""The core's own agents and scorers, registered through the same hooks as any plugin."""
