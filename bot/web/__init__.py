"""The read-only web view: an article with its attributions marked, a speaker, a dispute."""
