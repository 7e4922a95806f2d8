"""Shared fixtures. The local HTTP server lives in ``tests/http_fixtures.py``."""

pytest_plugins = ("tests.http_fixtures",)
