package dev.rigging.emitters.kubernetes;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The FreeMarker templates of the Kubernetes objects, one per kind, under {@code
 * dev/rigging/emitters/kubernetes/templates/} on the class path. Strings reach the YAML only
 * through the {@code q} function, which quotes them.
 */
public final class Templates {
  static final String BASE = "/dev/rigging/emitters/kubernetes/templates";

  private final Configuration config;

  private Templates(TemplateLoader loader) {
    config = new Configuration(Configuration.VERSION_2_3_34);
    config.setTemplateLoader(loader);
    config.setDefaultEncoding(StandardCharsets.UTF_8.name());
    config.setOutputFormat(PlainTextOutputFormat.INSTANCE);
    config.setLocale(Locale.ROOT);
    config.setTimeZone(TimeZone.getTimeZone("UTC"));
    config.setNumberFormat("c");
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    config.setSharedVariable("q", quote());
    config.setSharedVariable("indent", indent());
  }

  /** Returns the templates rig ships. */
  public static Templates bundled() {
    return new Templates(new ClassTemplateLoader(Templates.class, BASE));
  }

  /**
   * Returns the bundled templates with those found under {@code overrides} (a class-path folder)
   * taking their place: how tests feed a deliberately broken template through the real path.
   */
  public static Templates withOverrides(Class<?> base, String overrides) {
    TemplateLoader[] loaders = {
      new ClassTemplateLoader(base, overrides), new ClassTemplateLoader(Templates.class, BASE)
    };
    return new Templates(new MultiTemplateLoader(loaders));
  }

  /** Renders {@code template} (e.g. {@code deployment.ftl}) with {@code model}. */
  String render(String template, Map<String, ?> model) {
    try {
      var out = new StringWriter();
      config.getTemplate(template).process(model, out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load template " + template, e);
    } catch (TemplateException e) {
      throw new IllegalStateException("template " + template + " failed: " + e.getMessage(), e);
    }
  }

  /** {@code indent(text, n)}: every non-empty line of {@code text} with {@code n} spaces before. */
  private static TemplateMethodModelEx indent() {
    return args -> {
      if (args.size() != 2) {
        throw new TemplateModelException("indent takes a text and a number");
      }
      String text = String.valueOf(DeepUnwrap.unwrap((TemplateModel) args.get(0)));
      int n = ((Number) DeepUnwrap.unwrap((TemplateModel) args.get(1))).intValue();
      String pad = " ".repeat(n);
      var out = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        if (!out.isEmpty()) {
          out.append('\n');
        }
        out.append(line.isEmpty() ? line : pad + line);
      }
      return new SimpleScalar(out.toString());
    };
  }

  private static TemplateMethodModelEx quote() {
    return args -> {
      if (args.size() != 1) {
        throw new TemplateModelException("q takes one argument");
      }
      Object value = DeepUnwrap.unwrap((TemplateModel) args.get(0));
      return new SimpleScalar(YamlText.quote(String.valueOf(value)));
    };
  }
}
