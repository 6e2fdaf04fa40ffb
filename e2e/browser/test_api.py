"""The read-only API as an outside client sees it: the OpenAPI document passes a validator, and
responses have the documented shape."""
import json
import urllib.error
import urllib.request

from openapi_spec_validator import validate


def get(server, path):
    with urllib.request.urlopen(server + path, timeout=20) as r:
        return r.status, r.headers["Content-Type"], json.loads(r.read().decode("utf-8"))


def test_openapi_document_is_valid_and_matches_responses(server):
    _, ctype, spec = get(server, "/api/v1/openapi.json")
    assert ctype.startswith("application/json")
    validate(spec)  # raises on an invalid OpenAPI 3 document

    item_schema = spec["components"]["schemas"]["Item"]
    _, _, page = get(server, "/api/v1/items?per_page=5")
    assert page["total"] >= 8 and len(page["items"]) == 5
    for item in page["items"]:
        for field in item_schema["required"]:
            assert field in item, field
        assert item["kind"] in item_schema["properties"]["kind"]["enum"]
        assert "bodyHtml" not in item or item["bodyHtml"] is None
    titles = [i["title"] for i in get(server, "/api/v1/items?per_page=100")[2]["items"]]
    assert "关于调整局机关内部科室分工的请示" not in titles  # the demo's withheld item

    _, _, one = get(server, "/api/v1/items/" + page["items"][0]["id"])
    assert one["bodyHtml"]

    try:
        urllib.request.urlopen(server + "/api/v1/items?per_page=1000", timeout=20)
        assert False, "per_page above the limit must be refused"
    except urllib.error.HTTPError as e:
        assert e.code == 400
        assert "per_page" in json.loads(e.read().decode("utf-8"))["message"]


def test_search_api(server):
    _, _, page = get(server, "/api/v1/search?q=" + urllib.request.quote("临时救助") + "&per_page=5")
    assert page["total"] >= 1
    assert all("临时救助" in r["snippet"] or "临时救助" in r["item"]["title"] for r in page["results"])
