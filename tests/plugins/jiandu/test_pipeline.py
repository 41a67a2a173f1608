"""What an operator reads when a source table fails to load (jiandu.pipeline)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import NoSuchTableError

from jiandu.pipeline import _one_line, failed_tables_line


def test_a_table_missing_in_the_source_says_so():
    engine = sa.create_engine("sqlite://")
    try:
        sa.Table("guarantee_contract", sa.MetaData(), autoload_with=engine)
    except NoSuchTableError as exc:
        assert _one_line(exc) == "源系统中没有这张表 table not found in the source: guarantee_contract"
    else:
        raise AssertionError("the table should not exist")


def test_a_bare_message_keeps_the_kind_of_error_and_links_are_dropped():
    assert _one_line(KeyError("ts")) == "KeyError: 'ts'"
    assert _one_line(RuntimeError()) == "RuntimeError"
    assert _one_line(RuntimeError("connection lost\n  (Background on this error at: https://sqlalche.me/e/20/e3q8)")) \
        == "connection lost"


def test_failed_tables_read_as_a_line_not_a_python_dict():
    line = failed_tables_line({"supplier": "连接中断 connection lost", "ar_bill": "KeyError: 'ts'"})
    assert line == "ar_bill: KeyError: 'ts'; supplier: 连接中断 connection lost"
