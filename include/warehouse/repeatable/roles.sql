-- Repeatable (applied on every bootstrap, before the numbered migrations): the database roles of the auditor
-- workbench. Roles belong to the whole server, not to this database's migration history: a second database on
-- the same server, a role dropped by a DBA, or a different connecting user (who must be a member to `set role`)
-- is put right here. Idempotent; a concurrent bootstrap of another database creating the same role is no error.

-- The roles the pages switch to, by the user's scope: jiandu_workbench_group for group-level users (every
-- subsidiary) and jiandu_workbench for subsidiary-level users (only the codes in jiandu.scope). NOLOGIN:
-- nobody connects as them; the connecting user is granted both. Two roles rather than one policy with an
-- "or scope = '*'" branch: the planner can estimate each policy (the group one is a one-time filter), which
-- keeps the million-flag list on its indexes.
do $$
declare
    r text;
begin
    foreach r in array array['jiandu_workbench', 'jiandu_workbench_group'] loop
        begin
            execute format('create role %I nologin', r);
        exception when duplicate_object then null;
        end;
        begin
            execute format('grant %I to %I', r, current_user);
        exception when others then null;  -- already a member (or a superuser granting itself): nothing to do
        end;
    end loop;
end $$;

-- The role the workbench connects as (jiandu.workbench.database): it can log in and do nothing else by itself
-- (NOINHERIT, no grants of its own); each transaction takes jiandu_workbench_login (login, throttling,
-- sessions) or one of the page roles above. Not a superuser, so it cannot step out of row-level security.
-- Roles belong to the whole server: bootstraps of other databases may create or grant them at the same moment
-- (the advisory lock of jiandu.bootstrap is per database), so a concurrent duplicate is not an error.
do $$
begin
    begin
        create role jiandu_workbench_app login noinherit nosuperuser nocreatedb nocreaterole;
    exception when duplicate_object or unique_violation then null;
    end;
    begin
        create role jiandu_workbench_login nologin;
    exception when duplicate_object or unique_violation then null;
    end;
    begin
        grant jiandu_workbench, jiandu_workbench_group, jiandu_workbench_login to jiandu_workbench_app;
    exception when others then null;  -- granted meanwhile by a concurrent bootstrap ("tuple concurrently updated")
    end;
end $$;
