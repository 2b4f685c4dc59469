package govlens.jobs;

import govlens.jobs.analytics.AnalyticsTables;
import govlens.jobs.indicators.IndicatorTables;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Tables;
import java.util.ArrayList;
import java.util.List;

/** Every table GovLens writes, in README order: the one list the README, query tools and tests share. */
public final class WarehouseCatalog {
    private WarehouseCatalog() {}

    public static final List<TableDef> ALL = all();

    /** The analyst tables plus the internal state tables: what a run checks before it merges into them. */
    public static final List<TableDef> WITH_STATE = withState();

    private static List<TableDef> withState() {
        List<TableDef> all = new ArrayList<>(ALL);
        all.addAll(List.of(
                Tables.FILE_STATE, Tables.DOC_STATE, AnalyticsTables.DOC_TERMS, AnalyticsTables.REGION_YEAR_TERMS));
        return List.copyOf(all);
    }

    private static List<TableDef> all() {
        List<TableDef> all = new ArrayList<>(Tables.ALL);
        all.addAll(IndicatorTables.ALL);
        all.addAll(AnalyticsTables.ALL);
        return List.copyOf(all);
    }
}
