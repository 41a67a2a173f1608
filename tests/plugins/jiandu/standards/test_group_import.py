"""`jiandu standards template|import|list|show`: every bad row named (sheet, row, column) and the whole file
rejected; a good file stored with its history; corrections and overlapping versions."""

from __future__ import annotations

import hashlib

import psycopg
import pytest
from openpyxl import load_workbook

from jiandu.standards.group_store import ImportRejected, import_file, overview
from jiandu.standards.specs import find
from jiandu.warehouse import connect
from tests.conftest import run_jiandu
from tests.plugins.jiandu.standards.group_workbooks import (
    ENTERTAINMENT,
    HOTEL,
    group_warehouse,
    hotel_row,
    workbook,
)


@pytest.fixture
def warehouse(monkeypatch):
    with group_warehouse(monkeypatch, "jiandu_group_std") as url:
        yield url


def _stored() -> tuple[int, int]:
    with connect() as conn:
        return (conn.execute("select count(*) from standards_admin.import_history").fetchone()[0],
                conn.execute("select count(*) from standards_admin.group_rows").fetchone()[0])


def _errors(path) -> list[str]:
    with connect() as conn, pytest.raises(ImportRejected) as caught:
        import_file(conn, path, "张三")
    return [str(e) for e in caught.value.errors]


def test_template_has_chinese_headers_a_sheet_per_standard_and_a_readme(tmp_path):
    path = workbook(tmp_path / "t.xlsx", {HOTEL: [], ENTERTAINMENT: []})
    wb = load_workbook(path)
    assert wb.sheetnames == ["说明", "差旅住宿费限额", "业务招待（公务接待）标准"]
    assert [c.value for c in wb["差旅住宿费限额"][1]] == ["出差城市", "省份", "差旅职级", "住宿费限额", "旺季月份",
                                                   "旺季住宿费上限", "子企业代码", "生效日期", "失效日期", "来源"]
    readme = " ".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    assert "可选值：部级、司局级、其余人员" in readme and "jiandu standards import" in readme


def test_every_bad_row_is_named_and_nothing_is_imported(warehouse, tmp_path):
    path = workbook(tmp_path / "bad.xlsx", {
        HOTEL: [hotel_row(),  # good, but the file fails: not imported either
                hotel_row(tier="司局级", cap="四百"),  # row 3: bad type
                hotel_row(city="纽约", start="2026-02-01"),  # row 4: unknown city
                hotel_row(start="2026-06-01"),  # row 5: overlaps row 2 (both open-ended)
                hotel_row(tier="部级", subsidiary="S09"),  # row 6: unknown subsidiary
                hotel_row(tier="处级")],  # row 7: not an accepted tier
        ENTERTAINMENT: [["二级单位", 50, 3, 0.3333, "是", "是", "也许", 800, None, "2026-01-01", "2025-12-31", None],
                        ["集团本部", 1e15, 3, 0.3333, "是", "是", "否", 800, None, "2026-01-01", None, None]],
    })
    errors = _errors(path)
    assert errors == [
        "工作表「差旅住宿费限额」第3行「住宿费限额」列（cap_per_night）：应为数字，实际为「四百」",
        "工作表「差旅住宿费限额」第4行「出差城市」列（city）：城市「纽约」不在城市对照表中"
        "（填城市简称，如 北京、石家庄；本省其他地区填「其他」）",
        "工作表「差旅住宿费限额」第6行「子企业代码」列（subsidiary_code）：子企业代码「S09」不在组织档案中",
        "工作表「差旅住宿费限额」第7行「差旅职级」列（tier）：应为以下之一：部级、司局级、其余人员；实际为「处级」",
        "工作表「差旅住宿费限额」第5行「生效日期」列（effective_from）：生效期间（2026-06-01起长期有效）与第2行"
        "（2026-01-01起长期有效）重叠：请给较早的一行填写失效日期",
        "工作表「业务招待（公务接待）标准」第2行「是否须事前审批」列（preapproval_required）："
        "应为「是」或「否」，实际为「也许」",
        "工作表「业务招待（公务接待）标准」第2行「失效日期」列（effective_to）：失效日期 2025-12-31 早于生效日期 2026-01-01",
        "工作表「业务招待（公务接待）标准」第3行「人均餐费上限」列（meal_cap_per_person）："
        "数值过大（整数部分最多12位），实际为 1000000000000000",
    ]
    assert _stored() == (0, 0)


