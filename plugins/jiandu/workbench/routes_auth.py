"""Login and logout. The login page is the only page served without a session."""

from __future__ import annotations

import hmac
import secrets

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from jiandu.workbench.users import LOGIN_WINDOW, authenticate, begin_login, create_session, end_session, finish_login
from jiandu.workbench.web import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    base,
    check_csrf,
    client_address,
    redirect,
    render,
    session,
)

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a path inside the app (no scheme, no host, no //), else the flag list."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/flags"


def _cookie_path(request: Request) -> str:
    return base(request) + "/"


@router.get("/login")
def login_page(request: Request, next: str = "/flags", error: str | None = None) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", None, next=_safe_next(next), error=error, login_csrf=token)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path=_cookie_path(request),
                        max_age=3600)
    return response


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""),  # noqa: B008
          csrf_token: str = Form(""), next: str = Form("/flags")) -> Response:  # noqa: B008
    expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not expected or not hmac.compare_digest(expected, csrf_token):
        return render(request, "login.html", None, status_code=403, next=_safe_next(next), login_csrf=expected,
                      error="登录表单已失效，请刷新页面后重新登录（CSRF 校验未通过）")
    if any(ch < " " for ch in username) or len(username) > 200:
        return render(request, "login.html", None, status_code=400, next=_safe_next(next), login_csrf=expected,
                      error="用户名含有不允许的字符或过长")
    attempt = begin_login(username, client_address(request))  # checked and recorded in one step
    if attempt is None:
        minutes = int(LOGIN_WINDOW.total_seconds() // 60)
        return render(request, "login.html", None, status_code=429, next=_safe_next(next), login_csrf=expected,
                      error=f"登录失败次数过多，已暂停登录，请{minutes}分钟后再试")
    user = authenticate(username, password)
    finish_login(attempt, user is not None)
    if user is None:
        return render(request, "login.html", None, status_code=401, next=_safe_next(next), login_csrf=expected,
                      error="用户名或密码错误")
    token, _ = create_session(user)
    response = redirect(request, _safe_next(next))
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", path=_cookie_path(request),
                        secure=request.url.scheme == "https")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=_cookie_path(request))
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")) -> Response:  # noqa: B008
    check_csrf(session(request), csrf_token)
    end_session(request.cookies.get(SESSION_COOKIE))
    response = redirect(request, "/login")
    response.delete_cookie(SESSION_COOKIE, path=_cookie_path(request))
    return response
