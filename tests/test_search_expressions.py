from store.search import fts5_expression, tsquery_expression


def test_fts5_groups_alternatives_and_quotes_terms() -> None:
    groups = [["strike", "air strike"], ["Bukamal"]]
    assert fts5_expression(groups, require_all=True) == '("air strike" OR "strike") AND ("bukamal")'
    assert fts5_expression(groups, require_all=False) == '("air strike" OR "strike") OR ("bukamal")'


def test_tsquery_uses_phrase_operator() -> None:
    groups = [["air strike"], ["bukamal"]]
    assert tsquery_expression(groups, require_all=True) == "(air <-> strike) & (bukamal)"


def test_query_syntax_in_user_text_is_neutralised() -> None:
    groups = [['"); DROP TABLE', "NEAR(x"], ["*"]]
    assert fts5_expression(groups, require_all=True) == '("drop table" OR "near x")'
    assert tsquery_expression(groups, require_all=False) == "(drop <-> table | near <-> x)"


def test_no_words_no_expression() -> None:
    assert fts5_expression([["?!"]], require_all=True) is None
