"""The only layer that joins sources, extract, store and answer; it owns the transactions."""
