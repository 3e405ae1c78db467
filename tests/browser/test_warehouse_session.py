"""A warehouse person's session, keyboard only and in French, from sign-in to ready devices."""

import re

from tests.browser import seed
from tests.browser.conftest import focused, shoot, sign_in, tab_to

SERIALS = ("PF1KB001", "PF1KB002", "PF1KB003")


def _create_collection(page) -> None:
    tab_to(page, "a[href='/collections/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/collections/")
    tab_to(page, "a[href='/collections/new']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/collections/new")
    # The cursor starts on the donor site; arrows choose, Tab moves on.
    focused(page, "donor_site_id")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#warehouse_id")
    page.keyboard.press("ArrowDown")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/collections/\d+$"))


def _register_devices(page) -> list[str]:
    tab_to(page, "a[href$='/intake']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/intake")
    keyboard = page.keyboard
    # First device: every field typed; a scanner's Enter moves on.
    focused(page, "serial_number")
    keyboard.type(SERIALS[0])
    keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "asset_tag"
    keyboard.type("IMMO-0001")
    keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "category"
    keyboard.type("Port")  # type-ahead picks "Portable"
    keyboard.press("Enter")
    keyboard.type("Lenovo")
    keyboard.press("Enter")
    keyboard.type("ThinkPad T480")
    keyboard.press("Enter")
    keyboard.type("Intel Core i5-8350U")
    keyboard.press("Enter")
    keyboard.type("8 Go")
    keyboard.press("Enter")
    keyboard.type("256 Go SSD")
    tab_to(page, "#same_as_last")
    keyboard.press("Space")
    shoot(page, "intake_first_device")
    keyboard.press("Control+Enter")
    page.wait_for_url("**same=1**")
    # Next devices: the specs are kept, only the serial and the asset tag are scanned.
    for number, serial in enumerate(SERIALS[1:], start=2):
        focused(page, "serial_number")
        assert page.input_value("#model") == "ThinkPad T480"
        keyboard.type(serial)
        keyboard.press("Enter")
        keyboard.type(f"IMMO-000{number}")
        keyboard.press("Control+Enter")
        page.wait_for_url(re.compile(r".*last=[A-Z]{9}.*"))
        page.wait_for_selector(f"text=IMMO-000{number}", state="detached")
    # A serial already registered is reported before anything is saved.
    focused(page, "serial_number")
    keyboard.type(SERIALS[0])
    status = page.locator("#serial-status")
    status.filter(has_text="déjà enregistré").wait_for()
    shoot(page, "intake_known_serial")
    codes = page.locator(".recent-list li").evaluate_all("els => els.map(e => e.dataset.code)")
    assert len(codes) == 3
    return codes


def _refurbish(page, live, code: str, first: bool) -> None:
    page.goto(f"{live.url}/devices/{code}")
    keyboard = page.keyboard
    # The cursor starts where the work stands: the erasure.
    focused(page, "erasure-method")
    keyboard.type("Purge")
    assert page.input_value("#erasure-method") == "purge"
    keyboard.press("Tab")
    keyboard.type("Effacement par")  # type-ahead picks the block erase
    assert page.input_value("#erasure-technique") == "block-erase"
    tab_to(page, "#erasure-drive_serial")
    keyboard.type(f"S4B2G0{code[:4]}")
    keyboard.press("Tab")
    keyboard.type("nwipe 0.35")
    keyboard.press("Tab")
    keyboard.type(f"CERT-{code}")
    keyboard.press("Tab")
    keyboard.press("Enter")
    page.wait_for_selector("text=Effacement enregistré")
    if first:
        shoot(page, "device_after_erasure")
    focused(page, "test-result")
    tab_to(page, "form[data-action=test] button[type=submit]")
    keyboard.press("Enter")
    page.wait_for_selector("text=Test enregistré")
    focused(page, "grade-grade")
    keyboard.type("B")
    keyboard.press("Tab")
    keyboard.press("Enter")
    page.wait_for_selector("text=classé")
    page.wait_for_function("document.activeElement?.textContent.trim() === 'Déclarer prêt'")
    keyboard.press("Enter")
    page.wait_for_selector("text=est prêt à être attribué")
    assert page.locator("h1 .badge").inner_text() == "Prêt"


def test_a_warehouse_session_from_sign_in_to_three_ready_devices(page, live):
    live.run(seed.warehouse_world)
    sign_in(page, live, "nadia@example.org")
    assert page.locator("h1").inner_text() == "Tableau de bord"
    _create_collection(page)
    shoot(page, "collection_new")
    codes = _register_devices(page)
    for index, code in enumerate(codes):
        _refurbish(page, live, code, first=index == 0)
    shoot(page, "device_ready")
    page.goto(live.url + "/queue/?stage=ready")
    assert set(
        page.locator("tr[data-code]").evaluate_all("els => els.map(e => e.dataset.code)")
    ) == set(codes)
    shoot(page, "queue_ready")
    # Their labels, from the queue: tick them all, open the print form, print.
    tab_to(page, "[data-pick-all]")
    page.keyboard.press("Space")
    tab_to(page, "details.print-labels summary")
    page.keyboard.press("Enter")
    sheet = "/labels/sheet.pdf"
    with page.context.expect_event("request", lambda r: r.url.endswith(sheet)) as printed:
        tab_to(page, "#queue-labels button[type=submit]")
        page.keyboard.press("Enter")
    assert sorted(re.findall(r"codes=([A-Z]{9})", printed.value.post_data)) == sorted(codes)
    # Wait for the sheet itself, so no request is still running when the test ends.
    assert printed.value.response().headers["content-type"] == "application/pdf"
    page.goto(live.url + "/")
    assert page.locator("tr[data-stage=ready] td").first.inner_text() == "3"
    shoot(page, "dashboard")
