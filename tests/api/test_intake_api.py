"""Intake through the API: sites, warehouses, collections, import, devices to ready."""

import io
import json

from reuse import codes
from reuse.errors import StaleVersion
from reuse.services import device_events, intake

SITE = {"organisation": "Telco", "name": "Gerland", "city": "Lyon", "kind": "technical site"}


def post(client, path, body, auth):
    return client.post(f"/api/v1{path}", json=body, headers=auth)


def test_donor_sites_and_warehouses_are_created_read_corrected_and_deleted(client, headers):
    auth = headers["warehouse"]
    site = post(client, "/donor-sites", SITE, auth)
    assert site.status_code == 201 and site.json["name"] == "Gerland"
    site_id = site.json["id"]
    duplicate = post(client, "/donor-sites", SITE, auth)
    assert duplicate.status_code == 409 and duplicate.json["errors"] == {
        "name": [duplicate.json["message"]]
    }
    patched = client.patch(f"/api/v1/donor-sites/{site_id}", json={"city": "Lyon 7e"}, headers=auth)
    assert patched.json["city"] == "Lyon 7e"
    blank = client.patch(f"/api/v1/donor-sites/{site_id}", json={"city": " "}, headers=auth)
    assert blank.status_code == 422 and "city" in blank.json["errors"]
    listed = client.get("/api/v1/donor-sites", headers=auth)
    assert [s["id"] for s in listed.json] == [site_id]
    assert json.loads(listed.headers["X-Pagination"])["total"] == 1
    assert client.delete(f"/api/v1/donor-sites/{site_id}", headers=auth).status_code == 204
    assert client.get(f"/api/v1/donor-sites/{site_id}", headers=auth).status_code == 404
    warehouse = post(client, "/warehouses", {"name": "Vénissieux", "city": "Vénissieux"}, auth)
    assert warehouse.status_code == 201
    missing = post(client, "/warehouses", {"name": "X"}, auth)
    assert missing.status_code == 422 and "city" in missing.json["errors"]


def _collection(client, auth) -> int:
    site = post(client, "/donor-sites", SITE, auth).json["id"]
    collection = post(
        client, "/collections", {"donor_site_id": site, "collected_on": "2026-11-02"}, auth
    )
    assert collection.status_code == 201, collection.json
    return collection.json["id"]


def _upload(client, collection_id, text, auth, dry_run=False):
    return client.post(
        f"/api/v1/collections/{collection_id}/import",
        data={"file": (io.BytesIO(text.encode()), "parc.csv"), "dry_run": str(dry_run).lower()},
        headers=auth,
        content_type="multipart/form-data",
    )


def test_a_collection_refuses_a_site_that_does_not_exist(client, headers):
    response = post(
        client,
        "/collections",
        {"donor_site_id": 4242, "collected_on": "2026-11-02"},
        headers["warehouse"],
    )
    assert response.status_code == 404 and "donor_site_id" in response.json["errors"]


def test_an_import_is_all_or_nothing_with_every_error_listed(client, headers):
    auth = headers["warehouse"]
    collection_id = _collection(client, auth)
    bad = _upload(client, collection_id, "Serial,Category\nA1,UC\nA2,Toaster\nA1,UC\n", auth)
    assert bad.status_code == 422
    assert bad.json["errors"] == [
        {"row": 3, "column": "Category", "message": bad.json["errors"][0]["message"]},
        {"row": 4, "column": "Serial", "message": bad.json["errors"][1]["message"]},
    ]
    assert client.get("/api/v1/devices", headers=auth).json == []
    dry = _upload(client, collection_id, "Serial,Category\nA1,UC\nA2,Portable\n", auth, True)
    assert dry.status_code == 201 and dry.json == {"created": 2, "dry_run": True, "warnings": []}
    assert client.get("/api/v1/devices", headers=auth).json == []
    done = _upload(client, collection_id, "Serial,Category,Colour\nA1,UC,red\nA2,Portable,\n", auth)
    assert done.json == {"created": 2, "dry_run": False, "warnings": ["columns ignored: Colour"]}
    listed = client.get(f"/api/v1/devices?collection_id={collection_id}", headers=auth)
    assert sorted(d["serial_number"] for d in listed.json) == ["A1", "A2"]


