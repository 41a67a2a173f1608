"""巡察整改 in the workbench: the three lists (问题清单, 任务清单, 责任清单) and the overdue list, one problem with
its flags, measures, responsibilities, outcomes, 督办 and history, and every change an auditor may make.

Every query runs in the user's scoped connection (row-level security of include/warehouse/migrations/0003_rectification.sql);
every change goes through jiandu.rectification.model, which checks the role and writes the history.
Forms carry the session's CSRF token; viewers get 403 on every POST.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from jiandu.rectification import model
from jiandu.rectification.model import (
    LABELS,
    MEASURE_STATUSES,
    PROBLEM_STATUSES,
    Actor,
    RectificationError,
)
from jiandu.rectification.vocabulary import vocabulary
from jiandu.workbench.masking import mask
from jiandu.workbench.scope import scoped_connection
from jiandu.workbench.users import Session
from jiandu.workbench.web import check_csrf, redirect, render, session, writer

router = APIRouter()
SOURCE = "workbench"
LISTS = {"problems": "问题清单", "measures": "任务清单", "responsibilities": "责任清单", "overdue": "逾期清单"}
NOT_FOUND = "问题或措施不存在，或不在您的数据范围内"


def actor(s: Session) -> Actor:
    u = s.user
    return Actor(u.username, u.role, u.group_level, tuple(u.subsidiaries))


@router.get("/rectification")
def lists(request: Request, s: Session = Depends(session), notice: str | None = None,  # noqa: B008
          which: str = Query("problems", alias="list"), status: str | None = None,
          source: str | None = None) -> Response:
    if which not in LISTS:
        raise HTTPException(400, f"清单应为 {'/'.join(LISTS)}")
    if status and status not in PROBLEM_STATUSES or source and source not in vocabulary().sources:
        raise HTTPException(400, "筛选条件不正确")
    with scoped_connection(s.user) as conn:
        rows = (model.list_problems(status=status, source=source, conn=conn) if which == "problems"
                else model.overdue_measures(conn=conn) if which == "overdue"
                else model.list_rows("measure" if which == "measures" else "responsibility", conn=conn))
    return render(request, "rectification.html", s, nav="rectification", rows=rows, current=which, lists=LISTS,
                  status=status or "", source=source or "", statuses=PROBLEM_STATUSES, vocab=vocabulary(),
                  notice=notice, errors=[], form={}, can_approve=actor(s).can_approve)


def _problem_page(request: Request, s: Session, problem_id: str, *, errors: list | None = None,
                  form: dict | None = None, notice: str | None = None, status_code: int = 200) -> Response:
    if len(problem_id) > 40:
        raise HTTPException(404, NOT_FOUND)
    with scoped_connection(s.user) as conn:
        try:
            problem = model.show_problem(problem_id, conn=conn)
        except RectificationError:
            raise HTTPException(404, NOT_FOUND) from None
    return render(request, "rectification_problem.html", s, status_code=status_code, nav="rectification", p=problem,
                  labels=LABELS, vocab=vocabulary(), measure_statuses=MEASURE_STATUSES, errors=errors or [],
                  form=form or {}, notice=notice, can_approve=actor(s).can_approve, today=model.today())


@router.get("/rectification/problems/{problem_id}")
def problem_detail(request: Request, problem_id: str, s: Session = Depends(session),  # noqa: B008
                   notice: str | None = None) -> Response:
    return _problem_page(request, s, problem_id, notice=notice)


async def _form(request: Request, s: Session) -> dict[str, Any]:
    data = await request.form()
    check_csrf(s, data.get("csrf_token") if isinstance(data.get("csrf_token"), str) else None)
    form: dict[str, Any] = {k: v for k, v in data.items() if isinstance(v, str)}
    form["flag_ids"] = [v for v in data.getlist("flag_ids") if isinstance(v, str)]
    return form


def _change(request: Request, s: Session, problem_id: str, form: dict[str, Any],
            change: Callable[[Actor, Any], Any], done: str, back: str | None = None) -> Response:
    """Run one change in the user's scope; refused changes re-render the page with what was wrong."""
    try:
        with scoped_connection(s.user) as conn:
            change(actor(s), conn)
    except RectificationError as exc:
        errors = [(LABELS.get(f, f), m) for f, m in exc.errors]
        if problem_id:
            return _problem_page(request, s, problem_id, errors=errors, form=form, status_code=422)
        return render(request, "rectification.html", s, status_code=422, nav="rectification", rows=[],
                      current="problems", lists=LISTS, status="", source="", statuses=PROBLEM_STATUSES,
                      vocab=vocabulary(), notice=None, errors=errors, form=form, can_approve=actor(s).can_approve)
    except psycopg.errors.InsufficientPrivilege:
        raise HTTPException(403, "不在您的数据范围内 outside your scope") from None
    return redirect(request, back or f"/rectification/problems/{quote(problem_id)}", notice=done)


