package govlens.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** GovLens version stamped on every row (documents.pipeline_version), filtered in from the pom at build. */
public final class Version {
  private Version() {}

  public static final String VERSION = versionOf();

  private static String versionOf() {
    try (InputStream in = Version.class.getResourceAsStream("/govlens/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
