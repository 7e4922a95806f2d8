"""Answering questions from the stored attributions."""
