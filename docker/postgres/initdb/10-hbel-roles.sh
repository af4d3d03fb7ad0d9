#!/bin/sh
# PostgreSQL's first start (docker-entrypoint-initdb.d): the two roles of the application
# (README, "Databaserollen", issue 22). The bootstrap superuser (POSTGRES_USER) is used only
# here. hbel_owner owns the database and its schema and runs the migrations; hbel_app is the
# role of web, worker and beat, with only the rights `manage.py grant_app_role` gives it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$HBEL_OWNER_PASSWORD" -v app_password="$HBEL_APP_PASSWORD" <<'SQL'
CREATE ROLE hbel_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE hbel_app LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE hbel OWNER hbel_owner;
REVOKE ALL ON DATABASE hbel FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE hbel TO hbel_app;
\connect hbel
ALTER SCHEMA public OWNER TO hbel_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO hbel_app;
SQL
