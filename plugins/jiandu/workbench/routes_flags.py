"""The flag list (filters, sort, pages, Excel export), a flag's detail and its disposition, bulk changes."""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from jiandu.flags.dispositions import (
    CsvImportError,
    bulk_update_from_csv,
    bulk_update_from_xlsx,
    show_flag,
    update_flag,
)
from jiandu.flags.workflow import FIELDS, DispositionError, parse_value, to_text, workflow
from jiandu.reports.xlsx_cells import LOCAL_TIME_LABEL, local_zone
from jiandu.workbench import export, listing
from jiandu.workbench.scope import scoped_connection
from jiandu.workbench.users import Session
from jiandu.workbench.web import check_csrf, redirect, render, session, writer

router = APIRouter()
SOURCE = "workbench"
BULK_FIELDS = ("status", "assignee", "responsible_unit", "note", "rectification_due", "evidence_refs")
MAX_BULK = 500
_choices_cache: dict[str, tuple[float, dict]] = {}


def _choices(conn, s: Session) -> dict:
    """Filter-form values per scope, cached a minute (they change once a night)."""
    hit = _choices_cache.get(s.user.scope)
    if hit and time.monotonic() - hit[0] < 60:
        return hit[1]
    value = listing.choices(conn)
    _choices_cache[s.user.scope] = (time.monotonic(), value)
    return value


def _conditions(query: listing.Query) -> str:
    parts = [f"{listing.FILTER_LABELS[k]}={v}" for k, v in query.filters.items()]
    return "；".join(parts) or "无（全部）"


@router.get("/")
def home(request: Request, s: Session = Depends(session)) -> Response:  # noqa: B008
    return redirect(request, "/flags")


@router.get("/flags")
def flag_list(request: Request, s: Session = Depends(session), notice: str | None = None) -> Response:  # noqa: B008
    params = {k: v for k, v in request.query_params.items() if k != "notice"}
    with scoped_connection(s.user) as conn:
        choices = _choices(conn, s)
        try:
            query = listing.parse_query(params)
            query.pii = s.user.pii
        except listing.FilterError as exc:
            return render(request, "flags.html", s, status_code=400, page=listing.Page([], 0, False),
                          query=listing.Query(),
                          raw=params, choices=choices, errors=exc.errors, labels=listing.FILTER_LABELS)
        page = listing.search(conn, query, s.user.subsidiaries)
    return render(request, "flags.html", s, page=page, query=query, raw=params, choices=choices,
                  errors={}, labels=listing.FILTER_LABELS, notice=notice, bulk_statuses=_bulk_statuses(query, page))


def _bulk_statuses(query: listing.Query, page: listing.Page) -> list[str]:
    """The statuses bulk may move to: the next statuses of the filtered status, else of the page's flags."""
    wf = workflow()
    current = {query.filters["status"]} if query.filters.get("status") else {r["status"] for r in page.rows}
    allowed = {n for st in current for n in wf.allowed(st)}
    return [st for st in wf.statuses if st in allowed]


@router.get("/flags/import-template.csv")
def import_template(s: Session = Depends(session)) -> Response:  # noqa: B008
    """An empty CSV with the columns an import reads (疑点编号 and every editable field), UTF-8 with BOM."""
    header = ["疑点编号"] + [f.label for f in FIELDS.values() if f.editable]
    example = ["（粘贴疑点编号）", "核实中", "张三"] + [""] * (len(header) - 3)
    body = "\ufeff" + ",".join(header) + "\r\n" + ",".join(example) + "\r\n"
    name = quote("处置导入模板.csv")
    return Response(body.encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename=import_template.csv;"
                                                    f" filename*=UTF-8''{name}"})


@router.get("/flags/export.xlsx")
def flag_export(request: Request, s: Session = Depends(session)) -> Response:  # noqa: B008
    try:
        query = listing.parse_query(dict(request.query_params))
        query.pii = s.user.pii
    except listing.FilterError as exc:
        raise HTTPException(400, str(exc)) from None
    with scoped_connection(s.user) as conn:
        rows = listing.export_rows(conn, query, s.user.subsidiaries)
    now = datetime.now(local_zone())
    stamp = now.strftime("%Y%m%d_%H%M")
    data = export.workbook(rows, pii=s.user.pii, title=f"疑点清单（导出人 {s.user.username}，导出时间"
                                                       f" {now:%Y-%m-%d %H:%M} {LOCAL_TIME_LABEL}）",
                           conditions=_conditions(query))
    name = quote(f"疑点清单_{stamp}.xlsx")
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename=flags_{stamp}.xlsx; filename*=UTF-8''{name}"})


def _load(conn, flag_id: str) -> dict[str, Any]:
    if len(flag_id) > 64 or any(ch < " " for ch in flag_id):
        raise HTTPException(404, "疑点不存在或不在您的数据范围内")
    try:
        return show_flag(flag_id, conn=conn)
    except DispositionError:
        raise HTTPException(404, "疑点不存在或不在您的数据范围内") from None


