#!/usr/bin/env bash
# Creates the two databases of the deployment on the one Postgres server, each owned by its own
# login role:
#   ${AIRFLOW_DB_NAME} (owner ${AIRFLOW_DB_USER}) - Airflow's metadata database
#   ${EVENTS_DB_NAME}  (owner ${EVENTS_DB_USER})  - the pipeline's tables (sql/ migrations)
#
# The postgres image runs this only when the data volume is EMPTY (first start). Changing a
# password in .env afterwards does not change the role: run ALTER ROLE ... PASSWORD by hand
# (docker compose exec postgres psql -U postgres) or recreate the volume.
set -euo pipefail

: "${AIRFLOW_DB_USER:?}" "${AIRFLOW_DB_PASSWORD:?}" "${AIRFLOW_DB_NAME:?}"
: "${EVENTS_DB_USER:?}" "${EVENTS_DB_PASSWORD:?}" "${EVENTS_DB_NAME:?}"

for name in POSTGRES_PASSWORD AIRFLOW_DB_PASSWORD EVENTS_DB_PASSWORD; do
    case "${!name}" in
        *change-me*)
            echo "postgres-init: ${name} still holds the .env.example placeholder. Set a real value in .env, then remove the half-initialised volume (docker compose down -v) and start again." >&2
            exit 1 ;;
    esac
done

# Values go in as psql variables (:"ident" / :'literal'), so psql quotes them: a password with
# quotes or backslashes cannot break out of the statement.
psql -v ON_ERROR_STOP=1 --no-psqlrc \
    --username "${POSTGRES_USER}" --dbname "${POSTGRES_DB}" \
    -v airflow_user="${AIRFLOW_DB_USER}" -v airflow_password="${AIRFLOW_DB_PASSWORD}" \
    -v airflow_db="${AIRFLOW_DB_NAME}" \
    -v events_user="${EVENTS_DB_USER}" -v events_password="${EVENTS_DB_PASSWORD}" \
    -v events_db="${EVENTS_DB_NAME}" <<'SQL'
CREATE ROLE :"airflow_user" LOGIN PASSWORD :'airflow_password';
CREATE DATABASE :"airflow_db" OWNER :"airflow_user" ENCODING 'UTF8';

CREATE ROLE :"events_user" LOGIN PASSWORD :'events_password';
CREATE DATABASE :"events_db" OWNER :"events_user" ENCODING 'UTF8';

-- Each role reaches its own database only (PUBLIC gets CONNECT on new databases by default).
REVOKE ALL ON DATABASE :"airflow_db" FROM PUBLIC;
REVOKE ALL ON DATABASE :"events_db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"airflow_db" TO :"airflow_user";
GRANT CONNECT, TEMPORARY ON DATABASE :"events_db" TO :"events_user";

-- sql/003_analyst_role.sql creates this cluster-wide role only if it is missing. Creating it here,
-- as superuser, spares the events role the CREATEROLE privilege; the migration then only grants
-- it SELECT on the views, which the events role (owner of the objects) may do.
CREATE ROLE pipeline_analyst NOLOGIN;
SQL

echo "postgres-init: created databases ${AIRFLOW_DB_NAME} and ${EVENTS_DB_NAME}"
