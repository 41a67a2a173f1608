"""Everything about one subject (a person, supplier, customer, account) or one subsidiary."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from jiandu.workbench import listing
from jiandu.workbench.scope import scoped_connection
from jiandu.workbench.users import Session
from jiandu.workbench.web import render, session

router = APIRouter()
LIMIT = 500


@router.get("/subject")
def subject(request: Request, s: Session = Depends(session), from_flag: str | None = None,  # noqa: B008
            subject_type: str | None = None, subject_id: str | None = None,
            subsidiary_code: str | None = None) -> Response:
    """By a flag (links never carry a subject's id, which may be personal data), by type and id, or by subsidiary."""
    with scoped_connection(s.user) as conn:
        if from_flag:
            row = conn.execute("select subject_type, subject_id from audit.flagged_items where flag_id = %s",
                               (from_flag[:64],)).fetchone()
            if row is None:
                raise HTTPException(404, "疑点不存在或不在您的数据范围内")
            subject_type, subject_id = row
        if subject_id:
            filters = {"subject_type": subject_type or "", "subject_id": subject_id, "suppressed": "all"}
            title_kind = "subject"
        elif subsidiary_code:
            filters = {"subsidiary_code": subsidiary_code, "suppressed": "all"}
            title_kind = "subsidiary"
        else:
            raise HTTPException(400, "请指定对象（subject_type + subject_id）或单位（subsidiary_code）")
        query = listing.Query(filters={k: v for k, v in filters.items() if v}, size=LIMIT, pii=s.user.pii)
        page = listing.search(conn, query, s.user.subsidiaries)
    rows, total = page.rows, page.total_text
    by_status = Counter(r["status"] for r in rows)
    by_rule = Counter(r["rule_name"] or r["rule_id"] for r in rows)
    amount = sum((r["amount_at_issue"] or Decimal(0) for r in rows), Decimal(0))  # money at issue only
    context = sum(1 for r in rows if r["amount_kind"] == "context")
    head = rows[0] if rows else {}
    return render(request, "subject.html", s, rows=rows, total=total, kind=title_kind, head=head,
                  subject_type=subject_type, subject_id=subject_id, subsidiary_code=subsidiary_code,
                  by_status=sorted(by_status.items()), by_rule=by_rule.most_common(), amount=amount,
                  context=context, limit=LIMIT)