@router.post("/rectification/problems")
async def create(request: Request, s: Session = Depends(writer)) -> Response:  # noqa: B008
    form = await _form(request, s)
    flag_ids = [f for f in (form["flag_ids"] or form.get("flag_list", "").replace("，", ",").replace("\n", ",")
                            .split(",")) if f.strip()]
    made: dict[str, Any] = {}

    def change(a: Actor, conn) -> None:
        made.update(model.create_problem(
            a, title=form.get("title"), subsidiary_code=form.get("subsidiary_code"), source=form.get("source"),
            flag_ids=flag_ids, identified_on=form.get("identified_on"), description=form.get("description"),
            source_doc=form.get("source_doc"), category=form.get("category"), due_on=form.get("due_on"),
            origin=SOURCE, conn=conn))

    response = await run_in_threadpool(_change, request, s, "", form, change, "已新建问题", "/rectification")
    if made and response.status_code == 303:
        return redirect(request, f"/rectification/problems/{quote(made['problem_id'])}", notice="已新建问题")
    return response


def _version(form: dict[str, Any]) -> int | None:
    """The version the user saw (optimistic locking); absent: not checked."""
    try:
        return int(form.get("version") or 0) or None
    except ValueError:
        raise RectificationError([("version", "版本号不正确，请刷新页面")]) from None


def _post(path: str, done: str, call: Callable[[Actor, str, dict[str, Any], Any], Any], key: str = "problem"):
    """A POST route on one problem or measure: CSRF, writer role, the model call, back to the problem's page."""

    async def endpoint(request: Request, item_id: str, s: Session = Depends(writer)) -> Response:  # noqa: B008
        form = await _form(request, s)
        if len(item_id) > 60:
            raise HTTPException(404, NOT_FOUND)
        problem_id = item_id.rsplit("-", 1)[0] if key != "problem" else item_id
        return await run_in_threadpool(_change, request, s, problem_id, form,
                                       lambda a, conn: call(a, item_id, form, conn), done)

    router.add_api_route(path, endpoint, methods=["POST"])


_post("/rectification/problems/{item_id}/update", "已保存问题信息", lambda a, pid, f, c: model.update_problem(
    a, pid, expected_version=_version(f), origin=SOURCE, conn=c,
    **{k: f[k] for k in model.PROBLEM_EDITABLE if k in f}))
_post("/rectification/problems/{item_id}/flags", "已关联疑点", lambda a, pid, f, c: model.link_flags(
    a, pid, [x for x in f.get("flag_list", "").replace("，", ",").replace("\n", ",").split(",") if x.strip()],
    origin=SOURCE, conn=c))
_post("/rectification/problems/{item_id}/measures", "已新增整改措施", lambda a, pid, f, c: model.add_measure(
    a, pid, content=f.get("content"), responsible_unit=f.get("responsible_unit"),
    responsible_person=f.get("responsible_person"), deadline=f.get("deadline"), origin=SOURCE, conn=c))
