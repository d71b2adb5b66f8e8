package org.mdmaat.platform.cdisc;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Objects;

/** One SDTM dataset to download: its file name and its Dataset-JSON bytes, still to stream. */
public record SdtmFile(String fileName, Multi<Buffer> body) {
  public SdtmFile {
    Objects.requireNonNull(fileName);
    Objects.requireNonNull(body);
  }

  /** The domain's file as SDTM names it: {@code dm.json}, {@code ex.json}, ... */
  public static SdtmFile of(String domain, Multi<Buffer> body) {
    return new SdtmFile(domain.toLowerCase(Locale.ROOT) + ".json", body);
  }
}