def test_missing_required_column_and_unknown_sheet(warehouse, tmp_path):
    path = workbook(tmp_path / "cols.xlsx", {HOTEL: [hotel_row()[:3] + hotel_row()[4:]]},
                    drop_columns={HOTEL: ["cap_per_night"]})
    wb = load_workbook(path)
    wb.create_sheet("我的标准").append(["甲", "乙"])
    wb.save(path)
    errors = _errors(path)
    assert "工作表「差旅住宿费限额」第1行「住宿费限额」列（cap_per_night）：缺少此列（必填）" in errors
    assert any(e.startswith("工作表「我的标准」第1行：没有名为「我的标准」的可导入标准") for e in errors)
    assert _stored() == (0, 0)


def test_the_seeds_row_tests_are_applied_before_the_night(warehouse, tmp_path):
    """A row the night's `dbt build` would fail on (std_travel_hotel_caps__peak_consistent) is refused here."""
    row = hotel_row(cap=400)
    row[4:6] = ["7,8,9", 380]  # a peak-season cap below the normal cap
    errors = _errors(workbook(tmp_path / "peak.xlsx", {HOTEL: [hotel_row(tier="部级", cap=900), row]}))
    assert errors == ["工作表「差旅住宿费限额」第3行：「住宿费限额」、「旺季月份」、「旺季住宿费上限」"
                      "不符合校验 peak_consistent（(peak_months is null) = (peak_cap_per_night is null)"
                      " and (peak_cap_per_night is null or"
                      " peak_cap_per_night > cap_per_night)）"]
    assert _stored() == (0, 0)


def test_import_records_history_and_a_correction_supersedes(warehouse, tmp_path):
    first = workbook(tmp_path / "v1.xlsx", {HOTEL: [hotel_row(cap=400), hotel_row(tier="司局级", cap=550)]})
    with connect() as conn:
        result = import_file(conn, first, "张三")
    assert result.counts == {HOTEL: 2}
    second = workbook(tmp_path / "v2.xlsx", {HOTEL: [hotel_row(cap=380, source="集团差旅费管理办法（2026修订）")]})
    with connect() as conn:
        import_file(conn, second, "李四")
        history = conn.execute("select imported_by, file_name, sheet, standard, row_count, checksum"
                               " from standards_admin.import_history order by history_id").fetchall()
        current = conn.execute("select row_values ->> 'tier', row_values ->> 'cap_per_night', row_values ->> 'source',"
                               " imported_by from standards_admin.group_rows_current order by 1").fetchall()
    assert history == [
        ("张三", "v1.xlsx", "差旅住宿费限额", HOTEL, 2, hashlib.sha256(first.read_bytes()).hexdigest()),
        ("李四", "v2.xlsx", "差旅住宿费限额", HOTEL, 1, hashlib.sha256(second.read_bytes()).hexdigest())]
    assert current[0] == ("其余人员", "380.00", "集团差旅费管理办法（2026修订）", "李四")
    assert current[1][:2] == ("司局级", "550.00") and current[1][2].startswith("集团导入：v1.xlsx（张三，")
    with connect() as conn:
        hotel = next(o for o in overview(conn) if o.standard.name == HOTEL)
    assert hotel.origin == "集团导入" and hotel.last_import["imported_by"] == "李四"
    assert [(v.origin, str(v.effective_from), v.rows) for v in hotel.versions] == [
        ("示例默认值", "2016-01-01", 189), ("集团导入", "2026-01-01", 1), ("集团导入", "2026-01-01", 1)]


def test_a_later_version_must_close_the_imported_one(warehouse, tmp_path):
    with connect() as conn:
        import_file(conn, workbook(tmp_path / "v1.xlsx", {HOTEL: [hotel_row(cap=400)]}), "张三")
    later = workbook(tmp_path / "v2.xlsx", {HOTEL: [hotel_row(cap=420, start="2027-01-01")]})
    [error] = _errors(later)
    assert error.startswith("工作表「差旅住宿费限额」第2行「生效日期」列（effective_from）：生效期间（2027-01-01起长期有效）"
                            "与已导入的版本重叠（2026-01-01起长期有效，张三 于 ")
    both = workbook(tmp_path / "v3.xlsx", {HOTEL: [hotel_row(cap=400, end="2026-12-31"),
                                                   hotel_row(cap=420, start="2027-01-01")]})
    with connect() as conn:
        assert import_file(conn, both, "张三").counts == {HOTEL: 2}
        rows = conn.execute("select effective_from::text, effective_to::text from standards_admin.group_rows_current"
                            " order by 1").fetchall()
    assert rows == [("2026-01-01", "2026-12-31"), ("2027-01-01", None)]


