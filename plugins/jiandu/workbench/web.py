"""What every page shares: templates, the session of a request, CSRF, masking of what is shown, redirects."""

from __future__ import annotations

import hmac
import ipaddress
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from jiandu import labels
from jiandu.flags.workflow import FIELDS, from_text
from jiandu.settings import get_settings
from jiandu.workbench import evidence
from jiandu.workbench.listing import DETECTION_STATES
from jiandu.workbench.masking import mask
from jiandu.workbench.users import Session, get_session

SESSION_COOKIE = "jiandu_wb_session"
LOGIN_CSRF_COOKIE = "jiandu_wb_login_csrf"


class LoginRequired(Exception):
    """No live session: GET pages redirect to the login page, anything else answers 401."""


def _local_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored instant as the group's local time (Asia/Shanghai by default)."""
    if value is None:
        return ""
    return value.astimezone(ZoneInfo(get_settings().timezone)).strftime(fmt)


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(get_settings().project_root / "include" / "workbench" / "templates"))
    t.env.filters["money"] = lambda v: "" if v is None else f"{Decimal(v):,.2f}"
    t.env.filters["pct"] = lambda v: "" if v is None else f"{float(v) * 100:.1f}%"
    t.env.filters["local"] = _local_time
    t.env.globals["urlencode"] = urlencode
    t.env.globals["DETECTION_STATES"] = DETECTION_STATES
    t.env.globals["SOURCE_TABLES"] = labels.table_labels()
    t.env.filters["evidence"] = evidence.html
    t.env.filters["plain"] = evidence.plain
    t.env.filters["subject_type"] = labels.subject_type_label
    t.env.filters["system"] = labels.system_label
    t.env.filters["run"] = labels.run_label
    t.env.filters["change_source"] = labels.change_source_label
    t.env.filters["column"] = labels.column_label
    t.env.filters["history_value"] = history_value
    t.env.filters["combine_sort"] = lambda params, sort: params | {"sort": sort}
    return t


def history_value(text: str | None, field: str) -> str:
    """A disposition history value as a person reads it (是/否, a list joined with 、, amounts in 元)."""
    if text is None or text == "":
        return ""
    if field not in FIELDS:
        return evidence.plain(text)
    try:
        value = from_text(field, text)
    except (ValueError, TypeError):
        return text
    if FIELDS[field].kind == "amount" and value is not None:
        return f"{Decimal(value):,.2f} 元"
    return evidence.plain(value) if value not in (None, []) else "（空）"


def base(request: Request) -> str:
    """The prefix the app is mounted under ('' standalone, '/jiandu-workbench' inside Airflow)."""
    return request.scope.get("root_path", "").rstrip("/")


def _in(address: str, networks: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
        return any(ip in ipaddress.ip_network(n, strict=False) for n in networks)
    except ValueError:
        return False


def client_address(request: Request) -> str:
    """The client's address: the peer's, unless the peer is one of JIANDU_TRUSTED_PROXIES; then the rightmost
    X-Forwarded-For address that is not itself a trusted proxy (what the proxy saw). Nobody else can choose
    the address their attempts are counted under by sending the header."""
    peer = request.client.host if request.client else "unknown"
    proxies = get_settings().trusted_proxies
    if not proxies or not _in(peer, proxies):
        return peer
    forwarded = [a.strip() for a in request.headers.get("x-forwarded-for", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if not _in(address, proxies):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return peer
    return peer


def redirect(request: Request, path: str, **params: str) -> RedirectResponse:
    query = ("?" + urlencode(params)) if params else ""
    return RedirectResponse(base(request) + path + query, status_code=303)


def session(request: Request) -> Session:
    found = get_session(request.cookies.get(SESSION_COOKIE))
    if found is None:
        raise LoginRequired()
    return found


def writer(s: Session = Depends(session)) -> Session:  # noqa: B008
    if not s.user.can_write:
        raise HTTPException(403, "只读用户不能修改处置")
    return s


def check_csrf(s: Session, token: str | None) -> None:
    if not token or not hmac.compare_digest(token, s.csrf_token):
        raise HTTPException(403, "表单已失效（安全校验未通过），请刷新页面后重试")


def render(request: Request, name: str, s: Session | None, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page; every value shown is masked for users without the personal-data permission."""
    allowed = bool(s and s.user.pii)
    data = {k: mask(v, allowed=allowed) for k, v in context.items()}
    return templates().TemplateResponse(
        request, name, {"base": base(request), "s": s, "user": s.user if s else None,
                        "csrf": s.csrf_token if s else "", **data}, status_code=status_code)
