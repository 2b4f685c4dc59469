"""Helpers shared by the GovLens notebooks: where the warehouse is, and reading its tables with DuckDB.

A table is a folder of Parquet files under the warehouse, with Hive partition folders (report_year=2024;
a null year is report_year=__HIVE_DEFAULT_PARTITION__, which DuckDB reads back as NULL). A table the
warehouse does not hold reads as None, so notebooks can say "not in this warehouse" instead of failing.
"""
import html
import os
from pathlib import Path

import duckdb

WAREHOUSE = Path(os.environ.get("GOVLENS_WAREHOUSE", Path.cwd().parent / "warehouse")).resolve()
con = duckdb.connect()


def has_table(name):
    folder = WAREHOUSE / name
    return folder.is_dir() and any(folder.rglob("*.parquet"))


def view(name):
    """Registers the table as a DuckDB view named like it and returns True, or False when it is absent."""
    if not has_table(name):
        print(f"{name}: not in this warehouse ({WAREHOUSE})")
        return False
    glob = str(WAREHOUSE / name / "**" / "*.parquet").replace("'", "''")
    con.execute(f"CREATE OR REPLACE VIEW {name} AS "
                f"SELECT * FROM read_parquet('{glob}', hive_partitioning = true, union_by_name = true)")
    return True


def columns(name):
    return [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]


def sql(query):
    """Runs SQL on the registered views and returns a pandas DataFrame."""
    return con.execute(query).df()


def esc(value):
    """Report text for HTML output: always escaped, so markup in a report shows as text."""
    return "" if value is None else html.escape(str(value))
