"""The application factory: routes, the login redirect, error pages in Chinese, security headers."""

from __future__ import annotations

import logging
from functools import lru_cache
from urllib.parse import quote, unquote_plus

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from jiandu.settings import get_settings
from jiandu.workbench import (
    routes_auth,
    routes_flags,
    routes_rectification,
    routes_reports,
    routes_standards,
    routes_subjects,
)
from jiandu.workbench.web import LoginRequired, base, render

MESSAGES = {401: "请先登录", 403: "无权执行此操作", 404: "页面或疑点不存在，或不在您的数据范围内", 405: "不支持的请求方式"}
NUL_MESSAGE = "请求中含有不允许的空字符（%00），请检查输入"
log = logging.getLogger(__name__)


STATIC = {"workbench.js": "text/javascript; charset=utf-8", "workbench.css": "text/css; charset=utf-8"}


@lru_cache(maxsize=len(STATIC))
def _static(name: str) -> bytes:
    return (get_settings().project_root / "include" / "workbench" / "static" / name).read_bytes()


def create_app() -> FastAPI:
    app = FastAPI(title="jiandu 审计工作台", docs_url=None, redoc_url=None, openapi_url=None)
    for module in (routes_auth, routes_flags, routes_reports, routes_subjects, routes_rectification, routes_standards):
        app.include_router(module.router)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        """The workbench's own script and style sheet (the only ones the Content-Security-Policy allows)."""
        if name not in STATIC:
            raise StarletteHTTPException(404)
        return Response(_static(name), media_type=STATIC[name], headers={"Cache-Control": "public, max-age=300"})

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if request.method == "GET":
            target = request.url.path[len(base(request)):] or "/"
            if request.url.query:
                target += "?" + request.url.query
            return Response(status_code=303, headers={"Location": f"{base(request)}/login?next={quote(target)}"})
        return JSONResponse({"detail": "未登录或会话已过期 not logged in or session expired"}, status_code=401)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail else MESSAGES.get(exc.status_code, "出错了")
        return render(request, "error.html", None, status_code=exc.status_code, code=exc.status_code, detail=detail)

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, exc: RequestValidationError) -> Response:
        fields = "、".join(".".join(str(p) for p in e.get("loc", [])[1:]) or "?" for e in exc.errors())
        return render(request, "error.html", None, status_code=400, code=400, detail=f"输入不正确：{fields}")

    @app.exception_handler(psycopg.DataError)
    async def bad_value(request: Request, exc: psycopg.DataError) -> Response:
        # a value the warehouse refuses (out of a column's range, a NUL byte): the input's fault, not the server's
        log.warning("refused input on %s: %s", request.url.path, exc)
        return render(request, "error.html", None, status_code=400, code=400,
                      detail="输入的值超出允许范围或含有不允许的字符，请检查后重试")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return render(request, "error.html", None, status_code=500, code=500,
                      detail="服务器内部错误，请稍后重试或联系管理员")

    @app.middleware("http")
    async def headers(request: Request, call_next) -> Response:
        query = request.scope.get("query_string", b"").decode("latin-1")
        if "\x00" in request.scope.get("path", "") or "\x00" in unquote_plus(query):
            response = render(request, "error.html", None, status_code=400, code=400, detail=NUL_MESSAGE)
        else:
            response = await call_next(request)
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        # Airflow shows the workbench in a frame of its own UI (same origin); nobody else may frame it.
        # Scripts and styles only from the app's own files (include/workbench/static): nothing inline, no event
        # attributes; forms post only to the app itself.
        response.headers["Content-Security-Policy"] = ("default-src 'self'; img-src 'self' data:; style-src 'self';"
                                                       " script-src 'self'; object-src 'none'; base-uri 'none';"
                                                       " form-action 'self'; frame-ancestors 'self'")
        return response

    return app
