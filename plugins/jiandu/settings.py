"""The one place for jiandu settings.

Every value comes from the environment with an embedded default, so the same
code runs from a laptop (`make demo`), from the tests and from the production
compose stack. No credential is ever written here: production passes them in
through environment variables (see `.env.example`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Environment variables the code reads. docker-compose.yml and .env.example are
# checked against this list by tests/test_docker_compose.py.
ENV_WAREHOUSE_URL = "WAREHOUSE_URL"  # postgresql://user:pass@host:port/db; unset -> embedded pgserver
ENV_DATA_DIR = "JIANDU_DATA_DIR"  # embedded warehouse, demo sources, reports; default <project>/.data
ENV_LEDGER_DROP_DIR = "JIANDU_LEDGER_DROP_DIR"  # where subsidiaries drop Excel ledgers (台账)
ENV_TIMEZONE = "JIANDU_TIMEZONE"
# The auditor workbench (web): the password of the database role it connects as (jiandu_workbench_app, not a
# superuser; include/warehouse/repeatable/roles.sql creates it) on a server that asks for one, and the reverse proxies
# whose X-Forwarded-For it believes (addresses or networks, comma-separated; none by default).
ENV_WORKBENCH_DB_PASSWORD = "JIANDU_WORKBENCH_DB_PASSWORD"
ENV_TRUSTED_PROXIES = "JIANDU_TRUSTED_PROXIES"

# Airflow connection ids of the source systems. Each is read from Airflow
# (AIRFLOW_CONN_<ID> environment variable, metastore or secrets backend).
SOURCE_CONN_IDS = {
    "nc_erp": "nc_erp",  # Yonyou NC style ERP (财务)
    "oa": "oa",  # OA workflow approvals (审批)
    "hr": "hr",  # HR system (人力)
    "asset": "asset",  # asset / property-rights register (产权)
}

# Optional tuning, each with a default that suits production.
ENV_GX_KEEP_RUNS = "JIANDU_GX_KEEP_RUNS"  # runs of each suite GX's file store and Data Docs keep (default 5)
ENV_SQLITE_COPY_LIB = "JIANDU_SQLITE_COPY_LIB"  # the compiled SQLite reader (default .tools/native/...)
# the MySQL/MariaDB command-line client that reads MySQL sources (default: `mariadb` or `mysql` on PATH;
# `none`: read through pymysql only)
ENV_MYSQL_CLIENT = "JIANDU_MYSQL_CLIENT"

ENV_VARS_READ = [ENV_WAREHOUSE_URL, ENV_DATA_DIR, ENV_LEDGER_DROP_DIR, ENV_TIMEZONE] + [
    f"AIRFLOW_CONN_{conn_id.upper()}" for conn_id in SOURCE_CONN_IDS.values()
]


@dataclass(frozen=True)
class Settings:
    project_root: Path
    data_dir: Path
    ledger_drop_dir: Path
    timezone: str
    warehouse_url: str | None
    workbench_db_role: str = "jiandu_workbench_app"
    workbench_db_password: str | None = None
    trusted_proxies: tuple[str, ...] = ()
    gx_keep_runs: int = 5
    sqlite_copy_lib: Path | None = None
    mysql_client: str | None = None  # None: look for mariadb / mysql on PATH; "none": never use one

    @property
    def dbt_project_dir(self) -> Path:
        return self.project_root / "dbt_project"

    @property
    def dbt_target_dir(self) -> Path:
        """What dbt writes on each run (manifest, compiled SQL, run results, docs site): under the data folder,
        not the source tree, so that the checkout can be read-only and runs on two warehouses (or two test
        workers) from one checkout do not overwrite each other's manifest and partial-parse state."""
        return self.data_dir / "dbt" / "target"

    @property
    def dbt_log_dir(self) -> Path:
        return self.data_dir / "dbt" / "logs"

    @property
    def gx_context_dir(self) -> Path:
        return self.project_root / "expectations"

    @property
    def gx_runtime_dir(self) -> Path:
        """GX validation results and Data Docs (great_expectations.yml reads it as ${JIANDU_GX_RUNTIME_DIR});
        the suites, checkpoints and datasource stay in the reviewed files under expectations/."""
        return self.data_dir / "gx"

    @property
    def sources_dir(self) -> Path:
        return self.project_root / "include" / "sources"

    @property
    def ledgers_dir(self) -> Path:
        """Excel ledger (台账) layouts, one YAML per ledger type."""
        return self.project_root / "include" / "ledgers"

    @property
    def embedded_pgdata(self) -> Path:
        return self.data_dir / "pgdata"

    @property
    def demo_sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"


def get_settings() -> Settings:
    data_dir = Path(os.environ.get(ENV_DATA_DIR) or PROJECT_ROOT / ".data").resolve()
    return Settings(
        project_root=PROJECT_ROOT,
        data_dir=data_dir,
        ledger_drop_dir=Path(os.environ.get(ENV_LEDGER_DROP_DIR) or data_dir / "ledger_drop").resolve(),
        timezone=os.environ.get(ENV_TIMEZONE, "Asia/Shanghai"),
        warehouse_url=os.environ.get(ENV_WAREHOUSE_URL) or None,
        workbench_db_password=os.environ.get(ENV_WORKBENCH_DB_PASSWORD) or None,
        trusted_proxies=tuple(p.strip() for p in os.environ.get(ENV_TRUSTED_PROXIES, "").split(",") if p.strip()),
        gx_keep_runs=_positive_int(ENV_GX_KEEP_RUNS, 5),
        sqlite_copy_lib=Path(os.environ[ENV_SQLITE_COPY_LIB]) if os.environ.get(ENV_SQLITE_COPY_LIB) else None,
        mysql_client=os.environ.get(ENV_MYSQL_CLIENT, "").strip() or None,
    )


def _positive_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"环境变量 {name} 应为正整数 must be a positive integer, got {value!r}")
    return int(value)
