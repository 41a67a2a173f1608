"""`jiandu standards` never prints the warehouse password, even when the URL is wrong in a way that puts pieces of
it into a port, a host or a database name of the error (an unescaped '/' or '?' in the password)."""

from __future__ import annotations

import pytest

from jiandu.warehouse import redact_password
from tests.conftest import run_jiandu
from tests.plugins.jiandu.standards.group_workbooks import HOTEL, hotel_row, workbook

URLS = {  # password: s3cr/et-pw-42, or Zq9x?secretword
    "slash": ("postgresql://postgres:s3cr/et-pw-42@127.0.0.1:5432/jiandu_nowhere", ["s3cr", "et-pw-42"]),
    "socket": ("postgresql://postgres:Zq9x-secretword@127.0.0.1:5432/jiandu_nowhere"
               "?host=/nowhere/Zq9x-secretword", ["Zq9x-secretword"]),
    "parameter": ("postgresql://postgres@127.0.0.1:5432/jiandu_nowhere_Kp77pw?password=Kp77pw", ["Kp77pw"]),
}


def test_redact_password_masks_the_password_and_the_pieces_a_misparse_shows():
    assert redact_password("Port could not be cast to integer value as 's3cr'", URLS["slash"][0]) == \
        "Port could not be cast to integer value as '****'"
    assert redact_password('database "et-pw-42@127.0.0.1:5432/x" does not exist', URLS["slash"][0]) == \
        'database "****@127.0.0.1:5432/x" does not exist'
    assert redact_password("p@ss and p%40ss", "postgresql://u:p%40ss@h/db") == "**** and ****"
    assert redact_password("nothing to hide", "postgresql://u@h/db") == "nothing to hide"


@pytest.mark.parametrize("case", sorted(URLS))
def test_no_command_prints_the_password(case, tmp_path):
    url, secrets = URLS[case]
    good = workbook(tmp_path / "caps.xlsx", {HOTEL: [hotel_row()]})
    for command, code in ((["list"], 0), (["show", HOTEL], 0), (["import", str(good), "--user", "张三"], 1),
                          (["withdraw", "abc", "--user", "张三", "--reason", "误导入"], 1)):
        result = run_jiandu(["standards", *command], {"WAREHOUSE_URL": url})
        said = result.stdout + result.stderr
        assert result.returncode == code, (command, said)
        assert "Traceback" not in said and not [s for s in secrets if s in said], (command, said)
        assert ("未连接仓库" if code == 0 else "未完成 failed：") in said, (command, said)