def test_a_device_goes_from_intake_to_ready_through_events(client, headers):
    auth = headers["warehouse"]
    collection_id = _collection(client, auth)
    warehouse_id = post(client, "/warehouses", {"name": "W", "city": "Lyon"}, auth).json["id"]
    created = post(
        client,
        "/devices",
        {
            "collection_id": collection_id,
            "category": "desktop",
            "serial_number": "5cg 1",
            "manufacturer": "DELL",
            "accessories": "clavier, souris",
        },
        auth,
    )
    assert created.status_code == 201, created.json
    code = created.json["display_code"].lower()  # any accepted form
    steps = [
        {"kind": "received", "warehouse_id": warehouse_id},
        {
            "kind": "erasure",
            "method": "purge",
            "technique": "crypto-erase",
            "result": "passed",
            "tool": "Blancco",
            "certificate_ref": "BL-1",
        },
        {"kind": "test", "result": "passed", "notes": "ok"},
        {"kind": "graded", "grade": "B"},
        {"kind": "ready"},
    ]
    for step in steps:
        response = post(client, f"/devices/{code}/events", step, auth)
        assert response.status_code == 201, (step, response.json)
    assert response.json["status"] == "ready" and response.json["grade"] == "B"
    detail = client.get(f"/api/v1/devices/{code}", headers=auth).json
    assert detail["serial_number"] == "5CG1" and detail["manufacturer"] == "Dell"
    assert [e["kind"] for e in detail["events"]] == [
        "registered",
        "received",
        "erasure",
        "test",
        "graded",
        "ready",
    ]
    assert detail["erasure_records"][0]["certificate_ref"] == "BL-1"
    history = client.get(f"/api/v1/devices/{code}/events?page_size=2", headers=auth)
    assert len(history.json) == 2 and json.loads(history.headers["X-Pagination"])["total"] == 6


def test_a_refused_transition_is_409_with_the_reason(client, headers):
    auth = headers["warehouse"]
    code = post(
        client,
        "/devices",
        {"collection_id": _collection(client, auth), "category": "laptop", "serial_number": "Z"},
        auth,
    ).json["code"]
    response = post(client, f"/devices/{code}/events", {"kind": "ready"}, auth)
    assert response.status_code == 409 and "not been received" in response.json["message"]
    response = post(client, f"/devices/{code}/events", {"kind": "recycled"}, auth)
    assert response.status_code == 422 and "reason" in response.json["errors"]
    for incomplete in (
        {"kind": "erasure"},
        {"kind": "erasure", "method": "purge"},
        {"kind": "test"},
    ):
        response = post(client, f"/devices/{code}/events", incomplete, auth)
        assert response.status_code == 422, incomplete
    response = client.post(
        f"/api/v1/devices/{code}/events",
        data="not json",
        headers=auth,
        content_type="application/json",
    )
    assert response.status_code in (400, 422) and response.is_json
    response = post(client, f"/devices/{code}/events", {"kind": "graded", "reason": "x"}, auth)
    assert response.status_code == 422 and "reason" in response.json["errors"]
    response = post(client, f"/devices/{code}/events", {"kind": "teleported"}, auth)
    assert response.status_code == 422 and "kind" in response.json["errors"]


def test_patch_with_a_stale_etag_is_412_and_changes_nothing(client, headers):
    auth = headers["warehouse"]
    code = post(
        client,
        "/devices",
        {"collection_id": _collection(client, auth), "category": "laptop", "serial_number": "P1"},
        auth,
    ).json["code"]
    etag = client.get(f"/api/v1/devices/{code}", headers=auth).headers["ETag"]
    blind = client.patch(f"/api/v1/devices/{code}", json={"ram_gb": 4}, headers=auth)
    assert blind.status_code == 428 and "If-Match" in blind.json["message"]
    fresh = client.patch(
        f"/api/v1/devices/{code}", json={"ram_gb": 8}, headers={**auth, "If-Match": etag}
    )
    assert fresh.status_code == 200 and fresh.headers["ETag"] != etag
    stale = client.patch(
        f"/api/v1/devices/{code}", json={"ram_gb": 16}, headers={**auth, "If-Match": etag}
    )
    assert stale.status_code == 412
    assert f"device {codes.display(code)} is at version" in stale.json["message"]
    assert client.get(f"/api/v1/devices/{code}", headers=auth).json["ram_gb"] == 8
    stale_event = post(
        client, f"/devices/{code}/events", {"kind": "recycled", "reason": "x", "version": 1}, auth
    )
    assert stale_event.status_code == 409


