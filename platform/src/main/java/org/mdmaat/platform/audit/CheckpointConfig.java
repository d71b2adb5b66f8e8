package org.mdmaat.platform.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/**
 * Signed checkpoints of the audit chain ({@code platform.audit.checkpoint.*}). The key files and
 * the sink have no default: a service without them does not start (devstack sets them in tests and
 * locally, a mounted secret and volume in deploy/).
 */
@ConfigMapping(prefix = "platform.audit.checkpoint")
public interface CheckpointConfig {
  /**
   * How often the chain head is signed (and once more at shutdown): a duration of at most a minute,
   * or {@code off} for tests that must decide when checkpoints are made (they call {@link
   * AuditCheckpoints#checkpoint()}).
   */
  @WithDefault("1m")
  String interval();

  /** Ed25519 private key, PKCS#8 PEM, for {@link Ed25519FileSigner}; never in the database. */
  Path privateKeyFile();

  /** The matching public key, X.509 PEM: verification trusts checkpoints signed by it alone. */
  Path publicKeyFile();

  /**
   * Where every checkpoint is also appended, outside the database: a directory (a volume the
   * database's administrators cannot write) holding one append-only NDJSON file per instance.
   */
  Path sinkDir();
}
