"""Domain errors. Each carries a short message fit to show a user as it is.

The app-command error handler (bot/client.py) and the CLI turn these into an
ephemeral reply or one line on stderr; anything that is not a ConciergeError
is a bug and gets logged with its traceback instead.
"""

from __future__ import annotations

from bot.markup import escape_markdown


class ConciergeError(Exception):
    """Base of every error whose message is meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SettingsError(ConciergeError):
    """The environment is missing or has a bad setting."""


class DatabaseUnusable(ConciergeError):
    """DATABASE_PATH names something SQLite can't open as this bot's store."""

    def __init__(self, path: object, error: Exception) -> None:
        super().__init__(f"DATABASE_PATH {path} can't be used as the bot's database ({error}). "
                         "Point it at a new file or at a database this bot made.")


class FaqNotFound(ConciergeError):
    def __init__(self, what: str | int = "") -> None:
        if isinstance(what, int):  # an id picked earlier (a list, a button, a form), gone since
            super().__init__("That FAQ is gone: it was removed or replaced meanwhile. "
                             "Please start again.")
            return
        detail = f" ({what})" if what != "" else ""  # what the admin typed instead of picking
        super().__init__(
            f"I couldn't find that FAQ{detail}. Pick one from the autocomplete list."
        )


class FaqChanged(ConciergeError):
    """A confirmation's FAQ was edited after it was shown: the confirmation no longer holds."""

    def __init__(self, shown: str, now: str) -> None:
        what = f"“{shown}”" if shown == now else f"“{shown}” (it now asks “{now}”)"
        super().__init__(f"{what} was edited since you asked, so nothing was removed. "
                         "Run /faq-admin remove again if it should go.")


class FaqNotHidden(ConciergeError):
    def __init__(self, what: str = "") -> None:
        detail = f" ({what})" if what else ""  # what the admin typed instead of picking
        super().__init__(f"That FAQ{detail} isn't hidden in this server. "
                         "Pick one from the autocomplete list of hidden FAQs.")


class RestoreBlocked(ConciergeError):
    """A hidden shipped FAQ asks what one of the guild's own FAQs asks now."""

    def __init__(self, question: str) -> None:
        super().__init__(f'This server has its own FAQ asking "{question}". '
                         "Remove that one first if you want the shipped answer back.")


class DuplicateFaq(ConciergeError):
    def __init__(self, question: str) -> None:
        super().__init__(
            f'There is already an FAQ asking "{question}". Edit that one instead.'
        )


class WordingExists(ConciergeError):
    """A question added as another wording of an FAQ already is one."""

    def __init__(self, wording: str, question: str) -> None:
        super().__init__(f'"{escape_markdown(wording)}" is already a way to ask '
                         f'"{escape_markdown(question)}"; nothing changed.')


class TooManyWordings(ConciergeError):
    """An FAQ has as many other wordings (aliases) as it may."""

    def __init__(self, question: str, limit: int) -> None:
        super().__init__(f'"{escape_markdown(question)}" has {limit} other ways to ask it already, '
                         "the most an FAQ may have. Use /faq-admin edit to replace one.")


class EmptyWording(ConciergeError):
    """Another way to ask that is only spaces."""

    def __init__(self) -> None:
        super().__init__("That other way to ask is empty. Type the question the way members "
                         "ask it, then save.")


class MissSettled(ConciergeError):
    """A missed question was answered, added to an FAQ or dismissed since it was listed."""

    def __init__(self) -> None:
        super().__init__("That question was answered, added to an FAQ or dismissed already; "
                         "nothing changed.")


class FieldProblem(ConciergeError):
    """One thing wrong with one field of one entry."""

    def __init__(self, field: str, problem: str, index: int | None = None) -> None:
        self.field = field
        self.problem = problem
        self.index = index
        where = f"entry {index}, " if index is not None else ""
        super().__init__(f"{where}{field}: {problem}")


class InvalidFaq(ConciergeError):
    """A FAQ (or a whole import) failed validation; nothing was written."""

    def __init__(self, problems: list[FieldProblem], *, limit: int = 10) -> None:
        self.problems = problems
        self.named_in_full = len(problems) <= limit  # else the message names the rest by index
        shown = "; ".join(p.message for p in problems[:limit])
        rest = problems[limit:]
        more = ""
        if rest:  # every bad entry is still named, by index
            where = _spans(sorted({p.index for p in rest if p.index is not None}))
            more = (f" (and {len(rest)} more problem{'' if len(rest) == 1 else 's'}"
                    f"{f' in entries {where}' if where else ''})")
        super().__init__(f"Nothing was saved. {shown}{more}.")


def problems_report(error: InvalidFaq) -> str:
    """Every problem, one per line (an import's report, as a file when the message can't
    hold them all)."""
    return "".join(f"{problem.message}\n" for problem in error.problems)


def _spans(numbers: list[int]) -> str:
    """[5, 6, 7, 9] -> "5-7, 9"."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in spans)


class InvalidExchangeFile(ConciergeError):
    """The file is not the FAQ exchange format at all (not JSON, wrong shape, too big)."""


class InvalidRelease(ConciergeError):
    """A bad date, time, time zone or release title."""


class ReleaseNotFound(ConciergeError):
    def __init__(self, title: str) -> None:
        super().__init__(f'There is no server-added release called "{escape_markdown(title)}". '
                         "Pick one from the list.")


class TitleNotFound(ConciergeError):
    def __init__(self, title: str) -> None:
        super().__init__(f'I don\'t know a title called "{escape_markdown(title)}". '
                         "Try /releases for the full list.")


class NothingFound(ConciergeError):
    """A lookup (cast, person, character) matched nothing."""


class NotSubscribed(ConciergeError):
    def __init__(self, channel: str) -> None:
        super().__init__(
            f"{channel} doesn't get release announcements. "
            "See /countdown-admin subscriptions for the channels that do."
        )


class ChannelUnusable(ConciergeError):
    """The bot cannot post announcements in the channel an admin picked."""
