"""`jiandu users add|list` and `jiandu serve`: workbench accounts and the standalone web server."""

from __future__ import annotations

import argparse
import getpass
import sys


def cmd_users_add(args: argparse.Namespace) -> int:
    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.workbench.users import add_user

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("密码 password: ")
        if getpass.getpass("再次输入 repeat: ") != password:
            print("两次输入的密码不一致 passwords differ", file=sys.stderr)
            return 2
    bootstrap_warehouse()
    try:
        created = add_user(args.username, password, args.role, args.scope, pii=True if args.pii else None,
                           display_name=args.display_name)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"{'已创建' if created else '已更新'}用户 {args.username}（{args.role}，范围 {args.scope}）"
          f" user {'created' if created else 'updated'}")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.workbench.users import list_users

    bootstrap_warehouse()
    for u in list_users():
        print("\t".join([u["username"], u["role"], u["scope"], "pii" if u["pii"] else "-",
                         "active" if u["active"] else "disabled"]))
    return 0


def cmd_users_set_active(args: argparse.Namespace) -> int:
    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.workbench.users import set_active

    bootstrap_warehouse()
    if not set_active(args.username, args.active):
        print(f"用户不存在 no such user: {args.username}", file=sys.stderr)
        return 2
    state = "已启用 enabled" if args.active else "已停用 disabled"
    print(f"用户 {args.username} {state}；其全部会话已结束 all sessions ended")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from jiandu.bootstrap import bootstrap_warehouse
    from jiandu.workbench.app import create_app

    bootstrap_warehouse()  # also gives the workbench's role its password (JIANDU_WORKBENCH_DB_PASSWORD)
    print(f"审计工作台 workbench: http://{args.host}:{args.port}/login")
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="info", proxy_headers=False)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="审计工作台用户 workbench users").add_subparsers(dest="users_command",
                                                                                        required=True)
    add = users.add_parser("add", help="create or update a user (password from a prompt or --password-stdin)")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=["admin", "auditor", "viewer"])
    add.add_argument("--scope", required=True, help="'*' for group level, or subsidiary codes: S01,S02")
    add.add_argument("--pii", action="store_true", help="may see ID numbers and bank accounts unmasked (admin: always)")
    add.add_argument("--display-name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    add.set_defaults(func=cmd_users_add)
    users.add_parser("list", help="list users").set_defaults(func=cmd_users_list)
    for name, active, text in (("disable", False, "disable a user and end their sessions"),
                               ("enable", True, "enable a disabled user again (old sessions stay ended)")):
        p = users.add_parser(name, help=text)
        p.add_argument("username")
        p.set_defaults(func=cmd_users_set_active, active=active)

    serve = sub.add_parser("serve", help="run the auditor workbench on its own (without Airflow)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8085)
    serve.set_defaults(func=cmd_serve)
