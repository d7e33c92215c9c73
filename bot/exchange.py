"""The FAQ exchange format (JSON): limits, validation of every entry, reading and writing.

    {"version": 1, "faqs": [{"question": ..., "answer": ..., "aliases": [...], "tags": [...]}]}

Validation looks at the whole file and reports every bad entry by index and
field before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from bot.errors import FieldProblem, InvalidExchangeFile, InvalidFaq
from bot.models import Faq, FaqDraft
from bot.text import question_key, strip_visible

FORMAT_VERSION = 1
QUESTION_MAX = 200
ANSWER_MAX = 4000
ALIASES_MAX = 20
ALIAS_MAX = 100
TAGS_MAX = 10
TAG_MAX = 32
# What one file through Discord may hold (an export there is refused past it, so what
# /faq-admin export gives, /faq-admin import takes). The CLI reads local files, uncapped.
MAX_FILE_BYTES = 8_000_000
MAX_ENTRIES = 20_000


def _storable(text: str) -> bool:
    """Whether SQLite keeps `text` whole: no NUL (its length() stops there) and no unpaired
    surrogate (which is no UTF-8)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text(value: Any, field: str, limit: int, index: int | None, *,
          one_line: bool = True) -> tuple[str, FieldProblem | None]:
    """`one_line`: runs of whitespace (line breaks too) become one space, as in the one-line
    inputs of the add and edit forms (an alias with a line break would come back as two)."""
    if not isinstance(value, str):
        return "", FieldProblem(field, "must be text", index)
    if not _storable(value):
        return "", FieldProblem(field, "has a character that can't be stored (a NUL or an "
                                       "unpaired surrogate): take it out", index)
    cleaned = " ".join(value.split()) if one_line else value
    cleaned = strip_visible(cleaned)
    if not cleaned:
        return "", FieldProblem(field, "must not be empty", index)
    if len(cleaned) > limit:
        return "", FieldProblem(field, f"is {len(cleaned)} characters, the limit is {limit}", index)
    return cleaned, None


def _text_list(
    value: Any, field: str, count_limit: int, item_limit: int, index: int | None
) -> tuple[tuple[str, ...], list[FieldProblem]]:
    if value is None:
        return (), []
    if not isinstance(value, list):
        return (), [FieldProblem(field, "must be a list of text", index)]
    if len(value) > count_limit:
        return (), [FieldProblem(field, f"has {len(value)} items, the limit is {count_limit}", index)]
    items: list[str] = []
    problems: list[FieldProblem] = []
    seen: set[str] = set()
    for position, item in enumerate(value):
        cleaned, problem = _text(item, f"{field}[{position}]", item_limit, index)
        if problem:
            problems.append(problem)
        elif question_key(cleaned) not in seen:  # silently drop repeats
            seen.add(question_key(cleaned))
            items.append(cleaned)
    return tuple(items), problems


def validate_entry(
    question: Any, answer: Any, aliases: Any = None, tags: Any = None, *, index: int | None = None
) -> tuple[FaqDraft | None, list[FieldProblem]]:
    """Check one FAQ against the limits; return the cleaned draft or the problems."""
    problems: list[FieldProblem] = []
    clean_question, problem = _text(question, "question", QUESTION_MAX, index)
    problems += [problem] if problem else []
    clean_answer, problem = _text(answer, "answer", ANSWER_MAX, index, one_line=False)
    problems += [problem] if problem else []
    clean_aliases, alias_problems = _text_list(aliases, "aliases", ALIASES_MAX, ALIAS_MAX, index)
    clean_tags, tag_problems = _text_list(tags, "tags", TAGS_MAX, TAG_MAX, index)
    problems += alias_problems + tag_problems
    if problems:
        return None, problems
    return FaqDraft(clean_question, clean_answer, clean_aliases, clean_tags), []


