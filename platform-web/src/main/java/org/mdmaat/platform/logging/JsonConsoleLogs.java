package org.mdmaat.platform.logging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.logging.Handler;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * JSON log lines on the console where {@code platform.log.json} is true (the prod profile of every
 * service and the gateway): one object per line with {@code timestamp} (UTC), {@code level}, {@code
 * loggerName}, {@code message}, the exception, and the MDC ({@code correlationId}, and
 * OpenTelemetry's {@code traceId} and {@code spanId}), for a cluster's log collector. Text
 * elsewhere, for people.
 *
 * <p>{@link JsonLines}, set on the console handler at start-up: the Quarkus extension for JSON logs
 * (quarkus-logging-json) cannot be used here, its build-time part is not available to this build,
 * and jboss-logmanager's own JsonFormatter cannot find a Jakarta JSON provider in a packaged
 * application (see JsonLines). Lines logged before start-up completes (the boot itself) stay text.
 */
@ApplicationScoped
public class JsonConsoleLogs {
  /** The setting; false unless set (the platform's and gateway's prod profile set it true). */
  public static final String SETTING = "platform.log.json";

  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
    boolean json =
        ConfigProvider.getConfig().getOptionalValue(SETTING, Boolean.class).orElse(Boolean.FALSE);
    if (json) {
      install(LogContext.getLogContext().getLogger("").getHandlers());
    }
  }

  /**
   * Gives every console handler among {@code handlers} (and the handlers they delegate to) the JSON
   * formatter; returns how many.
   */
  static int install(Handler[] handlers) {
    int installed = 0;
    for (Handler handler : handlers) {
      if (handler instanceof ConsoleHandler console) {
        console.setFormatter(formatter());
        installed++;
      }
      if (handler instanceof ExtHandler delegating) {
        installed += install(delegating.getHandlers());
      }
    }
    return installed;
  }

  static JsonLines formatter() {
    return new JsonLines();
  }
}
