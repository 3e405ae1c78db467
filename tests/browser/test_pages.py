"""The language switch, an association's limits, an import's row errors, and every main page."""

import re
from pathlib import Path

from reuse.models import DeviceStatus, NeedStatus
from tests.browser import seed
from tests.browser.conftest import new_context, shoot, sign_in, tab_to
from tests.builders import make_collection, make_device, make_need, make_programme

BAD_FILE = (
    "N° de série;N° d'inventaire;Catégorie;Marque;Modèle;RAM;Disque\n"
    "SNB0001;IMMO-1;Portable;LENOVO;ThinkPad T480;8 Go;SSD 256 Go\n"
    "SNB0002;IMMO-2;Grille-pain;HP;EliteDesk 800;8 Go;256 Go\n"
    ";;Portable;HP;EliteBook 840;8 Go;256 Go\n"
    "SNB0004;IMMO-4;Unité centrale;Dell;OptiPlex 7070;huit;512 Go\n"
)


def test_the_language_switch_turns_the_pages_to_english_and_back(page, live):
    live.run(seed.warehouse_world)
    sign_in(page, live, "nadia@example.org")
    assert page.locator("h1").inner_text() == "Tableau de bord"
    tab_to(page, "button[name=locale][value=en]")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:text-is('Dashboard')")
    assert page.locator("html").get_attribute("lang") == "en"
    shoot(page, "dashboard_english")
    page.goto(live.url + "/collections/")
    assert page.locator("h1").inner_text() == "Collections"
    assert page.locator("a.button").first.inner_text() == "New collection"
    page.locator("button[name=locale][value=fr]").click()
    page.wait_for_selector("h1:text-is('Collectes')")
    assert page.url.endswith("/collections/")


def test_an_association_user_sees_its_own_page_and_gets_403_on_another(page, live):
    ids = live.run(seed.two_associations)
    live.run(
        lambda s: make_need(
            s,
            programme_id=make_programme(s, name="1 000 ordinateurs pour Lyon").id,
            association_id=ids["own"],
            quantity_min=5,
            quantity_max=12,
        )
    )
    sign_in(page, live, "asso@example.org")
    assert page.url.endswith(f"/associations/{ids['own']}")
    assert page.locator("h1").inner_text() == "Les Bricodeurs"
    shoot(page, "association_own")
    response = page.goto(f"{live.url}/associations/{ids['other']}")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Accès refusé"
    assert "Emmaüs" not in page.content()
    shoot(page, "association_other_403")


def test_an_import_with_errors_shows_them_in_their_rows(page, live, tmp_path: Path):
    world = live.run(seed.warehouse_world)
    collection_id = live.run(lambda s: make_collection(s, donor_site_id=world["site"]).id)
    bad = tmp_path / "inventaire.csv"
    bad.write_text(BAD_FILE, encoding="utf-8")
    sign_in(page, live, "nadia@example.org")
    page.goto(f"{live.url}/collections/{collection_id}/import")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.wait_for_selector("[data-preview=errors]")
    assert page.locator("tr[data-row]").evaluate_all("r => r.map(e => e.dataset.row)") == [
        "3",
        "4",
        "5",
    ]
    cell = page.locator("tr[data-row='3'] td.cell-error")
    assert cell.get_attribute("data-column") == "Catégorie"
    assert "Grille-pain" in cell.inner_text()
    assert "catégorie inconnue" in cell.inner_text()
    assert "mémoire illisible" in page.locator("tr[data-row='5'] td.cell-error").inner_text()
    assert page.locator("[data-row-message='4']").is_visible()
    shoot(page, "import_errors")
    good = tmp_path / "inventaire-corrige.csv"
    good.write_text(BAD_FILE.splitlines()[0] + "\n" + BAD_FILE.splitlines()[1] + "\n", "utf-8")
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.wait_for_selector("[data-preview=ok]")
    shoot(page, "import_ok")
    page.get_by_role("button", name="Importer 1 appareil").click()
    page.wait_for_selector("text=1 appareil importé.")
    assert page.locator("tr[data-code]").count() == 1


def _stocked_world(session) -> dict:
    world = seed.warehouse_world(session)
    association = seed.two_associations(session)
    seed.user(session, "admin@example.org", "admin")
    seed.user(session, "coord@example.org", "coordinator")
    programme = make_programme(session, name="1 000 ordinateurs pour Lyon", target_devices=1000)
    for quantity, status in ((10, NeedStatus.APPROVED), (4, NeedStatus.SUBMITTED)):
        make_need(
            session,
            programme_id=programme.id,
            association_id=association["own"],
            quantity_min=quantity,
            quantity_max=quantity * 3,
            status=status,
        )
    collection = make_collection(
        session, donor_site_id=world["site"], warehouse_id=world["warehouse"]
    )
    devices = {}
    for status in (DeviceStatus.COLLECTED, DeviceStatus.RECEIVED, DeviceStatus.REFURBISHING):
        for _ in range(3):
            devices[status] = make_device(session, status=status, collection_id=collection.id).code
    return {
        "collection": collection.id,
        "programme": programme.id,
        "association": association["own"],
        "refurbishing": devices[DeviceStatus.REFURBISHING],
    }


def test_every_main_page_renders_and_is_saved_for_review(page, live, browser):
    ids = live.run(_stocked_world)
    sign_in(page, live, "admin@example.org")
    pages = {
        "dashboard_admin": "/",
        "devices": "/devices/",
        "device_refurbishing": f"/devices/{ids['refurbishing']}",
        "queue": "/queue/?stage=received",
        "collections": "/collections/",
        "collection": f"/collections/{ids['collection']}",
        "intake": f"/collections/{ids['collection']}/intake",
        "import": f"/collections/{ids['collection']}/import",
        "sites": "/sites/",
        "associations": "/associations/",
        "association_form": "/associations/new",
        "programmes": "/programmes/",
        "programme": f"/programmes/{ids['programme']}",
        "needs": f"/programmes/{ids['programme']}/needs",
        "need_form": f"/programmes/{ids['programme']}/needs/new",
        "users": "/admin/users",
    }
    for name, path in pages.items():
        response = page.goto(live.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('main input, main select, main textarea')]
                .filter(e => e.type !== 'hidden' && !e.labels.length)
                .filter(e => !e.getAttribute('aria-label'))
                .map(e => e.name)"""
        )
        assert unlabelled == [], (path, unlabelled)
        shoot(page, name)
    phone = new_context(
        browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    tab = phone.new_page()
    sign_in(tab, live, "nadia@example.org")
    for name, path in (
        ("phone_dashboard", "/"),
        ("phone_intake", f"/collections/{ids['collection']}/intake"),
        ("phone_device", f"/devices/{ids['refurbishing']}"),
    ):
        tab.goto(live.url + path)
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
        shoot(tab, name)
    phone.close()
    page.goto(live.url + "/login")
    assert re.search(r"Se connecter", page.content())
