"""The application factory: routes, the login redirect, error pages in Chinese, security headers."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from jiandu.workbench import routes_auth, routes_flags, routes_rectification, routes_reports, routes_subjects
from jiandu.workbench.web import LoginRequired, base, render

MESSAGES = {401: "请先登录", 403: "无权执行此操作", 404: "页面或疑点不存在，或不在您的数据范围内", 405: "不支持的请求方式"}


def create_app() -> FastAPI:
    app = FastAPI(title="jiandu 审计工作台", docs_url=None, redoc_url=None, openapi_url=None)
    for module in (routes_auth, routes_flags, routes_reports, routes_subjects, routes_rectification):
        app.include_router(module.router)

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

    @app.middleware("http")
    async def headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        # Airflow shows the workbench in a frame of its own UI (same origin); nobody else may frame it.
        response.headers["Content-Security-Policy"] = ("default-src 'self'; img-src 'self' data:; style-src 'self'"
                                                       " 'unsafe-inline'; script-src 'self' 'unsafe-inline';"
                                                       " frame-ancestors 'self'")
        return response

    return app
