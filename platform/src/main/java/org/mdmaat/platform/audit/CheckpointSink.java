package org.mdmaat.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Checkpoints outside the database: each instance appends one NDJSON line per checkpoint to its own
 * file, {@code <sink-dir>/checkpoints-<instance>.ndjson}, and forces it to disk; verification reads
 * every file in the directory. A database rewrite cannot reach it; in deploy/ it is a volume of its
 * own that the database's administrators have no access to.
 */
@ApplicationScoped
public class CheckpointSink {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path dir;
  private final Path file;

  @Inject
  CheckpointSink(CheckpointConfig config) {
    this(config.sinkDir());
  }

  CheckpointSink(Path dir) {
    this.dir = dir;
    this.file = dir.resolve("checkpoints-" + UUID.randomUUID() + ".ndjson");
  }

  /** Appends and forces to disk; a checkpoint that cannot be written out is an error. */
  public synchronized void append(Checkpoint checkpoint) {
    try {
      Files.createDirectories(dir);
      var line = (JSON.writeValueAsString(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
      try (var channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        channel.write(java.nio.ByteBuffer.wrap(line));
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append the checkpoint to " + file, e);
    }
  }

  /** Every checkpoint in the directory, of every instance; a line that is not one is an error. */
  public List<Checkpoint> readAll() {
    var all = new ArrayList<Checkpoint>();
    if (!Files.isDirectory(dir)) {
      return all;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (var path : files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList()) {
        for (var line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            all.add(JSON.readValue(line, Checkpoint.class));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoints in " + dir, e);
    }
    return all;
  }
}
