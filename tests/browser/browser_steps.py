"""Steps the browser tests share."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from web_support import TEST_PASSWORD


def log_in(page, base: str, name: str) -> None:
    """Log in through the login page as one of the test users."""
    page.goto(base + "/")
    expect(page).to_have_url(re.compile(r"/login"))
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Dashboard")
