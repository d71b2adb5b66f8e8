package org.mdmaat.session.accountability;

import org.mdmaat.platform.audit.Actor;

/**
 * Who signs or records, from their own verified token: the actor (username and roles) and the
 * account's full name ({@code name} claim), null when the token has none.
 */
public record Signer(Actor actor, String name) {}
