"""The holiday-notice parser on the published notices 2019-2026 (fixtures: the notices' text as published)."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from jiandu.cli import main
from jiandu.standards.holidays import HOLIDAY, MAKE_UP_WORKDAY, NoticeError, import_rows, parse_notice, seed_path

NOTICES = Path(__file__).parent / "notices"
SEED = seed_path()


def parsed(year: int, text: str | None = None):
    path = NOTICES / f"{year}.txt"
    return parse_notice(text if text is not None else path.read_text(encoding="utf-8"), year, str(path))


def by_date(rows) -> dict[date, tuple[str, str]]:
    return {r.calendar_date: (r.holiday_name, r.day_type) for r in rows}


def seed_rows(year: int) -> list[list[str]]:
    with SEED.open(encoding="utf-8") as fh:
        return [[r[c] for c in ("calendar_date", "notice_year", "holiday_name", "day_type", "source")]
                for r in csv.DictReader(fh) if r["notice_year"] == str(year)]


@pytest.mark.parametrize(("year", "off", "makeup"), [
    (2019, 21, 5), (2020, 27, 7), (2021, 31, 7), (2022, 31, 7), (2023, 27, 7), (2024, 28, 8), (2025, 28, 5),
    (2026, 33, 6),
])
def test_counts_per_notice(year, off, makeup):
    rows = parsed(year)
    assert sum(r.day_type == HOLIDAY for r in rows) == off
    assert sum(r.day_type == MAKE_UP_WORKDAY for r in rows) == makeup
    assert all(r.notice_year == year for r in rows)
    assert rows[0].source.startswith(f"国务院办公厅关于{year}年部分节假日安排的通知（国办发明电〔")


@pytest.mark.parametrize("year", [2020, 2021, 2022, 2023, 2024, 2025, 2026])
def test_seed_rows_are_the_notices(year):
    """The seed's rows of each year are exactly what its notice says."""
    assert seed_rows(year), f"the seed has no rows for {year}"
    assert [r.as_csv() for r in parsed(year)] == seed_rows(year)


def test_year_boundaries():
    # 2023: 元旦 runs from 2022-12-31, written with both years
    d2023 = by_date(parsed(2023))
    assert d2023[date(2022, 12, 31)] == ("元旦", HOLIDAY)
    assert d2023[date(2023, 1, 2)] == ("元旦", HOLIDAY)
    # 2019: the make-up Saturday is in the previous December
    d2019 = by_date(parsed(2019))
    assert d2019[date(2018, 12, 29)] == ("元旦", MAKE_UP_WORKDAY)
    assert d2019[date(2018, 12, 30)] == ("元旦", HOLIDAY)
    # a December date of a 元旦 item without a year is the previous year's
    rows = parse_notice("一、元旦：12月30日至1月1日放假调休，共3天。12月29日（星期六）上班。", 2019)
    assert [r.calendar_date for r in rows] == [date(2018, 12, 29), date(2018, 12, 30), date(2018, 12, 31),
                                               date(2019, 1, 1)]


def test_ranges_across_months_and_annotations():
    d2022 = by_date(parsed(2022))
    assert [d for d, v in d2022.items() if v[0] == "劳动节" and v[1] == HOLIDAY] == [
        date(2022, 4, 30), date(2022, 5, 1), date(2022, 5, 2), date(2022, 5, 3), date(2022, 5, 4)]
    d2025 = by_date(parsed(2025))  # 1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）
    spring = [d for d, v in d2025.items() if v == ("春节", HOLIDAY)]
    assert (spring[0], spring[-1], len(spring)) == (date(2025, 1, 28), date(2025, 2, 4), 8)
    assert d2025[date(2025, 6, 2)] == ("端午节", HOLIDAY)  # 5月31日（周六）至6月2日（周一）
    d2026 = by_date(parsed(2026))
    assert len([d for d, v in d2026.items() if v == ("春节", HOLIDAY)]) == 9
    assert d2026[date(2026, 2, 28)] == ("春节", MAKE_UP_WORKDAY)


def test_wording_of_the_notices():
    d2024 = by_date(parsed(2024))
    assert date(2024, 2, 9) not in d2024  # 鼓励……安排职工在除夕（2月9日）休息: advice, not a day off
    assert d2024[date(2024, 6, 10)] == ("端午节", HOLIDAY)  # 6月10日放假，与周末连休: the weekend is not listed
    assert date(2024, 6, 8) not in d2024
    # merged 中秋节·国庆节: the Mid-Autumn day is 中秋节, the others and the make-up days 国庆节
    d2025 = by_date(parsed(2025))
    assert d2025[date(2025, 10, 6)] == ("中秋节", HOLIDAY)
    assert d2025[date(2025, 10, 7)] == ("国庆节", HOLIDAY)
    assert d2025[date(2025, 9, 28)] == ("国庆节", MAKE_UP_WORKDAY)
    assert by_date(parsed(2020))[date(2020, 10, 1)] == ("中秋节", HOLIDAY)


