package org.mdmaat.platform.testapp;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.VertxProblems;
import org.mdmaat.platform.problem.Violation;

/** Plain Vert.x routes (no JAX-RS) answering with {@link VertxProblems}, as the gateway does. */
@ApplicationScoped
public class VertxProbe {
  void install(@Observes Router router) {
    router
        .get("/vertx/limited")
        .handler(
            ctx ->
                VertxProblems.answer(
                    ctx,
                    429,
                    "TEST-0429",
                    "Too many requests; try again in 7 s.",
                    Map.of("Retry-After", "7"),
                    List.of(new Violation("limit", "is 30 a minute"))));
    router
        .get("/vertx/plain")
        .handler(ctx -> VertxProblems.answer(ctx, 404, "TEST-0404", "Nothing here."));
    router
        .get("/vertx/thrown")
        .handler(
            ctx ->
                VertxProblems.answer(
                    ctx,
                    new RuleViolation(
                        "TEST-0422",
                        "Doses must be 2 h apart.",
                        List.of(new Violation("at", "is 1 h after the last dose")))));
    router
        .get("/vertx/midway")
        .handler(
            ctx -> {
              ctx.response().setChunked(true).write("{\"items\":[");
              VertxProblems.answer(ctx, 503, "TEST-0503", "The source went away.");
            });
  }
}
