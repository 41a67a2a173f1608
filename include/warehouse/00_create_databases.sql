-- The two databases of the production stack (docker-compose.yml), one role each:
--   AIRFLOW_DB_NAME  Airflow metadata, owned by AIRFLOW_DB_USER
--   WAREHOUSE_DB     the jiandu warehouse (WAREHOUSE_URL), owned by WAREHOUSE_USER
--
-- Mounted into /docker-entrypoint-initdb.d of the postgres service, so it runs once,
-- as the postgres superuser, on the first start with an empty data volume. Names and
-- passwords come from the container environment (.env via docker-compose.yml); psql's
-- \getenv reads them and format() quotes them (%I identifier, %L literal).

\set ON_ERROR_STOP on

\set airflow_db_name ''
\set airflow_db_user ''
\set airflow_db_password ''
\set warehouse_db ''
\set warehouse_user ''
\set warehouse_password ''
\getenv airflow_db_name AIRFLOW_DB_NAME
\getenv airflow_db_user AIRFLOW_DB_USER
\getenv airflow_db_password AIRFLOW_DB_PASSWORD
\getenv warehouse_db WAREHOUSE_DB
\getenv warehouse_user WAREHOUSE_USER
\getenv warehouse_password WAREHOUSE_PASSWORD

-- Stop with the names of the missing variables rather than half-create the databases.
SELECT set_config('jiandu.missing_env', concat_ws(', ',
    CASE WHEN :'airflow_db_name' = '' THEN 'AIRFLOW_DB_NAME' END,
    CASE WHEN :'airflow_db_user' = '' THEN 'AIRFLOW_DB_USER' END,
    CASE WHEN :'airflow_db_password' = '' THEN 'AIRFLOW_DB_PASSWORD' END,
    CASE WHEN :'warehouse_db' = '' THEN 'WAREHOUSE_DB' END,
    CASE WHEN :'warehouse_user' = '' THEN 'WAREHOUSE_USER' END,
    CASE WHEN :'warehouse_password' = '' THEN 'WAREHOUSE_PASSWORD' END
), false) AS missing_env \gset
DO $$
BEGIN
    IF current_setting('jiandu.missing_env') <> '' THEN
        RAISE EXCEPTION 'not set in the postgres container environment (.env): %',
            current_setting('jiandu.missing_env');
    END IF;
END
$$;

-- Airflow metadata
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'airflow_db_user', :'airflow_db_password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0',
    :'airflow_db_name', :'airflow_db_user', 'UTF8') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'airflow_db_name') \gexec

-- Warehouse
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'warehouse_user', :'warehouse_password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0',
    :'warehouse_db', :'warehouse_user', 'UTF8') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'warehouse_db') \gexec