def test_pasted_as_one_paragraph_with_ascii_punctuation():
    text = (NOTICES / "2026.txt").read_text(encoding="utf-8")
    flat = text.replace("\n", "").replace("：", ":").replace("（", "(").replace("）", ")").replace("，", ",")
    assert [r.as_csv() for r in parse_notice(flat, 2026)] == [r.as_csv() for r in parsed(2026)]


@pytest.mark.parametrize(("edit", "message"), [
    (("2月4日（星期日）", "2月4日（星期一）"), "第6行：2024-02-04 注明星期一，实为星期日"),
    (("共8天", "共7天"), "第6行：放假区间为8天，通知写“共7天”"),
    (("2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。", "放假安排另行通知。"),
     "第6行：条目“二、春节"),
])
def test_a_mistyped_notice_is_refused_naming_file_and_line(edit, message):
    text = (NOTICES / "2024.txt").read_text(encoding="utf-8").replace(*edit)
    with pytest.raises(NoticeError) as err:
        parse_notice(text, 2024, "notice.txt")
    assert f"文件 notice.txt {message}" in str(err.value)


def test_names_and_merged_items_are_checked():
    with pytest.raises(NoticeError, match="第1行：节日名称“国庆”不是法定节假日"):
        parse_notice("一、国庆：10月1日至7日放假调休，共7天。", 2026, "n.txt")
    with pytest.raises(NoticeError, match="2031年中秋节（农历八月十五）日期未知"):
        parse_notice("一、中秋节、国庆节：10月1日至8日放假调休，共8天。", 2031, "n.txt")


def test_a_notice_of_another_year_is_refused():
    with pytest.raises(NoticeError, match="通知标题为2024年，与 --year 2025 不符"):
        parsed(2025, (NOTICES / "2024.txt").read_text(encoding="utf-8"))


@pytest.fixture()
def seed(tmp_path) -> Path:
    copy = tmp_path / "std_public_holidays.csv"
    shutil.copy(SEED, copy)
    return copy


def test_import_replaces_only_that_year(seed):
    before = seed.read_text(encoding="utf-8").splitlines()
    rows = [r for r in parsed(2024) if r.holiday_name != "国庆节"]
    removed, added = import_rows(rows, seed, 2024)
    after = seed.read_text(encoding="utf-8").splitlines()
    assert (removed, added) == (36, 27)
    assert [line for line in after if ",2024," not in line] == [line for line in before if ",2024," not in line]
    assert after[1:] == sorted(after[1:])
    import_rows(parsed(2024), seed, 2024)
    assert seed.read_text(encoding="utf-8").splitlines() == before


def test_import_refuses_a_date_of_another_years_notice(seed):
    rows = parse_notice("一、元旦：2022年12月31日放假，共1天。", 2022)  # 2022-12-31 is in the 2023 notice
    with pytest.raises(NoticeError, match="2022-12-31 已由2023年通知列出"):
        import_rows(rows, seed, 2022)


def test_cli_parse_prints_seed_csv(capsys):
    assert main(["standards", "holidays", "parse", "--year", "2026", str(NOTICES / "2026.txt")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "calendar_date,notice_year,holiday_name,day_type,source"
    assert out[1] == "2026-01-01,2026,元旦,节假日,国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）"
    assert len(out) == 1 + 39


def test_cli_import_refuses_a_file_that_parses_to_nothing(seed, tmp_path, capsys):
    empty = tmp_path / "notice.txt"
    empty.write_text("国务院办公厅关于2027年部分节假日安排的通知\n各省、自治区、直辖市人民政府：\n", encoding="utf-8")
    before = seed.read_text(encoding="utf-8")
    assert main(["standards", "holidays", "import", "--year", "2027", "--seed", str(seed), str(empty)]) == 1
    assert f"文件 {empty} 第1—2行：未找到任何放假安排条目" in capsys.readouterr().err
    assert seed.read_text(encoding="utf-8") == before


def test_cli_import_adds_a_year(seed, capsys):
    text = (NOTICES / "2019.txt").read_text(encoding="utf-8")
    notice = seed.parent / "2019.txt"
    notice.write_text(text, encoding="gb18030")  # notices saved from a browser on Windows
    assert main(["standards", "holidays", "import", "--year", "2019", "--seed", str(seed), str(notice)]) == 0
    assert "已导入2019年放假安排：21个放假日、5个调休上班日" in capsys.readouterr().out
    with seed.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["notice_year"] == "2019"]
    assert len(rows) == 26 and rows[0]["calendar_date"] == "2018-12-29"
