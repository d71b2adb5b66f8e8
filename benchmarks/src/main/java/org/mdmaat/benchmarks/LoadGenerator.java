package org.mdmaat.benchmarks;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop HTTP load generator (what wrk does): {@code connections} keep-alive connections,
 * each sending its next request when the answer to the previous one has arrived, for a fixed time.
 * It runs on the same cores as what it measures, as wrk did for the figures.
 */
final class LoadGenerator implements AutoCloseable {
  /** One request; the body may be null. */
  record Request(HttpMethod method, String path, MultiMap headers, Buffer body) {}

  /** What one run saw: answered 2xx, anything else, per status, and the 2xx latencies. */
  record Run(
      long ok, long failed, Map<String, Long> outcomes, double seconds, LatencySummary latency) {
    double perSecond() {
      return seconds == 0 ? 0 : ok / seconds;
    }
  }

  private final Vertx vertx =
      Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));

  /**
   * Sends requests over {@code connections} connections for {@code duration}; {@code requestOf}
   * gives connection {@code i} its next request. Returns once every answer in flight has arrived.
   */
  Run run(URI base, int connections, Duration duration, IntFunction<Request> requestOf) {
    var client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort())
                .setKeepAlive(true)
                .setConnectTimeout(5_000)
                .setIdleTimeout(0),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    try {
      var recorder = new Recorder(3);
      var ok = new LongAdder();
      var failed = new LongAdder();
      var outcomes = new ConcurrentHashMap<String, LongAdder>();
      var done = new CountDownLatch(connections);
      long started = System.nanoTime();
      long end = started + duration.toNanos();
      var loop =
          new Object() {
            void next(HttpClient http, int connection) {
              if (System.nanoTime() >= end) {
                done.countDown();
                return;
              }
              var request = requestOf.apply(connection);
              long sent = System.nanoTime();
              http.request(
                      new RequestOptions()
                          .setMethod(request.method())
                          .setURI(request.path())
                          .setHeaders(request.headers()))
                  .compose(r -> request.body() == null ? r.send() : r.send(request.body()))
                  .compose(response -> response.body().map(b -> response.statusCode()))
                  .onComplete(
                      answer -> {
                        long micros = (System.nanoTime() - sent) / 1_000;
                        String outcome;
                        if (answer.succeeded()) {
                          int status = answer.result();
                          outcome = Integer.toString(status);
                          if (status / 100 == 2) {
                            ok.increment();
                            recorder.recordValue(Math.max(1, micros));
                          } else {
                            failed.increment();
                          }
                        } else {
                          outcome = answer.cause().getClass().getSimpleName();
                          failed.increment();
                        }
                        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                        next(http, connection);
                      });
            }
          };
      for (int i = 0; i < connections; i++) {
        int connection = i;
        // Each loop on an event-loop context of its own, spread over the event loops.
        vertx.getOrCreateContext().runOnContext(v -> loop.next(client, connection));
      }
      if (!done.await(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("answers still missing 2 minutes after the run ended");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      var counted = new TreeMap<String, Long>();
      outcomes.forEach((k, v) -> counted.put(k, v.sum()));
      return new Run(
          ok.sum(),
          failed.sum(),
          counted,
          seconds,
          LatencySummary.of(recorder.getIntervalHistogram()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      client.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
