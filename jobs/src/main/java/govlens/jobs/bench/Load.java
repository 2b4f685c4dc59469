package govlens.jobs.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The machine's load average, printed next to every benchmark figure (other work skews timings). */
final class Load {
    private Load() {}

    static String now() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "load=n/a" : String.format(Locale.ROOT, "load=%.2f", l);
    }
}
