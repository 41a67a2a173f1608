"""Dispositions on the embedded warehouse: publish() runs for real on a fake fct_red_flags (no dbt needed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import psycopg
import pytest

from jiandu.flags.dispositions import (
    CsvImportError,
    bulk_update_from_csv,
    export_csv,
    list_flags,
    show_flag,
    update_flag,
)
from jiandu.flags.workflow import DispositionError
from jiandu.warehouse import connect
from tests.plugins.jiandu.flags.fake_flags import flag_id, night, reset


@pytest.fixture
def flags(monkeypatch):
    reset(monkeypatch)
    night(date(2026, 11, 2), ["B001", "B002", "B003"])
    return {k: flag_id(k) for k in ("B001", "B002", "B003", "B004")}


def test_disappeared_finding_is_resolved_not_deleted_and_comes_back_with_same_id(flags):
    night(date(2026, 11, 3), ["B001", "B003"])
    with connect() as conn:
        state = dict(conn.execute("select flag_id, detection_state from audit.flagged_items").fetchall())
        resolved_on = conn.execute("select resolved_on from audit.flagged_items where flag_id = %s",
                                   (flags["B002"],)).fetchone()[0]
        results = conn.execute("select as_of_date, state from audit.flag_run_results where flag_id = %s"
                               " order by as_of_date", (flags["B002"],)).fetchall()
    assert state[flags["B002"]] == "resolved" and resolved_on == date(2026, 11, 3)
    assert state[flags["B001"]] == "active" and len(state) == 3
    assert results == [(date(2026, 11, 2), "active"), (date(2026, 11, 3), "resolved")]
    night(date(2026, 11, 4), ["B001", "B002", "B003"])
    row = show_flag(flags["B002"])
    assert row["detection_state"] == "active" and row["first_detected_on"] == date(2026, 11, 2)
    assert [d["state"] for d in row["detections"]] == ["active", "resolved", "active"]


def test_update_records_history_and_refuses_illegal_moves(flags):
    fid = flags["B001"]
    update_flag(fid, "张三", status="核实中", assignee="张三")
    with pytest.raises(DispositionError, match="不允许的状态变更 核实中 → 已整改销号"):
        update_flag(fid, "张三", status="已整改销号", evidence_refs=["x"])
    new = update_flag(fid, "李四", status="确认问题", note="账龄属实，催收无果")
    assert new["status"] == "确认问题" and new["version"] == 2
    with pytest.raises(DispositionError, match="已被他人修改"):
        update_flag(fid, "王五", expected_version=1, note="stale page")
    row = show_flag(fid)
    assert [(h["changed_by"], h["field"], h["old_value"], h["new_value"]) for h in row["history"]] == [
        ("张三", "status", "待核实", "核实中"), ("张三", "assignee", None, "张三"),
        ("李四", "status", "核实中", "确认问题"), ("李四", "note", None, "账龄属实，催收无果")]
    assert row["note"] == "账龄属实，催收无果"  # the refused changes left nothing behind


def test_history_cannot_be_updated_or_deleted(flags):
    update_flag(flags["B001"], "张三", status="核实中", assignee="张三")
    for sql in ("update audit.disposition_history set new_value = '误报排除'",
                "delete from audit.disposition_history", "truncate audit.disposition_history"):
        with connect() as conn, pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            conn.execute(sql)
    with connect() as conn:
        assert conn.execute("select count(*) from audit.disposition_history").fetchone()[0] == 2


def test_suppressed_flag_listed_separately(flags):
    update_flag(flags["B003"], "张三", suppressed=True, suppression_reason="集团内部关联往来，已确认非问题",
                suppressed_until="2027-06-30")
    update_flag(flags["B003"], "集团审计", suppressed=True, may_approve=True)
    listed = {f["flag_id"] for f in list_flags()}
    assert flags["B003"] not in listed and flags["B001"] in listed
    assert [f["flag_id"] for f in list_flags(suppressed=True)] == [flags["B003"]]
    assert [f["flag_id"] for f in list_flags(subsidiary_code="S01")] == [flags["B001"], flags["B002"]]  # by amount


def test_csv_import_all_or_nothing_with_row_and_column(flags, tmp_path):
    csv_path = tmp_path / "处置.csv"
    csv_path.write_text(
        "疑点编号,处置状态,核查人,整改期限,清退挽回金额\n"
        f"{flags['B001']},核实中,张三,,\n"
        f"{flags['B002']},确认问题,李四,,\n"  # illegal: 待核实 -> 确认问题
        f"{flags['B003']},核实中,王五,2026-13-01,abc\n"
        "nosuchflag,核实中,赵六,,\n", encoding="utf-8-sig")
    with pytest.raises(CsvImportError) as exc:
        bulk_update_from_csv(csv_path, "审计处")
    errors = {(e.row, e.column) for e in exc.value.errors}
    assert errors == {(3, "处置状态"), (4, "整改期限"), (4, "清退挽回金额"), (5, "疑点编号")}
    assert "处置.csv 第3行" in str(exc.value)
    with connect() as conn:
        assert conn.execute("select count(*) from audit.disposition_history").fetchone()[0] == 0
    csv_path.write_text("疑点编号,处置状态,核查人\n"
                        f"{flags['B001']},核实中,张三\n{flags['B001']},确认问题,\n{flags['B002']},核实中,李四\n",
                        encoding="utf-8-sig")
    assert bulk_update_from_csv(csv_path, "审计处") == 3
    assert show_flag(flags["B001"])["status"] == "确认问题"
    assert show_flag(flags["B001"])["history"][-1]["source"] == "csv:处置.csv:3"


def test_export_then_import_round_trip(flags, tmp_path):
    update_flag(flags["B001"], "张三", status="核实中", assignee="张三", amount_recovered=Decimal("10"))
    path = tmp_path / "export.csv"
    path.write_text(export_csv(list_flags()), encoding="utf-8")
    assert bulk_update_from_csv(path, "审计处") == 3
    assert len(show_flag(flags["B001"])["history"]) == 3  # nothing changed, nothing recorded


def test_rerun_and_backfill_keep_ids_and_first_detection(flags):
    with connect() as conn:
        before = conn.execute("select flag_id, first_detected_on from audit.flagged_items order by 1").fetchall()
    night(date(2026, 11, 2), ["B001", "B002", "B003"])  # the same night again: nothing moves
    night(date(2026, 10, 30), ["B001"], run_id="backfill__2026-10-30")  # a backfill of an earlier night
    with connect() as conn:
        after = dict(conn.execute("select flag_id, first_detected_on from audit.flagged_items").fetchall())
        state = conn.execute("select detection_state, last_detected_on from audit.flagged_items where flag_id = %s",
                             (flags["B002"],)).fetchone()
        runs = conn.execute("select count(*) from audit.flag_run_results where flag_id = %s",
                            (flags["B001"],)).fetchone()[0]
    assert set(after) == {fid for fid, _ in before}
    assert after[flags["B001"]] == date(2026, 10, 30) and after[flags["B002"]] == date(2026, 11, 2)
    assert state == ("active", date(2026, 11, 2))  # the older night does not resolve a newer finding
    assert runs == 2  # one result per run: the repeated night replaced its own rows


def test_a_suppression_needs_a_second_person_who_may_approve(flags):
    fid = flags["B002"]
    update_flag(fid, "张三", suppressed=True, suppression_reason="集团内部往来", suppressed_until="2027-06-30")
    row = show_flag(fid)
    assert not row["suppressed"] and row["suppression_requested_by"] == "张三"  # a request: still counted
    assert fid in {f["flag_id"] for f in list_flags()}
    update_flag(fid, "张三", suppressed=True, may_approve=True)  # the requester cannot approve their own request
    assert not show_flag(fid)["suppressed"]
    with pytest.raises(DispositionError, match="申请人（张三）以外的集团层面"):
        update_flag(fid, "本单位审计", suppressed=True, may_approve=False)
    with pytest.raises(DispositionError, match="申请人（张三）以外的集团层面"):
        update_flag(fid, "没有账号的人", suppressed=True)  # not a workbench user: cannot approve
    update_flag(fid, "集团审计", suppressed=True, may_approve=True)
    row = show_flag(fid)
    assert row["suppressed"] and (row["suppression_requested_by"], row["suppression_approved_by"]) == ("张三", "集团审计")
    fields = [(h["changed_by"], h["field"]) for h in row["history"]]
    assert fields[-2:] == [("集团审计", "suppressed"), ("集团审计", "suppression_approved_by")]
    with pytest.raises(DispositionError, match="屏蔽生效期间不能修改"):
        update_flag(fid, "张三", suppressed_until="2027-12-31")
    update_flag(fid, "张三", suppressed=False)  # lifting needs one person
    row = show_flag(fid)
    assert not row["suppressed"] and row["suppression_requested_by"] is None and row["suppression_approved_by"] is None


def test_a_suppression_lasts_at_most_the_configured_days_and_a_request_can_be_withdrawn(flags):
    from datetime import timedelta

    from jiandu.flags.dispositions import today

    fid = flags["B001"]
    too_late = today() + timedelta(days=366)
    with pytest.raises(DispositionError, match="屏蔽最长 365 天"):
        update_flag(fid, "张三", suppressed=True, suppression_reason="x", suppressed_until=too_late.isoformat())
    update_flag(fid, "张三", suppressed=True, suppression_reason="x",
                suppressed_until=(today() + timedelta(days=365)).isoformat())
    update_flag(fid, "张三", suppressed=False)  # an unchanged 否 (a re-imported file) leaves the request alone
    assert show_flag(fid)["suppression_requested_by"] == "张三"
    update_flag(fid, "集团审计", suppression_request="withdraw")
    assert show_flag(fid)["suppression_requested_by"] is None
    with pytest.raises(DispositionError, match="没有待批准的屏蔽申请"):
        update_flag(fid, "集团审计", suppression_request="withdraw")


def test_suppressions_from_before_approvals_survive_the_upgrade(flags):
    from jiandu.bootstrap import bootstrap_warehouse

    fid = flags["B003"]
    with connect() as conn:  # as a version before approvals and before migrations left it: suppressed, nobody
        # recorded as approving (no such columns), no audit_meta.schema_migrations
        conn.execute("alter table audit.dispositions drop column suppression_requested_by,"
                     " drop column suppression_approved_by")
        conn.execute("drop table audit_meta.schema_migrations")
        conn.execute("insert into audit.dispositions (flag_id, suppressed, suppression_reason, suppressed_until,"
                     " updated_by, version) values (%s, true, '内部往来', '2099-12-31', '老审计', 1)", (fid,))
    assert "0002_workbench.sql" in bootstrap_warehouse()  # the upgrade: the baseline runs over the old tables
    assert bootstrap_warehouse() == []  # applied once
    row = show_flag(fid)
    assert row["suppressed"] and row["suppressed_until"] == date(2099, 12, 31) and row["suppression_reason"] == "内部往来"
    assert (row["suppression_requested_by"], row["suppression_approved_by"]) == ("老审计", "（升级前已生效）")
    assert [(h["field"], h["source"]) for h in row["history"]] == [
        ("suppression_requested_by", "migration:suppression_approval"),
        ("suppression_approved_by", "migration:suppression_approval")]
    assert fid not in {f["flag_id"] for f in list_flags()}


def test_the_command_line_asks_for_and_approves_a_suppression(flags, capsys, tmp_path):
    from datetime import timedelta

    from jiandu.cli import build_parser
    from jiandu.flags.dispositions import today
    from jiandu.workbench.users import add_user

    add_user("cli_group", "a-long-password-1", "auditor", "*")
    fid, until = flags["B002"], (today() + timedelta(days=90)).isoformat()

    def run(*argv: str) -> int:
        args = build_parser().parse_args(list(argv))
        return args.func(args)

    assert run("flags", "update", fid, "--suppress", "--reason", "内部往来", "--until", until, "--user", "张三") == 0
    assert "已提交屏蔽申请" in capsys.readouterr().err and not show_flag(fid)["suppressed"]
    assert run("flags", "update", fid, "--suppress", "--user", "路人") == 1  # not a group-level workbench user
    assert "集团层面" in capsys.readouterr().err
    assert run("flags", "update", fid, "--suppress", "--user", "cli_group") == 0
    assert show_flag(fid)["suppressed"]


def test_an_expired_suppression_asked_for_again_needs_a_new_approval(flags):
    from datetime import timedelta

    from jiandu.flags.dispositions import today

    fid = flags["B001"]
    update_flag(fid, "张三", suppressed=True, suppression_reason="内部往来",
                suppressed_until=(today() + timedelta(days=10)).isoformat())
    update_flag(fid, "集团审计", suppressed=True, may_approve=True)
    with connect() as conn:  # ten days later, as it were
        conn.execute("update audit.dispositions set suppressed_until = %s where flag_id = %s",
                     (today() - timedelta(days=1), fid))
    assert not show_flag(fid)["suppressed"] and fid in {f["flag_id"] for f in list_flags()}
    update_flag(fid, "张三", suppressed=True, suppressed_until=(today() + timedelta(days=30)).isoformat())
    row = show_flag(fid)
    assert not row["suppressed"] and row["suppression_approved_by"] is None and row["suppression_requested_by"] == "张三"
    with connect() as conn:  # not in force in the table either, whatever the new expiry
        assert conn.execute("select suppressed from audit.dispositions where flag_id = %s", (fid,)).fetchone()[0] is False
    update_flag(fid, "集团审计", suppressed=True, may_approve=True)
    assert show_flag(fid)["suppressed"]
