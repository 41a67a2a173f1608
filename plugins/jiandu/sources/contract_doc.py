"""docs/source-contract.md, rendered from the machine-readable contract.

The YAML under include/sources/ and include/ledgers/ is what the loaders read; this page is written
from the same files (`jiandu sources doc`) and a test keeps the committed page in sync, so the
document a data engineer reads can never drift from what jiandu actually extracts.
"""

from __future__ import annotations

from pathlib import Path

from jiandu.ledgers.layout import LedgerLayout, load_layouts
from jiandu.settings import SOURCE_CONN_IDS, get_settings
from jiandu.sources.contract import DEFAULT_KEY_CHECK_DAYS, SourceTable, load_contract

SYSTEM_ORDER = ("nc_erp", "oa", "hr", "asset")  # the order a reader expects; other systems follow by name
SYSTEM_LABELS = {
    "nc_erp": "ERP（用友 NC 风格）财务系统 Yonyou NC style ERP",
    "oa": "OA 协同办公审批系统 workflow approvals",
    "hr": "HR 人力资源系统 human resources",
    "asset": "资产/产权登记系统 asset and property-rights register",
}
TYPE_LABELS = {"text": "文本 text", "integer": "整数 integer", "numeric": "数值 numeric", "date": "日期 date",
               "timestamp": "时间 timestamp", "boolean": "布尔 boolean", "month": "月份 month（YYYY-MM）"}

_INTRO = """\
# 数据源契约 Source contract

> 本页由 `jiandu sources doc` 从 `include/sources/` 与 `include/ledgers/` 生成，请勿手工编辑；
> 测试 `tests/plugins/jiandu/sources/test_contract_doc.py` 保证本页与装载程序读取的契约一致。
> Generated from the YAML the loaders read; do not edit by hand.

jiandu 每晚从各子企业的源系统抽取下列表。每个源系统是一个 Airflow 连接（connection），每张表是一个
YAML 文件：新增一张源表就是新增一个 YAML 文件，不改代码。
Every source system is an Airflow connection; every table is one YAML file under
`include/sources/<system>/<table>.yml`. Adding a table is adding a file.

## 连接 Connections

| 源系统 system | Airflow 连接 id | 环境变量 environment variable | 表数 tables |
|---|---|---|---:|
{connections}

连接的 extra 里写 `{{"sqlalchemy_url": "..."}}`（任意 SQLAlchemy URL：Oracle、SQL Server、MySQL/MariaDB、
PostgreSQL、SQLite），或由 conn_type 选择驱动。仓库中不保存任何凭据：生产环境的连接来自
`.env`（不提交）或 Airflow 的 secrets backend。
Put any SQLAlchemy URL in the connection's extra, or let its conn_type choose the driver. No credential is
kept in the repository.

台账（Excel）投递目录由环境变量 `JIANDU_LEDGER_DROP_DIR` 指定。
The Excel ledger drop folder is the setting `JIANDU_LEDGER_DROP_DIR`.

## 装载方式 How tables are loaded

- **full 全量**：每晚读取整表；源中消失的主键在 `raw` 中保留并标记 `_deleted_at`。
  Whole table every night; keys that vanished from the source are kept in `raw` with `_deleted_at` set.
- **incremental 增量**：按增量字段（水位线 watermark）读取，向前回看一个安全重叠期（overlap）；
  按主键合并（同一区间重跑不会产生重复行）；每隔 `key_check_days` 天做一次全主键比对，发现源端删除的行并标记。
  By watermark with a safety overlap, merged by primary key; every `key_check_days` days all source keys are
  compared with `raw` to mark deleted rows.
- 每行带血缘列 lineage columns：`_batch_id`、`_extracted_at`、`_source_system`、`_source_table`。
- 每张表每次装载是原子的：失败时 `raw` 保留上一次的数据。A failed load leaves the previous data untouched.
- 结构漂移 schema drift：源端多出的列被忽略并告警；缺少必填列（下表"必填"）时该表失败，报错写明表名与列名，其余表照常装载。
  An extra source column is ignored with a warning; a missing required column fails that table, naming the
  table and column, and the other tables still load. 缺少非必填列时按空值装载并告警 (a missing optional column
  loads as NULL with a warning).
- 字段类型 types: {types}.
"""


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _load_line(table: SourceTable) -> str:
    if table.load == "full":
        return "全量 full"
    overlap = table.overlap
    hours = overlap.total_seconds() / 3600
    overlap_text = f"{hours / 24:g} 天 days" if hours >= 24 else f"{hours:g} 小时 hours"
    key_check = table.key_check_days
    check = "每晚 every night" if key_check == 0 else f"每 {key_check} 天 every {key_check} days"
    default = "" if key_check != DEFAULT_KEY_CHECK_DAYS else "（默认 default）"
    return (f"增量 incremental，增量字段 `{table.incremental_column}`，重叠期 overlap {overlap_text}，"
            f"主键比对 key check {check}{default}")


