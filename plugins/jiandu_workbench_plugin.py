"""Airflow plugin: the auditor workbench (审计工作台) at /jiandu-workbench, with an entry in the Airflow UI.

Airflow mounts plugin FastAPI apps WITHOUT its own authentication; the workbench requires its own login
on every route but the login page. The app is built on its first request, so importing this module
(which every Airflow component does) costs nothing.
"""

from __future__ import annotations

from airflow.plugins_manager import AirflowPlugin

URL_PREFIX = "/jiandu-workbench"


class LazyWorkbench:
    """An ASGI app that creates the workbench when it is first called."""

    def __init__(self) -> None:
        self._app = None

    async def __call__(self, scope, receive, send) -> None:
        if self._app is None:
            from jiandu.workbench.app import create_app

            self._app = create_app()
        await self._app(scope, receive, send)


class JianduWorkbenchPlugin(AirflowPlugin):
    name = "jiandu_workbench"
    fastapi_apps = [{"app": LazyWorkbench(), "url_prefix": URL_PREFIX, "name": "审计工作台 jiandu workbench"}]
    external_views = [{
        "name": "审计工作台",
        "href": URL_PREFIX + "/flags",
        "destination": "nav",
        "url_route": "jiandu-workbench",
    }]
