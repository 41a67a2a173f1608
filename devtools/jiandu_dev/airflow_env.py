"""A project-local Airflow for `jiandu run`: AIRFLOW_HOME under the data folder, SQLite metadata."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jiandu.settings import get_settings


def prepare() -> Path:
    """Set Airflow's environment (unless the operator set it) and migrate the metadata DB once."""
    settings = get_settings()
    home = Path(os.environ.setdefault("AIRFLOW_HOME", str(settings.data_dir / "airflow")))
    home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(settings.project_root / "dags"))
    os.environ.setdefault("AIRFLOW__CORE__PLUGINS_FOLDER", str(settings.project_root / "plugins"))
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    os.environ.setdefault("AIRFLOW__CORE__DEFAULT_TIMEZONE", settings.timezone)
    os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "False")
    os.environ.setdefault("AIRFLOW__LOGGING__LOGGING_LEVEL", "INFO")
    marker = home / ".migrated"
    if not marker.exists():
        airflow = Path(sys.executable).with_name("airflow")
        subprocess.run([str(airflow), "db", "migrate"], check=True, stdout=subprocess.DEVNULL)
        marker.write_text("ok\n")
    return home
