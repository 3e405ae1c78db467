"""Collections: list, create with errors by field, detail, and the import's preview and confirm."""

import re

from sqlalchemy import func, select

from reuse.extensions import db
from reuse.models import Device
from tests.builders import make_collection, make_device, make_site, make_warehouse

HEADER = "N° de série;N° d'inventaire;Catégorie;Marque;Modèle;RAM;Disque\n"
GOOD_ROWS = (
    "SNA0001;IMMO-1;Portable;LENOVO;ThinkPad T480;8 Go;SSD 256 Go\n"
    "SNA0002;IMMO-2;Unité centrale;Dell;OptiPlex 7070;16 Go;512 Go\n"
)


def _upload(client, collection_id, content: str, action="check", digest=None, name="liste.csv"):
    import io

    form = {"file": (io.BytesIO(content.encode()), name), "action": action}
    if digest:
        form["digest"] = digest
    return client.post(
        f"/collections/{collection_id}/import", data=form, content_type="multipart/form-data"
    )


def _count(app, collection_id):
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(Device).where(Device.collection_id == collection_id)
        )


def test_a_collection_is_created_and_opens_on_its_page(client, login, data):
    site, warehouse = data(lambda s: (make_site(s, name="Lyon Part-Dieu").id, make_warehouse(s).id))
    login("warehouse")
    response = client.post(
        "/collections/new",
        data={"donor_site_id": site, "collected_on": "2026-11-20", "warehouse_id": warehouse},
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "COL-20261120-001" in page and "Lyon Part-Dieu" in page
    assert "COL-20261120-001" in client.get("/collections/?q=Part-Dieu").text


def test_collection_errors_are_shown_by_field(client, login, data):
    site = data(lambda s: make_site(s).id)
    data(lambda s: make_collection(s, reference="COL-TAKEN"))
    login("warehouse")
    response = client.post("/collections/new", data={"collected_on": "2026-11-20"})
    assert response.status_code == 422
    assert 'data-error-for="donor_site_id">' in response.text
    response = client.post(
        "/collections/new",
        data={"donor_site_id": site, "collected_on": "2026-11-20", "reference": "COL-TAKEN"},
    )
    assert response.status_code == 409
    assert 'data-error-for="reference">une collecte de référence « COL-TAKEN » existe déjà' in (
        response.text
    )
    response = client.post("/collections/new", data={"donor_site_id": site, "collected_on": ""})
    assert response.status_code == 422
    assert 'data-error-for="collected_on"' in response.text


def test_the_detail_lists_the_collections_devices(client, login, data):
    collection_id, code = data(
        lambda s: (lambda c: (c.id, make_device(s, collection_id=c.id).code))(make_collection(s))
    )
    login("coordinator")
    page = client.get(f"/collections/{collection_id}").text
    assert f'data-code="{code}"' in page
    assert "Importer un fichier" not in page


def test_an_import_with_errors_shows_each_error_in_its_row_and_imports_nothing(
    app, client, login, data
):
    collection_id = data(lambda s: make_collection(s).id)
    login("warehouse")
    content = (
        HEADER
        + GOOD_ROWS
        + (
            "SNA0003;IMMO-3;Grille-pain;HP;X;8 Go;256 Go\n"
            ";;Portable;HP;EliteBook;8 Go;256 Go\n"
            "SNA0001;IMMO-5;Portable;LENOVO;ThinkPad T480;8 Go;256 Go\n"
        )
    )
    response = _upload(client, collection_id, content)
    assert response.status_code == 200
    page = response.text
    assert 'data-preview="errors"' in page
    assert "rien n’a été importé" in page
    rows = re.findall(r'<tr data-row="(\d+)"', page)
    assert rows == ["4", "5", "6"]
    row4 = re.search(r'<tr data-row="4">.*?</tr>', page, re.S).group()
    assert 'class="cell-error" data-column="Catégorie"' in row4
    assert "Grille-pain" in row4 and "catégorie inconnue « Grille-pain »" in row4
    assert 'data-row-message="5"' in page and "ni n° de série ni n° d’inventaire" in page
    assert "figure déjà ligne 2" in page
    assert 'name="digest"' not in page
    assert _count(app, collection_id) == 0


def test_a_clean_file_is_previewed_then_imported_when_confirmed(app, client, login, data):
    collection_id = data(lambda s: make_collection(s).id)
    login("warehouse")
    response = _upload(client, collection_id, HEADER + GOOD_ROWS)
    assert "2 appareils peuvent être importés" in response.text
    assert "ThinkPad T480" in response.text
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', response.text).group(1)
    assert _count(app, collection_id) == 0
    response = _upload(client, collection_id, HEADER + GOOD_ROWS, "import", digest)
    assert response.status_code == 302
    assert _count(app, collection_id) == 2


def test_confirming_another_file_than_the_one_checked_is_refused(app, client, login, data):
    collection_id = data(lambda s: make_collection(s).id)
    login("warehouse")
    response = _upload(client, collection_id, HEADER + GOOD_ROWS)
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', response.text).group(1)
    other = HEADER + GOOD_ROWS.replace("SNA0002", "SNA0009")
    response = _upload(client, collection_id, other, "import", digest)
    assert response.status_code == 422
    assert 'data-error-for="file">ce n’est pas le fichier vérifié' in response.text
    assert _count(app, collection_id) == 0


def test_the_scripted_check_gets_the_preview_alone(client, login, data):
    import io

    collection_id = data(lambda s: make_collection(s).id)
    login("warehouse")
    response = client.post(
        f"/collections/{collection_id}/import",
        data={"file": (io.BytesIO((HEADER + GOOD_ROWS).encode()), "l.csv"), "action": "check"},
        headers={"X-Requested-With": "fetch"},
        content_type="multipart/form-data",
    )
    assert response.text.lstrip().startswith("<section")
    assert "Choisissez de nouveau le même fichier" not in response.text


def test_an_import_without_a_file_says_so_on_the_file_field(client, login, data):
    collection_id = data(lambda s: make_collection(s).id)
    login("warehouse")
    response = client.post(f"/collections/{collection_id}/import", data={"action": "check"})
    assert response.status_code == 422
    assert 'data-error-for="file"' in response.text
