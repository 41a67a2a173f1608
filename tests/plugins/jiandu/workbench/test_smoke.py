from tests.plugins.jiandu.workbench.workbench_data import client_for


def test_smoke(flags):
    c = client_for("admin")
    r = c.get("/flags")
    assert r.status_code == 200, r.text
    print(r.text[:3000])
    r = c.get(f"/flags/{flags['W01']}")
    assert r.status_code == 200, r.text
