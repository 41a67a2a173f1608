# jiandu production image: Airflow 3 + dbt + Great Expectations, installed from the
# same uv.lock the tests run against. Code (dags/ plugins/ include/ dbt_project/
# expectations/) is mounted by docker-compose.yml, not baked in.
# The loader's compiled SQLite reader (plugins/jiandu/loaders/sqlite_copy.c), built apart so the runtime
# image carries no compiler. Same flags as jiandu.loaders.sqlite_native.build().
FROM python:3.11-slim-bookworm AS sqlite-reader
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev libsqlite3-dev \
    && rm -rf /var/lib/apt/lists/*
COPY plugins/jiandu/loaders/sqlite_copy.c /src/
RUN gcc -O2 -shared -fPIC -Wall -Werror -o /src/libjiandu_sqlite_copy.so /src/sqlite_copy.c -lsqlite3

FROM python:3.11-slim-bookworm

# Same uv as the one that writes uv.lock (`uv --version`).
ARG UV_VERSION=0.13.9
# Owner of the files the containers write; set it to the owner of the host
# folders mounted by docker-compose.yml (`id -u` of the deploying user).
ARG AIRFLOW_UID=50000

# The MariaDB command-line client reads MySQL/MariaDB sources (jiandu.loaders.mysql_reader): it formats the rows
# for COPY in C, faster than pymysql (benchmarks/extract_load_mariadb.py); without it the loader uses pymysql.
RUN apt-get update && apt-get install -y --no-install-recommends mariadb-client \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir "uv==${UV_VERSION}" \
    && useradd --uid "${AIRFLOW_UID}" --gid 0 --create-home --shell /bin/bash airflow

ENV AIRFLOW_HOME=/opt/airflow \
    VIRTUAL_ENV=/opt/venv \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    PYTHONUNBUFFERED=1 \
    JIANDU_SQLITE_COPY_LIB=/opt/jiandu/lib/libjiandu_sqlite_copy.so \
    PATH=/opt/venv/bin:${PATH}

WORKDIR /opt/airflow

# plugins/ is mounted over by docker-compose.yml: the compiled reader lives outside it.
COPY --from=sqlite-reader /src/libjiandu_sqlite_copy.so /opt/jiandu/lib/

# Third-party dependencies first: this layer is rebuilt only when the lock changes.
# --frozen: install exactly uv.lock, fail instead of re-resolving.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

# The jiandu package itself, installed editable: the .pth points at
# /opt/airflow/plugins, where docker-compose.yml mounts plugins/, so
# jiandu.settings.PROJECT_ROOT resolves to /opt/airflow.
COPY README.md* ./
COPY plugins/ plugins/
RUN uv sync --frozen --no-dev \
    && mkdir -p dags include dbt_project expectations logs data ledger_drop \
    && chown -R "${AIRFLOW_UID}:0" /opt/airflow \
    && chmod -R g+rwX /opt/airflow

USER ${AIRFLOW_UID}
