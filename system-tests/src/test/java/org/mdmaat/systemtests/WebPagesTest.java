package org.mdmaat.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdmaat.devstack.Platform;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web pages in a real browser (issue 20): Debian's Chromium, headless, driven through Debian's
 * chromedriver (never one Selenium would download), against the packaged platform through the
 * gateway. Screenshots of each page go to {@code target/screenshots}. Skipped, saying why, only
 * when Chromium or chromedriver is not installed ({@code .ci/run} installs both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPagesTest {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("webtest.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("webtest.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Path.of("target/screenshots");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private Platform platform;
  private WebDriver browser;
  private WebDriverWait until;
  private String trialId;
  private String title;
  private String callId;
  private String participant;

  @BeforeAll
  void start() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "No Chromium at " + CHROMIUM + " (Debian package chromium; .ci/run installs it)");
    assumeTrue(
        Files.isExecutable(CHROMEDRIVER),
        "No chromedriver at " + CHROMEDRIVER + " (Debian package chromium-driver)");
    platform = RunningPlatform.get();
    allowBrowserOrigin();
    Files.createDirectories(SCREENSHOTS);

    browser = newBrowser();
    until = new WebDriverWait(browser, PATIENCE);
    var sponsor = Scenario.as(platform, "sponsor.maps");
    trialId = Scenario.recruitingTrial(sponsor, Scenario.as(platform, "sponsor.maps"));
    title = sponsor.when().get("/api/recruitment/trials/" + trialId).then().extract().path("title");
    callId =
        Scenario.as(platform, "sponsor.maps")
            .contentType("application/json")
            .body(
                Map.of(
                    "trialId",
                    trialId,
                    "summary",
                    "Eight hours of therapy with MDMA or placebo, three times, with two therapists."))
            .when()
            .post("/api/recruitment/recruitment-calls")
            .then()
            .statusCode(201)
            .extract()
            .path("id")
            .toString();
  }

  /** Headless Chromium with a fresh profile (no cookies, no storage). */
  private static WebDriver newBrowser() {
    // The driver and the browser are named outright, so Selenium Manager never downloads one.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // CI runs as root, where Chromium's sandbox cannot start.
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400");
    var driver = new ChromeDriver(service, options);
    // axe-core and the login refresh run as asynchronous scripts.
    driver.manage().timeouts().scriptTimeout(PATIENCE);
    return driver;
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  /**
   * The login's token request is a cross-origin call from the gateway's origin to Keycloak, which
   * allows only the exact origins of the client's web origins: the realm lists the local run's
   * (port 8080); the test's gateway has a free port, added here through Keycloak's admin API.
   */
  private void allowBrowserOrigin() {
    var keycloak = platform.keycloak().baseUrl();
    String admin =
        given()
            .formParam("grant_type", "password")
            .formParam("client_id", "admin-cli")
            .formParam("username", "admin")
            .formParam("password", "admin")
            .when()
            .post(keycloak + "/realms/master/protocol/openid-connect/token")
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");
    var clients = keycloak + "/admin/realms/trials/clients";
    Map<String, Object> client =
        given()
            .auth()
            .oauth2(admin)
            .queryParam("clientId", "trial-portal")
            .when()
            .get(clients)
            .then()
            .statusCode(200)
            .extract()
            .path("[0]");
    @SuppressWarnings("unchecked")
    var origins = new ArrayList<>((List<String>) client.get("webOrigins"));
    origins.add(platform.gatewayUrl());
    var changed = new HashMap<>(client);
    changed.put("webOrigins", origins);
    given()
        .auth()
        .oauth2(admin)
        .contentType("application/json")
        .body(changed)
        .when()
        .put(clients + "/" + client.get("id"))
        .then()
        .statusCode(204);
  }

  private void open(String path) {
    browser.get(platform.gatewayUrl() + path);
  }

  private WebElement visible(By by) {
    return until.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void screenshot(String name) {
    var shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    try {
      Files.copy(
          shot.toPath(),
          SCREENSHOTS.resolve(name + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * axe-core is not served by the package registry here, so this checks the WCAG rules a script can
   * decide on its own: a page language, one h1, a label for every form control, a name for every
   * button and link, and alt text for every image.
   */
  @SuppressWarnings("unchecked")
  private List<String> accessibilityProblems() {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                """
                const problems = [];
                if (!document.documentElement.lang) problems.push('no lang on <html>');
                if (document.querySelectorAll('h1').length !== 1) problems.push('not one h1');
                for (const c of document.querySelectorAll('input, select, textarea')) {
                  if (c.type === 'hidden') continue;
                  const label = c.id && document.querySelector('label[for="' + c.id + '"]');
                  if (!label && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
                    problems.push('no label for ' + (c.id || c.name));
                }
                for (const b of document.querySelectorAll('button, a'))
                  if (!b.textContent.trim() && !b.getAttribute('aria-label'))
                    problems.push('no name for a ' + b.tagName);
                for (const i of document.querySelectorAll('img'))
                  if (!i.hasAttribute('alt')) problems.push('no alt for ' + i.src);
                return problems;
                """);
  }

  /**
   * axe-core (fetched by npm, {@link AxeCore}) on the page as it is now: the WCAG 2.0/2.1 level A
   * and AA rules. Each violation as "rule: the elements it found".
   */
  @SuppressWarnings("unchecked")
  private List<String> axeViolations() {
    var js = (JavascriptExecutor) browser;
    js.executeScript(AxeCore.script());
    return (List<String>)
        js.executeAsyncScript(
            """
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at '
                  + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe failed: ' + e]));
            """);
  }

  @Test
  @Order(1)
  void browsingTheCallsFindsTheTrialAndFiltersByCity() {
    open("/");
    visible(By.linkText(title));
    assertThat(visible(By.id("count")).getText()).matches("[0-9]+ trials? found\\.");
    assertThat(accessibilityProblems()).isEmpty();
    assertThat(axeViolations()).isEmpty();
    screenshot("01-calls");

    // A city none of the trial's sites is in: the trial is not listed.
    browser.findElement(By.id("city")).sendKeys("Nowhere");
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    until.until(ExpectedConditions.textToBe(By.id("count"), "0 trials found."));
    assertThat(browser.findElements(By.linkText(title))).isEmpty();

    // One of its cities, recruiting: listed again, the newest call on the first page.
    var city = browser.findElement(By.id("city"));
    city.clear();
    city.sendKeys("Boston");
    new Select(browser.findElement(By.id("status"))).selectByValue("RECRUITING");
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    visible(By.linkText(title)).click();

    until.until(ExpectedConditions.urlToBe(platform.gatewayUrl() + "/calls/" + callId));
    until.until(ExpectedConditions.textToBe(By.id("title"), title));
    assertThat(browser.findElement(By.id("sites")).getText())
        .contains("San Francisco, US")
        .contains("Boston, US");
    assertThat(browser.findElement(By.id("inclusion")).getText()).contains("Aged 18 or older");
    // What taking part involves, from the trial's own visit template (MAPP's: 3, 3, 3 a week
    // apart).
    var visits =
        browser.findElements(By.cssSelector("#visits li.visit")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(visits)
        .anyMatch(v -> v.startsWith("3 preparation sessions"))
        .anyMatch(
            v ->
                v.startsWith("3 dosing sessions, about 4 weeks apart")
                    && v.contains("overnight stay"))
        .anyMatch(v -> v.startsWith("3 integration sessions after each dosing session, 7 days"))
        .anyMatch(v -> v.contains("24 hours before and after each dosing session"));
    assertThat(accessibilityProblems()).isEmpty();
    assertThat(axeViolations()).isEmpty();
    screenshot("02-call");
  }

  @Test
  @Order(2)
  void aPreScreenFailingTwoCriteriaNamesBoth() {
    open("/calls/" + callId);
    until.until(ExpectedConditions.textToBe(By.id("title"), title));
    browser.findElement(By.id("age")).sendKeys("17");
    browser.findElement(By.id("weightKg")).sendKeys("40");
    browser.findElement(By.id("ptsdDurationMonths")).sendKeys("24");
    browser.findElement(By.id("pcl5Total")).sendKeys("50");
    // Keyboard only: the consent box is ticked and unticked with the space bar.
    var consent = browser.findElement(By.id("consentToContact"));
    consent.sendKeys(" ");
    assertThat(browser.findElement(By.id("contactName")).isDisplayed()).isTrue();
    consent.sendKeys(" ");
    assertThat(browser.findElement(By.id("contactName")).isDisplayed()).isFalse();
    browser.findElement(By.cssSelector("#prescreen button[type=submit]")).click();

    var outcome = visible(By.id("outcome"));
    assertThat(outcome.getAttribute("data-result")).isEqualTo("NOT_ELIGIBLE");
    var findings =
        browser.findElements(By.cssSelector("#findings li")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(findings)
        .containsExactlyInAnyOrder("Aged 18 or older", "Body weight of at least 48 kg");
    assertThat(outcome.getText()).contains("Nothing identifying you was sent.");
    assertThat(axeViolations()).isEmpty();
    screenshot("03-pre-screen-not-eligible");
  }

  private void logIn(String user) {
    visible(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys("demo");
    browser.findElement(By.id("kc-login")).click();
  }

  private String monitorPath(String participantCode) {
    return "/site/monitor.html?participant=" + participantCode + "&session=S-" + participantCode;
  }

  private RequestSpecification therapist() {
    return Scenario.as(platform, "therapist.sf1").contentType("application/json");
  }

  private void post(int systolic) {
    var reading = new HashMap<String, Object>();
    reading.put("measuredAt", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5).toString());
    reading.put("systolic", systolic);
    reading.put("diastolic", 80);
    reading.put("heartRate", 84);
    reading.put("temperatureC", 36.9);
    reading.put("spo2", 98);
    reading.put("sourceKind", "DEVICE");
    reading.put("sourceId", "monitor-web");
    therapist()
        .body(
            Map.of(
                "sessionId",
                "S-" + participant,
                "participantCode",
                participant,
                "reading",
                reading))
        .when()
        .post("/api/safety/vitals")
        .then()
        .statusCode(201);
  }

  @Test
  @Order(3)
  void aTherapistLogsInAndWatchesReadingsAlertsAndTheHoldArriveLive() {
    participant =
        Scenario.enrolledAt(
            platform, trialId, Scenario.SF, Scenario.unique("Web Case").replace('-', ' '));
    open(monitorPath(participant));
    // Not signed in: the page sends the browser to Keycloak (authorization code with PKCE).
    logIn("therapist.sf1");
    until.until(
        ExpectedConditions.textToBe(By.id("state"), "Live: readings appear as they arrive."));
    assertThat(browser.findElement(By.id("who")).getText()).contains("therapist.sf1");
    assertThat(browser.findElement(By.id("reading-count")).getText()).isEqualTo("0");
    visible(By.id("no-hold"));

    post(128);
    until.until(ExpectedConditions.textToBe(By.id("reading-count"), "1"));
    assertThat(browser.findElement(By.id("latest")).getText()).contains("128/80 mmHg");
    assertThat(browser.findElements(By.cssSelector("#alerts .alert"))).isEmpty();
    screenshot("04-monitor-live");

    // A critical systolic: a CRITICAL alert and a CRITICAL_VITALS hold, pushed to the page.
    post(186);
    until.until(ExpectedConditions.textToBe(By.id("reading-count"), "2"));
    var alert = visible(By.cssSelector("#alerts .alert[data-level=CRITICAL]"));
    assertThat(alert.getText()).contains("CRITICAL alert");
    assertThat(visible(By.id("hold-banner")).getText())
        .contains("Dosing on hold")
        .contains("CRITICAL_VITALS");
    screenshot("05-monitor-critical-alert-and-hold");

    // Acknowledged from the page: the banner goes, the hold stays until an investigator lifts it.
    alert.findElement(By.tagName("button")).click();
    until.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#alerts .alert"), 0));
    assertThat(browser.findElement(By.id("hold-banner")).isDisplayed()).isTrue();
    screenshot("06-monitor-alert-acknowledged");
  }

  private String dosedParticipant;
  private String dosedSession;
  private String dosedTargetDate;

  /**
   * A participant of the trial given the initial dose of their first dosing session now, through
   * the API as the site's staff do it. The trial's regimen (Scenario's) has a supplemental window
   * of 0 to 120 minutes.
   */
  private void initialDoseGiven() {
    dosedParticipant =
        Scenario.enrolledAt(
            platform, trialId, Scenario.SF, Scenario.unique("Web Dosed").replace('-', ' '));
    Scenario.randomize(Scenario.as(platform, "coordinator.sf"), dosedParticipant);
    Scenario.receiveKits(
        Scenario.as(platform, "pharmacist.sf"),
        () -> Scenario.as(platform, "pharmacist.sf"),
        trialId,
        List.of(dosedParticipant));
    var schedule =
        Scenario.awaitSchedule(() -> Scenario.as(platform, "coordinator.sf"), dosedParticipant);
    dosedSession = Scenario.experimentalSession(schedule, 1);
    dosedTargetDate =
        schedule.getString("items.find { it.id == '" + dosedSession + "' }.targetDate");
    Scenario.bookDosing(
        () -> Scenario.as(platform, "coordinator.sf"),
        schedule,
        dosedSession,
        Scenario.unique("Web room"),
        List.of("therapist.sf1", "therapist.sf2"));
    therapist()
        .when()
        .post("/api/sessions/visits/" + dosedSession + "/check-in")
        .then()
        .statusCode(200);
    therapist()
        .body(Scenario.passingPreDoseChecks())
        .when()
        .post("/api/sessions/visits/" + dosedSession + "/pre-dose-checks")
        .then()
        .statusCode(200);
    // Given now (a dose time before the pre-dose checks is refused).
    therapist()
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .when()
        .post("/api/sessions/visits/" + dosedSession + "/doses")
        .then()
        .statusCode(201);
  }

  @Test
  @Order(4)
  void theMonitorShowsTheDoseTimelineWithTheSupplementalWindowCountdown() {
    initialDoseGiven();
    // The therapist is still signed in in this tab.
    open("/site/monitor.html?participant=" + dosedParticipant + "&session=" + dosedSession);
    until.until(
        ExpectedConditions.textToBe(By.id("state"), "Live: readings appear as they arrive."));
    var dose = visible(By.cssSelector("#timeline li.dose[data-supplemental=false]"));
    assertThat(dose.getText()).startsWith("Initial dose: 80 mg HCl, kit ");
    assertThat(browser.findElement(By.id("window")).getText())
        .startsWith("Supplemental dose window: 0 to 120 minutes after the initial dose (");
    var countdown = browser.findElement(By.id("countdown"));
    assertThat(countdown.getAttribute("data-phase")).isEqualTo("open");
    // Given just now: the window closes in two hours or a little under (2:00:00 when the page
    // is read within a second of the dose, as on a quiet machine), counting down live.
    var first = countdown.getText();
    assertThat(first)
        .matches("Supplemental window open: closes in (2:00:00|1:[45][0-9]:[0-5][0-9])");
    until.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("countdown"), first)));
    assertThat(countdown.getText())
        .matches("Supplemental window open: closes in 1:[45][0-9]:[0-5][0-9]");
    // Never an arm on the page.
    assertThat(browser.findElement(By.tagName("body")).getText())
        .doesNotContain("MDMA arm")
        .doesNotContain("PLACEBO");
    screenshot("07-monitor-dose-timeline");
  }

  @Test
  @Order(5)
  void theSchedulePageListsTheSitesSessionsWithTheirWindowsAndPages() {
    open("/site/schedule.html");
    // Only the therapist's own site is offered.
    var sites =
        new Select(visible(By.id("site"))).getOptions().stream().map(WebElement::getText).toList();
    assertThat(sites).containsExactly(Scenario.SF);
    var from = browser.findElement(By.id("from"));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1]", from, dosedTargetDate);
    var days = browser.findElement(By.id("days"));
    days.clear();
    days.sendKeys("1");
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    until.until(
        ExpectedConditions.textMatches(
            By.id("state"),
            java.util.regex.Pattern.compile(
                "[0-9]+ sessions at US-SF-01 from "
                    + dosedTargetDate
                    + " to "
                    + dosedTargetDate
                    + "\\.")));
    // The dosed session, on whichever page it falls.
    By row = By.xpath("//tr[td[3][text()='" + dosedParticipant + "']]");
    while (browser.findElements(row).isEmpty()) {
      var next = browser.findElement(By.id("next"));
      assertThat(next.isDisplayed()).as("the session is on a later page").isTrue();
      var page = browser.findElement(By.id("page")).getText();
      next.click();
      until.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("page"), page)));
    }
    var cells = browser.findElement(row).findElements(By.tagName("td"));
    assertThat(cells.get(0).getText()).isEqualTo(dosedTargetDate);
    assertThat(cells.get(1).getText()).matches("[0-9-]{10} to [0-9-]{10}");
    assertThat(cells.get(3).getText()).startsWith("Dosing 1");
    assertThat(cells.get(4).getText()).isEqualTo("DOSED");
    assertThat(cells.get(5).getText()).contains("therapist.sf1");
    screenshot("08-site-schedule");
  }

  @Test
  @Order(6)
  @SuppressWarnings("unchecked")
  void thePagesRefreshTheAccessTokenAndUseTheNewOne() {
    // On the schedule page (signed in): the refresh the page schedules, run now.
    var js = (JavascriptExecutor) browser;
    var answer =
        (Map<String, Object>)
            js.executeAsyncScript(
                """
                const done = arguments[arguments.length - 1];
                import('/js/auth.js').then(async (auth) => {
                  const now = Date.now();
                  const delays = [auth.refreshDelay(now + 900000, now),
                      auth.refreshDelay(now + 60000, now), auth.refreshDelay(now + 4000, now)];
                  const before = auth.bearer();
                  const after = await auth.refresh();
                  document.querySelector('#filters button[type=submit]').click();
                  await new Promise(r => setTimeout(r, 0));
                  done({ before, after, sent: auth.lastBearer(), delays });
                }).catch(e => done({ error: String(e) }));
                """);
    assertThat(answer).doesNotContainKey("error");
    // 15-minute tokens refreshed a minute early; short ones at half their life, never under 5 s.
    assertThat((List<Long>) answer.get("delays")).containsExactly(840000L, 30000L, 5000L);
    assertThat(answer.get("after")).isNotNull().isNotEqualTo(answer.get("before"));
    // The page's next request carried the new token, and it was accepted.
    assertThat(answer.get("sent")).isEqualTo(answer.get("after"));
    until.until(
        ExpectedConditions.textMatches(
            By.id("state"), java.util.regex.Pattern.compile("[0-9]+ sessions at US-SF-01 .*")));
    given()
        .auth()
        .oauth2((String) answer.get("after"))
        .when()
        .get(platform.gatewayUrl() + "/api/sessions/visits/" + dosedSession + "/dose-timeline")
        .then()
        .statusCode(200);
  }

  @Test
  @Order(7)
  void aCoordinatorOfAnotherSiteCannotOpenTheMonitor() {
    // Another person at another browser: no token, no Keycloak session.
    browser.quit();
    browser = newBrowser();
    until = new WebDriverWait(browser, PATIENCE);
    open(monitorPath(participant));
    logIn("coordinator.bos");
    assertThat(visible(By.id("denied")).getText())
        .contains("You cannot open this session's monitor");
    assertThat(browser.findElements(By.cssSelector("#charts figure"))).isEmpty();
    assertThat(browser.findElement(By.id("reading-count")).getText()).isEqualTo("0");
    screenshot("09-monitor-other-site-refused");
    // Their schedule page offers their own site only, and San Francisco's list is refused.
    open("/site/schedule.html?site=" + Scenario.SF);
    var sites =
        new Select(visible(By.id("site"))).getOptions().stream().map(WebElement::getText).toList();
    assertThat(sites).containsExactly(Scenario.BOS);
    Scenario.as(platform, "coordinator.bos")
        .queryParam("from", dosedTargetDate)
        .queryParam("to", dosedTargetDate)
        .when()
        .get("/api/sessions/sites/" + Scenario.SF + "/visits")
        .then()
        .statusCode(404);
    // The stream is refused before it starts, like the snapshot.
    Scenario.as(platform, "therapist.bos1")
        .accept("text/event-stream")
        .queryParam("participantCode", participant)
        .queryParam("sessionId", "S-" + participant)
        .when()
        .get("/api/safety/monitor/stream")
        .then()
        .statusCode(404)
        .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
  }

  @Test
  @Order(8)
  void theRegulatorFiltersPagesVerifiesAndExportsTheAuditTrail() {
    browser.quit();
    browser = newBrowser();
    until = new WebDriverWait(browser, PATIENCE);
    open("/site/audit.html");
    logIn("regulator.fda");
    visible(By.id("filters"));
    visible(By.id("trialId")).sendKeys(trialId);
    var limit = browser.findElement(By.id("limit"));
    limit.clear();
    limit.sendKeys("5");
    browser.findElement(By.id("reason")).sendKeys("Browser test of the audit pages");
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    until.until(ExpectedConditions.textToBe(By.id("state"), "5 entries on this page."));
    var firstPage =
        browser.findElements(By.cssSelector("#entries tr.entry")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(firstPage).hasSize(5);
    screenshot("10-audit-first-page");

    // The next page: other entries, none repeated.
    browser.findElement(By.id("next")).click();
    until.until(ExpectedConditions.textToBe(By.id("page"), "Page 2"));
    var secondPage =
        browser.findElements(By.cssSelector("#entries tr.entry")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(secondPage).isNotEmpty().doesNotContainAnyElementsOf(firstPage);

    browser.findElement(By.id("verify")).click();
    assertThat(visible(By.id("verdict")).getText()).startsWith("INTACT");
    assertThat(
            browser.findElements(By.cssSelector("#verification li")).stream()
                .map(WebElement::getText)
                .toList())
        .hasSize(4)
        .allMatch(line -> line.contains(": INTACT"));

    var csv = browser.findElement(By.id("export-csv"));
    assertThat(csv.getAttribute("href"))
        .contains("/api/audit/export?")
        .contains("trialId=" + trialId)
        .contains("format=csv");
    csv.click();
    until.until(
        ExpectedConditions.textMatches(
            By.id("export-state"),
            java.util.regex.Pattern.compile("Exported audit\\.csv \\([0-9]+ bytes\\)\\.")));
    screenshot("11-audit-verified");

    // A therapist is not a regulator: the page says so and shows nothing.
    browser.quit();
    browser = newBrowser();
    until = new WebDriverWait(browser, PATIENCE);
    open("/site/audit.html");
    logIn("therapist.sf1");
    until.until(
        ExpectedConditions.textToBe(By.id("state"), "Only a regulator may read the audit trail."));
    assertThat(browser.findElements(By.cssSelector("#entries tr.entry"))).isEmpty();
    screenshot("12-audit-refused");
  }
}
