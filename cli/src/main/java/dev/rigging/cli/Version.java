package dev.rigging.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The rig version, from {@code rig.properties} (filtered by Maven), so that tests, the jar and the
 * manifest all agree without reading the jar's own manifest.
 */
public final class Version implements IVersionProvider {
  private static final String VERSION = load();

  /** Returns the project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String number() {
    return VERSION;
  }

  /** Returns {@code rigging <version>}, as written to {@code manifest.json}. */
  public static String compiler() {
    return "rigging " + VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {compiler()};
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("rig.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
