# syntax=docker/dockerfile:1
# Image for every Airflow component of docker-compose.yml: the official Airflow 3.3 image plus the
# `pipeline` package, its DAGs, SQL migrations and seed feeds.
#
#   docker compose build            (or: docker build -t newsevents-pipeline-airflow:local .)
#
# Python 3.11 matches the interpreter the project is developed and CI-tested on, and the one
# requirements.lock is compiled for (`make lock`: uv pip compile --python-version 3.11). Bump the
# image tag and the lock's apache-airflow pin together: the build stops if they disagree.
FROM apache/airflow:3.3.2-python3.11

USER root
# /opt/airflow/app is the project root inside the image (pyproject.toml, pipeline/, sql/, seeds/);
# pipeline-home is PIPELINE_HOME (scratch state). Group 0 writable, like the rest of the image, so
# it also runs under an arbitrary UID with GID 0.
RUN mkdir -p /opt/airflow/app /opt/airflow/pipeline-home /opt/airflow/logs \
 && chown -R airflow:0 /opt/airflow/app /opt/airflow/pipeline-home /opt/airflow/logs \
 && chmod -R g+rwX /opt/airflow/pipeline-home /opt/airflow/logs
USER airflow

ENV PIPELINE_HOME=/opt/airflow/pipeline-home \
    PIPELINE_FEEDS=/opt/airflow/app/seeds/feeds.yaml

WORKDIR /opt/airflow/app

# 1. Third-party dependencies, exactly as locked (uv, with hashes). Own layer: it only rebuilds
#    when the lock changes. --no-deps because the lock is complete and apache-airflow itself is
#    already in the image; pip skips what is installed at the locked version and verifies the hash
#    of everything it downloads. The project's own line (`-e .` / `.`), if the lock has one, has no
#    hash and is installed in step 2.
COPY --chown=airflow:0 requirements.lock ./
RUN set -eu; \
    locked_airflow="$(sed -nE 's/^apache-airflow==([^ ;\\]+).*/\1/p' requirements.lock | head -n1)"; \
    if [ "${locked_airflow}" != "${AIRFLOW_VERSION}" ]; then \
        echo "requirements.lock pins apache-airflow==${locked_airflow:-<none>}, the base image has ${AIRFLOW_VERSION}" >&2; \
        exit 1; \
    fi; \
    grep -vE '^[[:space:]]*(-e[[:space:]]|\.|file:)' requirements.lock > /tmp/requirements.hashed; \
    pip install --no-cache-dir --no-deps --require-hashes -r /tmp/requirements.hashed; \
    rm -f /tmp/requirements.hashed

# 2. The project. Editable on purpose: pipeline.config finds sql/ and seeds/ relative to the
#    source tree (PROJECT_ROOT), so the package stays in /opt/airflow/app beside them.
# README.md* : pyproject.toml names it as the long description, but the build works without it.
COPY --chown=airflow:0 pyproject.toml README.md* ./
COPY --chown=airflow:0 pipeline ./pipeline
RUN pip install --no-cache-dir --no-deps -e . \
 && pip check \
 && python -c "import pipeline, airflow; print('pipeline', pipeline.__file__, 'airflow', airflow.__version__)"

# 3. Data and DAGs (change most often, so last).
COPY --chown=airflow:0 sql ./sql
COPY --chown=airflow:0 seeds ./seeds
COPY --chown=airflow:0 docker/airflow-init.sh ./docker/airflow-init.sh
COPY --chown=airflow:0 dags /opt/airflow/dags
