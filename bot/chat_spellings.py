"""The chat-spelling table: how people spell everyday words in chat -> the word ("hw" -> how,
"b4" -> before).

Used by `bot.text`, which swaps these in (`split_words`) before the phrase table
(`bot.phrases`) runs.
"""

from __future__ import annotations

# Chat spellings of everyday words: what people type -> the word, swapped in before the phrase
# table runs, so "hw long" and "wht time" reach "how long" and "what time".
CHAT_ROWS: tuple[tuple[str, str], ...] = (
    ("wat|wut|wht|wot|whut|wha", "what"), ("y", "why"), ("yr|yrs", "year"), ("thru", "through"),
    ("tmrw|tmr|tmrrw|2morrow", "tomorrow"), ("abt", "about"), ("ppl", "people"),
    ("bc|cuz|coz", "because"), ("b4", "before"), ("smth|sth", "something"),
    ("wen|whn|wn", "when"), ("wer|whr|whre", "where"), ("hu", "who"), ("hw", "how"),
    ("iz", "is"), ("wuz|waz", "was"), ("duz", "does"), ("da|tha|teh", "the"),
    ("dis|tis", "this"), ("dat|tht", "that"), ("dem|em", "them"), ("dey", "they"),
    ("ther|thr", "there"), ("w|wit|wiv", "with"), ("n", "and"),
    ("b", "be"), ("c", "see"), ("o", "of"), ("k|kk", "okay"), ("yu", "you"), ("ure", "youre"),
    ("bout|abut", "about"), ("bcuz|bcz", "because"), ("kno|knw", "know"),
    ("shud|shld", "should"), ("wud|wld", "would"), ("cud|cld", "could"), ("jus|jst", "just"),
    ("lik", "like"), ("hav", "have"), ("ne", "any"), ("nu", "new"), ("rly|rlly|realy", "really"),
    ("prob|probs", "probably"), ("dnt", "dont"), ("cnt", "cant"), ("isn", "isnt"),
    ("doesn|dosnt", "doesnt"), ("didn", "didnt"), ("tnx", "thanks"),
    ("some1|sum1", "someone"), ("any1|ne1", "anyone"), ("every1", "everyone"),
    ("peeps", "people"), ("msg|msgs", "message"), ("serv|svr", "server"),
    ("chnl|chnls", "channel"), ("movi|muvie|moovie", "movie"), ("movis|muvies|moovies", "movies"),
    ("q", "question"), ("qs", "question"), ("gud|gd", "good"), ("gr8", "great"),
    ("mid|goated|trash|overrated|underrated", "good"),  # a verdict, asked ("is it mid")
    ("nite", "night"), ("tonite|2nite", "tonight"), ("2day", "today"),
    ("l8r", "later"), ("w8", "wait"),
)
