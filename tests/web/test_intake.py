"""Fast intake: register devices one after another, keep what repeats, hear of known serials."""

import re

from tests.builders import make_collection, make_device, make_warehouse

LAPTOP = {
    "category": "laptop",
    "manufacturer": "LENOVO",
    "model": "ThinkPad T480",
    "cpu": "Intel Core i5-8350U",
    "ram_gb": "8 Go",
    "storage_gb": "256 Go",
    "storage_type": "ssd",
}


def _collection(data):
    def build(session):
        warehouse = make_warehouse(session)
        return make_collection(session, warehouse_id=warehouse.id).id, warehouse.id

    return data(build)


def test_the_form_starts_in_the_serial_field_with_the_collections_warehouse(client, login, data):
    collection_id, warehouse_id = _collection(data)
    login("warehouse")
    page = client.get(f"/collections/{collection_id}/intake").text
    serial = re.search(r'<input[^>]*id="serial_number"[^>]*>', page).group()
    assert "autofocus" in serial
    assert f'<option selected value="{warehouse_id}">' in page
    assert "js/intake.js" in page


def test_a_device_is_registered_received_and_the_next_one_keeps_its_specs(client, login, data):
    collection_id, warehouse_id = _collection(data)
    login("warehouse")
    response = client.post(
        f"/collections/{collection_id}/intake",
        data={
            **LAPTOP,
            "serial_number": "PF1ABC",
            "warehouse_id": warehouse_id,
            "same_as_last": "y",
        },
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "same=1" in location and "last=" in location
    page = client.get(location).text
    assert "enregistré" in page
    assert 'value="ThinkPad T480"' in page and 'value="8"' in page
    assert '<option selected value="laptop">' in page
    serial = re.search(r'<input[^>]*id="serial_number"[^>]*>', page).group()
    assert 'value=""' in serial
    assert re.search(r'<li data-code="[A-Z]{9}">.*?status-received', page, re.S)


def test_without_same_as_last_the_next_form_starts_empty(client, login, data):
    collection_id, warehouse_id = _collection(data)
    login("warehouse")
    response = client.post(
        f"/collections/{collection_id}/intake",
        data={**LAPTOP, "serial_number": "PF1ABD", "warehouse_id": warehouse_id},
    )
    page = client.get(response.headers["Location"]).text
    assert 'value="ThinkPad T480"' not in page


def test_intake_errors_are_shown_by_field(client, login, data):
    collection_id, _ = _collection(data)
    data(lambda s: make_device(s, serial_number="KNOWN1", manufacturer="Lenovo"))
    login("warehouse")
    response = client.post(
        f"/collections/{collection_id}/intake",
        data={**LAPTOP, "category": "", "ram_gb": "lots", "serial_number": "X1"},
    )
    assert response.status_code == 422
    assert 'data-error-for="category">ce champ est obligatoire' in response.text
    assert 'data-error-for="ram_gb">mémoire illisible « lots »' in response.text
    response = client.post(
        f"/collections/{collection_id}/intake",
        data={**LAPTOP, "serial_number": "known1"},
    )
    assert response.status_code == 409
    assert re.search(
        r'data-error-for="serial_number">le n° de série KNOWN1 est déjà enregistré', response.text
    )


def test_the_serial_check_says_at_once_whether_a_serial_is_known(client, login, data):
    code = data(lambda s: make_device(s, serial_number="SNKNOWN7", model="Latitude 5490").code)
    login("warehouse")
    answer = client.get("/intake/serial-check?serial=snknown7").get_json()
    assert answer["known"] is True
    assert answer["devices"][0]["code"] == f"{code[:4]}-{code[4:8]}-{code[8]}"
    assert "déjà enregistré" in answer["message"] and "Latitude 5490" in answer["message"]
    assert client.get("/intake/serial-check?serial=NEVERSEEN").get_json() == {
        "known": False,
        "devices": [],
        "message": "",
    }
