"""Helpers shared by the GovLens notebooks: where the warehouse is, and reading its tables with DuckDB.

A table is a folder of Parquet files under the warehouse, with Hive partition folders (report_year=2024;
a null year is report_year=__HIVE_DEFAULT_PARTITION__, which DuckDB reads back as NULL). A table the
warehouse does not hold reads as None, so notebooks can say "not in this warehouse" instead of failing.

Reads see one committed version of the warehouse, even while a nightly run commits: sql() reads only when no
commit is pending and reads again if a version landed meanwhile (the protocol of the README's "Runs, leases and
versions": <warehouse>/_log/<version>.commit, and <version>.done once it is applied).
"""
import html
import os
import time
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


def version():
    """(applied version, pending version or 0) of the warehouse, from the names in its _log folder."""
    log = WAREHOUSE / "_log"
    if not log.is_dir():
        return (0, 0)
    names = [p.name for p in log.iterdir()]
    done = [int(n.split(".")[0]) for n in names if n.endswith(".done")]
    applied = max(done, default=0)
    logged = [int(n.split(".")[0]) for n in names if n.endswith(".commit")]
    return (applied, max([v for v in logged if v > applied], default=0))


def _settled(wait_seconds=60):
    deadline = time.monotonic() + wait_seconds
    while True:
        state = version()
        if state[1] == 0:
            return state
        if time.monotonic() > deadline:
            raise RuntimeError(f"warehouse {WAREHOUSE} has a commit (version {state[1]}) that did not finish: "
                               "its run was probably killed mid-commit; the next 'govlens run' completes it")
        time.sleep(0.1)


def sql(query, attempts=5):
    """Runs SQL on the registered views and returns a pandas DataFrame, read from one committed version."""
    for attempt in range(1, attempts + 1):
        before = _settled()
        try:
            df = con.execute(query).df()
        except Exception:
            if attempt < attempts and version() != before:
                continue
            raise
        if version() == before:
            return df
    raise RuntimeError(f"warehouse {WAREHOUSE} changed during each of {attempts} reads: "
                       "try again when its runs are done")


def esc(value):
    """Report text for HTML output: always escaped, so markup in a report shows as text."""
    return "" if value is None else html.escape(str(value))
