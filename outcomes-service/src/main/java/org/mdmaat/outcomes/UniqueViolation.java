package org.mdmaat.outcomes;

import io.vertx.pgclient.PgException;

/**
 * Whether a failure is PostgreSQL refusing a duplicate (SQLSTATE 23505): the check-then-insert of
 * two concurrent requests can both pass, and the unique constraint decides.
 */
public final class UniqueViolation {
  private UniqueViolation() {}

  public static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
        return true;
      }
      if (t instanceof org.hibernate.exception.ConstraintViolationException violation
          && violation.getKind()
              == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
