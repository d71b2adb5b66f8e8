package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Renders the Kubernetes overlays in deploy/kubernetes with {@code kubectl kustomize}. */
final class Kustomize {
  static final Path ROOT = Path.of(System.getProperty("devstack.root", "..")).normalize();

  private Kustomize() {}

  /** Why the overlays cannot be rendered on this machine, or empty where kubectl is installed. */
  static Optional<String> unavailable() {
    var path = System.getenv("PATH");
    for (var dir : (path == null ? "" : path).split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "kubectl is not installed (not on the PATH): the overlays cannot be rendered");
  }

  /** The overlay's rendered YAML text (kubectl must be installed: see {@link #unavailable}). */
  static String renderText(String overlay) throws IOException, InterruptedException {
    var dir = ROOT.resolve("deploy/kubernetes/overlays").resolve(overlay);
    var process =
        new ProcessBuilder("kubectl", "kustomize", dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out;
    try (InputStream in = process.getInputStream()) {
      out = in.readAllBytes();
    }
    // Not a time limit on the test: only so that a hung kubectl cannot hang the build.
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("kubectl kustomize finished").isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize %s", dir).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** The documents of a rendered overlay (or of its text after substitution). */
  static List<JsonNode> parse(String yamlText) throws IOException {
    var yaml = new ObjectMapper(new YAMLFactory());
    var documents = new ArrayList<JsonNode>();
    try (var parser = yaml.getFactory().createParser(yamlText)) {
      var it = yaml.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        var doc = it.next();
        if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
          documents.add(doc);
        }
      }
    }
    assertThat(documents).as("rendered documents").isNotEmpty();
    return documents;
  }
}