def _detail(request: Request, s: Session, flag_id: str, *, errors: list | None = None, form: dict | None = None,
            notice: str | None = None, status_code: int = 200, confirm_over: bool = False) -> Response:
    with scoped_connection(s.user) as conn:
        flag = _load(conn, flag_id)
    wf = workflow()
    return render(request, "flag.html", s, status_code=status_code, flag=flag, fields=FIELDS,
                  next_statuses=wf.allowed(flag["status"]), requires=wf.requires, errors=errors or [],
                  form=form or {}, notice=notice, confirm_over=confirm_over,
                  can_approve=s.user.can_approve_suppression and flag.get("suppression_requested_by")
                  not in (None, s.user.username) and not flag["suppressed"],
                  max_days=wf.suppression_max_days)


@router.get("/flags/{flag_id}")
def flag_detail(request: Request, flag_id: str, s: Session = Depends(session),  # noqa: B008
                notice: str | None = None) -> Response:
    return _detail(request, s, flag_id, notice=notice)


def _changes(form: dict[str, str], current: dict[str, Any], names) -> tuple[dict[str, Any], list]:
    """Form fields that differ from the current disposition (unparseable values are passed on to be refused)."""
    changes: dict[str, Any] = {}
    for name in names:
        if name not in form or not FIELDS[name].editable:
            continue
        raw = form[name]
        try:
            value = parse_value(name, raw)
        except ValueError:
            changes[name] = raw  # update_flag names the field and what is wrong
            continue
        if to_text(name, value) != to_text(name, current.get(name)):
            changes[name] = raw
    return changes, []


def _recovered_over_amount(changes: dict[str, Any], flag: dict[str, Any]) -> tuple[Decimal, Decimal] | None:
    """(recovered, amount at issue) when a new 清退挽回金额 exceeds the flag's amount; None otherwise."""
    if "amount_recovered" not in changes or flag.get("amount") is None:
        return None
    try:
        recovered = parse_value("amount_recovered", changes["amount_recovered"])
    except ValueError:
        return None  # refused with its own message
    return (recovered, flag["amount"]) if recovered is not None and recovered > flag["amount"] else None


# The POST handlers are async only to read the form; the database work runs in the thread pool
# (run_in_threadpool), so a long bulk change never holds up other users' requests.

@router.post("/flags/{flag_id}/disposition")
async def flag_update(request: Request, flag_id: str, s: Session = Depends(writer)) -> Response:  # noqa: B008
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    check_csrf(s, form.get("csrf_token"))
    return await run_in_threadpool(_update_one, request, s, flag_id, form)


def _update_one(request: Request, s: Session, flag_id: str, form: dict[str, str]) -> Response:
    if "suppressed" in form or "suppressed_present" in form:
        form["suppressed"] = "是" if form.get("suppressed") else "否"
    try:
        expected = int(form.get("version", ""))
    except ValueError:
        raise HTTPException(400, "缺少版本号，请刷新页面后重试") from None
    try:
        with scoped_connection(s.user) as conn:
            current = _load(conn, flag_id)
            changes, _ = _changes(form, current, FIELDS)
            if form.get("suppression_request") == "withdraw":
                changes["suppression_request"] = "withdraw"
            over = _recovered_over_amount(changes, current)
            if over and not form.get("confirm_amount_over"):
                return _detail(request, s, flag_id, form=form, status_code=422, confirm_over=True, errors=[(
                    FIELDS["amount_recovered"].label,
                    f"清退挽回金额 {over[0]:,.2f} 元超过本疑点涉及金额 {over[1]:,.2f} 元。如确认无误（如含利息、罚没款），"
                    "请勾选“确认清退挽回金额超过涉及金额”后再保存；否则请更正金额。")])
            if changes:
                update_flag(flag_id, s.user.username, source=SOURCE, expected_version=expected, conn=conn,
                            may_approve=s.user.can_approve_suppression, **changes)
    except DispositionError as exc:
        errors = [(FIELDS[e.field].label if e.field in FIELDS else e.field, e.message) for e in exc.errors]
        # an unreadable or out-of-range value is bad input (400); a refused workflow step is 422
        code = 400 if any(e.bad_value for e in exc.errors) else 422
        return _detail(request, s, flag_id, errors=errors, form=form, status_code=code)
    notice = f"已保存 {len(changes)} 项修改" if changes else "没有修改"
    return redirect(request, f"/flags/{quote(flag_id)}", notice=notice)


