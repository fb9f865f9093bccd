"""``python -m balrog_core`` is the ``balrog`` command."""

from .cli import main

main()
