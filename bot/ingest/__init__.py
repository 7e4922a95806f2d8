"""Getting articles in: files, pasted text, links, feeds and Telegram forwards."""
