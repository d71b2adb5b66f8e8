package org.mdmaat.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mdmaat.platform.Services.databaseAsRuntimeRole;
import static org.mdmaat.platform.Services.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;

/**
 * The role the service runs as (devstack's runtime role, granted by migration V1_0_2) may append to
 * the audit trail and read it, and change the service's other tables, but never rewrite the trail:
 * every attempt is refused by PostgreSQL's privileges, not by a trigger it could disable.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
class DatabaseRolesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "update audit_entry set reason = 'rewritten'",
        "delete from audit_entry",
        "truncate audit_entry",
        "alter table audit_entry disable trigger audit_entry_no_update_or_delete",
        "alter table audit_entry disable trigger all",
        "drop table audit_entry",
        "delete from flyway_schema_history",
        "update audit_checkpoint set head_hash = head_hash",
        "delete from audit_checkpoint",
        "truncate audit_checkpoint",
        "alter table audit_checkpoint disable trigger user",
        "update access_log_entry set reason = 'rewritten'",
        "delete from access_log_entry",
        "truncate access_log_entry",
        "alter table access_log_entry disable trigger user",
        "create table intruder (id int)"
      })
  void theRuntimeRoleCannotRewriteTheAuditTrail(String statement) throws Exception {
    AuditTrailTest.create(unique("R"));
    try (var db = databaseAsRuntimeRole()) {
      assertThatThrownBy(() -> db.createStatement().execute(statement))
          .isInstanceOf(SQLException.class)
          // insufficient_privilege or must_be_owner, both class 42501: never the trigger's refusal
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
          .hasMessageNotContaining("append-only");
    }
  }

  @Test
  void theRuntimeRoleAppendsToAndReadsTheAuditTrailAndChangesOtherTables() throws Exception {
    var name = unique("R");
    var id = AuditTrailTest.create(name);
    try (var db = databaseAsRuntimeRole()) {
      var sql = db.createStatement();
      var rows =
          sql.executeQuery(
              "select count(*) from audit_entry where after_state like '%" + name + "%'");
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(1);
      assertThat(sql.executeUpdate("update specimen set dose = 121 where id = '" + id + "'"))
          .isEqualTo(1);
      assertThat(sql.executeUpdate("delete from specimen where id = '" + id + "'")).isEqualTo(1);
      var who =
          sql.executeQuery(
              "select current_user, rolsuper from pg_roles where rolname = current_user");
      who.next();
      assertThat(who.getString(1)).endsWith("_runtime");
      assertThat(who.getBoolean(2)).isFalse();
    }
  }
}
