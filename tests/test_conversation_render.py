def test_quoted_words_lose_the_articles_own_marks() -> None:
    from bot.conversation.render import strip_quote_marks

    assert strip_quote_marks("“No member carried out attacks,”") == "No member carried out attacks"
    assert strip_quote_marks('"It is over."') == "It is over."
    assert strip_quote_marks("plain paraphrase") == "plain paraphrase"
