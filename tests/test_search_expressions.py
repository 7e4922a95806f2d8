from store.search import fts5_expression, plan, tsquery_expression
from store.term_stats import TermStats, empty_term_stats


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


def test_an_or_too_big_to_rank_on_postgresql_asks_the_rarest_group_first() -> None:
    base = empty_term_stats("postgresql")
    stats = TermStats(
        documents=1_000_000,
        frequencies={"zorblax": 40, "quonset": 900, "harbour": 3_000},
        stem=base.stem,
    )
    groups = [["harbour"], ["zorblax"], ["quonset"]]
    steps = plan(groups, stats, postgres=True)
    # The OR of all three would match ~3,900 rows, too many to rank: newest of them would be
    # mostly "harbour"'s. One group at a time instead, rarest first, ranked where few match.
    assert [step.expression for step in steps[-3:]] == ["(zorblax)", "(quonset)", "(harbour)"]
    assert [step.ranked for step in steps[-3:]] == [True, True, False]
    # Where the OR can be ranked (SQLite ranks up to 20,000 documents), it stays one query.
    assert plan(groups, stats, postgres=False)[-1].expression == (
        '("zorblax") OR ("quonset") OR ("harbour")'
    )
