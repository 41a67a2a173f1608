"""`jiandu rectify ...` and `jiandu report monthly` as a data engineer types them."""

from __future__ import annotations

import json

import openpyxl

from jiandu.cli import main
from jiandu.rectification.model import today


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_rectify_commands_from_flag_to_close_out_and_the_monthly_report(flags, capsys, tmp_path):
    from tests.plugins.jiandu.rectification.rect_data import confirm

    confirm(flags["W03"])
    assert main(["rectify", "create", "--flag", flags["W03"], "--user", "s01_auditor", "--due", "2027-03-31"]) == 0
    pid = _json(capsys)["problem_id"]
    assert main(["rectify", "measure", pid, "--content", "清收", "--unit", "财务部", "--person", "赵会计",
                 "--deadline", "2026-11-30", "--user", "s01_auditor"]) == 0
    mid = _json(capsys)["measure_id"]
    assert main(["rectify", "responsibility", pid, "--leader", "总会计师", "--department", "财务部",
                 "--user", "s01_auditor"]) == 0
    capsys.readouterr()
    assert main(["rectify", "overdue", "--date", "2026-12-05", "--escalate", "--user", "group_auditor"]) == 0
    out = capsys.readouterr().out
    assert mid in out and "逾期 5 天" in out and "催办" in out and "本次督办 1 项" in out
    assert main(["rectify", "complete", mid, "--evidence", "收款凭证", "--user", "s01_auditor"]) == 0
    capsys.readouterr()
    assert main(["rectify", "approve", mid, "--user", "s01_auditor"]) == 1  # a subsidiary user, and the completer
    assert "集团巡察整改办公室" in capsys.readouterr().err
    assert main(["rectify", "approve", mid, "--user", "group_auditor"]) == 0
    assert main(["rectify", "outcome", pid, "--kind", "诫勉谈话", "--people", "4", "--user", "s01_auditor"]) == 0
    assert main(["rectify", "outcome", pid, "--kind", "清退", "--amount", "165800", "--user", "s01_auditor"]) == 0
    assert main(["rectify", "close", pid, "--note", "同意销号", "--user", "group_auditor"]) == 0
    assert _json_last(capsys)["status"] == "已销号"
    assert main(["rectify", "list"]) == 0
    assert pid in capsys.readouterr().out
    month = today().strftime("%Y-%m")
    assert main(["report", "monthly", "--month", month, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "诫勉4人；收回清退违规金165800元" in out
    wb = openpyxl.load_workbook(next(tmp_path.rglob("*.xlsx")))
    assert wb["问题清单"]["A4"].value == pid and wb["任务清单"]["H4"].value == "已完成"
    assert main(["report", "monthly", "--month", "2026-13"]) == 2


def _json_last(capsys) -> dict:
    out = capsys.readouterr().out
    return json.loads(out[out.rindex("\n{") + 1:] if "\n{" in out else out)
