from dataclasses import dataclass
from decimal import Decimal

from jiandu.workbench.masking import mask, mask_text


def test_id_numbers_and_bank_accounts_are_masked_everywhere_in_a_value():
    assert mask_text("张三 110105198003150012") == "张三 110105********0012"
    assert mask_text("11010519800315001X") == "110105********001X"
    assert mask_text("专户 6222020000012345678。") == "专户 6222***********5678。"
    value = {"evidence": {"付款账户": "6222020000012345678", "天数": 1200}, "list": ["110105198003150012"],
             "amount": Decimal("1.00")}
    assert mask(value) == {"evidence": {"付款账户": "6222***********5678", "天数": 1200},
                           "list": ["110105********0012"], "amount": Decimal("1.00")}
    assert mask(value, allowed=True) is value


def test_masking_leaves_ids_dates_and_amounts_alone():
    flag_id = "5d41402abc4b2a76b9719d911017c592"
    for text in (flag_id, "2026-11-01", "5,000,000.00", "13800138000", "LC-S01-202610-001", "1234567890123456abc"):
        assert mask_text(text) == text


def test_masking_walks_dataclasses_the_pages_pass():
    @dataclass
    class Page:
        rows: list
        total: int

    page = mask(Page([{"subject_name": "张三 110105198003150012"}], 1))
    assert isinstance(page, Page) and page.rows == [{"subject_name": "张三 110105********0012"}] and page.total == 1


def test_every_form_of_id_number_and_account_is_masked():
    assert mask_text("老身份证 110105800315001。") == "老身份证 110105******001。"  # 15 digits
    assert mask_text("１１０１０５１９８００３１５００１２") == "１１０１０５********００１２"  # full-width
    assert mask_text("１１０１０５１９８００３１５００１Ｘ") == "１１０１０５********００１Ｘ"
    assert mask_text("６２２２０２０００００１２３４５６７８") == "６２２２***********５６７８"
    assert mask_text("账号 6222 0200 0001 2345 678") == "账号 6222 **** **** ***5 678"
    assert mask_text("账号 6222-0200-0001-2345") == "账号 6222-****-****-2345"
    assert mask_text("6222 0200 0001 2345 678 和 110105800315001") == "6222 **** **** ***5 678 和 110105******001"
    for kept in ("2026-11-01", "2026-10-01 至 2026-12-31", "138-0013-8000", "1234 5678", "1234-5678-9012",
                 "合同号 HT-2026-0001-0002-0003", "１２３４５"):
        assert mask_text(kept) == kept


SAMPLES = ["张三 110105198003150012", "11010519800315001X", "专户 6222020000012345678。", "6222020000012345",
           "62220200000123456", "622202000001234567", "账户6222020000012345678,6222020000012345",
           "5d41402abc4b2a76b9719d911017c592", "13800138000", "1234567890123456abc", "LC-S01-202610-001",
           "110105198003150012*", "身份证110105198003150012和账户62220200000123456",
           "老身份证 110105800315001。", "１１０１０５１９８００３１５００１２", "１１０１０５１９８００３１５００１Ｘ",
           "６２２２０２００００１２３４５６７８", "账号 6222 0200 0001 2345 678", "账号 6222-0200-0001-2345",
           "6222 0200 0001 2345 678 和 110105800315001", "2026-10-01 至 2026-12-31", "138-0013-8000",
           "a110105800315001", "110105800315001b", "1101058003150012", "6222 0200 0001 2345 6789 1",
           "６２２２ ０２００ ０００１ ２３４５", "", "无数字", "12345678901234567890123"]


def _random_samples(n: int = 300) -> list[str]:
    """Strings of digits (both widths), separators, X and letters: where two implementations would part ways."""
    import random

    rng = random.Random(7)
    alphabet = "0123456789" * 6 + "０１２３４５６７８９" * 2 + "  --Xx*a张"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(10, 40))) for _ in range(n)]


def test_the_warehouse_masks_subjects_as_the_pages_do(flags):
    """workbench.mask_text (SQL, used by free-text search) and mask_text (Python, used by every page) agree."""
    from jiandu.warehouse import connect

    samples = SAMPLES + _random_samples()
    with connect() as conn:
        masked = [r[0] for r in conn.execute("select workbench.mask_text(t) from unnest(%s::text[])"
                                             " with ordinality u(t, n) order by n", (samples,))]
    assert masked == [mask_text(text) for text in samples]
    assert masked[0] == "张三 110105********0012" and masked[3] == "6222********2345"
    assert sum(m != t for m, t in zip(masked, samples, strict=True)) > 30  # the random ones do mask something


def test_the_warehouse_function_is_written_from_the_python_patterns():
    """One definition: every pattern of jiandu.workbench.masking.PATTERNS, in order, in workbench.mask_text."""
    from jiandu.bootstrap import discover
    from jiandu.workbench.masking import PATTERNS

    head = "create or replace function workbench.mask_text"
    # the definition in force: the latest migration that (re)defines the function
    sql = next(t for t in (m.path.read_text(encoding="utf-8") for m in reversed(discover())) if head in t)
    body = sql.split(head)[1].split("$$;")[0]
    positions = [body.find(f"'{rx}', {first}, {last})") for _, rx, first, last in PATTERNS]
    assert all(p > 0 for p in positions) and positions == sorted(positions)


def test_search_cannot_probe_digits_hidden_in_any_form(flags):
    """Full-width digits, a 15-digit ID number and an account written in groups: hidden on the page, in the
    export and from free-text search alike."""
    import io

    from openpyxl import load_workbook

    from jiandu.warehouse import connect
    from tests.plugins.jiandu.workbench.test_routes_flags import listed
    from tests.plugins.jiandu.workbench.workbench_data import client_for

    subjects = {"W03": "王五（身份证 １１０１０５１９８００３１５００１２）", "W04": "赵六 110105750615001",
                "W06": "李四 账号 6222 0200 0001 2345 678"}
    probes = {"W03": "１９８００３１５", "W04": "750615", "W06": "0200 0001"}
    with connect() as conn:
        for key, name in subjects.items():
            conn.execute("update audit.flagged_items set subject_name = %s where flag_id = %s", (name, flags[key]))
    masked_user, admin = client_for("group_auditor"), client_for("admin")
    for key, probe in probes.items():
        assert listed(masked_user.get("/flags", params={"q": probe}).text) == set(), key
        assert listed(admin.get("/flags", params={"q": probe}).text) == {flags[key]}, key
        page = masked_user.get(f"/flags/{flags[key]}").text
        assert subjects[key] not in page and mask_text(subjects[key]) in page
    assert listed(masked_user.get("/flags", params={"q": "１１０１０５"}).text) == {flags["W03"]}  # shown digits
    rows = repr(list(load_workbook(io.BytesIO(masked_user.get("/flags/export.xlsx").content))["疑点清单"]
                     .iter_rows(values_only=True)))
    assert all(name not in rows and mask_text(name) in rows for name in subjects.values())
