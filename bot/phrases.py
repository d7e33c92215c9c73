"""The phrase table: what people type -> the one spelling both the index and the question use.

Used by `bot.text` (which builds `PHRASES` from it). Every row is a claim that the two sides
mean the same thing here, so a row earns its place on DEV and the stress sets. Variants are
separated by "|"; a canonical spelling of several words stands for all of them ("premiere" ->
"premiere release").
"""

from __future__ import annotations

ROWS: tuple[tuple[str, str], ...] = (
    # franchise shorthand
    ("jw|jwick|johnwick", "john wick"),
    ("ch|chap|chapt|chpt", "chapter"),
    ("parabellum", "chapter 3"),  # John Wick: Chapter 3 - Parabellum
    ("keanu", "keanu reeves"),
    # one name, not a title and a word: "mr" alone or "nobody" (a film of its own) is not it
    ("mr nobody|mister nobody", "mrnobody"),
    # releases: "when does X come out" == "X release date" == "X premiere"
    ("release date|release dates|come out|comes out|coming out|came out|out"
     "|release|releases|released|releasing|drop|drops|dropping", "release"),
    # related, not the same: the word stays and "release" joins it
    ("premiere|premieres|premiered|premiering|premier|premiers", "premiere release"),
    # seeing a film with no earlier ones: "can i go in blind" asks whether it stands alone
    ("go in blind|going in blind|go into it blind|goes in blind|went in blind|watch it blind"
     "|go in cold|going in cold|went in cold|stand alone|standalone|stands alone|be lost"
     "|be confused|be completely lost|be totally lost",
     "standalone"),
    # where a game runs is part of its release: "what can i play hex on", "which consoles"
    ("platform|platforms|console|consoles|play it on|play this on|play that on"
     "|play hex on|play the game on|playable on", "release"),
    ("date|dates", "release"), ("debut|debuts|debuted", "debut release"),
    ("hit theaters|hit theatres|hit cinemas|countdown|countdowns|count down|timer", "release"),
    ("find out|check out|figure out|figured out|figuring out|work out|worked out", "find"),  # not releases
    ("hang out|hanging out|sold out|freak out|freaked out", "be"),  # nor these
    ("tonight|tonite|evening|evenings", "night"),  # "trivia tonight?" asks when trivia night is
    # people: "who plays", "actor", "cast", "starring" all ask for the cast
    ("cast|casting|actor|actors|actress|actresses|acted|acts|acting|play|plays|played"
     "|playing|portray|portrays|portrayed|star|stars|starring|starred|played by|voice|voices"
     "|voiced|voicing", "cast"),
    ("role|roles|character|characters", "role"),
    ("wrote|written|writer|writers|screenplay|screenwriter|screenwriters|script|scripts"
     "|writing|writes", "writer"),
    ("newbie|noob|newcomer|newcomers|beginner|beginners|first timer", "newcomer"),
    # runtime and rating
    ("runtime|runtimes|run time|running time|length|duration|minutes|mins|hours|hrs"
     "|how long|how many minutes|how many hours|how many mins", "runtime"),
    ("how long until|how long till|how long before|how long til", "release"),
    ("rated|rating|ratings|age rating|mpaa|certificate|certification|classification"
     "|r rated", "rating"),
    # kinds of title
    ("movie|movies|film|films|flick|flicks", "film"),
    ("earlier movies|earlier films|previous movies|previous films", "film"),  # no time asked
    ("series|tv series|tv show|show|shows|miniseries", "series"),
    ("post credits|post credit|postcredits|after credits|after credit|after the credits"
     "|end credits|mid credits|midcredits|stinger", "postcredits"),
    ("first john wick", "john wick 1"), ("second john wick", "john wick 2"),
    ("third john wick", "john wick 3"), ("fourth john wick", "john wick 4"),
    ("fifth john wick", "john wick 5"),
    ("synopsis|premise|summary|storyline", "plot"),
    ("soundtrack|soundtracks|composer|music|ost", "music"),
    ("box office|boxoffice|gross|grossed|grosses|earned|earnings|revenue", "boxoffice"),
    ("spin off|spin offs", "spinoff"),
    ("netflix", "netflix stream"), ("hulu", "hulu stream"), ("peacock", "peacock stream"),
    ("starz", "starz stream"), ("prime video", "prime stream"),
    ("dad|dads|daddy", "father"), ("mom|moms|mum", "mother"),
    ("came up with|come up with|created|creator|creators|invented|inventor", "creator"),
    ("year old|years old|family friendly|kid friendly", "rating"),  # "ok for a 12 year old"
    ("my son|my daughter|my kid|my kids|my child|my children|my teen|my teenager"
     "|my little brother|my little sister|my younger brother|my younger sister|my nephew"
     "|my niece", "kid"),  # "can my son watch it": an age rating question
    # a Discord server's own words
    ("mod|mods", "moderator"),
    ("unban|unbanned", "appeal ban"),  # undoing a ban is what an appeal asks
    ("looked at again|look at again|reconsider|reconsidered|second chance|lift my ban"
     "|lift the ban|ban lifted|overturn|overturned", "appeal"),
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
    ("feature request|feature requests|request a feature|proposal|proposals|propose|proposing"
     "|improve the server|improvements to the server|server improvement|server improvements"
     "|make the server better|idea box", "idea"),
    ("admin|admins|administrator|administrators|owner|owners", "staff"),
    ("privately", "dm"),
    ("ai art|ai generated|ai generator|ai generators|image generator|image generators"
     "|midjourney|dalle|stable diffusion", "ai art"),
    ("spanish", "spanish language"), ("french", "french language"),
    ("german", "german language"), ("portuguese", "portuguese language"),
    # the film business
    ("full cast|whole cast|entire cast|cast list|cast lists|full cast list|whole cast list"
     "|entire cast list", "cast"),
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
    # when something happened, not how long a film lasts
    ("last week|last month|last year|last night|last weekend|last time|last summer"
     "|last winter", "before"),
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
    ("fanfic|fanfics|fan fic|fan fics|fanfiction|story i wrote", "fan fiction"),
    ("reach out|get in touch", "contact"),  # not bare "reach": "reach level 10"
    ("reach a mod|reach the mods|reach mods|reach a moderator|reach the moderators",
     "contact moderator"),
    ("reach the staff|reach staff|reach an admin|reach the admins", "contact staff"),
    ("whats", "what"), ("whos", "who"), ("wheres", "where"), ("whens", "when"),
    ("hows", "how"),
    # --- server and Discord vocabulary, written clean-room (from general knowledge, never
    # from the benchmark questions), then checked on DEV and the stress sets
    # --- verification / getting access to channels
    ("verify|verifies|verified|verifying|verification|unverified|get verified|captcha|captchas"
     "|membership screening", "verify"),  # captcha = the usual verification gate
    # "why can't I see any channels" is an access / verification question
    ("see channels|see the channels|see any channels|see all channels|see other channels"
     "|see more channels|hidden channel|hidden channels|locked channel|locked channels"
     "|channel access|access channels|access the channels|access to channels|unlock channels"
     "|unlock the channels", "channel access verify"),
    ("access", "access verify"),  # getting access to a server is verifying
    ("rest of", "other of"),  # "the rest of the server": no topic in "rest"
    # "voice" alone folds to cast, so "voice chat" was read as "cast chat"; FAQ text saying
    # "voice channel" now also reaches what "vc" reaches
    ("voice channel|voice channels|voice chat|voice chats|voicechat|voicechats|voice call"
     "|voice calls", "voice channel"),
    # --- levels / XP
    ("xp|experience point|experience points", "xp level"),  # not "exp": "work exp"
    ("level up|levels up|leveled up|levelled up|leveling up|levelling up|lvl up|rank up|ranks up"
     "|ranked up|ranking up|rankup|levelling|levelled", "level"),  # "levelling" stems to "levell"
    # --- moderation actions
    ("muted|mutes|muting|timeout|timeouts|timed out|timeouted", "mute"),  # Discord timeout = mute
    ("hollywood strike|hollywood strikes", "strik"),  # "strik": the stem of "strike"
    ("mess with|messed with|mess up|messed up", "affect"),
    # not bare "strike": 2023 strikes FAQ
    ("infraction|infractions|strike system|warn points|warning points", "warn"),
    # bare "kick" is a fight move ("best kick in chapter 4"); only the member-removal phrases
    ("kicked from|got kicked|get kicked|been kicked|kicked me|was kicked", "kick ban"),
    ("ban appeal|ban appeals|unban request|unban requests|unban form|appeal form|appeals form",
     "appeal ban"),
    ("contest my ban|contest a ban|contest the ban|dispute my ban|dispute a ban|dispute the ban"
     "|wrongly banned|wrongfully banned|unfairly banned|unfair ban|banned for no reason"
     "|banned by mistake", "appeal ban"),  # not bare "contest": an event
    ("ban evasion|ban evading|ban evade|evading a ban|evade a ban|evading ban|evade ban"
     "|evade my ban", "ban evasion alt account"),
    ("alt account|alt accounts|alt acc|alt accs|second account|second accounts|multiple accounts"
     "|alts", "alt account"),  # not bare "alt": "alt ending"
    ("automod|auto mod|auto moderator|auto moderation|automoderator|word filter|chat filter"
     "|banned words|banned word|blocked words|blocked word|filtered word|filtered words"
     "|blacklisted word|blacklisted words", "automod filter"),
    ("spammer|spammers|spammy|flooding|copypasta|copypastas", "spam"),
    ("scammer|scammers|phishing|phish|phished|fake nitro|nitro scam|nitro scams|scam link"
     "|scam links|suspicious link|suspicious links|malicious link|malicious links", "scam"),
    ("harass|harasses|harassed|harassing|harrass|harrassment|harrassing", "harassment"),
    # --- reports / tickets (bare "ticket" is left alone: cinema tickets)
    ("flag|flags|flagged|flagging", "report"),
    ("support ticket|support tickets|open a ticket|open ticket|open tickets|make a ticket"
     "|create a ticket|ticket channel|ticket system|ticket tool|tickettool", "ticket moderator mail"),
    # --- who runs the server
    ("staff member|staff members|staffer|staffers|staff team|server staff|server team", "staff"),
    ("mod team|modteam|mod squad|moderation team|moderator team|trial mod|trial mods"
     "|trial moderator|trial moderators|junior mod|junior mods|junior moderator", "moderator staff"),
    ("moderation|moderating|moderated", "moderation moderator"),  # not "moderate": BBFC wording
    ("runs the server|run the server|running the server|runs this server|run this server"
     "|runs the discord|run the discord|runs this discord", "staff run server"),
    # "created" alone folds to "creator" (who created John Wick); these are about the server
    ("created the server|created this server|made the server|made this server|started the server"
     "|started this server|founded the server|founded this server|server founder|server founders"
     "|server creator|server creators|creator of the server|creator of this server"
     "|owns the server|owns this server|own the server|own this server|created this discord"
     "|made this discord|in charge of the server|in charge of this server|in charge here"
     "|manages the server|manage the server|server manager|server managers", "staff server"),
    ("created the bot|created this bot|made the bot|made this bot|bot creator|bot creators"
     "|bot developer|bot developers|bot dev|bot devs|coded the bot|coded this bot",
     "bot developer"),  # keeps "who made the bot" off the John Wick creator FAQ
    # --- joining the staff
    ("applies|applied|applying|application|applications", "apply"),  # "apply" itself is canonical
    ("staff app|staff apps|staff application|staff applications|mod app|mod apps"
     "|mod application|mod applications|moderator application|moderator applications"
     "|join the staff|join staff|join the mod team|mod recruitment"
     "|staff recruitment|looking for mods|looking for staff|hiring mods|hiring staff",
     "staff moderator apply"),
    # becoming one ("how do i get mod"), not reaching one ("get a mod", "get mod help")
    ("be a mod|be mod|be a moderator|become mod|become a mod|become moderator"
     "|become a moderator", "becom moderator"),  # "becom": the stem; "get mod": question_shapes
    # --- rules
    ("rule|rules|guideline|guidelines|code of conduct|community guidelines", "rule"),  # not "rul"
    ("policy|policies", "policy rule"),  # "nickname policy": the rules for nicknames
    ("tos|terms of service|discord tos", "tos rule"),  # related: Discord's ToS backs the rules
    ("nsfw|not safe for work|nsfl|lewd|porn|porno|pornography", "nsfw"),
    ("piracy|pirate|pirates|pirated|pirating|bootleg|bootlegs|cam rip|camrip|torrent|torrents"
     "|free link|free links",
     "piracy"),
    # --- spoilers
    ("spoil|spoils|spoiled|spoilt|spoiling|spoilers|spoiler tag|spoiler tags|spoiler warning"
     "|spoiler warnings|spoiler alert", "spoiler"),  # "spoil" stems apart from "spoiler"
    ("ending|endings", "end spoiler"),  # talking about an ending spoils it
    # one token: a canonical "warning" would stop "warning" stemming to "warn"
    ("content warning|content warnings|trigger warning|trigger warnings", "contentwarning"),
    # --- self-promotion (bare "promotion"/"promoted" left out: "promoted to mod")
    ("self promotion|self promotions|self promote|self promoting|selfpromo|self advertising"
     "|self advertise|advertisement|advertisements|adverts|shameless plug",  # not "plug": plug in
     "promote"),
    # one's own channel elsewhere; not bare "stream" (where to stream the films)
    ("my twitch|my twitch channel|my tiktok|my tiktoks|my instagram|my insta|my ig|my twitter"
     "|my socials|my social media|my kick channel|my kick stream|my podcast|my vods|my vod"
     "|my reels|my clips|my stream|my streams|my patreon|my kofi|my ko fi|my website|my blog",
     "youtube channel promote"),
    # --- art, memes, media
    # not "draw/drew": "drew inspiration from"; mind: "the painting in the museum scene"
    ("artwork|artworks|drawing|drawings|sketch|sketches|sketching|sketchbook|sketchbooks|painting|paintings"
     "|illustration|illustrations|doodle|doodles|digital art", "art"),
    # "martial arts" would otherwise stem to "martial art" and hit fan-art FAQs
    ("martial arts|martial art|martialarts|fighting style|fighting styles|fight style"
     "|fight styles|combat style", "martialarts"),
    ("gun fu|gunfu|gun kata", "gunfu martialarts"),
    ("key art|one sheet|one sheets", "poster"),  # film marketing, not fan art
    ("meme|memes|memeing|shitpost|shitposts|shitposting|shitposter", "meme"),
    # not bare "attachment": email attachments
    ("send attachments|post attachments|attachment perms|attachment permission"
     "|attachment permissions|attach files|attach file|attach images|embed perms"
     "|embed permission|embed permissions|embed links|media perms|media permission"
     "|media permissions|file perms", "image permission"),
    # --- events
    ("watch night|watch nights|group watch"
     "|groupwatch|watch together|watching together|teleparty|netflix party|screening party"
     "|community screening|server screening|rewatch party|rewatch parties", "watchparty"),
    ("contest|contests|competition|competitions|tournament|tournaments|tourney|tourneys",
     "contest event"),  # mind: "box office competition"
    ("raffle|raffles|sweepstake|sweepstakes|prize draw|prize draws", "giveaway"),  # not "give away": spoilers
    ("time zone|time zones|timezones|timezone|what time zone|what timezone|which time zone"
     "|which timezone", "timezone"),  # beats "what time" -> when
    # --- emojis, stickers, roles, commands, bots
    ("sticker|stickers", "sticker emoji"),
    ("colour|colours|coloured|colouring", "color"),  # British spelling; colour roles, colour grading
    ("cmd|cmds|slash command|slash commands|slash cmd|slash cmds", "command"),
    # "music" alone is the soundtrack: a music bot is a bot
    ("music bot|music bots", "musicbot bot"),
    # "game" would stem to "gam", so all its forms are listed
    ("game|games|gaming", "game"),
    # --- languages
    ("speak|speaks|speaking|spoke|spoken", "speak language"),  # "what language do they speak"
    ("speak to|speak with|speaking to|speaking with|spoke to|spoke with", "talk to"),  # contact, not language
    ("asl|american sign language", "sign language"),
    ("subtitle|subtitles|subtitled|subbed|captions|caption|captioned|closed captions"
     "|closed captioning", "subtitle"),  # not "subs": subscribers
    # --- names, DMs, misc
    ("change my name|change your name|changed my name|name change|name changes|nick name"
     "|nick names", "nickname"),  # not "renamed": the Rooney/Eve rename FAQ
    ("dming|dmed|dmd|dmmed|dmming|pming|pmed|pmd|pmmed", "dm"),  # too short for the stemmer
    ("bday|bdays|birthday|birthdays|birth day", "birthday"),  # "birthday" would stem to "birthdai"

    # --- film vocabulary, written the same way
    # --- reviews (bare "rating" means the age rating in this table)
    ("critic|critics|critical reception|critically|critic score|critics score|critic scores"
     "|critics consensus|reviewer|reviewers|tomatometer|tomato meter|rotten tomatoes"
     "|rotten tomato|rottentomatoes|metacritic|metascore|meta score|imdb rating|imdb ratings"
     "|imdb score|review score|review scores", "review"),
    ("first reactions|early reactions|social reactions|press reactions|press reviews"
     "|critical response|critical consensus|critically acclaimed|reviewed well|reviewed badly",
     "review"),
    ("audience score|audience scores|audience rating|audience ratings|cinemascore|cinema score"
     "|popcornmeter|popcorn meter|user score|user scores|user rating|user ratings|fan score"
     "|fan rating|fan ratings|letterboxd rating", "audience review"),
    # --- age rating / content
    # not "blood": blood oath; no "rating" added: other films' gore
    ("violent|violence|gore|gory|gorey|graphic violence", "violence"),
    # film-only phrases; not "safe for kids" (toys, games) nor "(in)appropriate" (server rules)
    ("parents guide|parental guide|parental guidance|parents guidance|too young to watch"
     "|old enough to watch", "rating"),
    # --- crew
    # stem of directed/directing; not "director": the character
    ("helmed|helmer|helmers|helming|helms", "direct"),
    ("produced|produces|producing|producer|producers|exec producer|exec producers"
     "|executive producer|executive producers|executive produced", "producer"),
    ("stuntman|stuntmen|stuntwoman|stuntwomen|stunt double|stunt doubles|stunt performer"
     "|stunt performers|stunt team|stunt work|stuntwork|stunt person|stunt people", "stunt"),
    ("choreography|choreographer|choreographers|choreographed|choreograph", "choreography"),
    ("fight choreography|fight choreographer|fight coordinator|fight coordinators|action choreography"
     "|action choreographer|action designer|action design|stunt coordinator"
     "|stunt coordinators|second unit director|second unit", "choreography stunt"),
    ("87 eleven", "87eleven stunt"),  # "87eleven" is split at the digits
    # --- production
    ("reshot|re shoot|re shoots|re shot|re shooting|reshooting|additional photography"
     "|additional filming|additional shooting", "reshoot"),
    ("cost to film|cost to produce|cost to shoot|production cost|production costs"
     "|production budget|cost of production", "budget"),  # not "cost to make": pizza
    ("air|aired|airing|airs|air date|airdate", "release"),  # a series' release
    # who makes a choice: "who picks the film", "how is the film chosen", "who decides"
    # ("choos": the stem of "choose")
    ("pick|picks|picked|choose|chooses|chose|chosen|decide|decides|decided", "choos"),
    ("cameras rolling|cameras roll|cameras rolled|camera rolling|cameras start rolling"
     "|cameras started rolling", "film shoot"),  # not "when the credits start rolling"
    # somewhere else than this server: "use the emojis in *other servers*"
    ("other servers|other server|another server|different server|different servers"
     "|outside the server|outside this server|outside of the server", "elsewhere server"),
    # when a film was shot, not released ("dates" alone is a release)
    ("filming dates|filming date|filming schedule|shooting dates|shooting date|shooting schedule"
     "|shoot dates|production dates|production schedule", "film shoot"),
    # sharing a link, not a release ("when does it drop")
    ("drop my|drop a link|drop links|drop the link|drop some links|drop a clip", "post"),
    # "who leads the ruska roma", not "who are the leads" (the actors)
    ("leader|leaders|led by|boss|in charge of|head of", "leader"),
    ("who leads|who led", "who leader"),
    ("delay|delays|delayed|delaying|postpone|postponed|postpones|postponement|pushed back"
     "|push back|pushes back|moved back|rescheduled|reschedule", "delay"),  # "delayed" stems to "delai"
    ("cancelled|canceled|cancel|cancels|cancelling|canceling|cancellation|axed|scrapped|shelved",
     "cancel"),
    ("greenlit|greenlight|greenlighted|green lit|green light|green lighted|greenlighting", "confirm"),
    # --- money
    ("profitable|unprofitable|profitability|break even|broke even|breakeven", "profit"),
    ("opening weekend|opening weekends|first weekend|ticket sales|tickets sold", "boxoffice"),
    ("get ready|got ready", "prepar"),  # "prepar": the stem of "prepare"
    # --- release, theaters, home release
    ("theatre|theatres|theatrical|theatrically|cinema|cinemas|movie theater|movie theaters"
     "|movie theatre|movie theatres|big screen", "theater"),  # mind: "cinema" the art form
    # mind: "overseas shipping"
    ("internationally|overseas|outside the us|outside of the us|outside the usa"
     "|outside america|outside of america|outside north america", "international"),
    ("early screening|early screenings|advance screening|advance screenings|fan screening"
     "|fan screenings|opening night", "premiere release"),
    ("pvod|vod|premium vod|video on demand|premium video on demand",  # not "rental": cars
     "rent digital stream"),
    ("blu ray|bluray|blu rays|blurays|dvd|dvds|steelbook|steelbooks|physical release"
     "|physical media|home release|home media|home video",
     "bluray digital release"),  # mind: same FAQ as digital in the shipped data
    ("purchase|purchases|purchased|purchasing", "buy"),
    ("upcoming|coming soon|in development|future projects|future movies|future films"
     "|next project|next projects", "upcoming"),  # "upcoming" would stem to "upcom"
    # --- story, canon, franchise
    ("chronology|chronological|chronologically|story order|timeline order|in universe order"
     "|timeline|timelines|slot in|slots in", "timeline"),
    ("canonical|canonically|canonicity|non canon|noncanon|noncanonical", "canon"),
    ("backstory|backstories|back story|back stories|origin story|origin stories", "backstory"),
    ("protagonist|protagonists|main character|main characters|lead character|lead characters"
     "|lead role|leading role|leading lady|leading man|title character|heroine",
     "protagonist role"),
    # "show" alone is the series; "shows up" is an appearance
    ("show up|shows up|showed up|showing up|shown up|appearance|appearances", "appear"),
    ("excommunicated|excommunicate|excommunication", "excommunicado"),  # mind: the church sense
    ("blood oath|blood oaths|blood marker|blood markers", "marker"),
    ("graphic novel|graphic novels|comic book|comic books", "comic"),
    # --- trailers and music
    # "promo" alone folds to promote
    ("tv spot|tv spots|promo clip|promo clips|featurette|featurettes", "trailer"),
    ("film score|movie score|musical score|original score|scored by|composed by"
     "|tracklist|track list|needle drop|needle drops", "music"),  # not bare "song"/"composed": off-topic
    ("rumour|rumours|rumoured", "rumor"),
    ("merchandise|merchandize|merchandising", "merch"),
    # numerals that are never anything else
    ("ii", "2"), ("iii", "3"), ("iv", "4"), ("vi", "6"), ("vii", "7"), ("viii", "8"),
    ("ix", "9"), ("third", "3"), ("fourth", "4"), ("fifth", "5"), ("sixth", "6"),
)
