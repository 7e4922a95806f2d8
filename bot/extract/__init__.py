"""Finding attributions (who said what, to whom) in article text."""

from bot.extract.model import ExtractedAttribution, Span, Stance

__all__ = ["ExtractedAttribution", "Span", "Stance"]
