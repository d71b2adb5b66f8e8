package org.mdmaat.safety.fhir;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.mdmaat.platform.fhir.ProblemOutcomes;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.fhir.VitalObservations.Taken;
import org.mdmaat.safety.vitals.VitalsService;

/**
 * Takes a monitor's {@code transaction} or {@code batch} Bundle of vital-sign Observations and
 * hands the readings to {@link VitalsService#record}, the native vitals API's own method (stored
 * once, alerts, holds, audit; the participant at one of the caller's sites).
 *
 * <p>A transaction is all or nothing: every entry must be taken, and its readings (of one or
 * several participants' dosing sessions, each participant at one of the caller's sites; one call of
 * {@link VitalsService#recordAll}, so one database transaction) are stored together or not at all.
 * A batch is taken per participant's session: each such group is one call, and entries refused
 * (themselves, or by the call) are answered each with an OperationOutcome while the others are
 * stored.
 */
@ApplicationScoped
public class DeviceBundles {
  /** As many readings as the native batch takes. */
  static final int MAX_ENTRIES = 2000;

  private static final Pattern READING_INDEX = Pattern.compile("^readings\\[(\\d+)]");

  private final Fhir fhir;
  private final VitalsService vitals;
  private final Validator validator;
  private final Vertx vertx;

  DeviceBundles(Fhir fhir, VitalsService vitals, Validator validator, Vertx vertx) {
    this.fhir = fhir;
    this.vitals = vitals;
    this.validator = validator;
    this.vertx = vertx;
  }

  /** The answer: the HTTP status and the response Bundle. */
  public record Answer(int status, Bundle bundle) {}

  /** One entry and what became of it. */
  private static final class Entry {
    final int index;
    Taken taken;
    int status;
    OperationOutcome outcome;
    String location;

    Entry(int index) {
      this.index = index;
    }

    boolean refused() {
      return outcome != null;
    }

    void refuse(Problem problem) {
      status = problem.status();
      outcome = ProblemOutcomes.of(problem, "Bundle.entry[" + index + "].resource");
    }

    /** Refused by a problem naming this entry's reading: only what it says of this one. */
    void refuse(Problem problem, List<Violation> own) {
      status = problem.status();
      outcome = ProblemOutcomes.of(problem, "Bundle.entry[" + index + "].resource", own);
    }
  }

  /**
   * Reads {@code body} as a Bundle and takes it. Parsing and the schema checks run on a worker
   * thread; the readings are then stored from the event loop (reactive database access).
   */
  public Uni<Answer> take(String body, Scope scope) {
    return vertx
        .executeBlocking(Uni.createFrom().item(() -> read(fhir.parse(body, Bundle.class))))
        .chain(read -> storeAll(read, scope));
  }

  /** The Bundle's entries, each read as a reading or refused. */
  private record Read(BundleType type, List<Entry> entries) {}

