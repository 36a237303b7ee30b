"""End-to-end in a browser: log in, upload, review, search, dossier; the reading path without JavaScript."""

from __future__ import annotations

import re

from browser_steps import log_in
from playwright.sync_api import expect
from web_support import REPORT_UPLOAD


def test_editor_flow_upload_review_search_dossier(live_server, browser, shot, tmp_path):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    log_in(page, live_server, "eddie")
    shot(page, "01-dashboard")

    report = tmp_path / "bulletin-2024-03-20.txt"
    report.write_text(REPORT_UPLOAD, encoding="utf-8")
    page.click("nav >> text=Upload")
    page.set_input_files("input[name=report]", str(report))
    page.click("text=Upload and ingest")
    expect(page.locator("#job-status")).to_have_text("done", timeout=30000)  # meta refresh until done
    shot(page, "02-job-done")

    page.locator("main a", has_text=re.compile(r"^Report \d+$")).click()
    fact = page.locator("a.fact", has_text="Yerlan Tulegenov").first
    expect(fact).to_be_visible()
    shot(page, "03-report-highlights")
    fact.click()  # JavaScript shows the claim with its review form next to the text
    popover = page.locator(".popover")
    expect(popover).to_be_visible()
    shot(page, "04-claim-popover")
    popover.locator("button[value=confirm]").click()
    expect(page.locator(".message")).to_have_text("Claim confirmed.")
    expect(page.locator("a.fact.status-confirmed", has_text="Yerlan Tulegenov").first).to_be_visible()

    page.click("nav >> text=Persons")
    page.fill("input[name=q]", "tulegenov")
    page.click("text=Filter")
    page.click("table >> text=Yerlan Tulegenov")
    expect(page.locator("h1")).to_have_text("Yerlan Tulegenov")
    expect(page.locator(".timeline")).to_contain_text("Interrogation")  # the label, not the key
    shot(page, "05-dossier")
    assert errors == []
    context.close()


def test_reading_path_without_javascript(live_server, browser, shot):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server, "vera")
    page.click("text=Almaty bulletin")
    fact = page.locator("a.fact", has_text="Marat Zhanuzakov").first
    expect(fact).to_be_visible()
    fact.click()  # without JavaScript the highlight is a link to the claim in the list of facts
    assert re.search(r"#claim-\w+$", page.url)
    claim_id = page.url.rsplit("#claim-", 1)[1]
    expect(page.locator(f"#claim-{claim_id}")).to_contain_text("Marat Zhanuzakov")
    shot(page, "06-nojs-report-phone")
    page.locator(f"#claim-{claim_id} a.claim-link").click()
    expect(page.locator("h1")).to_contain_text("Claim")
    expect(page.locator("blockquote mark")).to_have_text("Marat Zhanuzakov")

    page.goto(live_server + "/search?q=pre-trial")
    expect(page.locator("ol.results li")).to_have_count(1)
    page.goto(live_server + "/persons?q=Zhanuzakov&side=target")
    page.click("table >> text=Marat Zhanuzakov")
    expect(page.locator(".timeline li")).to_have_count(4)
    shot(page, "07-nojs-dossier-phone")
    context.close()


def test_anonymous_browser_sees_only_the_login_page(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("/", "/persons/1", "/reports/1", "/audit"):
        page.goto(live_server + path)
        expect(page.locator("h1")).to_have_text("Log in")
    response = page.goto(live_server + "/api/v1/persons")
    assert response.status == 401
    context.close()
