"""The prisoner list, hearing calendar and perpetrator pages in a browser: desktop and phone widths,
with and without JavaScript; no page is wider than the screen (tables scroll inside their box)."""

from __future__ import annotations

import pytest
from browser_steps import log_in
from playwright.sync_api import expect

PAGES = {
    "prisoners": ("/prisoners", "Political prisoners", "Marat Zhanuzakov"),
    "hearings": ("/hearings", "Hearing calendar", "Medeu district court"),
    "perpetrators": ("/perpetrators", "Perpetrators", "Aigerim Sadykova"),
}
SIZES = {"desktop": {"width": 1200, "height": 900}, "phone": {"width": 390, "height": 844}}

#: the page is no wider than the window, and every table that is wider than its box sits in a box that scrolls
FITS = """() => {
  const page = document.documentElement.scrollWidth <= window.innerWidth + 1;
  const tables = [...document.querySelectorAll('table')].every(t => {
    const box = t.closest('.scroll');
    if (t.getBoundingClientRect().right <= window.innerWidth + 1) return true;
    return box !== null && getComputedStyle(box).overflowX !== 'visible'
      && box.getBoundingClientRect().right <= window.innerWidth + 1;
  });
  return page && tables;
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("size", list(SIZES))
def test_new_pages_fit_every_screen(live_server, browser, shot, size, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport=SIZES[size])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    log_in(page, live_server, "vera")
    for name, (path, heading, expected) in PAGES.items():
        page.goto(live_server + path)
        expect(page.locator("h1")).to_have_text(heading)
        expect(page.locator("main")).to_contain_text(expected)
        assert page.evaluate(FITS), (name, size)
        shot(page, f"cases-{name}-{size}-{'js' if javascript else 'nojs'}")
    page.click("table >> text=Aigerim Sadykova")
    expect(page.locator("h1")).to_have_text("Aigerim Sadykova")
    expect(page.locator("blockquote.source").first).to_contain_text("15 April 2030")
    assert page.evaluate(FITS)
    shot(page, f"cases-perpetrator-{size}-{'js' if javascript else 'nojs'}")
    assert errors == []
    context.close()
