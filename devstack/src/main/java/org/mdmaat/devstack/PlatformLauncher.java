package org.mdmaat.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code ./run-platform.sh}: the platform on this machine until Ctrl-C. */
public final class PlatformLauncher {
  private PlatformLauncher() {}

  public static void main(String[] args) throws InterruptedException {
    var root = Path.of(System.getProperty("devstack.root", ".")).toAbsolutePath().normalize();
    var work = root.resolve(".devstack");
    long started = System.nanoTime();
    System.out.println("[devstack] starting the trial platform; data and logs in " + work);

    var platform = Platform.start(root, work, Platform.Ports.local(), true);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\n[devstack] stopping...");
                  platform.close();
                  System.out.println("[devstack] stopped; nothing left running.");
                  stopped.countDown();
                },
                "platform-stop"));

    var gateway = platform.gatewayUrl();
    System.out.printf(
        """

        [devstack] ready in %.0f s
          gateway   %s   (every API under /api/...)
          web       %s/   (open trials and pre-screen; site staff sign in at /site/)
          keycloak  %s   (realm "trials", admin console user admin / admin)
          postgres  localhost:%d   kafka localhost:%d
          logs      %s

        Demo users (password "demo" for each):
          sponsor.maps, sponsor.northstar            sponsor
          coordinator.sf, coordinator.bos            site-coordinator  (US-SF-01 / US-BOS-02)
          investigator.sf, investigator.bos          investigator
          therapist.sf1, therapist.sf2, therapist.bos1  therapist
          rater.sf, rater.bos                        rater
          clinician.sf                               therapist and rater
          pharmacist.sf, pharmacist.bos              pharmacist (unblinded)
          dsmb.chair                                 dsmb (unblinded)
          statistician.maps                          unblinded-statistician
          regulator.fda                              regulator

        Try:
          TOKEN=$(curl -s -d grant_type=password -d client_id=trial-portal -d username=regulator.fda -d password=demo \\
                  %s/protocol/openid-connect/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
          curl -H "Authorization: Bearer $TOKEN" %s/api/safety/audit/verify

        Ctrl-C stops everything.
        """,
        (System.nanoTime() - started) / 1e9,
        gateway,
        gateway,
        platform.keycloak().baseUrl(),
        platform.ports().postgres(),
        platform.ports().kafka(),
        work.resolve("logs"),
        platform.keycloak().realmUrl(),
        gateway);
    stopped.await();
  }
}
