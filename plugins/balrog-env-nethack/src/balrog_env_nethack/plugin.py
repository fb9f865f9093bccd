"""Hook implementations (filled below)."""
