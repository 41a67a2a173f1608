"""Airflow and dbt share protobuf: a mismatch broke `dbt ls` inside Airflow (cosmos #2158). Keep this green."""

from __future__ import annotations

import tomllib

from tests.conftest import PROJECT


def test_protobuf_is_pinned_to_the_locked_version():
    import google.protobuf

    deps = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]["dependencies"]
    pin = next(d for d in deps if d.startswith("protobuf=="))
    assert google.protobuf.__version__ == pin.split("==")[1]


def test_airflow_cosmos_dbt_gx_import_together_and_dbt_events_serialise():
    import airflow.sdk  # noqa: F401
    import cosmos  # noqa: F401
    import great_expectations  # noqa: F401
    from dbt.events.types import MainReportVersion
    from dbt_common.events.base_types import msg_from_base_event
    from google.protobuf.json_format import MessageToJson

    event = MainReportVersion(version="1.11", log_version=3)
    msg = msg_from_base_event(event)
    # the exact call dbt makes; the old failure was an unexpected keyword argument here
    text = MessageToJson(msg, always_print_fields_with_no_presence=True, preserving_proto_field_name=True)
    assert '"version": "1.11"' in text
