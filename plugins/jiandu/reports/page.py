"""The one-page weekly report as HTML and PDF, with charts (matplotlib, CJK font shipped by the mplfonts wheel).

The font file comes from the installed `mplfonts` package (Noto Sans CJK SC); it is registered with
matplotlib here (nothing is written into matplotlib's own config) and embedded in the PDF.
"""

from __future__ import annotations

import base64
import importlib.util
import io
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import jinja2
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from jiandu.labels import system_label  # noqa: E402
from jiandu.reports.weekly import WeeklyReport  # noqa: E402
from jiandu.settings import get_settings  # noqa: E402

FONT_FILE = "NotoSansCJKsc-Regular.otf"


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register the packaged CJK font with matplotlib; returns its family name."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("未安装中文字体包 mplfonts is not installed (uv sync --frozen)")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def _style() -> dict:
    return {"font.family": [cjk_font()], "axes.unicode_minus": False, "pdf.fonttype": 3,
            "svg.fonttype": "none", "font.size": 8}


def _bar_by(ax, labels: list[str], values: list[float], title: str, color: str) -> None:
    ax.barh(labels[::-1], values[::-1], color=color)
    ax.set_title(title)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)


def draw_charts(fig: Figure, axes: list, report: WeeklyReport) -> None:
    trend = report.trend
    weeks = [t["iso_week"][-3:] for t in trend]
    ax = axes[0]
    ax.plot(weeks, [t["open_count"] for t in trend], marker="o", color="#C00000", label="在办")
    ax.bar(weeks, [t["new_count"] for t in trend], color="#9DC3E6", label="新增")
    ax.set_title("在办疑点趋势（近8周）")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper left", frameon=False)
    by_category: dict[str, int] = {}
    by_sub: dict[str, int] = {}
    for r in report.rows:
        by_category[r["category"]] = by_category.get(r["category"], 0) + r["open_count"]
        name = r["subsidiary_name"] or r["subsidiary_code"]
        by_sub[name] = by_sub.get(name, 0) + r["open_count"]
    _bar_by(axes[1], list(by_category) or ["无"], list(by_category.values()) or [0], "在办疑点（按类别）", "#2E75B6")
    subs = sorted(by_sub.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    _bar_by(axes[2], [s for s, _ in subs] or ["无"], [v for _, v in subs] or [0], "在办疑点（按单位）", "#548235")
    axes[3].bar(weeks, [float(t["amount_recovered"]) / 10000 for t in trend], color="#BF9000")
    axes[3].set_title("累计清退挽回金额（万元）")
    axes[3].set_ylim(bottom=0, top=max([float(t["amount_recovered"]) / 10000 for t in trend] + [1]) * 1.1)


def _png(report: WeeklyReport) -> str:
    with plt.rc_context(_style()):
        fig, axes = plt.subplots(2, 2, figsize=(10, 6), dpi=110)
        draw_charts(fig, list(axes.flat), report)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _money(value) -> str:
    return f"{Decimal(value or 0):,.2f}"


def _wrap(text: str | None, width: int) -> str:
    """A name in full, broken into lines of `width` characters (the PDF's table cells do not wrap by themselves)."""
    text = text or ""
    return "\n".join(text[i:i + width] for i in range(0, len(text), width)) or ""


def _amount_text(flag: dict) -> str:
    """Money at issue, or the context figure labelled as such (参考数), never mixed."""
    if flag.get("amount_context") is not None:
        return "参考数\n" + _money(flag["amount_context"])
    return _money(flag.get("amount_at_issue"))


def write_html(report: WeeklyReport, path: Path) -> Path:
    template_dir = get_settings().project_root / "include" / "reports"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir), autoescape=True)
    env.filters["money"] = _money
    env.filters["system"] = system_label
    html = env.get_template("weekly.html.j2").render(r=report, t=report.totals, charts=_png(report))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def write_pdf(report: WeeklyReport, path: Path) -> Path:
    """One A4 page: title, key figures, four charts, top findings."""
    t, week = report.totals, report.week
    with plt.rc_context(_style()):
        fig = plt.figure(figsize=(8.27, 11.69))
        fig.text(0.5, 0.965, "大监督联席会议周报", ha="center", fontsize=18)
        fig.text(0.5, 0.945, f"{week.iso_week}（{week.start:%Y年%m月%d日} 至 {week.end:%Y年%m月%d日}）",
                 ha="center", fontsize=10)
        kpis = [("本周新增", f"{t['new_count']}"), ("在办", f"{t['open_count']}（{t['open_change']:+d}）"),
                ("整改中", f"{t['rectifying_count']}"), ("整改逾期", f"{t['overdue_count']}"),
                ("累计销号", f"{t['closed_total']}"), ("在办涉及金额(元)", _money(t["amount_involved"])),
                ("累计挽回金额(元)", _money(t["amount_recovered"]))]
        for i, (label, value) in enumerate(kpis):
            x = 0.07 + i * 0.13
            fig.text(x, 0.915, label, fontsize=7.5, color="#555555")
            fig.text(x, 0.897, value, fontsize=10,
                     color="#C00000" if label == "整改逾期" and t["overdue_count"] else "black")
        axes = [fig.add_axes(rect) for rect in ([0.08, 0.66, 0.38, 0.19], [0.60, 0.66, 0.36, 0.19],
                                                [0.24, 0.40, 0.24, 0.20], [0.60, 0.40, 0.36, 0.20])]
        draw_charts(fig, axes, report)
        fig.text(0.06, 0.345, "重点在办疑点（按风险等级、金额）", fontsize=11)
        rows = [[f["severity"] or "", _wrap(f["subsidiary_name"], 16), _wrap(f["rule_name"], 20)
                 + ("\n（标准为示例默认值）" if f.get("example_standard") else ""), _wrap(f["subject_name"], 16),
                 _amount_text(f), f["status"]] for f in report.top_findings[:10]]
        table_ax = fig.add_axes([0.05, 0.045, 0.90, 0.29])
        table_ax.axis("off")
        if rows:
            table = table_ax.table(cellText=rows, colLabels=["等级", "单位", "规则", "对象", "金额(元)", "处置状态"],
                                   loc="upper center", cellLoc="left", colLoc="left",
                                   colWidths=[0.05, 0.22, 0.27, 0.22, 0.14, 0.10])
            table.auto_set_font_size(False)
            table.set_fontsize(6.5)
            # names in full: each row as tall as its most wrapped cell, the table within its box (11 pt a line)
            lines = [1] + [max(str(v).count("\n") + 1 for v in row) for row in rows]
            line = min(11 / (0.29 * 11.69 * 72), 1 / (sum(lines) + 0.3 * len(lines)))
            for (row, _), cell in table.get_celld().items():
                cell.set_height(line * lines[row] + line * 0.3)
        else:
            table_ax.text(0, 0.9, "本周无在办疑点", fontsize=9)
        fig.text(0.06, 0.02, f"屏蔽误报 {t['suppressed_count']} 条另列（见 Excel“屏蔽误报”表）；口径见 Excel“说明”表。"
                 "数据来源：jiandu 监督数据平台。", fontsize=7, color="#555555")
        if report.standard_gaps:
            fig.text(0.06, 0.006, f"！有 {len(report.standard_gaps)} 项数据未按标准或日历判断"
                     "（节假日日历未覆盖、未匹配标准），见 Excel“未判断数据”表。", fontsize=7, color="#C00000")
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format="pdf", metadata={"CreationDate": None, "Creator": "jiandu 监督"})
        plt.close(fig)
    return path
