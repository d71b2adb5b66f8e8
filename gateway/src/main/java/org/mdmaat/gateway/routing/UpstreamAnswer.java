package org.mdmaat.gateway.routing;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** What a service answered: status, headers and the whole body. */
public record UpstreamAnswer(int status, MultiMap headers, Buffer body) {}
