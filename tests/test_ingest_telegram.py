"""Telegram Desktop channel exports: one Document per text message, dated by the message."""

from __future__ import annotations

import json

import pytest

from casewatch.errors import ReaderError
from casewatch.ingest import read_path
from casewatch.ingest.telegram import flatten_text, looks_like_export

MESSAGES = [
    {
        "id": 101,
        "type": "service",
        "date": "2021-04-20T09:00:00",
        "date_unixtime": "1618909200",
        "actor": "Monitoring KZ",
        "action": "pin_message",
        "text": "",
        "text_entities": [],
    },
    {
        "id": 102,
        "type": "message",
        "date": "2021-04-21T10:15:00",
        "date_unixtime": "1618999700",
        "from": "Monitoring KZ",
        "text": "В Актау задержан активист Куандык Кумекбаев.\r\nЕму вменяют ч. 2 ст. 405 УК РК.",
        "text_entities": [{"type": "plain", "text": "В Актау задержан активист Куандык Кумекбаев."}],
    },
    {
        "id": 103,
        "type": "message",
        "date": "2021-04-22T18:40:12",
        "from": "Monitoring KZ",
        "text": [
            "Hearing of ",
            {"type": "bold", "text": "Kuandyk Kumekbayev"},
            " at Court No.2 is set for 15:40. Details: ",
            {"type": "link", "text": "https://example.org/kz/405"},
            "",
        ],
    },
    {"id": 104, "type": "message", "date": "2021-04-23T08:00:00", "photo": "photos/photo_1.jpg", "text": ""},
]
EXPORT = {"name": "Monitoring KZ", "type": "public_channel", "id": 1500000001, "messages": MESSAGES}


def write_export(folder, data=EXPORT, name="result.json"):
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_telegram_one_document_per_text_message(tmp_path):
    path = write_export(tmp_path)
    docs = read_path(path)
    assert [doc.path for doc in docs] == [f"{path}#102", f"{path}#103"]
    first, second = docs
    assert first.text == "В Актау задержан активист Куандык Кумекбаев.\nЕму вменяют ч. 2 ст. 405 УК РК."
    assert first.report_date == "2021-04-21"
    assert second.text == (
        "Hearing of Kuandyk Kumekbayev at Court No.2 is set for 15:40. Details: https://example.org/kz/405"
    )
    assert second.report_date == "2021-04-22"
    for doc, message in zip(docs, MESSAGES[1:3], strict=True):
        assert doc.format == "telegram"
        assert doc.title is None
        assert doc.raw == json.dumps(message, ensure_ascii=False, sort_keys=True).encode()
        assert json.loads(doc.raw) == message
        assert doc.meta == {"message_id": str(message["id"]), "channel": "Monitoring KZ"}
    assert first.sha256 != second.sha256


def test_telegram_date_from_unixtime_when_date_is_missing(tmp_path):
    message = {"id": 7, "type": "message", "date_unixtime": "1618999700", "text": "Search in Aktau."}
    [doc] = read_path(write_export(tmp_path, {"messages": [message]}, name="export.json"))
    assert doc.report_date == "2021-04-21"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"name": "x", "messages": [', "invalid JSON at line 1"),
        ("[1, 2, 3]", 'no "messages" list'),
        ('{"name": "x", "messages": {"id": 1}}', 'no "messages" list'),
        (json.dumps({"messages": [MESSAGES[0], MESSAGES[3]]}), "no text messages"),
    ],
    ids=["truncated", "not-an-object", "messages-not-a-list", "only-service-and-empty"],
)
def test_telegram_malformed_export_is_refused(tmp_path, content, message):
    path = tmp_path / "result.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReaderError) as info:
        read_path(path)
    assert message in info.value.message
    assert info.value.path == str(path)


def test_flatten_text_variants():
    assert flatten_text("plain") == "plain"
    assert flatten_text(["a", {"type": "italic", "text": "b"}, {"type": "custom_emoji"}, 5, "c"]) == "abc"
    assert flatten_text(None) == ""


def test_looks_like_export(tmp_path):
    assert looks_like_export(write_export(tmp_path, name="channel.json"))
    assert looks_like_export(tmp_path / "result.json")  # recognised by name alone
    other = tmp_path / "config.json"
    other.write_text('{"settings": {"messages": false}}')
    assert not looks_like_export(other)
