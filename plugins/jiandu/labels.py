"""What people read instead of codes: the one registry of Chinese labels for the codes a flag carries.

- source tables and their columns: the source contract (include/sources/<system>/<table>.yml `label`s), plus
  the few tables a rule cites that are not source tables (OTHER_TABLES);
- detection states, what an amount is, source systems, subject types, run kinds and where a disposition change
  came from: the tables below.

Pages, exports and the weekly report label through these functions; nothing else keeps its own copy.
"""

from __future__ import annotations

from functools import lru_cache

DETECTION_STATES = {"active": "在检", "resolved": "源数据已消除", "stale": "源数据被隔离"}
AMOUNT_KINDS = {"at_issue": "涉及金额", "context": "参考数", "none": "无金额"}
SOURCE_SYSTEMS = {"nc_erp": "财务系统（NC）", "oa": "OA 协同办公系统", "hr": "人力资源系统", "asset": "资产管理系统",
                  "ledger": "Excel 台账", "ledgers": "Excel 台账", "audit": "疑点结果"}
SUBJECT_TYPES = {"person": "人员", "supplier": "供应商", "customer": "客户", "account": "资金账户", "asset": "资产",
                 "invoice": "发票", "ledger": "台账", "position": "岗位", "subsidiary": "单位", "voucher": "凭证",
                 "payment": "资金支付事项", "guarantee": "对外担保合同", "disposal": "资产处置", "meeting": "决策会议",
                 "budget_project": "预算项目"}
# Tables a flag's source_refs may name besides the source contract's (the ledger rules cite the submission record).
OTHER_TABLES = {"audit_meta.ledger_submissions": "台账报送记录"}
OTHER_COLUMNS = {"audit_meta.ledger_submissions": {"submission_id": "报送记录编号", "ledger_code": "台账编码",
                                                   "subsidiary_code": "单位编码", "period": "报送期间"}}
RUN_KINDS = {"scheduled": "夜间定时运行", "manual": "手动运行", "backfill": "补跑", "asset_triggered": "数据触发运行",
             "dataset_triggered": "数据触发运行", "demo": "演示运行"}
CHANGE_SOURCES = {"workbench": "工作台", "workbench:bulk": "工作台批量处置", "api": "程序接口", "cli": "命令行",
                  "csv": "CSV 导入", "xlsx": "Excel 导入", "suppression-expiry": "屏蔽到期"}


@lru_cache(maxsize=1)
def _contract() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    from jiandu.sources.contract import load_contract

    tables, columns = dict(OTHER_TABLES), {k: dict(v) for k, v in OTHER_COLUMNS.items()}
    for t in load_contract():
        tables[f"{t.system}.{t.table}"] = t.label
        columns[f"{t.system}.{t.table}"] = {c.name: c.label for c in t.columns}
    return tables, columns


def table_labels() -> dict[str, str]:
    """`system.table` -> Chinese label, for every table a source reference can name."""
    return _contract()[0]


def table_label(table: str | None) -> str:
    """人员档案 for hr.employee; an unknown table by its source system's name."""
    if not table:
        return ""
    return table_labels().get(table) or SOURCE_SYSTEMS.get(table.split(".", 1)[0], "源数据")


def column_label(table: str | None, column: str) -> str:
    """人员编码 for (hr.employee, emp_code); a column the contract does not name keeps its name."""
    return _contract()[1].get(table or "", {}).get(column, column)


def system_label(system: str | None) -> str:
    return SOURCE_SYSTEMS.get(system or "", system or "")


def subject_type_label(subject_type: str | None) -> str:
    return SUBJECT_TYPES.get(subject_type or "", subject_type or "")


def run_label(run_id: str | None) -> str:
    """夜间定时运行 for scheduled__2026-11-02T...; the kind of run, not Airflow's id."""
    kind = (run_id or "").split("__", 1)[0]
    return RUN_KINDS.get(kind, "运行" if run_id else "")


def change_source_label(source: str | None) -> str:
    """Where a disposition change came from: 工作台, CSV 导入（处置.csv 第3行）, ..."""
    if not source:
        return ""
    if source in CHANGE_SOURCES:
        return CHANGE_SOURCES[source]
    kind, _, rest = source.partition(":")
    if kind in ("csv", "xlsx") and rest:
        name, _, line = rest.rpartition(":")
        return f"{CHANGE_SOURCES[kind]}（{name} 第{line}行）" if line.isdigit() else f"{CHANGE_SOURCES[kind]}（{rest}）"
    return CHANGE_SOURCES.get(kind, "其他")
