#!/usr/bin/env bash
# One-shot setup run by the airflow-init service (through the image's /entrypoint, which first
# waits until the metadata database answers): migrate Airflow's metadata schema, then create the
# admin user of the FAB auth manager if it does not exist yet.
#
# Unlike the official compose file this does not use _AIRFLOW_DB_MIGRATE / _AIRFLOW_WWW_USER_CREATE:
# the image's entrypoint runs both as `... || true`, so a failed migration would still let every
# other service start. Here any failure stops airflow-init and, through depends_on, the rest.
set -euo pipefail

: "${AIRFLOW_ADMIN_USERNAME:?AIRFLOW_ADMIN_USERNAME is not set}"
: "${AIRFLOW_ADMIN_PASSWORD:?AIRFLOW_ADMIN_PASSWORD is not set}"

# .env.example ships "change-me-..." placeholders; refuse to initialise with any of them left in.
placeholders="$(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*change-me.*/\1/p')"
if [ -n "${placeholders}" ]; then
    echo "airflow-init: these variables still hold a .env.example placeholder; set real values in .env:" >&2
    echo "${placeholders}" | sed 's/^/  /' >&2
    exit 1
fi
python -c 'import os; from cryptography.fernet import Fernet; Fernet(os.environ["AIRFLOW__CORE__FERNET_KEY"])' \
    || { echo "airflow-init: AIRFLOW_FERNET_KEY is not a valid Fernet key (see .env.example)." >&2; exit 1; }

echo "Airflow $(airflow version), executor $(airflow config get-value core executor)"

airflow db migrate

if airflow users list --output json | python -c '
import json, sys
text = sys.stdin.read()
# Tolerate log lines printed around the JSON array.
users, _ = json.JSONDecoder().raw_decode(text[text.index("["):]) if "[" in text else ([], 0)
sys.exit(0 if any(u.get("username") == sys.argv[1] for u in users) else 1)
' "${AIRFLOW_ADMIN_USERNAME}"; then
    # An existing user keeps its password: rotating AIRFLOW_ADMIN_PASSWORD in .env later does not
    # overwrite a password changed in the UI. Use `airflow users reset-password` for that.
    echo "Admin user '${AIRFLOW_ADMIN_USERNAME}' exists; leaving it unchanged."
else
    airflow users create \
        --username "${AIRFLOW_ADMIN_USERNAME}" \
        --password "${AIRFLOW_ADMIN_PASSWORD}" \
        --firstname "${AIRFLOW_ADMIN_FIRSTNAME:-Airflow}" \
        --lastname "${AIRFLOW_ADMIN_LASTNAME:-Admin}" \
        --email "${AIRFLOW_ADMIN_EMAIL:-admin@example.invalid}" \
        --role Admin
    echo "Created admin user '${AIRFLOW_ADMIN_USERNAME}'."
fi
