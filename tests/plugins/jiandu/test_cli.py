"""The one `jiandu` CLI: the development commands come from jiandu_dev's `jiandu.cli` entry points (installed in
development, as here); the image's stand-ins are tested in tests/test_runtime_dependencies.py."""

from __future__ import annotations

from datetime import date

import pytest

from jiandu.cli import DEV_COMMANDS, build_parser, main


@pytest.mark.parametrize(("argv", "func", "expected"), [
    (["run", "--date", "2026-11-01", "--sources", "s"], "cmd_run", {"date": date(2026, 11, 1), "sources": "s"}),
    (["sources", "generate", "--scale", "M", "--out", "o"], "cmd_generate",
     {"scale": "M", "seed": 42, "out": "o", "as_of": date(2026, 11, 1)}),
    (["rules", "report", "--write"], "cmd_rules_report", {"sources": ".data/sources", "write": True}),
], ids=["run", "sources-generate", "rules-report"])
def test_development_commands_come_from_the_development_package(argv, func, expected):
    args = build_parser().parse_args(argv)
    assert args.func.__module__ == "jiandu_dev.commands" and args.func.__name__ == func
    assert {k: getattr(args, k) for k in expected} == expected
    assert not getattr(args, "dev_tools_missing", False)


def test_every_development_command_has_an_entry_point():
    from importlib.metadata import entry_points

    assert {ep.name for ep in entry_points(group="jiandu.cli")} == set(DEV_COMMANDS)


def test_development_commands_check_their_arguments(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--date", "2026-13-01"])
    assert exit_info.value.code == 2
    assert "expected a date like 2026-11-01" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["run", "--date", "2026-11-01", "--no-such-option"])
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err
