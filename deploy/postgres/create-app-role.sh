#!/bin/sh
# docker-entrypoint-initdb.d hook of the postgres image (first start of an empty volume only):
# creates the API's non-owner role. The owner is POSTGRES_USER; see create-app-role.sql.
set -eu
psql -v ON_ERROR_STOP=1 -v app_password="$APP_DB_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -f /docker-entrypoint-initdb.d/create-app-role.sql.in
