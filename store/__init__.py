"""Storing articles, speakers, attributions and feeds in SQL (SQLite or PostgreSQL)."""
