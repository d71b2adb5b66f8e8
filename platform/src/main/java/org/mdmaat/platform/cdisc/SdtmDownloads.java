package org.mdmaat.platform.cdisc;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestMulti;
import org.mdmaat.platform.audit.AccessLog;

/**
 * What every service's {@code GET /trials/{trialId}/sdtm/{domain}} does once its own service has
 * checked access and prepared the file: write the download to the access log (kind {@value
 * #ACCESS_KIND}; a 503 and no file if it cannot be written), then stream the Dataset-JSON as an
 * attachment. A refusal of the service (404, 409, unknown domain) is answered before anything is
 * logged, as the services did each on its own before.
 */
@ApplicationScoped
public class SdtmDownloads {
  public static final String ACCESS_KIND = "sdtm-export";

  private final AccessLog accessLog;

  SdtmDownloads(AccessLog accessLog) {
    this.accessLog = accessLog;
  }

  /**
   * The answer of the download. The resource produces {@code application/octet-stream}: as {@code
   * application/json} Quarkus REST would wrap the Multi's chunks in a JSON array of its own.
   */
  public RestMulti<Buffer> stream(
      String trialId, String domain, String reason, Uni<SdtmFile> file) {
    var logged =
        file.call(
            () ->
                accessLog.record(ACCESS_KIND, "trialId=" + trialId + "&domain=" + domain, reason));
    return RestMulti.fromUniResponse(
        logged,
        SdtmFile::body,
        f ->
            Map.of(
                "Content-Disposition", List.of("attachment; filename=\"" + f.fileName() + "\"")));
  }
}
