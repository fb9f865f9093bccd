"""TextWorld for balrog: three game families of the BALROG protocol, rebuilt from seeds."""

__all__: list[str] = []
