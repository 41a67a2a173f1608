"""Settings in one place: only jiandu.settings reads jiandu's own environment variables (JIANDU_*, WAREHOUSE_URL).
Writing a variable for a tool that reads it (dbt's JIANDU_PG_*, GX's JIANDU_WAREHOUSE_SQLA_URL, the as-of date of
dbt's macro) is not reading a setting; Airflow's own AIRFLOW_* are Airflow's."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import PROJECT

SETTINGS = PROJECT / "plugins" / "jiandu" / "settings.py"
OWN = re.compile(r"^(JIANDU_|WAREHOUSE_URL$)")


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ")


def settings_reads(path: Path) -> list[str]:
    """`line: variable` for each read of a jiandu setting from the environment in `path`: os.environ.get(...),
    os.getenv(...), os.environ[...] and `... in os.environ`, the name given as a literal, a module constant or
    one of jiandu.settings' ENV_* names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    constants = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                 for target in node.targets if isinstance(target, ast.Name)}

    def own(key: ast.AST | None) -> str | None:
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            name = key.value
        elif isinstance(key, ast.Name):
            name = constants.get(key.id) or (key.id if key.id.startswith("ENV_") else "")
        else:
            return None
        return name if OWN.match(name) or name.startswith("ENV_") else None

    reads = []
    for node in ast.walk(tree):
        key = None
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "get" and _is_environ(func.value):
                key = node.args[0]
            elif (isinstance(func, ast.Attribute) and func.attr == "getenv") or (
                    isinstance(func, ast.Name) and func.id == "getenv"):
                key = node.args[0]
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and _is_environ(node.value):
            key = node.slice
        elif isinstance(node, ast.Compare) and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops) and any(
                _is_environ(c) for c in node.comparators):
            key = node.left
        if (name := own(key)) is not None:
            reads.append(f"{node.lineno}: {name}")
    return reads


def test_the_reader_finds_reads_of_settings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('import os\nfrom os import getenv\nfrom jiandu.settings import ENV_DATA_DIR\nURL = "WAREHOUSE_URL"\n'
                      'a = os.environ.get("JIANDU_TIMEZONE")\nb = getenv(URL)\nc = os.environ[ENV_DATA_DIR]\n'
                      'd = "JIANDU_X" in os.environ\nos.environ["JIANDU_AS_OF_DATE"] = "2026-11-01"\n'
                      'e = os.environ.get("CC")\n', encoding="utf-8")
    assert settings_reads(sample) == ["5: JIANDU_TIMEZONE", "6: WAREHOUSE_URL", "7: ENV_DATA_DIR", "8: JIANDU_X"]


def test_only_jiandu_settings_reads_jiandu_settings_from_the_environment():
    folders = [PROJECT / "plugins", PROJECT / "dags", PROJECT / "devtools"]
    files = [path for folder in folders for path in sorted(folder.rglob("*.py"))]
    assert SETTINGS in files and len(files) > 50
    assert settings_reads(SETTINGS)  # the reader sees the reads where they belong
    elsewhere = {str(path.relative_to(PROJECT)): reads for path in files if path != SETTINGS
                 if (reads := settings_reads(path))}
    assert elsewhere == {}, f"read these through jiandu.settings.get_settings(): {elsewhere}"


def test_a_count_of_gx_runs_to_keep_must_be_a_positive_integer(monkeypatch):
    import pytest

    from jiandu.settings import ENV_GX_KEEP_RUNS, get_settings

    monkeypatch.delenv(ENV_GX_KEEP_RUNS, raising=False)
    assert get_settings().gx_keep_runs == 5
    monkeypatch.setenv(ENV_GX_KEEP_RUNS, " 12 ")
    assert get_settings().gx_keep_runs == 12
    for bad in ("0", "-3", "five", "2.5"):
        monkeypatch.setenv(ENV_GX_KEEP_RUNS, bad)
        with pytest.raises(ValueError, match=f"环境变量 {ENV_GX_KEEP_RUNS} 应为正整数 .*got '{bad}'"):
            get_settings()
