"""Associations: search, register with the legal id checked, correct."""

import re

from tests.builders import make_association


def test_associations_are_searched_by_name_city_or_legal_id(client, login, data):
    data(
        lambda s: (
            make_association(s, name="Emmaüs Connect", city="Lyon", legal_id="W691234567"),
            make_association(s, name="Le Mat", city="Villeurbanne"),
        )
    )
    login("coordinator")
    page = client.get("/associations/?q=villeur").text
    assert "Le Mat" in page and "Emmaüs Connect" not in page
    assert "Emmaüs Connect" in client.get("/associations/?q=W69123").text


def test_an_association_is_registered_with_its_legal_id_checked(client, login):
    login("coordinator")
    form = {"name": "Bricodeurs", "city": "Lyon", "postcode": "69007", "legal_id": "W12345"}
    response = client.post("/associations/new", data=form)
    assert response.status_code == 422
    assert re.search(r'data-error-for="legal_id">« W12345 » n’est pas un numéro RNA', response.text)
    response = client.post("/associations/new", data={**form, "legal_id": "W 691 000 111"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Bricodeurs" in page and "W691000111" in page


def test_an_association_without_an_rna_number_says_why(client, login):
    login("coordinator")
    form = {"name": "Asso de Metz", "city": "Metz", "postcode": "57000"}
    response = client.post("/associations/new", data=form)
    assert 'data-error-for="legal_id">indiquez le numéro RNA ou le SIRET' in response.text
    form["legal_id_missing_reason"] = "association de droit local, inscrite au tribunal"
    assert client.post("/associations/new", data=form).status_code == 302


def test_an_association_is_corrected_and_can_be_deactivated(client, login, data):
    association_id = data(lambda s: make_association(s, name="Old name", legal_id="W690000042").id)
    login("coordinator")
    page = client.get(f"/associations/{association_id}/edit").text
    assert 'value="Old name"' in page and 'value="W690000042"' in page
    form = {"name": "New name", "city": "Lyon", "legal_id": "W690000042"}
    response = client.post(
        f"/associations/{association_id}/edit", data={**form, "postcode": "6900"}
    )
    assert 'data-error-for="postcode">« 6900 » n’est pas un code postal français' in response.text
    response = client.post(
        f"/associations/{association_id}/edit", data={**form, "focus_areas": "seniors, emploi"}
    )
    assert response.status_code == 302
    page = client.get(f"/associations/{association_id}").text
    assert "New name" in page and "emploi, seniors" in page and "<dd>non</dd>" in page
