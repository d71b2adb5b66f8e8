package org.mdmaat.safety.monitor;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link MonitorAccessFilter} to a monitor endpoint: the participant's site is checked before
 * the endpoint answers, so a stream of another site's participant is a 404, not 200 and then an
 * empty stream.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface SiteCheckedFirst {}