  private Read read(Bundle bundle) {
    var type = bundle.getType();
    if (type != BundleType.TRANSACTION && type != BundleType.BATCH) {
      throw Problems.FHIR_BUNDLE.problem(
          "A device Bundle is a transaction or a batch, not " + bundle.getType());
    }
    if (bundle.getEntry().isEmpty() || bundle.getEntry().size() > MAX_ENTRIES) {
      throw Problems.FHIR_BUNDLE.problem(
          "A device Bundle has 1 to " + MAX_ENTRIES + " entries, not " + bundle.getEntry().size());
    }
    var entries = new ArrayList<Entry>();
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      entries.add(read(i, bundle.getEntry().get(i)));
    }
    return new Read(type, entries);
  }

  private Uni<Answer> storeAll(Read read, Scope scope) {
    var entries = read.entries();
    boolean transaction = read.type() == BundleType.TRANSACTION;
    var response = transaction ? BundleType.TRANSACTIONRESPONSE : BundleType.BATCHRESPONSE;
    if (transaction) {
      return transaction(entries, scope).map(status -> answer(status, response, entries));
    }
    return batch(entries, scope).map(ignored -> answer(200, response, entries));
  }

  /**
   * Checks one entry against the FHIR schema and reads it as a reading; refuses it if it is not.
   */
  private Entry read(int index, Bundle.BundleEntryComponent component) {
    var entry = new Entry(index);
    var request = component.getRequest();
    if (request.getMethod() != HTTPVerb.POST || !"Observation".equals(request.getUrl())) {
      entry.refuse(
          Problems.FHIR_OBSERVATION.problem(
              "Only new Observations are taken: request POST Observation",
              List.of(new Violation("request", "must be POST Observation"))));
      return entry;
    }
    if (!(component.getResource() instanceof Observation observation)) {
      entry.refuse(Problems.FHIR_OBSERVATION.problem("The entry's resource is not an Observation"));
      return entry;
    }
    var invalid = fhir.violations(observation);
    if (!invalid.isEmpty()) {
      entry.refuse(Fhir.invalid("The Observation", invalid));
      return entry;
    }
    var mapped = VitalObservations.take(observation);
    if (!mapped.violations().isEmpty()) {
      entry.refuse(
          Problems.FHIR_OBSERVATION.problem(
              "The Observation is not a vital-sign reading we take: "
                  + mapped.violations().get(0).field()
                  + " "
                  + mapped.violations().get(0).message(),
              mapped.violations()));
      return entry;
    }
    // The native API's plausibility ranges (VitalReading's constraints), not a copy of them.
    var implausible =
        validator.validate(mapped.taken().reading()).stream()
            .map(v -> new Violation("valueQuantity", v.getMessage()))
            .toList();
    if (!implausible.isEmpty()) {
      entry.refuse(
          Problems.FHIR_OBSERVATION.problem(
              mapped.taken().vital().display + " " + implausible.get(0).message(), implausible));
      return entry;
    }
    entry.taken = mapped.taken();
    return entry;
  }

  /**
   * All or nothing; the status of the answer. The readings may be of several participants'
   * sessions: each session's entries are one part of {@link VitalsService#recordAll}, one database
   * transaction for all of them, and a refused part refuses the whole.
   */
  private Uni<Integer> transaction(List<Entry> entries, Scope scope) {
    if (entries.stream().anyMatch(Entry::refused)) {
      return Uni.createFrom().item(refuseTheRest(entries));
    }
    var groups = groups(entries);
    var parts =
        groups.stream()
            .map(
                g ->
                    new VitalsService.SessionReadings(
                        g.get(0).taken.participantCode(),
                        g.get(0).taken.sessionId(),
                        g.stream().map(e -> e.taken.reading()).toList()))
            .toList();
    return vitals
        .recordAll(parts, scope)
        .map(
            results -> {
              for (int g = 0; g < groups.size(); g++) {
                stored(groups.get(g), results.get(g));
              }
              return 200;
            })
        .onFailure(VitalsService.PartRefused.class)
        .recoverWithItem(
            failure -> {
              var refused = (VitalsService.PartRefused) failure;
              refuse(groups.get(refused.index()), refused.problem());
              return refuseTheRest(entries);
            })
        .onFailure(Problem.class)
        .recoverWithItem(
            failure -> {
              refuse(entries, (Problem) failure);
              return refuseTheRest(entries);
            });
  }

  /** The entries taken, by participant's session, in the order each session first appears. */
  private static List<List<Entry>> groups(List<Entry> entries) {
    var groups = new LinkedHashMap<List<String>, List<Entry>>();
    for (var entry : entries) {
      if (entry.taken != null) {
        groups
            .computeIfAbsent(
                List.of(entry.taken.participantCode(), entry.taken.sessionId()),
                k -> new ArrayList<>())
            .add(entry);
      }
    }
    return List.copyOf(groups.values());
  }

  /** Marks every entry not refused itself as not stored; the status of the first refusal. */
  private static int refuseTheRest(List<Entry> entries) {
    var firstRefused = entries.stream().filter(Entry::refused).findFirst().orElseThrow();
    for (var entry : entries) {
      if (!entry.refused()) {
        entry.refuse(
            Problems.FHIR_TRANSACTION_REFUSED.problem(
                "Not stored: entry "
                    + firstRefused.index
                    + " was refused, and a transaction is"
                    + " all or nothing"));
      }
      entry.location = null;
    }
    return firstRefused.status;
  }

  /** Each participant's session on its own; a refused reading leaves the others of its group. */
  private Uni<Void> batch(List<Entry> entries, Scope scope) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (var group : groups(entries)) {
      chain = chain.chain(() -> storeAllowed(group, scope));
    }
    return chain;
  }

  // A refusal naming readings (e.g. one measured in the future) refuses just those; the group is
  // then tried again without them. Each try either stores the group or refuses one more entry.
  private Uni<Void> storeAllowed(List<Entry> group, Scope scope) {
    var left = group.stream().filter(e -> !e.refused()).toList();
    if (left.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return store(left, scope)
        .chain(stored -> stored ? Uni.createFrom().voidItem() : storeAllowed(left, scope));
  }

  /**
   * One call of the native method for entries of one participant's session. True when stored; on a
   * refusal the entries it names (or all of them) are refused and false is answered.
   */
  private Uni<Boolean> store(List<Entry> entries, Scope scope) {
    var first = entries.get(0).taken;
    var readings = entries.stream().map(e -> e.taken.reading()).toList();
    return vitals
        .record(first.participantCode(), first.sessionId(), readings, scope)
        .map(
            result -> {
              stored(entries, result);
              return true;
            })
        .onFailure(Problem.class)
        .recoverWithItem(
            failure -> {
              refuse(entries, (Problem) failure);
              return false;
            });
  }

  /** The entries of one participant's session, stored as {@code result} says. */
  private static void stored(List<Entry> entries, VitalsService.IngestResult result) {
    for (int i = 0; i < entries.size(); i++) {
      var entry = entries.get(i);
      entry.status = 201;
      entry.location =
          "Observation/" + VitalObservations.id(result.readingIds().get(i), entry.taken.vital());
    }
  }

  /**
   * Refuses the entries of one participant's session that {@code problem} names by their reading
   * ({@code readings[i]…}), or all of them when it names none.
   */
  private static void refuse(List<Entry> entries, Problem problem) {
    var named = new TreeMap<Integer, List<Violation>>();
    for (var v : problem.violations()) {
      var m = v.field() == null ? null : READING_INDEX.matcher(v.field());
      if (m != null && m.find()) {
        // readings[i].measuredAt is the Observation's effective[x].
        var field = v.field().substring(m.end()).replaceFirst("^\\.", "");
        named
            .computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>())
            .add(new Violation(field.equals("measuredAt") ? "effective" : field, v.message()));
      }
    }
    for (int i = 0; i < entries.size(); i++) {
      if (named.isEmpty()) {
        entries.get(i).refuse(problem);
      } else if (named.containsKey(i)) {
        entries.get(i).refuse(problem, named.get(i));
      }
    }
  }

  private static Answer answer(int status, BundleType type, List<Entry> entries) {
    var bundle = new Bundle().setType(type);
    for (var entry : entries) {
      var response = bundle.addEntry().getResponse();
      response.setStatus(ProblemOutcomes.statusLine(entry.status));
      if (entry.location != null) {
        response.setLocation(entry.location);
      }
      if (entry.outcome != null) {
        response.setOutcome(entry.outcome);
      }
    }
    return new Answer(status, bundle);
  }
}
