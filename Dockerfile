# jiandu production image: Airflow 3 + dbt + Great Expectations, installed from the
# same uv.lock the tests run against. Code (dags/ plugins/ include/ dbt_project/
# expectations/) is mounted by docker-compose.yml, not baked in.
FROM python:3.11-slim-bookworm

# Same uv as the one that writes uv.lock (`uv --version`).
ARG UV_VERSION=0.13.9
# Owner of the files the containers write; set it to the owner of the host
# folders mounted by docker-compose.yml (`id -u` of the deploying user).
ARG AIRFLOW_UID=50000

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
    PATH=/opt/venv/bin:${PATH}

WORKDIR /opt/airflow

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
