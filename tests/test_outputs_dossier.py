"""The one read model of a person: the CLI and /api/v1 give the same dossier and list, with one direction."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from web_support import login, make_app

from casewatch.cli import app as cli_app


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("dossier"))
    client = TestClient(app)
    login(client, "ada")
    return app, client, app.state.engine.url.render_as_string(hide_password=False)


def cli(url: str, *args: str) -> str:
    result = CliRunner().invoke(cli_app, [*args, "--db", url])
    assert result.exit_code == 0, result.output
    return result.stdout


def person_id(client: TestClient, name: str) -> int:
    return next(p["id"] for p in client.get("/api/v1/persons").json()["persons"] if p["name"] == name)


def test_cli_and_api_give_an_admin_the_same_dossier(web):
    _, client, url = web
    marat = person_id(client, "Marat Zhanuzakov")
    api = client.get(f"/api/v1/persons/{marat}").json()
    assert json.loads(cli(url, "person", str(marat), "--json")) == api
    assert api["person"]["name"] == "Marat Zhanuzakov"
    assert api["timeline"] and api["relations"] and len(api["sources"]) == 2
    assert {e["role"] for e in api["timeline"]} == {"target"}


def test_cli_and_api_list_a_person_alike(web):
    _, client, url = web
    listed = {p["id"]: p for p in json.loads(cli(url, "persons", "--json"))}
    for p in client.get("/api/v1/persons").json()["persons"]:
        assert listed[p["id"]] == p


def test_a_relation_reads_the_same_way_from_both_persons(web):
    _, client, url = web
    marat, saule = person_id(client, "Marat Zhanuzakov"), person_id(client, "Saule Zhanuzakova")
    # "His wife Saule Zhanuzakova": the subtype describes Saule
    (of_marat,) = client.get(f"/api/v1/persons/{marat}").json()["relations"]
    (of_saule,) = client.get(f"/api/v1/persons/{saule}").json()["relations"]
    assert (of_marat["direction"], of_marat["subtype"], of_marat["person_id"]) == ("has", "wife", saule)
    assert (of_saule["direction"], of_saule["subtype"], of_saule["person_id"]) == ("of", "wife", marat)
    assert f"has wife #{saule} Saule Zhanuzakova" in cli(url, "person", str(marat))
    assert f"wife of #{marat} Marat Zhanuzakov" in cli(url, "person", str(saule))
