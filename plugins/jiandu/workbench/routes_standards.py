"""The 标准 pages: every standard the rules judge against, its versions (示例默认值 shipped with jiandu or 集团导入
by `jiandu standards import`), which are in force, and the import history. Read-only: standards change only
through the validated import, never from the browser."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from jiandu.standards.group_store import group_rows, history, overview
from jiandu.standards.specs import find
from jiandu.workbench.scope import scoped_connection
from jiandu.workbench.users import Session
from jiandu.workbench.web import render, session

router = APIRouter()


@router.get("/standards")
def standards_page(request: Request, s: Session = Depends(session)) -> Response:  # noqa: B008
    with scoped_connection(s.user) as conn:
        items = overview(conn)
        imports = history(conn, limit=50)
    return render(request, "standards.html", s, items=items, imports=imports)


@router.get("/standards/{name}")
def standard_page(request: Request, name: str, s: Session = Depends(session)) -> Response:  # noqa: B008
    try:
        spec = find(name)
    except KeyError:
        raise HTTPException(404, "没有这个标准") from None
    with scoped_connection(s.user) as conn:
        item = next(o for o in overview(conn) if o.standard.name == spec.name)
        rows = group_rows(conn, spec.name)
        imports = history(conn, spec.name)
    return render(request, "standard.html", s, o=item, spec=spec, rows=rows, imports=imports,
                  shipped=spec.shipped_rows())
