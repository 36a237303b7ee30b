"""Readers: a report file in, Documents out (one per report; a Telegram export holds many)."""
