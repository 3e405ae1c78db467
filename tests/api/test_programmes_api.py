"""Programmes, associations and needs through the API, with each association kept to its own."""

PROGRAMME = {
    "name": "1000 PC Lyon",
    "partner": "Ville de Lyon",
    "territory": "Lyon",
    "starts_on": "2026-01-01",
    "target_devices": 1000,
}


def post(client, path, body, auth):
    return client.post(f"/api/v1{path}", json=body, headers=auth)


def test_programmes_are_created_listed_and_corrected(client, headers):
    auth = headers["coordinator"]
    created = post(client, "/programmes", PROGRAMME, auth)
    assert created.status_code == 201
    programme_id = created.json["id"]
    wrong = client.patch(
        f"/api/v1/programmes/{programme_id}", json={"ends_on": "2025-01-01"}, headers=auth
    )
    assert wrong.status_code == 422 and "ends_on" in wrong.json["errors"]
    assert client.get("/api/v1/programmes", headers=headers["partner"]).status_code == 200


def test_association_legal_ids_are_checked(client, headers):
    auth = headers["coordinator"]
    bad = post(
        client, "/associations", {"name": "A", "city": "Lyon", "legal_id": "73282932000075"}, auth
    )
    assert bad.status_code == 422 and "not a valid SIRET" in bad.json["errors"]["legal_id"][0]
    good = post(
        client,
        "/associations",
        {"name": "A", "city": "Lyon", "legal_id": "732 829 320 00074"},
        auth,
    )
    assert good.status_code == 201 and good.json["legal_id"] == "73282932000074"
    renamed = client.patch(
        f"/api/v1/associations/{good.json['id']}", json={"name": "A Renamed"}, headers=auth
    )
    assert renamed.json["name"] == "A Renamed"


def test_an_association_sees_and_changes_only_its_own_data(client, headers):
    coordinator, asso = headers["coordinator"], headers["association"]
    own = headers["association_id"]
    other = post(
        client,
        "/associations",
        {"name": "Other", "city": "Lyon", "legal_id": "W691234567"},
        coordinator,
    ).json["id"]
    listed = client.get("/api/v1/associations", headers=asso).json
    assert [a["id"] for a in listed] == [own]
    assert client.get(f"/api/v1/associations/{own}", headers=asso).status_code == 200
    assert client.get(f"/api/v1/associations/{other}", headers=asso).status_code == 404
    programme = post(client, "/programmes", PROGRAMME, coordinator).json["id"]
    need = {
        "programme_id": programme,
        "category": "desktop",
        "quantity_min": 10,
        "quantity_max": 30,
        "needs_kit": True,
        "justification": "atelier",
    }
    mine = post(client, "/needs", need, asso)
    assert mine.status_code == 201 and mine.json["association_id"] == own
    theirs = post(client, "/needs", {**need, "association_id": other}, coordinator)
    assert theirs.status_code == 201
    assert post(client, "/needs", {**need, "association_id": other}, asso).status_code == 403
    assert [n["id"] for n in client.get("/api/v1/needs", headers=asso).json] == [mine.json["id"]]
    assert client.get(f"/api/v1/needs/{theirs.json['id']}", headers=asso).status_code == 404
    assert len(client.get("/api/v1/needs", headers=coordinator).json) == 2


def test_the_warehouse_reads_associations_names_and_nothing_else(client, headers):
    coordinator, warehouse = headers["coordinator"], headers["warehouse"]
    post(
        client,
        "/associations",
        {"name": "Zèbre", "city": "Lyon", "legal_id": "W691234567"},
        coordinator,
    )
    names = client.get("/api/v1/associations/names", headers=warehouse)
    assert names.status_code == 200
    assert [a["name"] for a in names.json] == ["Mon Asso", "Zèbre"]
    assert all(set(a) == {"id", "name"} for a in names.json)
    assert client.get("/api/v1/associations", headers=warehouse).status_code == 403
    for role in ("association", "partner"):
        assert client.get("/api/v1/associations/names", headers=headers[role]).status_code == 403


def test_a_coordinator_approves_or_rejects_a_need(client, headers):
    coordinator = headers["coordinator"]
    programme = post(client, "/programmes", PROGRAMME, coordinator).json["id"]
    need = {
        "programme_id": programme,
        "association_id": headers["association_id"],
        "category": "laptop",
        "quantity_min": 1,
        "quantity_max": 5,
        "min_ram_gb": 8,
    }
    first = post(client, "/needs", need, coordinator).json["id"]
    second = post(client, "/needs", need, coordinator).json["id"]
    approved = post(client, f"/needs/{first}/approve", {}, coordinator)
    assert approved.status_code == 200 and approved.json["status"] == "approved"
    again = post(client, f"/needs/{first}/reject", {"note": "no"}, coordinator)
    assert again.status_code == 409
    silent = post(client, f"/needs/{second}/reject", {}, coordinator)
    assert silent.status_code == 422 and "note" in silent.json["errors"]
    rejected = post(client, f"/needs/{second}/reject", {"note": "hors périmètre"}, coordinator)
    assert rejected.json["status"] == "rejected" and rejected.json["review_note"]
    assert post(client, f"/needs/{second}/approve", {}, headers["association"]).status_code == 403
    filtered = client.get("/api/v1/needs?status=approved", headers=coordinator).json
    assert [n["id"] for n in filtered] == [first]


def test_impossible_quantities_are_refused_by_field(client, headers):
    coordinator = headers["coordinator"]
    programme = post(client, "/programmes", PROGRAMME, coordinator).json["id"]
    response = post(
        client,
        "/needs",
        {
            "programme_id": programme,
            "category": "desktop",
            "association_id": headers["association_id"],
            "quantity_min": 30,
            "quantity_max": 10,
        },
        coordinator,
    )
    assert response.status_code == 422 and "quantity_max" in response.json["errors"]
