"""The Great Expectations file context under expectations/ and its sync with the source contract."""

from __future__ import annotations

import logging
import os
import warnings

import great_expectations as gx

from jiandu.quality.suites import BATCH_DEFINITION, DATASOURCE, build_suite, suite_name
from jiandu.settings import get_settings
from jiandu.sources.contract import SourceTable, load_contract
from jiandu.warehouse import warehouse

log = logging.getLogger(__name__)
URL_VARIABLE = "JIANDU_WAREHOUSE_SQLA_URL"  # substituted into great_expectations.yml at load time


def checkpoint_name(system: str) -> str:
    return f"landing_{system}"


def get_gx_context():
    """The file context; the warehouse URL reaches GX through an environment variable, never the file."""
    os.environ[URL_VARIABLE] = warehouse().sqlalchemy_url
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return gx.get_context(mode="file", project_root_dir=str(get_settings().gx_context_dir))


def sync(tables: list[SourceTable] | None = None) -> list[str]:
    """Write datasource, assets, suites, validation definitions and one checkpoint per system.

    Run by a data engineer after adding a source table (`jiandu gx sync`); the files it writes are
    reviewed and committed. Returns what changed.
    """
    tables = tables or load_contract()
    ctx = get_gx_context()
    changed: list[str] = []
    try:
        ds = ctx.data_sources.get(DATASOURCE)
    except (KeyError, ValueError):
        ds = ctx.data_sources.add_sql(name=DATASOURCE, connection_string="${" + URL_VARIABLE + "}")
        changed.append(f"datasource {DATASOURCE}")
    by_system: dict[str, list] = {}
    for table in tables:
        asset_name = f"landing.{table.raw_name}"
        try:
            asset = ds.get_asset(asset_name)
        except LookupError:
            asset = ds.add_table_asset(name=asset_name, table_name=table.raw_name, schema_name="landing")
            changed.append(f"asset {asset_name}")
        try:
            batch = asset.get_batch_definition(BATCH_DEFINITION)
        except KeyError:
            batch = asset.add_batch_definition_whole_table(BATCH_DEFINITION)
        suite = build_suite(table)
        ctx.suites.add_or_update(suite)
        suite = ctx.suites.get(suite_name(table))
        vd = ctx.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=suite_name(table), data=batch, suite=suite))
        by_system.setdefault(table.system, []).append(vd)
    for system, vds in by_system.items():
        ctx.checkpoints.add_or_update(gx.Checkpoint(
            name=checkpoint_name(system),
            validation_definitions=vds,
            actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")],
            result_format={"result_format": "COMPLETE", "partial_unexpected_count": 20},
        ))
    return changed
