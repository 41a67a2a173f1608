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


SAMPLES = ["张三 110105198003150012", "11010519800315001X", "专户 6222020000012345678。", "6222020000012345",
           "62220200000123456", "622202000001234567", "账户6222020000012345678,6222020000012345",
           "5d41402abc4b2a76b9719d911017c592", "13800138000", "1234567890123456abc", "LC-S01-202610-001",
           "110105198003150012*", "身份证110105198003150012和账户62220200000123456"]


def test_the_warehouse_masks_subjects_as_the_pages_do(flags):
    """workbench.mask_text (SQL, used by free-text search) and mask_text (Python, used by every page) agree."""
    from jiandu.warehouse import connect

    with connect() as conn:
        masked = [conn.execute("select workbench.mask_text(%s)", (text,)).fetchone()[0] for text in SAMPLES]
    assert masked == [mask_text(text) for text in SAMPLES]
    assert masked[0] == "张三 110105********0012" and masked[3] == "6222********2345"