def render_table(table: SourceTable) -> str:
    lines = [
        f"### `{table.system}.{table.table}` {table.label}",
        "",
        table.description,
        "",
        f"- 源表 source table: `{table.source_table}`；仓库表 warehouse: `raw.{table.raw_name}`",
        f"- 主键 primary key: {', '.join(f'`{k}`' for k in table.primary_key)}",
        f"- 装载 load: {_load_line(table)}",
        "",
        "| 列 column | 类型 type | 中文名 label | 必填 required | 示例 example |",
        "|---|---|---|---|---|",
    ]
    for col in table.columns:
        example = table.example.get(col.name, "")
        lines.append(f"| `{col.name}` | {col.type} | {_cell(col.label)} | {'是' if col.required else ''} | "
                     f"{_cell(example)} |")
    if table.checks:
        lines += ["", "校验 checks (Great Expectations, 在 PostgreSQL 中以 SQL 运行):", ""]
        for check in table.checks:
            lines.append(f"- {check['name']}（{check.get('severity', 'critical')}）")
    return "\n".join(lines)


def render_ledger(layout: LedgerLayout) -> str:
    due = layout.due
    due_text = (f"期末后 {due['days_after_period_end']} 日内 within {due['days_after_period_end']} days of period end"
                if "days_after_period_end" in due else
                f"次月 {due['day_of_next_month']} 日前 by day {due['day_of_next_month']} of the next month")
    frequency = "季度 quarterly" if layout.frequency == "quarterly" else "月度 monthly"
    example_period = "2026Q3" if layout.frequency == "quarterly" else "2026-09"
    lines = [
        f"### `{layout.type}` {layout.label}",
        "",
        layout.description,
        "",
        f"- 文件名 file name: `<单位编码>_{layout.type}_<期间>.xlsx`，例如 `{layout.file_name('S01', example_period)}`",
        f"- 频率 frequency: {frequency}；报送期限 due: {due_text}",
        f"- 工作表 sheet: `{layout.sheet}`；表头行 header row: {layout.header_row}"
        f"（其上 {layout.title_rows} 行为标题 title rows above）",
        "",
        "| 列 column | 表头 header | 类型 type | 必填 required |",
        "|---|---|---|---|",
    ]
    for col in layout.columns:
        lines.append(f"| `{col.name}` | {_cell(col.header)} | {col.type} | {'是' if col.required else ''} |")
    return "\n".join(lines)


def render(sources_dir: Path | None = None, ledgers_dir: Path | None = None) -> str:
    tables = load_contract(sources_dir)
    by_system: dict[str, list[SourceTable]] = {}
    rank = {name: i for i, name in enumerate(SYSTEM_ORDER)}
    for table in sorted(tables, key=lambda t: (rank.get(t.system, len(rank)), t.system)):
        by_system.setdefault(table.system, []).append(table)
    connections = "\n".join(
        f"| {SYSTEM_LABELS.get(system, system)} | `{SOURCE_CONN_IDS.get(system, system)}` | "
        f"`AIRFLOW_CONN_{SOURCE_CONN_IDS.get(system, system).upper()}` | {len(items)} |"
        for system, items in by_system.items()
    )
    parts = [_INTRO.format(connections=connections, types="、".join(TYPE_LABELS.values()))]
    for system, items in by_system.items():
        parts.append(f"## {SYSTEM_LABELS.get(system, system)} (`{system}`)")
        parts += [render_table(t) for t in items]
    layouts = load_layouts(ledgers_dir)
    parts.append("## 子企业台账 Excel ledgers (台账)\n\n"
                 "每个文件装载前整体校验；格式不符的文件整体退回（错误写明工作表、行、列），移入 rejected 目录并记录；"
                 "逾期与缺报按单位记录，供数据质量规则 RF_DQ_001 使用。\n"
                 "Each file is validated whole before loading; a bad file is rejected whole with an error naming "
                 "sheet, row and column, moved to the rejected folder and recorded; late and missing submissions "
                 "are recorded per subsidiary.")
    parts += [render_ledger(layout) for layout in layouts.values()]
    return "\n\n".join(parts) + "\n"


def doc_path() -> Path:
    return get_settings().project_root / "docs" / "source-contract.md"


def write() -> bool:
    """Write the page; True if it changed."""
    path, text = doc_path(), render()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
