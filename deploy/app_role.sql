-- The application's database role: everything it needs, and on the audit trail
-- only INSERT and SELECT. Run as the owner role (the one that runs
-- `manage.py migrate` and owns the tables) after every migrate, e.g.
--   psql -v ON_ERROR_STOP=1 -d casusoverleg -f deploy/app_role.sql
-- Create the role itself once, with its own password:
--   CREATE ROLE casusoverleg_app LOGIN PASSWORD '...';
-- The application then connects as casusoverleg_app (DATABASE_URL); the owner
-- role's password is not on the application server.
-- tests/casusoverleg/test_audit_chain.py runs this file under another role name.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM casusoverleg_app;
GRANT USAGE ON SCHEMA public TO casusoverleg_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO casusoverleg_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO casusoverleg_app;

-- Append-only for the application: not owning the table, it cannot drop or
-- disable the triggers either (ALTER TABLE needs ownership).
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON casusoverleg_auditevent
    FROM casusoverleg_app;
