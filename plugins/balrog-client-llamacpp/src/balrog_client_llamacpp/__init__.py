"""A balrog client that runs GGUF models in-process with llama.cpp."""
