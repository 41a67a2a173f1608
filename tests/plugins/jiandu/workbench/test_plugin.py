"""The Airflow plugin registers the workbench app and its UI entry, cheaply."""

import os
import subprocess
import sys

from tests.conftest import PROJECT

LOAD = """
import sys
from airflow import plugins_manager
info = {p["name"]: p for p in plugins_manager.get_plugin_info()}["jiandu_workbench"]
print(info["fastapi_apps"][0]["url_prefix"], info["external_views"][0]["name"])
print(sorted(m for m in sys.modules if m.startswith("jiandu")))
"""


def test_plugin_registers_fastapi_app_and_external_view():
    sys.path.insert(0, str(PROJECT / "plugins"))
    from jiandu_workbench_plugin import JianduWorkbenchPlugin, LazyWorkbench

    app = JianduWorkbenchPlugin.fastapi_apps[0]
    assert set(app) == {"app", "url_prefix", "name"} and isinstance(app["app"], LazyWorkbench)
    assert app["url_prefix"] == "/jiandu-workbench" and app["app"]._app is None  # built on first request only
    view = JianduWorkbenchPlugin.external_views[0]
    assert view["name"] == "审计工作台" and view["href"] == "/jiandu-workbench/flags" and view["destination"] == "nav"


def test_airflow_loads_the_plugin_without_importing_the_package():
    env = dict(os.environ, AIRFLOW__CORE__PLUGINS_FOLDER=str(PROJECT / "plugins"))
    result = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "/jiandu-workbench 审计工作台" in result.stdout
    assert "['jiandu_workbench_plugin']" in result.stdout  # plugins/.airflowignore keeps the jiandu package out
