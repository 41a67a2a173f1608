"""Test data for the workbench: flags of two subsidiaries published for real (fake fct_red_flags, no dbt),
with personal data in subjects and evidence, and one user per role and scope."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from fastapi.testclient import TestClient

from jiandu.flags.publish import publish
from jiandu.warehouse import connect
from jiandu.workbench.users import add_user, create_session, get_session
from jiandu.workbench.web import SESSION_COOKIE
from tests.plugins.jiandu.flags.fake_flags import reset

ID_NUMBER = "110105198003150012"
ACCOUNT = "6222020000012345678"
PASSWORD = "correct-horse-42"
FINDINGS = [  # key, rule, subsidiary, category, severity, amount, subject name, subject id
    ("W01", "RF_PAY_001", "S01", "人事", "高", 5_000_000, f"张三（身份证 {ID_NUMBER}）", ID_NUMBER),
    ("W02", "RF_FUND_001", "S01", "资金", "高", 1_200_000, f"工商银行 专户 {ACCOUNT}", ACCOUNT),
    ("W03", "RF_AR_001", "S01", "财务", "中", 300_000, "客户甲_100%公司", "C100"),
    ("W04", "RF_AR_001", "S01", "财务", "低", 80_000, "客户乙", "C200"),
    ("W05", "RF_AR_001", "S02", "财务", "高", 900_000, "客户丙", "C300"),
    ("W06", "RF_PAY_001", "S02", "人事", "中", 450_000, "李四", "E400"),
]
USERS = {  # username -> (role, scope)
    "admin": ("admin", "*"),
    "group_auditor": ("auditor", "*"),
    "s01_auditor": ("auditor", "S01"),
    "s02_auditor": ("auditor", "S02"),
    "viewer": ("viewer", "*"),
}


def flag_id(key: str) -> str:
    rule = next(f[1] for f in FINDINGS if f[0] == key)
    return hashlib.md5(f"{rule}|{key}".encode()).hexdigest()


def seed(monkeypatch, as_of: date = date(2026, 11, 2)) -> dict[str, str]:
    """Fresh audit tables with FINDINGS published on `as_of`; returns key -> flag_id."""
    reset(monkeypatch)
    with connect() as conn:
        for key, rule, sub, category, severity, amount, name, subject_id in FINDINGS:
            conn.execute(
                "insert into audit_rules.fct_red_flags (flag_id, rule_id, subsidiary_code, subject_type, subject_id,"
                " flag_key, rule_name, category, severity, owner_department, subsidiary_name, subject_name, period,"
                " amount, amount_kind, evidence, source_refs, as_of_date) values (md5(%s || '|' || %s), %s, %s,"
                " 'person', %s, %s, %s, %s, %s, '审计部', %s, %s, '2026-10', %s, 'at_issue', %s, %s, %s)",
                (rule, key, rule, sub, subject_id, key, f"规则{rule}", category, severity, f"{sub}公司", name,
                 amount, json.dumps({"身份证号": ID_NUMBER, "付款账户": ACCOUNT, "最长账龄天数": 1200},
                                    ensure_ascii=False),
                 json.dumps([{"table": "hr.employee", "key": {"id_number": ID_NUMBER}, "label": f"人员 {name}"}],
                            ensure_ascii=False), as_of))
    publish(f"scheduled__{as_of}", as_of, [])
    with connect() as conn:
        existing = {r[0] for r in conn.execute("select username from workbench.users")}
    for username, (role, scope) in USERS.items():
        if username not in existing:  # users outlive reset() (their schema is not dropped); hashing is slow
            add_user(username, PASSWORD, role, scope)
    return {f[0]: flag_id(f[0]) for f in FINDINGS}


def client_for(username: str | None) -> TestClient:
    """A TestClient logged in as `username` (session created directly; the login form has its own tests)."""
    from jiandu.workbench.app import create_app

    client = TestClient(create_app(), follow_redirects=False)
    if username:
        with connect() as conn:
            user = conn.execute("select username from workbench.users where username = %s", (username,)).fetchone()
        assert user, username
        from jiandu.workbench.users import authenticate

        token, _ = create_session(authenticate(username, PASSWORD))
        client.cookies.set(SESSION_COOKIE, token)
        client.csrf = get_session(token).csrf_token
    return client
