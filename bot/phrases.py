"""The phrase table: what people type -> the one spelling both the index and the question use.

Used by `bot.text` (which builds `PHRASES` from it). Keep it small: every row is a claim
that the two sides mean the same thing here. Variants are separated by "|"; a canonical
spelling of several words stands for all of them ("premiere" -> "premiere release").
"""

from __future__ import annotations

ROWS: tuple[tuple[str, str], ...] = (
    # franchise shorthand
    ("jw|jwick|johnwick", "john wick"),
    ("ch|chap|chapt|chpt", "chapter"),
    ("parabellum", "chapter 3"),  # John Wick: Chapter 3 - Parabellum
    ("keanu", "keanu reeves"),
    # releases: "when does X come out" == "X release date" == "X premiere"
    ("release date|release dates|come out|comes out|coming out|came out|out"
     "|release|releases|released|releasing|drop|drops|dropping", "release"),
    # related, not the same: the word stays and "release" joins it
    ("premiere|premieres|premiered|premiering|premier|premiers", "premiere release"),
    ("date|dates", "release"), ("debut|debuts|debuted", "debut release"),
    ("find out|check out", "find"),  # not releases
    # people: "who plays", "actor", "cast", "starring" all ask for the cast
    ("cast|casting|actor|actors|actress|actresses|acted|acts|acting|play|plays|played"
     "|playing|portray|portrays|portrayed|star|stars|starring|starred|played by|voice|voices"
     "|voiced|voicing", "cast"),
    ("role|roles|character|characters", "role"),
    ("wrote|written|writer|writers|screenplay|screenwriter|screenwriters|script", "writer"),
    # runtime and rating
    ("runtime|runtimes|run time|running time|length|duration|minutes|mins|hours|hrs"
     "|how long|how many minutes|how many hours|how many mins", "runtime"),
    ("how long until|how long till|how long before|how long til", "release"),
    ("rated|rating|ratings|age rating|mpaa|certificate|certification|classification"
     "|r rated", "rating"),
    # kinds of title
    ("movie|movies|film|films|flick|flicks", "film"),
    ("series|tv series|tv show|show|shows|miniseries", "series"),
    ("post credits|post credit|postcredits|after credits|after credit|after the credits"
     "|end credits|mid credits|midcredits|stinger", "postcredits"),
    ("first john wick", "john wick 1"), ("second john wick", "john wick 2"),
    ("synopsis|premise|summary|storyline", "plot"),
    ("soundtrack|soundtracks|composer|music|ost", "music"),
    ("box office|boxoffice|gross|grossed|grosses|earned|earnings|revenue", "boxoffice"),
    ("spin off|spin offs", "spinoff"),
    ("netflix", "netflix stream"), ("hulu", "hulu stream"), ("peacock", "peacock stream"),
    ("starz", "starz stream"), ("prime video", "prime stream"),
    ("dad|dads|daddy", "father"), ("mom|moms|mum", "mother"),
    ("came up with|come up with|created|creator|creators|invented|inventor", "creator"),
    ("year old|years old|family friendly|kid friendly", "rating"),  # "ok for a 12 year old"
    # a Discord server's own words
    ("mod|mods", "moderator"),
    ("unban|unbanned", "ban"),
    ("dm|dms|pm|pms|direct message|direct messages|private message|private messages",
     "dm"),
    ("pic|pics|picture|pictures|image|images|photo|photos|gif|gifs", "image"),
    ("perm|perms", "permission"),
    ("yt|youtube", "youtube"),
    ("promote|promoting|advertise|advertising|advert|ads|shill|self promo|promo", "promote"),
    ("watchalong|watchalongs|watch along|watch party|watch parties|watchparty", "watchparty"),
    ("trivia|quiz|quizzes", "trivia"),
    ("booster|boosters", "boost"), ("nitro", "nitro boost"),
    ("username|usernames|nicknames|nick|nicks|display name|display names", "nickname"),
    ("suggestion|suggestions|suggest|feedback", "idea"),
    ("admin|admins|administrator|administrators|owner|owners", "staff"),
    ("privately", "dm"),
    ("ai art|ai generated|ai generator|ai generators|image generator|image generators"
     "|midjourney|dalle|stable diffusion", "ai art"),
    ("spanish", "spanish language"), ("french", "french language"),
    ("german", "german language"), ("portuguese", "portuguese language"),
    # the film business
    ("full cast|whole cast|entire cast|cast list", "cast"),
    ("director of photography|cinematography|dp|dop", "cinematographer"),
    ("edited|editing", "editor"),
    ("how much money|make money|made money", "boxoffice"),
    ("moviegoer|moviegoers|viewer|viewers|audiences|general audience", "audience"),
    ("watch at home|on demand", "stream"), ("digital|digitally", "digital stream"),
    ("what time|what day|which day", "when"),
    ("younger", "young"),
    # everyday shorthand and fan words
    ("how 2", "how to"), ("hop in|hop on|hop into", "join"),
    # "2" and "4" are "to" and "for" only after a word that takes them
    ("want 2|wanna 2", "want to"), ("go 2|going 2|goin 2|gonna 2", "go to"),
    ("have 2|has 2|had 2|hav 2", "have to"), ("need 2|needs 2", "need to"),
    ("ok 2|okay 2", "ok to"), ("able 2", "able to"), ("allowed 2", "allow to"),
    ("got 2", "got to"), ("talk 2", "talk to"), ("where 2|wer 2", "where to"),
    ("what 2|wat 2", "what to"), ("ok 4|okay 4", "ok for"), ("good 4|gud 4", "good for"),
    ("safe 4", "safe for"), ("wait 4", "wait for"),
    ("rn", "right now"), ("dunno", "know"),
    ("ep|eps", "episode"), ("szn", "season"), ("vid|vids", "video"),
    ("fav|fave|favourite", "favorite"),
    ("flop|flops|flopped|bombed|tanked", "boxoffice"),
    ("teaser|teasers", "trailer"),
    ("bad guy|bad guys|big bad|antagonist|antagonists|villains", "villain"),
    ("gunsmith|gun guy|weapons guy|weapons dealer|arms dealer|armourer", "armorer"),
    ("baba yaga|boogeyman|boogie man|bogeyman", "john wick"),
    ("pg 13|pg", "rating"), ("irl", "real life"),
    # Discord words
    ("pfp|pfps|avatar|avatars", "profile image"), ("emote|emotes|emoticon|emoticons", "emoji"),
    ("lvl|lvls", "level"), ("vc|vcs", "voice channel"), ("modmail|mod mail", "moderator mail"),
    ("gaw|gaws", "giveaway"), ("fanart|fanarts", "fan art"),
    ("fanfic|fanfics|fan fic|fan fics|fanfiction", "fan fiction"),
    ("whats", "what"), ("whos", "who"), ("wheres", "where"), ("whens", "when"),
    ("hows", "how"),
    # numerals that are never anything else
    ("ii", "2"), ("iii", "3"), ("iv", "4"), ("vi", "6"), ("vii", "7"), ("viii", "8"),
    ("ix", "9"), ("third", "3"), ("fourth", "4"), ("fifth", "5"), ("sixth", "6"),
)

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
    ("nite", "night"), ("tonite|2nite", "tonight"), ("2day", "today"),
    ("l8r", "later"), ("w8", "wait"),
)
