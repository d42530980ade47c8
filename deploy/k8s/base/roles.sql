-- Linli's database roles: one owner that migrates, one login role per service with rights on its
-- own schema and the queue, and read access to the token verification keys of `auth`. Run once per database as a superuser (or a role with CREATEROLE
-- that owns the database), before `linli migrate`; running it again changes nothing.
--
--   psql "$ADMIN_URL" -v owner=linli -v registry_password=… -v calendar_password=… \
--        -v notifications_password=… -v analytics_password=… -v concerns_password=… -f roles.sql
--
-- Schemas are owned by the owner role, which `linli migrate` connects as. Default privileges
-- give each service DML (not DDL) on every table the owner creates later in its schemas.

\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', r.name, r.password)
FROM (VALUES ('linli_registry', :'registry_password'), ('linli_calendar', :'calendar_password'),
             ('linli_notifications', :'notifications_password'), ('linli_analytics', :'analytics_password'),
             ('linli_concerns', :'concerns_password')) AS r(name, password)
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name)
\gexec

SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', s, :'owner')
FROM unnest(ARRAY['queue', 'auth', 'limits', 'registry', 'calendar', 'notify', 'analytics', 'concerns']) AS s
\gexec

-- Each service: its schema plus the queue.
SELECT format('GRANT USAGE ON SCHEMA %I, queue TO %I', s.schema, s.role)
     || format('; ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', :'owner', s.schema, s.role)
     || format('; ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', :'owner', s.schema, s.role)
     || format('; ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA queue GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', :'owner', s.role)
     || format('; ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA queue GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', :'owner', s.role)
     || format('; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I, queue TO %I', s.schema, s.role)
     || format('; GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I, queue TO %I', s.schema, s.role)
FROM (VALUES ('registry', 'linli_registry'), ('calendar', 'linli_calendar'), ('notify', 'linli_notifications'),
             ('analytics', 'linli_analytics'), ('concerns', 'linli_concerns')) AS s(schema, role)
\gexec

-- The rate-limit counters (limits.windows): every service counts there, so limits hold across replicas.
SELECT format('GRANT USAGE ON SCHEMA limits TO %I', s.role)
     || format('; ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA limits GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', :'owner', s.role)
     || format('; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA limits TO %I', s.role)
FROM (VALUES ('linli_registry'), ('linli_calendar'), ('linli_notifications'), ('linli_analytics'), ('linli_concerns')) AS s(role)
\gexec

-- The token verification keys (auth.verification_keys): every service reads them; only the
-- registry, which alone signs, publishes and retires them.
SELECT format('GRANT USAGE ON SCHEMA auth TO %I', s.role)
     || format('; ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA auth GRANT SELECT ON TABLES TO %I', :'owner', s.role)
     || format('; GRANT SELECT ON ALL TABLES IN SCHEMA auth TO %I', s.role)
FROM (VALUES ('linli_registry'), ('linli_calendar'), ('linli_notifications'), ('linli_analytics'), ('linli_concerns')) AS s(role)
\gexec

SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA auth GRANT INSERT, UPDATE, DELETE ON TABLES TO linli_registry', :'owner')
     || '; GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA auth TO linli_registry'
\gexec
