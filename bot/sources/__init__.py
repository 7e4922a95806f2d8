"""Getting articles in: files, links, web pages and feeds, each made an ``ArticleDraft``
without touching the database."""
