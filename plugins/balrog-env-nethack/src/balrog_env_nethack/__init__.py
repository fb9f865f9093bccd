"""NetHack (NLE) and MiniHack games for balrog: a language observation written from NLE's
observation arrays, a named action vocabulary, the BALROG progression table, a navigation
oracle, and an offline Boxoban level generator checked by a solver."""