def draft_or_raise(question: Any, answer: Any, aliases: Any = None, tags: Any = None) -> FaqDraft:
    draft, problems = validate_entry(question, answer, aliases, tags)
    if draft is None:
        raise InvalidFaq(problems)
    return draft


def parse_exchange(raw: bytes | str, *, capped: bool = True) -> list[FaqDraft]:
    """Parse and validate a whole exchange file; raise before returning anything partial.
    `capped`: hold it to MAX_FILE_BYTES and MAX_ENTRIES (files from Discord)."""
    if capped and len(raw) > MAX_FILE_BYTES:
        raise InvalidExchangeFile(
            f"The file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}. Split it up.")
    try:
        document = json.loads(raw)
    except UnicodeDecodeError:
        raise InvalidExchangeFile("The file is not UTF-8 text. Save it as UTF-8 JSON.") from None
    except json.JSONDecodeError as error:
        raise InvalidExchangeFile(f"The file is not valid JSON: {error.msg} (line {error.lineno}, "
                                  f"column {error.colno}).") from None
    except (ValueError, RecursionError):  # a number of thousands of digits, nesting past the stack
        raise InvalidExchangeFile("The file is not JSON this bot can read: it nests too deeply "
                                  "or has a number too long.") from None
    if not isinstance(document, dict) or not isinstance(document.get("faqs"), list):
        raise InvalidExchangeFile('Expected a JSON object like {"version": 1, "faqs": [...]}.')
    version = document.get("version", FORMAT_VERSION)
    if type(version) is not int or version != FORMAT_VERSION:  # not true, not 1.0
        raise InvalidExchangeFile(
            f"Unsupported version {document.get('version')!r}; this bot reads version {FORMAT_VERSION}.")
    entries = document["faqs"]
    if capped and len(entries) > MAX_ENTRIES:
        raise InvalidExchangeFile(f"The file has {len(entries)} FAQs; the limit is {MAX_ENTRIES}.")

    drafts: list[FaqDraft] = []
    problems: list[FieldProblem] = []
    first_index: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(FieldProblem("entry", "must be an object", index))
            continue
        unknown = set(entry) - {"question", "answer", "aliases", "tags"}
        if unknown:
            problems.append(FieldProblem(", ".join(sorted(unknown)), "unknown field", index))
        draft, entry_problems = validate_entry(
            entry.get("question"), entry.get("answer"), entry.get("aliases"), entry.get("tags"),
            index=index)
        problems += entry_problems
        if draft is None:
            continue
        key = question_key(draft.question)
        if key in first_index:
            problems.append(FieldProblem(
                "question", f"repeats the question of entry {first_index[key]}", index))
            continue
        first_index[key] = index
        drafts.append(draft)
    if problems:
        raise InvalidFaq(problems)
    return drafts


def dump_exchange(faqs: Iterable[Faq | FaqDraft]) -> str:
    document = {"version": FORMAT_VERSION, "faqs": [entry_dict(faq) for faq in faqs]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def entry_dict(faq: Faq | FaqDraft) -> dict[str, Any]:
    entry: dict[str, Any] = {"question": faq.question, "answer": faq.answer}
    if faq.aliases:
        entry["aliases"] = list(faq.aliases)
    if faq.tags:
        entry["tags"] = list(faq.tags)
    return entry


def split_commas(text: str | None) -> Sequence[str]:
    """'a, b,, c' -> ['a', 'b', 'c'] (the modal's tags field)."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def split_aliases(text: str | None, keep: Collection[str] = ()) -> list[str]:
    """The modal's aliases field: comma-separated, or one per line. A line that is one of
    `keep` (the FAQ's stored aliases, which the form shows one per line) stays whole, so
    an edit saved unchanged keeps an imported alias that holds a comma ("yes, no")."""
    kept = {alias.strip() for alias in keep}
    aliases: list[str] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line in kept:
            aliases.append(line)
        else:
            aliases.extend(split_commas(line))
    return aliases
