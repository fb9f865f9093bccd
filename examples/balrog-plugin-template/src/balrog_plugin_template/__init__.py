"""A minimal balrog plugin, to copy."""