@router.post("/flags/bulk")
async def flags_bulk(request: Request, s: Session = Depends(writer)) -> Response:  # noqa: B008
    form = await request.form()
    check_csrf(s, form.get("csrf_token"))
    ids = list(dict.fromkeys(v for v in form.getlist("flag_id") if isinstance(v, str) and v))
    if not ids:
        return redirect(request, "/flags", notice="未选择疑点，请先勾选")
    if len(ids) > MAX_BULK:
        raise HTTPException(400, f"一次最多批量处理 {MAX_BULK} 条")
    back = _back_query(form.get("back"))
    changes = {n: form.get(n) for n in BULK_FIELDS if isinstance(form.get(n), str) and form.get(n).strip()}
    if not changes:
        return redirect(request, "/flags", notice="未填写任何要修改的内容", **back)
    return await run_in_threadpool(_update_many, request, s, ids, changes, back)


def _back_query(raw: Any) -> dict[str, str]:
    """The list's filters a bulk form came from (its query string), checked like the list's own: going back to
    the list keeps them; anything unreadable is dropped."""
    from urllib.parse import parse_qsl

    if not isinstance(raw, str) or len(raw) > 2000:
        return {}
    params = dict(parse_qsl(raw, keep_blank_values=False))
    try:
        query = listing.parse_query({k: v for k, v in params.items() if k != "notice"})
    except listing.FilterError:
        return {}
    return query.params() | ({"page": str(query.page)} if query.page > 1 else {})


def _update_many(request: Request, s: Session, ids: list[str], changes: dict[str, Any],
                 back: dict[str, str] | None = None) -> Response:
    from urllib.parse import urlencode

    back_url = "/flags" + ("?" + urlencode(back) if back else "")
    errors: list[tuple[str, str, str]] = []
    bad_value = False
    with scoped_connection(s.user) as conn:
        for fid in ids:
            try:
                update_flag(fid, s.user.username, source=SOURCE + ":bulk", conn=conn,
                            may_approve=s.user.can_approve_suppression, **changes)
            except DispositionError as exc:
                errors += [(fid[:64], FIELDS[e.field].label if e.field in FIELDS else e.field, e.message)
                           for e in exc.errors]
                bad_value = bad_value or any(e.bad_value for e in exc.errors)
        if errors:
            conn.rollback()  # all or nothing: one refused flag refuses the batch
        else:
            changed = listing.flags_by_id(conn, ids)
    if errors:
        return render(request, "bulk_result.html", s, status_code=400 if bad_value else 422, errors=errors,
                      count=len(ids), applied=0, back_url=back_url)
    labels = {FIELDS[k].label: v for k, v in changes.items()}
    return render(request, "bulk_result.html", s, errors=[], count=len(ids), applied=len(ids), changes=labels,
                  changed=changed, back_url=back_url)


@router.post("/flags/import")
async def flags_import(request: Request, file: UploadFile = File(...),  # noqa: B008
                       csrf_token: str = Form(""), s: Session = Depends(writer)) -> Response:  # noqa: B008
    check_csrf(s, csrf_token)
    data = await file.read(5 * 1024 * 1024 + 1)
    if len(data) > 5 * 1024 * 1024:
        raise HTTPException(400, "文件过大（最多 5 MB）")
    return await run_in_threadpool(_import_csv, request, s, upload_name(file.filename), data)


def upload_name(filename: str | None) -> str:
    """The uploaded file's own name, to name it in messages and the history; 400 if it cannot be a file name."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if (name in ("", ".", "..") or len(name) > 120 or any(ch < " " or ch == "\x7f" for ch in name)):
        raise HTTPException(400, f"文件名不合法（{name[:40]!r}）：请使用不超过 120 字、不含控制字符的普通文件名，"
                                 "例如 处置.csv")
    return name


def _import_csv(request: Request, s: Session, name: str, data: bytes) -> Response:
    is_xlsx = data[:4] == b"PK\x03\x04"  # an .xlsx is a zip file, whatever its name says
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            with scoped_connection(s.user) as conn:
                if is_xlsx:
                    applied = bulk_update_from_xlsx(path, s.user.username, conn=conn, masked=not s.user.pii,
                                                    may_approve=s.user.can_approve_suppression,
                                                    readonly_labels=export.READONLY_LABELS)
                else:
                    applied = bulk_update_from_csv(path, s.user.username, conn=conn, masked=not s.user.pii,
                                                   may_approve=s.user.can_approve_suppression)
        except CsvImportError as exc:
            rows = [(f"第{e.row}行", e.column, e.message) for e in exc.errors]
            return render(request, "bulk_result.html", s, status_code=422, errors=rows, count=0, applied=0,
                          csv_name=name)
        except (UnicodeDecodeError, ValueError) as exc:
            return render(request, "bulk_result.html", s, status_code=422, count=0, applied=0, csv_name=name,
                          errors=[("文件", "", f"无法读取文件（CSV 应为 UTF-8 或 GBK 编码，或导出的 Excel）：{exc}")])
    return render(request, "bulk_result.html", s, errors=[], count=applied, applied=applied, csv_name=name)