def test_a_rank_added_in_the_same_file_may_be_used(warehouse, tmp_path):
    catalog = ["A09", "驻外补贴", 800, "驻外人员|一般员工", None, None, "2026-01-01", None, None]
    alone = workbook(tmp_path / "a.xlsx", {"std_allowance_catalog": [catalog]})
    assert _errors(alone) == ["工作表「核准津补贴目录」第2行「适用职级」列（eligible_ranks）："
                              "职级「驻外人员」不在职级对照表中（可用：一般员工、中层副职、中层正职、集团领导、高级专家，或「全部」）"]
    both = workbook(tmp_path / "b.xlsx", {"map_hr_rank_travel_tier": [["R09", "驻外人员", "其余人员", None,
                                                                       "2026-01-01", None, None]],
                                          "std_allowance_catalog": [catalog]})
    with connect() as conn:
        assert import_file(conn, both, "张三").counts == {"map_hr_rank_travel_tier": 1, "std_allowance_catalog": 1}


def test_a_value_another_standard_must_hold(warehouse, tmp_path):
    """std_banned_keyword_exclusions.keyword must be a keyword (the seed's relationships test)."""
    exclusion = ["游艇码头", "游艇", "地名", None, "2026-01-01", None, None]
    alone = workbook(tmp_path / "a.xlsx", {"std_banned_keyword_exclusions": [exclusion]})
    assert _errors(alone) == ["工作表「费用违规关键词排除清单」第2行「该短语所含的关键词」列（keyword）：「游艇」不在"
                              "「八项规定费用摘要筛查关键词」（std_banned_keywords.keyword）中：请先在该标准中增加，"
                              "或在本文件中一并导入"]
    both = workbook(tmp_path / "b.xlsx", {"std_banned_keywords": [["游艇", "礼品礼金", None, "2026-01-01", None, None]],
                                          "std_banned_keyword_exclusions": [exclusion]})
    with connect() as conn:
        assert import_file(conn, both, "张三").counts == {"std_banned_keywords": 1,
                                                           "std_banned_keyword_exclusions": 1}
    again = workbook(tmp_path / "c.xlsx", {"std_banned_keyword_exclusions": [["游艇俱乐部路", *exclusion[1:]]]})
    with connect() as conn:  # the keyword imported before counts
        assert import_file(conn, again, "张三").counts == {"std_banned_keyword_exclusions": 1}


def test_cli_exit_codes(warehouse, tmp_path):
    env = {"WAREHOUSE_URL": warehouse}
    bad = workbook(tmp_path / "bad.xlsx", {HOTEL: [hotel_row(city="纽约")]})
    result = run_jiandu(["standards", "import", str(bad), "--user", "张三"], env)
    assert result.returncode == 1
    assert "整个文件未导入" in result.stderr and "第2行「出差城市」列（city）" in result.stderr
    good = workbook(tmp_path / "good.xlsx", {HOTEL: [hotel_row()]})
    result = run_jiandu(["standards", "import", str(good), "--user", "张三"], env)
    assert result.returncode == 0, result.stderr
    assert "已导入 good.xlsx：1 行" in result.stdout
    shown = run_jiandu(["standards", "show", "差旅住宿费限额"], env)
    assert shown.returncode == 0 and "现行来源：集团导入" in shown.stdout and "张三" in shown.stdout
    listed = run_jiandu(["standards", "list"], env)
    assert listed.returncode == 0
    assert any(line.startswith("差旅住宿费限额\tstd_travel_hotel_caps\t集团导入\t2\t张三")
               for line in listed.stdout.splitlines())
    assert run_jiandu(["standards", "template", "不存在的标准", "--out", str(tmp_path / "x.xlsx")], env).returncode == 2
    assert run_jiandu(["standards", "import", str(tmp_path / "missing.xlsx"), "--user", "张三"], env).returncode == 1
    assert _stored() == (1, 1)