_post("/rectification/problems/{item_id}/responsibilities", "已新增责任", lambda a, pid, f, c:
      model.add_responsibility(a, pid, responsible_leader=f.get("responsible_leader"),
                               responsible_department=f.get("responsible_department"),
                               responsibility_type=f.get("responsibility_type"), note=f.get("note"), origin=SOURCE,
                               conn=c))
_post("/rectification/problems/{item_id}/outcomes", "已登记整改成效", lambda a, pid, f, c: model.add_outcome(
    a, pid, kind=f.get("kind", ""), people=f.get("people") or None, rules=f.get("rules") or None,
    amount=f.get("amount") or None, detail=f.get("detail"), recorded_on=f.get("recorded_on"), origin=SOURCE, conn=c))
_post("/rectification/problems/{item_id}/close", "问题已销号", lambda a, pid, f, c: model.close_problem(
    a, pid, note=f.get("close_note"), origin=SOURCE, conn=c))
_post("/rectification/measures/{item_id}/update", "已修改整改措施", lambda a, mid, f, c: model.update_measure(
    a, mid, expected_version=_version(f), origin=SOURCE, conn=c,
    **{k: f[k] for k in model.MEASURE_EDITABLE if f.get(k)}), key="measure")
_post("/rectification/measures/{item_id}/complete", "已填报完成，待审核", lambda a, mid, f, c:
      model.complete_measure(a, mid, evidence=f.get("evidence_refs", ""), note=f.get("completion_note"),
                             completed_on=f.get("completed_on") or None, origin=SOURCE, conn=c), key="measure")
_post("/rectification/measures/{item_id}/approve", "已审核通过", lambda a, mid, f, c: model.approve_measure(
    a, mid, origin=SOURCE, conn=c), key="measure")
_post("/rectification/measures/{item_id}/reject", "已退回", lambda a, mid, f, c: model.reject_measure(
    a, mid, reason=f.get("reason"), origin=SOURCE, conn=c), key="measure")
_post("/rectification/responsibilities/{item_id}/void", "已作废", lambda a, rid, f, c: model.void(
    a, "responsibility", rid, reason=f.get("reason"), origin=SOURCE, conn=c), key="responsibility")
_post("/rectification/outcomes/{item_id}/void", "已作废", lambda a, oid, f, c: model.void(
    a, "outcome", oid, reason=f.get("reason"), origin=SOURCE, conn=c), key="outcome")


@router.post("/rectification/escalate")
async def escalate(request: Request, s: Session = Depends(writer)) -> Response:  # noqa: B008
    form = await _form(request, s)
    made: list = []

    def change(a: Actor, conn) -> None:
        if not a.can_approve:
            raise RectificationError([("user", "督办由集团巡察整改办公室（集团级审计人员或管理员）登记")])
        made.extend(model.escalate_overdue(a, note=form.get("note") or None, origin=SOURCE, conn=conn))

    response = await run_in_threadpool(_change, request, s, "", form, change, "", "/rectification")
    if response.status_code == 303:
        return redirect(request, "/rectification", list="overdue", notice=f"已登记督办 {len(made)} 项")
    return response


@router.get("/rectification/report.xlsx")
def report_workbook(request: Request, s: Session = Depends(session), month: str = "") -> Response:  # noqa: B008
    """The monthly progress workbook of the user's scope, computed from history as of the month's end;
    personal data masked unless the user may see it."""
    from jiandu.reports.monthly import compute, parse_month, previous_month
    from jiandu.reports.monthly_output import write_workbook

    try:
        period = parse_month(month) if month else previous_month(model.today())
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    with scoped_connection(s.user) as conn:
        report = mask(compute(conn, period), allowed=s.user.pii)  # as every page and export
    with tempfile.TemporaryDirectory() as tmp:
        data = write_workbook(report, Path(tmp) / "report.xlsx").read_bytes()
    name = quote(f"巡察整改进度月报_{period.label}.xlsx")
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename=rectification_{period.label}.xlsx;"
                                                    f" filename*=UTF-8''{name}"})
