import pytest

from bot.markup import without_markup


@pytest.mark.parametrize(("text", "plain"), [
    ("<@&1> @everyone who directed ballerina", "who directed ballerina"),
    ("hey <@!42>, see <#7> for <:wick:123> <a:dance:9> info @here", "hey , see for info"),
    ("premiere <t:1749168000:R> or <t:1749168000>?", "premiere or ?"),
    ("use </faq:1234> please", "use please"),
    ("<@123>", ""),
    ("mail eve@here.com, not @heresy or <@name>", "mail eve@here.com, not @heresy or <@name>"),
    ("who plays   eve", "who plays eve"),
])
def test_markup_goes_words_stay(text: str, plain: str) -> None:
    assert without_markup(text) == plain


def test_escape_markdown_shows_typed_text_as_typed() -> None:
    from bot.markup import escape_markdown

    assert escape_markdown("*Rewatch* __night__") == r"\*Rewatch\* \_\_night\_\_"
    assert escape_markdown("~~a~~ ||b|| `c` [d](e) <t:0:R> f\\g") == \
        r"\~\~a\~\~ \|\|b\|\| \`c\` \[d\](e) \<t:0:R\> f\\g"
    assert escape_markdown("# not a heading\n- nor a list\nmid-word # stays") == \
        "\\# not a heading\n\\- nor a list\nmid-word # stays"
    assert escape_markdown("John Wick: Chapter 4 – Paris") == "John Wick: Chapter 4 – Paris"


def test_a_message_of_only_zero_width_characters_has_no_question() -> None:
    assert without_markup("\u200b <@1> \ufeff") == ""
    assert without_markup("\u200bwho directed ballerina\u200b") == "who directed ballerina"