def test_every_versioned_seed_is_importable_with_its_shipped_rows():
    """The shipped defaults themselves pass the import's checks (the checks and the seeds agree)."""
    from jiandu.standards.validation import References, SheetRows, validate

    for name in (HOTEL, ENTERTAINMENT, "std_allowance_catalog", "std_procurement", "std_je_approval_limits",
                 "std_kpi_thresholds"):
        spec = find(name)
        rows = [(i, {k: (v or None) for k, v in row.items()}) for i, row in enumerate(spec.shipped_rows(), start=2)]
        refs = References.shipped(subsidiaries={r["subsidiary_code"] for _, r in rows} - {None})
        checked, errors = validate([SheetRows(spec, spec.title, rows)], refs, [])
        assert errors == [] and len(checked[0][1]) == len(rows), (name, [str(e) for e in errors[:3]])


def _current() -> list[tuple]:
    with connect() as conn:
        return conn.execute("select row_values ->> 'tier', row_values ->> 'cap_per_night', imported_by"
                            " from standards_admin.group_rows_current order by 1").fetchall()


def test_a_withdrawn_import_no_longer_applies_and_the_previous_version_does(warehouse, tmp_path):
    from jiandu.standards.group_store import WithdrawRefused, applied_rows, history, withdraw

    with connect() as conn:
        first = import_file(conn, workbook(tmp_path / "v1.xlsx", {HOTEL: [hotel_row(cap=400)]}), "张三")
        second = import_file(conn, workbook(tmp_path / "v2.xlsx", {HOTEL: [hotel_row(cap=380)]}), "李四")
    assert _current() == [("其余人员", "380.00", "李四")]
    with connect() as conn:
        sheets = withdraw(conn, second.import_id, " 王五 ", "误导入了草案")
    assert [(h["file_name"], h["withdrawn_by"], h["withdrawal_reason"]) for h in sheets] == [
        ("v2.xlsx", "王五", "误导入了草案")]
    assert _current() == [("其余人员", "400.00", "张三")]  # the previous import applies again
    assert _stored() == (2, 2)  # append-only: the withdrawn rows stay
    with connect() as conn:
        hotel = next(o for o in overview(conn) if o.standard.name == HOTEL)
        assert [(v.origin, str(v.effective_from), v.rows, v.imported_by, v.import_id) for v in hotel.versions] == [
            ("示例默认值", "2016-01-01", 189, "", ""), ("集团导入", "2026-01-01", 1, "张三", first.import_id)]
        assert [(h["file_name"], h["withdrawn_by"]) for h in history(conn, HOTEL)] == [("v2.xlsx", "王五"),
                                                                                      ("v1.xlsx", None)]
        with pytest.raises(WithdrawRefused, match="已于 .* 由 王五 撤回（原因：误导入了草案），不能再次撤回"):
            withdraw(conn, second.import_id, "王五", "再次")
        with pytest.raises(WithdrawRefused, match="没有导入批次「nope」"):
            withdraw(conn, "nope", "王五", "不存在")
        with pytest.raises(WithdrawRefused, match="须填写撤回原因"):
            withdraw(conn, first.import_id, "王五", " ")
        withdraw(conn, first.import_id, "王五", "集团办法尚未印发")
        hotel = next(o for o in overview(conn) if o.standard.name == HOTEL)
        # nothing imported applies: the shipped defaults again, the 北京 row no longer ended before 2026
        assert hotel.origin == "示例默认值" and [(v.origin, v.rows) for v in hotel.versions] == [("示例默认值", 189)]
        assert [(r["row_values"]["cap_per_night"], r["effective_to"]) for r in applied_rows(conn, find(HOTEL))
                if r["row_values"]["city"] == "北京" and r["row_values"]["tier"] == "其余人员"] == [(500, None)]
    assert _current() == []
    with connect() as conn, pytest.raises(psycopg.errors.RaiseException, match="不可修改或删除"):
        conn.execute("delete from standards_admin.withdrawals")
    # a withdrawn import no longer blocks a new version of the same dates
    with connect() as conn:
        assert import_file(conn, workbook(tmp_path / "v3.xlsx", {HOTEL: [hotel_row(cap=390)]}), "张三").counts == {
            HOTEL: 1}


