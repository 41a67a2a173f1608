"""Build the GX suites of the raw layer from the source contract.

The suites under expectations/gx/expectations/ are reviewed, versioned files;
`jiandu gx sync` writes them from the contract (columns, keys, types and the
table's `checks:`), and a test keeps the committed files equal to what the
contract says. Landing columns read as text, so type checks are regular
expressions evaluated by PostgreSQL; an optional column may also be blank.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from jiandu.sources.contract import MONTH_FORM, SourceTable

DATASOURCE = "warehouse"
BATCH_DEFINITION = "whole_batch"
# What promotion's cast into raw reads, as the forms real exports write: ERP amounts from NUMBER(28,8) carry eight
# decimals (3200.50000000), floats an exponent (1e-05), integers from a float a trailing .0; dates come as
# 2026-2-5, 2026/02/05, 2026.02.05 or 20260205, and a date column exported from a datetime field carries a time of
# day (2026-02-20 23:59:00). Each is a value PostgreSQL casts to the contract's type (year first, so whatever the
# server's DateStyle), and none is a reason to quarantine a system. What does not match stays critical: the cast
# would fail. (A date that matches but does not exist, 2026-02-30, fails promotion of its table only, by name.)
_DATE = r"(19|20)[0-9]{2}(-(0?[1-9]|1[0-2])-(0?[1-9]|[12][0-9]|3[01])|/(0?[1-9]|1[0-2])/(0?[1-9]|[12][0-9]|3[01])" \
        r"|\.(0?[1-9]|1[0-2])\.(0?[1-9]|[12][0-9]|3[01])|(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01]))"
_TIME = r"[ T]([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?(Z|[+-][0-2][0-9](:?[0-5][0-9])?)?"
TYPE_PATTERNS = {
    "integer": (r"^\s*[+-]?[0-9]+(\.0*)?\s*$", "整数"),
    "numeric": (r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$", "数值"),
    "date": (rf"^\s*{_DATE}({_TIME})?\s*$", "日期（年份在前：2026-02-05、2026/2/5、20260205，可带时刻，1900-2099年）"),
    "timestamp": (rf"^\s*{_DATE}({_TIME})?\s*$", "时间（年份在前，可只有日期）"),
    "boolean": (r"^\s*([01]|[tTfFyYnN]|[tT][rR][uU][eE]|[fF][aA][lL][sS][eE]|[yY][eE][sS]|[nN][oO]|[oO][nN]"
                r"|[oO][fF][fF])\s*$", "布尔值"),
    "month": (MONTH_FORM, "月份（年份在前：2026-03、2026-3、2026/03、202603、2026年3月）"),
}


BLANK = r"^\s*$"  # an empty or all-space value: how exports write a missing optional date, amount or flag


def type_pattern(column, optional: bool) -> str:
    """The type check of a column: its type's forms, and for an optional column (neither required nor in the key)
    also a blank value, which promotion takes for NULL. A required column left blank stays critical, as a NULL
    there is."""
    pattern = TYPE_PATTERNS[column.type][0]
    return f"{BLANK}|{pattern}" if optional else pattern


def suite_name(table: SourceTable) -> str:
    return table.raw_name


def row_count_parameter(table: SourceTable) -> str:
    return f"{table.raw_name}__source_rows"


def _meta(severity: str, zh: str) -> dict:
    assert severity in ("critical", "warning"), severity
    return {"severity": severity, "说明": zh}


def build_suite(table: SourceTable) -> gx.ExpectationSuite:
    """The suite, built in memory only.

    Expectations go in through the constructor: `suite.add_expectation` on a suite whose name already
    exists in the file context would append to the stored suite (and duplicate it on every sync).
    """
    expectations = _expectations(table)
    return gx.ExpectationSuite(
        name=suite_name(table),
        expectations=expectations,
        meta={"说明": f"{table.label}（{table.system}.{table.table}）装载批次校验", "source_system": table.system,
              "source_table": table.table},
    )


def _expectations(table: SourceTable) -> list:
    exps: list = []
    key = list(table.primary_key)
    if len(key) == 1:
        exps.append(gxe.ExpectColumnValuesToBeUnique(
            column=key[0], meta=_meta("critical", f"主键{key[0]}唯一")))
    else:
        exps.append(gxe.ExpectCompoundColumnsToBeUnique(
            column_list=key, meta=_meta("critical", f"主键({', '.join(key)})唯一")))
    for col in table.columns:
        if col.required or col.name in key:
            exps.append(gxe.ExpectColumnValuesToNotBeNull(
                column=col.name, meta=_meta("critical", f"必填字段{col.name}（{col.label}）不为空")))
        if col.type in TYPE_PATTERNS:
            optional = not (col.required or col.name in key)
            zh = TYPE_PATTERNS[col.type][1] + ("，或留空" if optional else "")
            exps.append(gxe.ExpectColumnValuesToMatchRegex(
                column=col.name, regex=type_pattern(col, optional),
                meta=_meta("critical", f"{col.name}（{col.label}）格式为{zh}")))
    exps.append(gxe.ExpectTableRowCountToEqual(
        value={"$PARAMETER": row_count_parameter(table)},
        meta=_meta("critical", "装载行数与源系统本批次行数一致")))
    for check in table.checks:
        exps.append(gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=check["unexpected_rows"],
            description=check["name"],
            meta=_meta(check.get("severity", "critical"), check["name"])))
    return exps


def comparable(suite: gx.ExpectationSuite) -> list[dict]:
    """A suite's expectations without GX's generated ids, for comparing committed files with the contract."""
    out = []
    for exp in suite.to_json_dict()["expectations"]:
        exp = {k: v for k, v in exp.items() if k not in ("id", "rendered_content")}
        out.append(exp)
    return sorted(out, key=lambda e: (e["type"], str(e.get("kwargs")), str(e.get("meta"))))


FLAGS_SUITE = "audit_rules__fct_red_flags"
FLAGS_SCHEMA, FLAGS_TABLE = "audit_rules", "fct_red_flags"


def build_flags_suite() -> gx.ExpectationSuite:
    """(No braces in these queries: GX fills {...} as placeholders.)

    The audit mart: every flag has evidence and source references, and no flag points at a row that
    does not exist in raw. Failing rows are named by flag_id; their rules are not published that night."""
    exps = [
        gxe.ExpectColumnValuesToBeUnique(column="flag_id", meta=_meta("critical", "疑点编号唯一")),
        gxe.ExpectColumnValuesToNotBeNull(column="flag_id", meta=_meta("critical", "疑点编号不为空")),
        gxe.ExpectColumnValuesToNotBeNull(column="rule_name", meta=_meta("critical", "规则在规则目录中登记")),
        gxe.ExpectColumnValuesToNotBeNull(column="amount", meta=_meta("critical", "涉及金额不为空")),
        gxe.ExpectColumnValuesToNotBeNull(column="subsidiary_code", meta=_meta("critical", "疑点所属单位不为空")),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query="select flag_id from {batch} where evidence is null or evidence = jsonb_build_object()",
            description="每条疑点都有证据", meta=_meta("critical", "每条疑点都有证据")),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query="select flag_id from {batch} where (amount_kind = 'at_issue' and amount <= 0)"
                                  " or (amount_kind = 'none' and amount <> 0)",
            description="金额与金额性质相符（涉及金额为正数）",
            meta=_meta("critical", "金额与金额性质相符（涉及金额为正数）")),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query="select flag_id from {batch} where source_refs is null"
                                  " or jsonb_typeof(source_refs) <> 'array' or jsonb_array_length(source_refs) = 0",
            description="每条疑点都有源单据引用", meta=_meta("critical", "每条疑点都有源单据引用")),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query="select flag_id from {batch} where jsonb_typeof(source_refs) = 'array' and exists"
                                  " (select 1 from jsonb_array_elements(subselect.source_refs) as r(ref)"
                                  " where not audit_meta.source_ref_exists(r.ref))",
            description="疑点引用的源数据行均存在", meta=_meta("critical", "疑点引用的源数据行均存在")),
    ]
    return gx.ExpectationSuite(name=FLAGS_SUITE, expectations=exps,
                               meta={"说明": "红旗疑点汇总（audit_rules.fct_red_flags）发布前校验"})
