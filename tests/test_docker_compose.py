"""The production stack: docker-compose.yml, Dockerfile and .env.example.

docker-compose.yml is rendered by a real Compose client (`config`, no Docker engine
needed) with .env.example as its env file, so interpolation, anchors and the schema
are checked the way `docker compose up` would see them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import make_url

from jiandu.settings import ENV_VARS_READ
from jiandu.warehouse import parse_url

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
UV_LOCK = ROOT / "uv.lock"
ENSURE_COMPOSE = ROOT / "scripts" / "ensure-compose.sh"

AIRFLOW_SERVICES = [
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
]
SERVICES = ["postgres", "redis", *AIRFLOW_SERVICES]
LONG_RUNNING = [name for name in SERVICES if name != "airflow-init"]
TASK_SERVICE = "airflow-worker"  # the Celery worker runs the tasks
MOUNTED_FOLDERS = ["dags", "plugins", "include", "dbt_project", "expectations"]
SHARED_BY_ALL_COMPONENTS = [
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
    "AIRFLOW__CELERY__BROKER_URL",
    "AIRFLOW__API_AUTH__JWT_SECRET",
    "AIRFLOW__CORE__FERNET_KEY",
]

# Interpolations in a compose file: ${VAR}, ${VAR:-default}, ${VAR:?error}, $VAR;
# "$$" is an escaped dollar and is not interpolated.
INTERPOLATION = re.compile(r"(?<!\$)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")
ENV_ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.MULTILINE)


@cache
def compose_command() -> tuple[str, ...]:
    found = subprocess.run(
        ["bash", str(ENSURE_COMPOSE), "--check"], capture_output=True, text=True, timeout=30
    )
    if found.returncode != 0:
        pytest.fail(
            "No Compose client (`docker compose` or `docker-compose`) to render docker-compose.yml.\n"
            "Run scripts/ensure-compose.sh (installs Debian's docker-compose when none is there), "
            f"then rerun the tests.\n{found.stderr.strip()}",
            pytrace=False,
        )
    return tuple(found.stdout.split())


@cache
def compose_config() -> subprocess.CompletedProcess[str]:
    """`<compose> config` of docker-compose.yml with .env.example as the env file (run once)."""
    command = [
        *compose_command(),
        "--project-directory", str(ROOT),
        "-f", str(COMPOSE_FILE),
        "--env-file", str(ENV_EXAMPLE),
        "config",
    ]  # fmt: skip
    # A clean environment: shell variables would override .env.example values.
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


def rendered() -> dict:
    result = compose_config()
    if result.returncode != 0:
        pytest.fail(f"`{' '.join(result.args)}` failed:\n{result.stderr}", pytrace=False)
    return yaml.safe_load(result.stdout)


def env_of(service: str) -> dict[str, str]:
    environment = rendered()["services"][service].get("environment") or {}
    if isinstance(environment, list):  # KEY=VALUE strings
        environment = dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
    return {key: "" if value is None else str(value) for key, value in environment.items()}


def mounts_of(service: str) -> dict[str, str]:
    """target -> source of every volume of a service (long syntax in v2, short in v1)."""
    mounts = {}
    for volume in rendered()["services"][service].get("volumes") or []:
        if isinstance(volume, dict):
            mounts[volume["target"]] = str(volume.get("source", ""))
        else:
            source, target = volume.split(":")[:2]
            mounts[target] = source
    return mounts


def env_example_assignments() -> dict[str, str]:
    return dict(ENV_ASSIGNMENT.findall(ENV_EXAMPLE.read_text(encoding="utf-8")))


def test_services_exist() -> None:
    missing = sorted(set(SERVICES) - set(rendered()["services"]))
    assert not missing, f"docker-compose.yml lacks the services {missing}"


@pytest.mark.parametrize("service", AIRFLOW_SERVICES)
def test_airflow_service_configuration(service: str) -> None:
    env = env_of(service)
    assert env.get("AIRFLOW__CORE__EXECUTOR") == "CeleryExecutor", service
    assert env.get("AIRFLOW__CORE__EXECUTION_API_SERVER_URL") == "http://airflow-apiserver:8080/execution/"
    assert env.get("AIRFLOW__CORE__LOAD_EXAMPLES", "").lower() == "false", service
    assert env.get("AIRFLOW__CORE__DEFAULT_TIMEZONE") == "Asia/Shanghai", service
    for name in [
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
        "AIRFLOW__CELERY__BROKER_URL",
        "AIRFLOW__CELERY__RESULT_BACKEND",
        "AIRFLOW__API_AUTH__JWT_SECRET",
        "AIRFLOW__CORE__FERNET_KEY",
    ]:
        assert env.get(name), f"{service}: {name} is not set"
    # Every component must share the metadata database, broker and secrets.
    reference = env_of(TASK_SERVICE)
    for name in SHARED_BY_ALL_COMPONENTS:
        assert env[name] == reference[name], f"{service}: {name} differs from {TASK_SERVICE}"


@pytest.mark.parametrize("service", AIRFLOW_SERVICES)
def test_project_folders_are_mounted(service: str) -> None:
    # jiandu.settings.PROJECT_ROOT is two levels above plugins/jiandu/, i.e. AIRFLOW_HOME.
    home = env_of(service).get("AIRFLOW_HOME", "/opt/airflow")
    mounts = mounts_of(service)
    for folder in MOUNTED_FOLDERS:
        target = f"{home}/{folder}"
        assert target in mounts, f"{service}: {folder}/ is not mounted at {target}"
        assert Path(mounts[target]) == ROOT / folder, f"{service}: {target} comes from {mounts[target]}"


@pytest.mark.parametrize("name", ENV_VARS_READ)
def test_env_vars_read_reach_the_worker(name: str) -> None:
    assert env_of(TASK_SERVICE).get(name), f"{TASK_SERVICE} has no value for {name}"
    assert re.search(rf"\b{name}\b", ENV_EXAMPLE.read_text(encoding="utf-8")), (
        f"{name} is not documented in .env.example"
    )


def test_worker_directories_are_volumes() -> None:
    env = env_of(TASK_SERVICE)
    mounts = mounts_of(TASK_SERVICE)
    for name in ["JIANDU_LEDGER_DROP_DIR", "JIANDU_DATA_DIR"]:
        assert env[name] in mounts, f"{name}={env[name]} is not a volume of {TASK_SERVICE}"


def test_warehouse_and_airflow_use_separate_databases() -> None:
    env = env_of(TASK_SERVICE)
    warehouse = parse_url(env["WAREHOUSE_URL"])
    metadata = make_url(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
    example = env_example_assignments()
    assert (warehouse.host, warehouse.dbname, warehouse.user) == (
        "postgres",
        example["WAREHOUSE_DB"],
        example["WAREHOUSE_USER"],
    )
    assert metadata.host == "postgres"
    assert metadata.database != warehouse.dbname, "warehouse and Airflow metadata share one database"


def test_startup_order_uses_healthchecks() -> None:
    services = rendered()["services"]
    for name in LONG_RUNNING:
        assert services[name].get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    for name in AIRFLOW_SERVICES:
        depends_on = services[name].get("depends_on") or {}
        assert isinstance(depends_on, dict), f"{name}: depends_on needs conditions"
        for dependency in ["postgres", "redis"]:
            assert depends_on.get(dependency, {}).get("condition") == "service_healthy", (name, dependency)
        if name != "airflow-init":
            init = depends_on.get("airflow-init", {}).get("condition")
            assert init == "service_completed_successfully", f"{name} may start before `airflow db migrate`"
    assert "db migrate" in " ".join(services["airflow-init"]["command"])


def test_every_interpolated_variable_is_in_env_example() -> None:
    used = {a or b for a, b in INTERPOLATION.findall(COMPOSE_FILE.read_text(encoding="utf-8"))}
    assigned = env_example_assignments()
    missing = sorted(used - set(assigned))
    assert not missing, f"docker-compose.yml uses {missing}, not set in .env.example"
    empty = sorted(name for name in used if not assigned[name].strip())
    assert not empty, f".env.example has no placeholder value for {empty}"


def test_env_example_holds_placeholders_only() -> None:
    secrets = {
        name: value
        for name, value in env_example_assignments().items()
        if re.search(r"PASSWORD|SECRET|FERNET", name) or name.startswith("AIRFLOW_CONN_")
    }
    real = sorted(name for name, value in secrets.items() if "change-me" not in value)
    assert not real, f".env.example must hold placeholders (containing 'change-me'), not secrets: {real}"


def test_env_file_is_gitignored() -> None:
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=ROOT, timeout=30)
    assert ignored.returncode == 0, ".env is not ignored by git: add a `.env` line to .gitignore"
    example = subprocess.run(["git", "check-ignore", "-q", ".env.example"], cwd=ROOT, timeout=30)
    assert example.returncode == 1, ".env.example must stay committed"


def test_dockerfile_installs_from_the_lock() -> None:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))  # join continued lines
    assert re.search(r"^FROM\s+python:3\.11", text, re.MULTILINE), "base image must be python:3.11"
    assert re.search(r"^COPY\s.*\buv\.lock\b", text, re.MULTILINE), "uv.lock is not copied into the image"
    syncs = re.findall(r"uv sync[^\n&;]*", text)
    assert syncs, "the Dockerfile does not run `uv sync`"
    for sync in syncs:
        assert "--frozen" in sync and "--no-dev" in sync, f"`{sync.strip()}` must use --frozen --no-dev"
    assert re.search(r"^ENV\s.*AIRFLOW_HOME=/opt/airflow", text, re.MULTILINE)
    assert re.search(r"^ENV\s.*PATH=\S*/bin:", text, re.MULTILINE), "the venv is not put on PATH"


def test_dockerfile_builds_the_compiled_sqlite_reader_where_the_loader_looks() -> None:
    from jiandu.loaders import sqlite_native

    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    build = re.search(r"^RUN gcc (.*) -o (\S+) (\S+) -lsqlite3$", text, re.MULTILINE)
    assert build, "the Dockerfile does not compile plugins/jiandu/loaders/sqlite_copy.c"
    assert build.group(1).split() == sqlite_native.CFLAGS
    assert build.group(3).endswith(sqlite_native.SOURCE.name)
    copied = re.search(rf"^COPY --from=\S+ {re.escape(build.group(2))} (\S+)$", text, re.MULTILINE)
    assert copied, "the built reader is not copied into the runtime image"
    env = re.search(r"^ENV\s.*JIANDU_SQLITE_COPY_LIB=(\S+)", text, re.MULTILINE)
    assert env and env.group(1) == copied.group(1).rstrip("/") + "/" + Path(build.group(2)).name
    assert not env.group(1).startswith("/opt/airflow/plugins"), "plugins/ is mounted over by docker-compose.yml"


def runtime_packages() -> set[str]:
    """Names of the packages `uv sync --frozen --no-dev` installs for jiandu (with extras)."""
    packages = {package["name"]: package for package in tomllib.loads(UV_LOCK.read_text())["package"]}
    seen: set[tuple[str, str | None]] = set()
    todo: list[tuple[str, str | None]] = [("jiandu", None)]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        package = packages[name]
        if extra is None:
            dependencies = package.get("dependencies", [])
        else:
            dependencies = package.get("optional-dependencies", {}).get(extra, [])
        for dependency in dependencies:
            todo.append((dependency["name"], None))
            todo.extend((dependency["name"], e) for e in dependency.get("extra", []))
    return {name for name, _ in seen}


def test_lock_can_run_the_configured_stack() -> None:
    env = env_of(TASK_SERVICE)
    needed = {
        "apache-airflow-providers-celery": "CeleryExecutor and `airflow celery worker`",
        "celery": "CeleryExecutor",
        "redis": f"the broker {env['AIRFLOW__CELERY__BROKER_URL'].split(':')[0]}://",
    }
    if "psycopg2" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]:
        needed["psycopg2-binary"] = "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN (postgresql+psycopg2)"
    # Airflow 3 also opens the metadata database asynchronously, through a URL it derives from the sync one
    # (airflow.settings._get_async_conn_uri_from_sync: postgresql+... -> postgresql+asyncpg) unless
    # AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC names another driver. Without it every component fails to start.
    async_url = env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC", "")
    if env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql") and (not async_url or "asyncpg" in async_url):
        needed["asyncpg"] = "the async metadata URL Airflow derives (postgresql+asyncpg)"
    if "fab" in env.get("AIRFLOW__CORE__AUTH_MANAGER", ""):
        needed["apache-airflow-providers-fab"] = f"AIRFLOW__CORE__AUTH_MANAGER={env['AIRFLOW__CORE__AUTH_MANAGER']}"
    missing = {name: why for name, why in needed.items() if name not in runtime_packages()}
    assert not missing, (
        f"the image built from uv.lock lacks {missing}: depend on `apache-airflow[celery]` "
        "in pyproject.toml and run `uv lock`"
    )


def test_production_logins_are_a_real_auth_manager_with_the_admin_from_env() -> None:
    """FAB auth manager (users in the metadata database), the first admin and its password from .env."""
    for service in AIRFLOW_SERVICES:  # every component must agree on the auth manager
        assert env_of(service).get("AIRFLOW__CORE__AUTH_MANAGER", "").endswith(".FabAuthManager"), service
    init = rendered()["services"]["airflow-init"]
    script = " ".join(init["command"])
    for step in ["airflow db migrate", "airflow users create", "airflow users reset-password"]:
        assert step in script, f"airflow-init does not run `{step}`"
    # The password reaches the container through the environment of airflow-init only, never a generated file.
    env = env_of("airflow-init")
    assert env["AIRFLOW_ADMIN_PASSWORD"] == env_example_assignments()["AIRFLOW_ADMIN_PASSWORD"]
    assert "$AIRFLOW_ADMIN_PASSWORD" in script.replace("{", "").replace("}", "")
    for service in LONG_RUNNING:
        if service in AIRFLOW_SERVICES:
            assert "AIRFLOW_ADMIN_PASSWORD" not in env_of(service), f"{service} gets the admin password"


def test_redis_visibility_timeout_outlasts_the_longest_task() -> None:
    """Redis redelivers an unacknowledged task after visibility_timeout: a longer task would run twice."""
    from jiandu_dev.dag_runner import load_dag

    timeout = int(env_of(TASK_SERVICE)["AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT"])
    longest = max(
        (task.execution_timeout.total_seconds(), f"{dag_id}.{task.task_id}")
        for dag_id in ["nightly_supervision", "weekly_supervision_summary"]
        for task in load_dag(dag_id).tasks
        if task.execution_timeout is not None
    )
    assert timeout >= longest[0] * 1.25, f"visibility_timeout {timeout} s; {longest[1]} may run {longest[0]:.0f} s"
    assert timeout <= longest[0] * 3, f"visibility_timeout {timeout} s delays redelivery of a lost task needlessly"


@pytest.mark.slow  # imports Airflow in a fresh interpreter: several seconds
def test_celery_executor_imports(tmp_path: Path) -> None:
    """The worker's executor module imports with the locked celery (provider 3.26 breaks on celery 5.7)."""
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(tmp_path),
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    }
    module = "airflow.providers.celery.executors.celery_executor_utils"
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, (
        f"`import {module}` fails, so `airflow celery worker` cannot start:\n"
        f"{result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ''}\n"
        "Depend on `apache-airflow[celery]` with a celery the provider supports (e.g. `celery<5.7`), "
        "then `uv lock`."
    )


def test_the_runtime_image_has_the_mysql_client_the_loader_reads_with() -> None:
    """MySQL/MariaDB sources are read by the client where it is installed (jiandu.loaders.mysql_reader)."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    runtime = text[[m.start() for m in re.finditer(r"^FROM\s", text, re.MULTILINE)][-1]:]
    assert re.search(r"^RUN apt-get update && apt-get install .*\bmariadb-client\b", runtime, re.MULTILINE), \
        "the runtime stage does not install mariadb-client"
