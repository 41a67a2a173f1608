"""The State Council's annual holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) as rows of the
`std_public_holidays` seed: parse the published text, and import a year into the seed.

The notice lists one holiday per numbered item, e.g.

    二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。
    二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）上班。
    一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。

A sentence with 上班 lists make-up working days (调休上班); a sentence with 放假 or 连休 gives the days off
(a date or a 至 range; the end inherits the start's year and month when it omits them). Every date inside a
range is a row, weekend days included; a plain weekend the notice only "joins" (与周末连休) is not. Dates
in December of a 元旦 item without a year are the previous year's. Bracketed 星期/周 annotations are checked
against the calendar and 共N天 against the range, so a mistyped notice is refused rather than imported.
In a merged 中秋节、国庆节 item the Mid-Autumn day is named 中秋节 and the other days (and the make-up days)
the other holiday, as the seed has always recorded them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SEED_COLUMNS = ["calendar_date", "notice_year", "holiday_name", "day_type", "source"]
HOLIDAY = "节假日"
MAKE_UP_WORKDAY = "调休上班"
HOLIDAY_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")  # 《全国年节及纪念日放假办法》

# Mid-Autumn day (lunar 8/15) of the years a merged 中秋节·国庆节 break may need; astronomical fact.
MID_AUTUMN = {
    2019: date(2019, 9, 13), 2020: date(2020, 10, 1), 2021: date(2021, 9, 21), 2022: date(2022, 9, 10),
    2023: date(2023, 9, 29), 2024: date(2024, 9, 17), 2025: date(2025, 10, 6), 2026: date(2026, 9, 25),
    2027: date(2027, 9, 15), 2028: date(2028, 10, 3), 2029: date(2029, 9, 22), 2030: date(2030, 9, 12),
}

_WEEKDAYS = "一二三四五六日"
_ITEM = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.]\s*(?P<names>[^:]+?)\s*[:]\s*(?P<body>.*)$")
_ITEM_START = re.compile(r"(?<=。)\s*(?=[一二三四五六七八九十]{1,2}、)")
_DATE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日")
_NOTE = re.compile(r"\((?P<note>[^)]*)\)")
_NOTE_WEEKDAY = re.compile(r"(?:星期|周)([一二三四五六日天])")
_TOTAL = re.compile(r"(?:共|放假)\s*(\d+)\s*天")
_TITLE = re.compile(r"国务院办公厅关于\s*(\d{4})\s*年部分节假日安排的通知")
_DOC_NO = re.compile(r"国办发明电\s*[〔\[(]\s*(\d{4})\s*[〕\])]\s*(\d+)\s*号")


class NoticeError(ValueError):
    """A notice that cannot be read as it was published: the message names the file and the line."""


@dataclass(frozen=True)
class HolidayRow:
    calendar_date: date
    notice_year: int
    holiday_name: str
    day_type: str
    source: str

    def as_csv(self) -> list[str]:
        return [self.calendar_date.isoformat(), str(self.notice_year), self.holiday_name, self.day_type,
                self.source]


def _normalise(text: str) -> str:
    """Full-width digits, colons and brackets as ASCII; the Chinese comma and full stop stay."""
    text = unicodedata.normalize("NFKC", text)
    return text.replace("〈", "(").replace("〉", ")")


def _where(path: str, line_no: int) -> str:
    return f"文件 {path} 第{line_no}行"


def _dates(fragment: str, year: int, new_year_item: bool, where: str) -> list[tuple[date, str | None]]:
    """(date, annotation) of every date in a fragment, ranges expanded; years and months inherited."""
    found: list[tuple[date, str | None, int, int]] = []  # date, note, start, end offsets
    current_year, current_month = None, None
    for match in _DATE.finditer(fragment):
        m = int(match["m"]) if match["m"] else current_month
        if m is None:
            raise NoticeError(f"{where}：日期“{match.group(0)}”缺少月份 the date has no month")
        if match["y"]:
            y = int(match["y"])
        elif match["m"] or current_year is None:  # a month without a year: December of a 元旦 item is the last year
            y = year - 1 if (new_year_item and m == 12) else year
        else:  # a bare day (至23日) stays in the month and year before it
            y = current_year
        try:
            day = date(y, m, int(match["d"]))
        except ValueError as exc:
            raise NoticeError(f"{where}：日期“{match.group(0)}”不存在 not a calendar date ({exc})") from None
        current_year, current_month = y, m
        note_match = _NOTE.match(fragment, match.end())
        note = note_match["note"] if note_match else None
        end = note_match.end() if note_match else match.end()
        found.append((day, note, match.start(), end))
    out: list[tuple[date, str | None]] = []
    i = 0
    while i < len(found):
        day, note, _, end = found[i]
        if i + 1 < len(found) and fragment[end:found[i + 1][2]].strip() in ("至", "-", "~", "到"):
            last, last_note = found[i + 1][0], found[i + 1][1]
            if last < day:
                raise NoticeError(f"{where}：区间 {day} 至 {last} 的结束日早于开始日 the range ends before it starts")
            out.append((day, note))
            out += [(day + timedelta(days=k), None) for k in range(1, (last - day).days)]
            out.append((last, last_note))
            i += 2
        else:
            out.append((day, note))
            i += 1
    return out


def _check_weekday(day: date, note: str | None, where: str) -> None:
    if not note:
        return
    match = _NOTE_WEEKDAY.search(note)
    if not match:
        return
    said = "日" if match[1] == "天" else match[1]
    actual = _WEEKDAYS[day.weekday()]
    if said != actual:
        raise NoticeError(f"{where}：{day.isoformat()} 注明星期{said}，实为星期{actual} "
                          f"the weekday annotation does not match the date (wrong year?)")


def _name_for(names: list[str], day: date, day_type: str, where: str) -> str:
    if len(names) == 1:
        return names[0]
    others = [n for n in names if n != "中秋节"]
    if "中秋节" not in names or len(others) != 1:
        raise NoticeError(f"{where}：合并放假条目“{'、'.join(names)}”无法拆分 a merged item other than 中秋节·国庆节")
    mid_autumn = MID_AUTUMN.get(day.year)
    if mid_autumn is None:
        raise NoticeError(f"{where}：{day.year}年中秋节（农历八月十五）日期未知，请在 jiandu/standards/holidays.py 的 "
                          f"MID_AUTUMN 中补充 the Mid-Autumn day of {day.year} is needed to split a merged item")
    return "中秋节" if day_type == HOLIDAY and day == mid_autumn else others[0]


def notice_source(text: str, year: int) -> str:
    """The seed's `source`: the notice's title with its document number when the text carries it."""
    title = f"国务院办公厅关于{year}年部分节假日安排的通知"
    doc = _DOC_NO.search(_normalise(text))
    return f"{title}（国办发明电〔{doc[1]}〕{doc[2]}号）" if doc else title


def parse_notice(text: str, year: int, path: str = "<stdin>", source: str | None = None) -> list[HolidayRow]:
    """The seed rows of one year's notice, sorted by date. Raises NoticeError naming the file and line."""
    normalised = _normalise(text)
    title = _TITLE.search(normalised)
    if title and int(title[1]) != year:
        line_no = normalised[:title.start()].count("\n") + 1
        raise NoticeError(f"{_where(path, line_no)}：通知标题为{title[1]}年，与 --year {year} 不符 "
                          f"the notice is for another year")
    source = source or notice_source(text, year)
    rows: dict[date, HolidayRow] = {}
    segments = (
        (line_no, segment)
        for line_no, line in enumerate(normalised.splitlines(), start=1)
        # a notice pasted as one paragraph: each numbered item on its own
        for segment in _ITEM_START.split(line)
    )
    for line_no, line in segments:
        item = _ITEM.match(line)
        if not item:
            continue
        where = _where(path, line_no)
        names = [n.strip() for n in re.split(r"[、,]", item["names"]) if n.strip()]
        # the 2021 wording "元旦(1月1日星期五)" annotates the name itself: drop it
        names = [_NOTE.sub("", n).strip() for n in names]
        unknown = [n for n in names if n not in HOLIDAY_NAMES]
        if unknown:
            raise NoticeError(f"{where}：节日名称“{'、'.join(unknown)}”不是法定节假日（{'、'.join(HOLIDAY_NAMES)}）"
                              f" not a public holiday's name")
        new_year_item = "元旦" in names
        found_any = False
        for sentence in re.split(r"[。;]", item["body"]):
            if "上班" in sentence:
                day_type = MAKE_UP_WORKDAY
                fragment = sentence[:sentence.rindex("上班")]
            elif "放假" in sentence or "连休" in sentence:
                day_type = HOLIDAY
                cut = sentence.find("放假")
                fragment = sentence[:cut] if cut >= 0 else sentence[:sentence.find("连休")]
            else:
                continue  # e.g. 鼓励各单位……安排职工在除夕(2月9日)休息: advice, not a day off
            days = _dates(fragment, year, new_year_item, where)
            if not days:
                continue
            found_any = True
            total = _TOTAL.search(sentence)
            if day_type == HOLIDAY and total and int(total[1]) != len(days):
                raise NoticeError(f"{where}：放假区间为{len(days)}天，通知写“共{total[1]}天” "
                                  f"the range does not have the stated number of days")
            for day, note in days:
                _check_weekday(day, note, where)
                if not (date(year - 1, 12, 1) <= day <= date(year, 12, 31)):
                    raise NoticeError(f"{where}：{day.isoformat()} 不在{year}年通知的范围内 "
                                      f"(previous December to year end)")
                if day in rows and rows[day].day_type != day_type:
                    raise NoticeError(f"{where}：{day.isoformat()} 既是放假日又是上班日 listed as both")
                rows[day] = HolidayRow(day, year, _name_for(names, day, day_type, where), day_type, source)
        if not found_any:
            raise NoticeError(f"{where}：条目“{line.strip()[:40]}”中没有可识别的放假或上班日期 "
                              f"no holiday or make-up day could be read from this item")
    if not rows:
        raise NoticeError(f"文件 {path} 第1—{max(1, len(normalised.splitlines()))}行：未找到任何放假安排条目"
                          f"（应形如“一、元旦：1月1日放假”）no holiday item found")
    return [rows[d] for d in sorted(rows)]


