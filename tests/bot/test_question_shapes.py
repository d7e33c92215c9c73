"""Question shapes the phrase table cannot say (`bot.question_shapes`), through `terms`."""

from __future__ import annotations

from bot.text import terms


def test_how_much_a_film_made_is_its_box_office() -> None:
    assert "boxoffice" in terms("how much did ballerina make")
    assert "boxoffice" in terms("how much has john wick made in total")
    assert "boxoffice" in terms("how much did it pull in worldwide")
    assert "boxoffice" not in terms("how much did they pull the date")
    for text in ("how much did ballerina cost to make", "who made ballerina",
                 "how much did the director make", "how much did keanu earn",
                 "how much of ballerina did stahelski make", "how do i make a ticket"):
        assert "boxoffice" not in terms(text), text


def test_what_you_get_for_something_is_its_perks() -> None:
    for text in ("what do i get for boosting", "wat do boosters get tho", "what does level 10 get you"):
        assert "perk" in terms(text), text
    for text in ("what do i need to get verified", "how do i get roles"):
        assert "perk" not in terms(text), text
    assert terms("what perks do i get").count("perk") == 1


def test_asking_leave_to_talk_about_something_asks_whether_it_is_allowed() -> None:
    assert "allow" in terms("can i talk about the ending") and "allow" in terms(
        "is it ok to discuss the ending")
    assert "allow" not in terms("we talk about it") and "allow" not in terms("talk to a mod")


def test_pushed_back_with_words_between_is_a_delay() -> None:
    assert "delay" in terms("why did they push ballerina back a whole year")
    assert terms("ballerina was pushed back").count("delay") == 1
    assert "delay" not in terms("come back later") and "delay" not in terms("push the button")


def test_seeing_only_some_channels_is_verification() -> None:
    for text in ("i can only see the welcome channel",
                 "all i can see are two channels, the greeting one and the rules"):
        assert "verify" in terms(text), text
    for text in ("i can only see chapter 4 on peacock", "can we all see the watch party channel",
                 "all i can see is ballerina on my watchlist"):
        assert "verify" not in terms(text), text


def test_the_asker_playing_asks_where_a_game_runs() -> None:
    for text in ("what can i play john wick hex on", "can you play hex on a mac",
                 "where can i play john wick hex"):
        assert "release" in terms(text) and "cast" not in terms(text), text
    for text in ("who plays in hex", "who do you play as in hex", "who played helen"):
        assert "cast" in terms(text) and "release" not in terms(text), text
