"""`python -m bot` as a user runs it: a real subprocess on a temp database."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.models import FaqDraft

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, db: Path, stdin: str | None = None, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    environment.update({"DATABASE_PATH": str(db), "PYTHONPATH": str(REPO)})
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
        env=environment, cwd=cwd or REPO, timeout=60, check=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli" / "concierge.db"


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def test_run_without_token_is_one_line(db: Path, tmp_path: Path) -> None:
    # cwd without a .env so nothing fills the token in
    message = one_line_error(cli("run", db=db, cwd=tmp_path))
    assert "DISCORD_TOKEN" in message and ".env" in message
    assert one_line_error(cli(db=db, cwd=tmp_path)) == message  # bare `python -m bot` runs too


def test_ask_json_answers_from_the_shipped_knowledge(db: Path) -> None:
    result = cli("ask", "--json", "who plays eve in ballerina", db=db)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) >= {"query", "answer", "score", "suggestions"}
    assert payload["query"] == "who plays eve in ballerina"
    assert payload["answer"] is not None and "Ana de Armas" in payload["answer"]["answer"]
    assert 0 <= payload["score"] <= 100
    assert len(payload["suggestions"]) <= 3


def test_ask_json_ids_name_stored_faqs_and_refs_name_every_answer(db: Path) -> None:
    result = cli("ask", "--json", db=db, stdin="who directed ballerina\nwho plays caine\n")
    stored, built = [json.loads(line)["answer"] for line in result.stdout.splitlines()]
    assert isinstance(stored["id"], int) and stored["ref"] == f"faq:{stored['id']}"
    # from the credits: no stored FAQ, so no id (README), but a ref all the same
    assert built["id"] is None and built["ref"] == "derived:character:caine"


def test_ask_batch_reads_stdin_one_question_per_line(db: Path) -> None:
    questions = "who directed ballerina\n\nwhat's the weather in paris\nwho plays harry potter\n"
    result = cli("ask", "--json", db=db, stdin=questions)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    # output line n answers input line n: the blank line gets an empty answer
    assert [row["query"] for row in rows] == [
        "who directed ballerina", "", "what's the weather in paris", "who plays harry potter"]
    assert "Wiseman" in rows[0]["answer"]["answer"]
    assert rows[1] == {"query": "", "answer": None, "score": 0.0, "suggestions": []}
    assert rows[2]["answer"] is None and rows[3]["answer"] is None


def test_ask_batch_survives_bytes_that_are_not_utf8(db: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    environment.update({"DATABASE_PATH": str(db), "PYTHONPATH": str(REPO)})
    result = subprocess.run([sys.executable, "-m", "bot", "ask", "--json"],
                            input=b"caf\xe9 wick\nwho directed ballerina\n", capture_output=True,
                            env=environment, cwd=REPO, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert rows[0]["query"] == "caf\ufffd wick" and "Wiseman" in rows[1]["answer"]["answer"]


def test_ask_into_a_closed_pipe_stops_quietly(db: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    environment.update({"DATABASE_PATH": str(db), "PYTHONPATH": str(REPO)})
    reader = subprocess.Popen([sys.executable, "-m", "bot", "ask", "--json"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
                              cwd=REPO)
    assert reader.stdout is not None and reader.stdin is not None
    reader.stdout.close()  # like `| head -0`: nobody reads
    _, stderr = reader.communicate(b"who directed ballerina\n" * 2000, timeout=120)
    assert reader.returncode == 141 and stderr == b"", stderr


def test_ask_for_people(db: Path) -> None:
    result = cli("ask", "Is the Bowery King in Ballerina?", db=db)
    assert result.returncode == 0
    assert "Q: Is the Bowery King in Ballerina?" in result.stdout


def test_import_export_round_trip_and_idempotence(db: Path, tmp_path: Path) -> None:
    source = tmp_path / "server.json"
    source.write_text(json.dumps({"version": 1, "faqs": [
        {"question": "When does the watch party start?", "answer": "Saturdays at 20:00 UTC.",
         "aliases": ["watch party time", "movie night"], "tags": ["events"]}]}))
    first = cli("import", str(source), "--guild", "42", db=db)
    assert first.returncode == 0, first.stderr
    assert "1 added, 0 updated, 0 unchanged" in first.stdout
    second = cli("import", str(source), "--guild", "42", db=db)
    assert "0 added, 0 updated, 1 unchanged" in second.stdout

    asked = cli("ask", "--guild", "42", "--json", "movie night", db=db)
    assert json.loads(asked.stdout)["answer"]["question"] == "When does the watch party start?"
    elsewhere = cli("ask", "--json", "when does the watch party start", db=db)
    assert json.loads(elsewhere.stdout)["answer"] is None  # not in the shipped layer

    out = tmp_path / "export.json"
    exported = cli("export", "--guild", "42", "-o", str(out), db=db)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text()) == json.loads(source.read_text())
    to_stdout = cli("export", db=db)  # the shipped layer
    assert len(json.loads(to_stdout.stdout)["faqs"]) >= 60


def test_the_shipped_layer_refuses_changes_faq_data_would_undo(db: Path, tmp_path: Path) -> None:
    shipped = json.loads(cli("export", db=db).stdout)
    same = tmp_path / "same.json"
    same.write_text(json.dumps(shipped))
    assert "0 added, 0 updated" in cli("import", str(same), db=db).stdout  # unchanged: fine
    shipped["faqs"][0]["answer"] = "EDITED ANSWER"
    shipped["faqs"].append({"question": "Is there a shipped-layer extra?", "answer": "Yes."})
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(shipped))
    message = one_line_error(cli("import", str(edited), db=db))
    assert "entry 0, question" in message and "faq_data/" in message and "--guild" in message
    after = json.loads(cli("export", db=db).stdout)["faqs"]
    assert "EDITED ANSWER" not in str(after) and "shipped-layer extra" not in str(after)
    # for one server it is that server's own version
    assert "1 added, 1 updated" in cli("import", str(edited), "--guild", "42", db=db).stdout


def test_bad_import_writes_nothing_and_names_the_entry(db: Path, tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text(json.dumps({"version": 1, "faqs": [
        {"question": "Fine?", "answer": "Yes."}, {"question": "", "answer": "No question"}]}))
    message = one_line_error(cli("import", str(source), "--guild", "42", db=db))
    assert "entry 1, question" in message
    exported = cli("export", "--guild", "42", db=db)
    assert json.loads(exported.stdout)["faqs"] == []


@pytest.mark.parametrize("args", [
    ("import", "/no/such/file.json"),
    ("ask", "--guild", "abc", "hi"),
    ("frobnicate",),
    ("export", "--guild"),
    ("ask", "--guild", str(2**63), "hi"),  # past SQLite's INTEGER
    ("export", "--guild", "\u0661\u0662\u0663"),  # Arabic-Indic digits are no snowflake
])
def test_bad_arguments_are_one_line(db: Path, args: tuple[str, ...]) -> None:
    one_line_error(cli(*args, db=db))


def test_not_json_is_one_line(db: Path, tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("just some notes")
    assert "not valid JSON" in one_line_error(cli("import", str(source), db=db))


async def test_an_import_while_the_bot_runs_reaches_its_answers(db: Path, tmp_path: Path) -> None:
    from datetime import timedelta

    from bot.answers import OUTSIDE_WRITES_CHECK, AnswerService
    from bot.knowledge import load_knowledge
    from bot.store import Store
    from bot.timeutil import utcnow

    now = [utcnow()]
    store = await Store.open(db)  # the running bot's
    try:
        answers = AnswerService(store, clock=lambda: now[0])
        await answers.load_knowledge(load_knowledge())
        assert (await answers.ask(10, "when is karaoke night")).best is None  # index cached
        faqs = tmp_path / "faqs.json"
        faqs.write_text(json.dumps({"version": 1, "faqs": [
            {"question": "When is karaoke night?", "answer": "Sundays in #stage."}]}))
        result = await asyncio.to_thread(cli, "import", str(faqs), "--guild", "10", db=db)
        assert result.returncode == 0, result.stderr
        now[0] += OUTSIDE_WRITES_CHECK + timedelta(seconds=1)
        best = (await answers.ask(10, "when is karaoke night")).best
        assert best is not None and best.entry.answer == "Sundays in #stage."
        # the bot's own writes are no reason to build everything again
        index = await answers.index(10)
        await answers.add_faq(10, FaqDraft("When is quiz night?", "Fridays."))
        now[0] += OUTSIDE_WRITES_CHECK + timedelta(seconds=1)
        assert await answers.index(10) is index
    finally:
        await store.close()
