"""A balrog client that runs GGUF models with llama.cpp in a child process."""