def rows_csv(rows: list[HolidayRow], header: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(SEED_COLUMNS)
    writer.writerows(row.as_csv() for row in rows)
    return buffer.getvalue()


def read_notice(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        try:
            return path.read_text(encoding="gb18030")
        except UnicodeDecodeError:
            raise NoticeError(f"文件 {path} 不是 UTF-8 或 GB18030 编码的文本 not a UTF-8/GB18030 text file") from None
    except OSError as exc:
        raise NoticeError(f"文件 {path} 无法读取 cannot be read: {exc.strerror}") from None


def seed_path() -> Path:
    from jiandu.settings import get_settings

    return get_settings().dbt_project_dir / "seeds" / "standards" / "std_public_holidays.csv"


def import_rows(rows: list[HolidayRow], seed: Path, year: int) -> tuple[int, int]:
    """Replace `year`'s rows of the seed file with `rows`; (rows removed, rows added). Other years are kept
    as they are; a date another year's notice already lists is refused."""
    if not rows:
        raise NoticeError(f"{year}年没有可导入的行 nothing to import")
    with seed.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != SEED_COLUMNS:
            raise NoticeError(f"种子文件 {seed} 的列为 {reader.fieldnames}，应为 {SEED_COLUMNS}")
        existing = list(reader)
    kept = [r for r in existing if r["notice_year"] != str(year)]
    taken = {r["calendar_date"]: r["notice_year"] for r in kept}
    for row in rows:
        other = taken.get(row.calendar_date.isoformat())
        if other:
            raise NoticeError(f"{row.calendar_date.isoformat()} 已由{other}年通知列出，不能再列入{year}年 "
                              f"the date already belongs to another year's notice in {seed}")
    merged = [[r[c] for c in SEED_COLUMNS] for r in kept] + [row.as_csv() for row in rows]
    merged.sort(key=lambda r: r[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SEED_COLUMNS)
    writer.writerows(merged)
    seed.write_text(buffer.getvalue(), encoding="utf-8")
    return len(existing) - len(kept), len(rows)
