package dev.journey.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.testkit.fake.FakeHubSpot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code journey serve --simulate N}: signs (v3, with the service's app secret) and posts HubSpot
 * webhook batches to the service's own endpoint, as HubSpot would. Each simulated contact is
 * created in the fake HubSpot, then sends two events: {@code contact.creation} and a change of
 * {@value #PROPERTY} (mapped to {@value #SIGNAL_TYPE}), so that the journey decides and the relay
 * writes back to the fake CRM. Thread-safe.
 */
final class Simulator implements AutoCloseable {
  /** The contact property whose change the simulation sends. */
  static final String PROPERTY = "journey_simulated_demo_request";
  /** The signal type the simulated property change maps to. */
  static final String SIGNAL_TYPE = "DEMO_REQUESTED";
  /** Batches per second when running on its own. */
  static final int BATCHES_PER_SECOND = 10;
  /** The first simulated contact id. */
  static final long FIRST_CONTACT = 7_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

  private final FakeHubSpot fake;
  private final URI target;
  private final String secret;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private ScheduledExecutorService thread;

  Simulator(FakeHubSpot fake, URI target, String secret, Clock clock) {
    this.fake = fake;
    this.target = target;
    this.secret = secret;
    this.clock = clock;
  }

  /**
   * Sends one signed batch of {@code events} events and returns the status the endpoint answered.
   *
   * @throws IOException when the endpoint cannot be reached
   */
  int sendBatch(int events) throws IOException, InterruptedException {
    List<Map<String, Object>> batch = new ArrayList<>(events);
    long first = next.getAndAdd(events);
    for (long i = first; i < first + events; i++) {
      long contact = FIRST_CONTACT + i / 2;
      if (i % 2 == 0) {
        fake.addContact(Long.toString(contact));
        batch.add(FakeHubSpot.creationEvent("contact", i + 1, contact, clock.instant()));
      } else {
        batch.add(FakeHubSpot.propertyChangeEvent("contact", i + 1, contact, clock.instant(), PROPERTY, "true"));
      }
    }
    byte[] body = json.writeValueAsBytes(batch);
    String timestamp = Long.toString(clock.millis());
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-HubSpot-Signature-v3", FakeHubSpot.signV3(secret, "POST", target.toString(), body, timestamp))
            .header("X-HubSpot-Request-Timestamp", timestamp)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status >= 200 && status < 300) {
      acknowledged.addAndGet(events);
    } else {
      refused.addAndGet(events);
    }
    return status;
  }

  /**
   * Sends {@code perSecond} events a second (in {@value #BATCHES_PER_SECOND} batches, real time)
   * on a daemon thread, at most {@code maxEvents} (0: until closed); calls {@code finished} with a
   * summary once the last was sent.
   */
  void start(int perSecond, long maxEvents, Consumer<String> finished) {
    int perBatch = Math.max(1, perSecond / BATCHES_PER_SECOND);
    long periodMillis = perSecond >= BATCHES_PER_SECOND ? 1000 / BATCHES_PER_SECOND : 1000L / perSecond;
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "journey-simulate");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleAtFixedRate(() -> {
      long left = maxEvents == 0 ? perBatch : Math.min(perBatch, maxEvents - next.get());
      if (left <= 0) {
        return;
      }
      try {
        int status = sendBatch((int) left);
        if (status >= 300) {
          LOG.info("simulated batch answered {}", status);
        }
      } catch (IOException e) {
        LOG.warn("simulated batch not delivered: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (maxEvents > 0 && next.get() >= maxEvents) {
        finished.accept(String.format(
            java.util.Locale.ROOT, "simulation finished: %d events sent, %d acknowledged, %d refused",
            next.get(), acknowledged.get(), refused.get()));
        thread.shutdown();
      }
    }, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  long sent() {
    return next.get();
  }

  long acknowledged() {
    return acknowledged.get();
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.shutdownNow();
      try {
        thread.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