def test_a_change_that_loses_a_race_after_its_if_match_check_is_412(client, headers, monkeypatch):
    auth = headers["warehouse"]
    body = {"collection_id": _collection(client, auth), "category": "laptop", "serial_number": "R1"}
    code = post(client, "/devices", body, auth).json["code"]
    etag = client.get(f"/api/v1/devices/{code}", headers=auth).headers["ETag"]

    def someone_else_committed_first(*args, **kwargs):
        raise StaleVersion(f"this device {code} was changed by someone else meanwhile")

    monkeypatch.setattr(intake, "update_device", someone_else_committed_first)
    monkeypatch.setattr(device_events, "record", someone_else_committed_first)
    with_etag = {**auth, "If-Match": etag}
    patched = client.patch(f"/api/v1/devices/{code}", json={"ram_gb": 8}, headers=with_etag)
    assert patched.status_code == 412 and "changed since your If-Match" in patched.json["message"]
    graded = {"kind": "graded", "grade": "A"}
    event = client.post(f"/api/v1/devices/{code}/events", json=graded, headers=with_etag)
    assert event.status_code == 412
    without = client.post(
        f"/api/v1/devices/{code}/events", json={**graded, "version": 1}, headers=auth
    )
    assert without.status_code == 409


def test_device_search_filters_and_paginates(client, headers):
    auth = headers["warehouse"]
    collection_id = _collection(client, auth)
    for n in range(5):
        post(
            client,
            "/devices",
            {
                "collection_id": collection_id,
                "serial_number": f"S{n}",
                "category": "laptop" if n % 2 else "desktop",
                "model": f"ThinkPad T4{n}0",
            },
            auth,
        )
    laptops = client.get("/api/v1/devices?category=laptop", headers=auth).json
    assert sorted(d["serial_number"] for d in laptops) == ["S1", "S3"]
    page = client.get("/api/v1/devices?page=2&page_size=2", headers=auth)
    assert len(page.json) == 2 and json.loads(page.headers["X-Pagination"])["total_pages"] == 3
    by_model = client.get("/api/v1/devices?q=t420", headers=auth).json
    assert [d["serial_number"] for d in by_model] == ["S2"]
    code = by_model[0]["display_code"]
    assert [
        d["serial_number"] for d in client.get(f"/api/v1/devices?q={code}", headers=auth).json
    ] == ["S2"]
    bad = client.get("/api/v1/devices?status=lost", headers=auth)
    assert bad.status_code == 422 and "status" in bad.json["errors"]


def test_a_bad_code_is_422_and_an_unknown_one_404(client, headers):
    auth = headers["warehouse"]
    assert client.get("/api/v1/devices/KXBT-RHNP-T", headers=auth).status_code == 422
    assert client.get("/api/v1/devices/KXBT-RHNP-R", headers=auth).status_code == 404


def test_a_body_sent_without_its_json_content_type_is_refused_not_taken_for_no_change(
    client, headers
):
    auth = headers["warehouse"]
    body = {"collection_id": _collection(client, auth), "category": "laptop", "os": "Windows"}
    code = post(client, "/devices", body, auth).json["code"]
    etag = client.get(f"/api/v1/devices/{code}", headers=auth).headers["ETag"]
    change = json.dumps({"os": "Debian"})
    for content_type in (None, "text/plain", "application/x-www-form-urlencoded"):
        sent = {**auth, "If-Match": etag} | ({"Content-Type": content_type} if content_type else {})
        refused = client.patch(f"/api/v1/devices/{code}", data=change, headers=sent)
        assert refused.status_code == 415, content_type
        assert "Content-Type: application/json" in refused.json["message"]
        assert set(refused.json) == {"code", "status", "message", "errors"}
    device = client.get(f"/api/v1/devices/{code}", headers=auth)
    assert device.json["os"] == "Windows" and device.headers["ETag"] == etag
    event = client.post(f"/api/v1/devices/{code}/events", data='{"kind": "graded"}', headers=auth)
    assert event.status_code == 415
    bodiless = client.post("/api/v1/needs/2147483647/approve", headers=headers["coordinator"])
    assert bodiless.status_code == 404  # no body: nothing to refuse
