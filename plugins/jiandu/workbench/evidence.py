"""A flag's evidence as a person reads it: no JSON, no Python values, numbers with separators and units.

A rule's evidence is a JSON object whose keys are Chinese labels (`jsonb_build_object('超标金额', ...)`). Its
values are shown as:
- a list of objects (a debt-ratio warning's items, Benford's digit distribution, the lines of a claim) as a
  table whose columns are the objects' keys; a list of plain values joined with 、; an object as a small table;
- true/false as 是/否, null as —, a string holding JSON (a value cast to text) as what it holds;
- a number with thousands separators and the unit its key names: 元 for money (金额, 租金, 限额, 价 ...),
  % for a rate or share (率, 占比; a fraction is shown as a percentage), 天/人/份/笔/次 ... for a count whose
  key says what it counts (天数, 人数, 份数 ...).
Everything is escaped (markupsafe); the result is HTML for the detail page.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

EMPTY = "—"
_MONEY_WORDS = ("金额", "租金", "限额", "余额", "差额", "价值", "票价", "成交价", "合计", "资产总额", "负债总额",
                "营业收入", "净利润", "费用", "住宿费", "年租金", "发放合计")
_NOT_MONEY = ("率", "占比", "数", "日期", "月份", "期间", "分布", "MAD", "级别", "项目", "名称", "单号", "编号")
_COUNT_UNITS = {"天数": "天", "人数": "人", "职数": "人", "份数": "份", "笔数": "笔", "次数": "次", "月数": "个月",
                "晚数": "晚", "年数": "年", "家数": "家", "行数": "行", "单据数": "张", "记录数": "条", "分录数": "笔",
                "兼职数": "个", "期间数": "期"}
_NAMING = ("指标", "数字", "项目", "名称", "编号", "单号", "姓名", "人员", "单位", "日期", "月份", "期间", "城市")
_IDENTIFYING = ("年度", "年份", "期间", "月份", "号", "码", "编号", "序号", "年")
_JSONISH = re.compile(r"^\s*[\[{]")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")  # a \uXXXX escape left in a text (JSON encoded twice)


def unit_of(key: str) -> str:
    """The unit a key's number is in ('' when the key does not say)."""
    for suffix, unit in _COUNT_UNITS.items():
        if key.endswith(suffix):
            return unit
    if key.endswith("天") or key.endswith("逾期天数"):
        return "天"
    if "率" in key or "占比" in key:
        return "%"
    if any(w in key for w in _MONEY_WORDS) and not any(w in key for w in _NOT_MONEY):
        return "元"
    return ""


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    return None


def number_text(value: Any, key: str = "") -> str:
    """1234567.5 -> 1,234,567.50 元 under a money key; 0.0312 -> 3.12% under a rate; 1200 -> 1,200 天."""
    number = _decimal(value)
    if number is None:
        return str(value)
    unit = unit_of(key)
    if not unit and any(w in key for w in _IDENTIFYING) and number == number.to_integral_value():
        return str(int(number))  # a year, a period or a number that names something: 2026, not 2,026
    if unit == "%":
        if abs(number) <= Decimal("1.5"):
            number *= 100
        return f"{number:,.2f}%"
    if unit == "元":
        return f"{number:,.2f} 元"
    text = f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.4f}".rstrip("0").rstrip(".")
    return f"{text} {unit}" if unit else text


def _parsed(value: str) -> Any:
    """A string holding JSON (an array or object cast to text) as what it holds; otherwise the string."""
    if _JSONISH.match(value):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def plain(value: Any, key: str = "") -> str:
    """One value as text (nested values flattened): what an export cell or a title shows."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        value = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
        low = value.strip().lower()
        if low in ("true", "false"):
            return "是" if low == "true" else "否"
        if low in ("none", "null"):
            return EMPTY
        parsed = _parsed(value)
        return value if parsed is value else plain(parsed, key)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "；".join(f"{k}：{plain(v, str(k))}" for k, v in value.items()) or EMPTY
    if isinstance(value, list | tuple):
        return "、".join(plain(v, key) for v in value) or "无"
    if _decimal(value) is not None:
        return number_text(value, key)
    return str(value)


def _cell(value: Any, key: str) -> Markup:
    text = plain(value, key)
    cls = ' class="num"' if _decimal(value) is not None else ""
    return Markup(f"<td{cls}>{escape(text)}</td>")


def html(value: Any, key: str = "") -> Markup:
    """One evidence value as HTML: a table for a list of objects or an object, text otherwise."""
    if isinstance(value, str):
        parsed = _parsed(value)
        if parsed is not value:
            return html(parsed, key)
    if isinstance(value, list | tuple) and value and all(isinstance(v, dict) for v in value):
        columns: list[str] = []
        for item in value:
            columns += [str(k) for k in item if str(k) not in columns]
        columns.sort(key=lambda c: not any(w in c for w in _NAMING))  # what a row is about comes first
        head = "".join(f"<th>{escape(c)}</th>" for c in columns)
        rows = "".join("<tr>" + "".join(str(_cell(item.get(c), c)) for c in columns) + "</tr>" for item in value)
        return Markup(f'<table class="nested"><tr>{head}</tr>{rows}</table>')
    if isinstance(value, dict) and value:
        rows = "".join(f'<tr><th class="kcol">{escape(str(k))}</th><td>{html(v, str(k))}</td></tr>'
                       for k, v in value.items())
        return Markup(f'<table class="nested">{rows}</table>')
    if isinstance(value, list | tuple) and any(isinstance(v, list | dict) for v in value):
        return Markup("<br>".join(str(html(v, key)) for v in value))
    return Markup(escape(plain(value, key)))