def test_cli_withdraw(warehouse, tmp_path):
    env = {"WAREHOUSE_URL": warehouse}
    with connect() as conn:
        done = import_file(conn, workbook(tmp_path / "caps.xlsx", {HOTEL: [hotel_row(cap=400)]}), "张三")
    shown = run_jiandu(["standards", "show", HOTEL], env)
    assert f"导入批次 {done.import_id}" in shown.stdout
    result = run_jiandu(["standards", "withdraw", done.import_id, "--user", "王五", "--reason", "误导入"], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"已撤回导入批次 {done.import_id}（caps.xlsx，张三 于")
    assert "撤回人 王五，原因：误导入" in result.stdout
    assert f"{HOTEL}（工作表「差旅住宿费限额」）：1 行不再适用" in result.stdout
    again = run_jiandu(["standards", "withdraw", done.import_id, "--user", "王五", "--reason", "误导入"], env)
    assert again.returncode == 1 and again.stderr.startswith(f"未撤回：导入批次 {done.import_id}（caps.xlsx）已于 ")
    unknown = run_jiandu(["standards", "withdraw", "abc123", "--user", "王五", "--reason", "误导入"], env)
    assert unknown.returncode == 1 and "未撤回：没有导入批次「abc123」" in unknown.stderr
    shown = run_jiandu(["standards", "show", HOTEL], env)
    assert "现行来源：示例默认值" in shown.stdout and "集团导入  2026-01-01" not in shown.stdout
    assert f"导入批次 {done.import_id}" in shown.stdout and "已撤回：王五 " in shown.stdout and "（误导入）" in shown.stdout
    listed = run_jiandu(["standards", "list"], env)
    assert any(line.startswith("差旅住宿费限额\tstd_travel_hotel_caps\t示例默认值\t1\t张三") and line.endswith("（已撤回）")
               for line in listed.stdout.splitlines())
    with connect() as conn:
        assert conn.execute("select count(*) from standards_admin.withdrawals").fetchone()[0] == 1


def test_a_withdrawal_that_would_break_what_stays_in_force_is_refused(warehouse, tmp_path):
    """Withdrawing the keyword an exclusion imported later refers to, or the correction that closed a version a
    later import follows, would make the night fail: refused, nothing recorded, until the dependent is withdrawn."""
    from jiandu.standards.group_store import WithdrawRefused, withdraw

    exclusion = ["游艇码头", "游艇", "地名", None, "2026-01-01", None, None]
    with connect() as conn:
        keyword = import_file(conn, workbook(tmp_path / "k.xlsx", {"std_banned_keywords": [
            ["游艇", "礼品礼金", None, "2026-01-01", None, None]]}), "张三")
        excluded = import_file(conn, workbook(tmp_path / "e.xlsx", {"std_banned_keyword_exclusions": [exclusion]}),
                               "张三")
    with connect() as conn, pytest.raises(WithdrawRefused) as refused:
        withdraw(conn, keyword.import_id, "王五", "误导入")
    assert str(refused.value).splitlines()[1:] == [
        f"  工作表「费用违规关键词排除清单」（e.xlsx，导入批次 {excluded.import_id}）第2行"
        "「该短语所含的关键词」列（keyword）："
        "「游艇」不在「八项规定费用摘要筛查关键词」（std_banned_keywords.keyword）中：请先在该标准中增加，或在本文件中一并导入",
        "请先撤回或更正依赖它的导入，再撤回本批次"]
    with connect() as conn:
        assert conn.execute("select count(*) from standards_admin.withdrawals").fetchone()[0] == 0
        withdraw(conn, excluded.import_id, "王五", "误导入")
        withdraw(conn, keyword.import_id, "王五", "误导入")  # nothing depends on it any more

    with connect() as conn:
        first = import_file(conn, workbook(tmp_path / "v1.xlsx", {HOTEL: [hotel_row(cap=400)]}), "张三")
        closing = import_file(conn, workbook(tmp_path / "v2.xlsx", {HOTEL: [hotel_row(cap=400, end="2026-12-31")]}),
                              "张三")
        later = import_file(conn, workbook(tmp_path / "v3.xlsx", {HOTEL: [hotel_row(cap=420, start="2027-01-01")]}),
                            "张三")
    with connect() as conn, pytest.raises(WithdrawRefused) as refused:
        withdraw(conn, closing.import_id, "王五", "误导入")
    assert str(refused.value).splitlines()[1] == (
        f"  「差旅住宿费限额」（出差城市=北京，省份=北京，差旅职级=其余人员）的两个版本重叠：2026-01-01起长期有效"
        f"（v1.xlsx，导入批次 {first.import_id}）与 2027-01-01起长期有效"
        f"（v3.xlsx，导入批次 {later.import_id}）")
    with connect() as conn:
        withdraw(conn, later.import_id, "王五", "误导入")
        withdraw(conn, closing.import_id, "王五", "误导入")
    assert _current() == [("其余人员", "400.00", "张三")]

