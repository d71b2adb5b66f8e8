package org.mdmaat.session.booking;

/**
 * A therapist account as Keycloak knows it: its subject (user id, the identity compared everywhere)
 * and its username (lower case in Keycloak, for people to read).
 */
public record BookedTherapist(String sub, String username) {}
