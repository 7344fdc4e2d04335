package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.spi.JourneyStore;
import dev.journey.kafka.internal.CommitSink;
import dev.journey.kafka.internal.StateStoreJourneyStore;
import dev.journey.testkit.store.DeploymentStoreContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The testkit's deployment contract on {@link KafkaDeploymentStore}, over topologies on {@link
 * TopologyTestDriver}s: one driver plays the instance that owns the deployment-requests partition
 * (its request processor checks revisions); each store instance of the contract is another
 * instance whose global deployments table is fed with every record the first one wrote to the
 * deployments topic (a restarted instance gets the whole topic again, as Kafka Streams restores a
 * global store by reprocessing its topic). The snapshots are a Kafka Streams store over in-memory
 * key-value stores that outlive a restart, as a changelog restores them.
 *
 * <p>Everything applies, concurrent compare-and-set across writers included (serialized by the
 * request processor), except {@link DeploymentStore#pinnedCounts}, which the Kafka store does not
 * offer: the pinning scenario decides every subject with its pinned version across the restart,
 * and stops only at the count.
 */
final class DeploymentStoreContractTest {
  static final String LAUNCHED_HERE = StoreContractTest.LAUNCHED_HERE;

  /** The contract, for the launcher; surefire excludes its tag. */
  @Tag(LAUNCHED_HERE)
  static final class KafkaDeploymentContract extends DeploymentStoreContract {
    private Cluster cluster;
    private final Map<JourneyStore, Instance> instances = new IdentityHashMap<>();

    @Override
    protected JourneyStore newStore() {
      cluster = new Cluster();
      return instance(snapshotStores());
    }

    @Override
    protected JourneyStore reopen(JourneyStore store, boolean closeFirst) {
      Instance previous = instances.get(store);
      if (closeFirst) {
        cluster.close(instances.remove(store)); // the instance stops; the cluster runs on
      }
      return instance(previous.stores());
    }

    @Override
    protected void release(JourneyStore used) {
      Instance i = instances.remove(used);
      if (i != null) {
        cluster.close(i);
      }
      if (instances.isEmpty() && cluster != null) {
        cluster.close();
      }
    }

    private JourneyStore instance(Map<String, KeyValueStore<String, byte[]>> stores) {
      Instance i = cluster.join(stores);
      JourneyStore journeys = new StateStoreJourneyStore(stores, CommitSink.none(), Duration.ofDays(7));
      JourneyStore both = (JourneyStore) Proxy.newProxyInstance(
          getClass().getClassLoader(), new Class<?>[] {JourneyStore.class, DeploymentStore.class},
          (proxy, method, args) -> {
            Object target = method.getDeclaringClass() == DeploymentStore.class ? i.deployments : journeys;
            if (method.getDeclaringClass() == Object.class) {
              return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "KafkaDeploymentContractStore";
              };
            }
            try {
              return method.invoke(target, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      instances.put(both, i);
      return both;
    }

    private static Map<String, KeyValueStore<String, byte[]>> snapshotStores() {
      return InMemoryStateStores.all();
    }
  }

  /** One instance: its driver (for its global table), its snapshot stores and its store. */
  record Instance(
      TopologyTestDriver driver, Path stateDir, Map<String, KeyValueStore<String, byte[]>> stores,
      KafkaDeploymentStore deployments) {}

  /** The request-partition owner, the deployments topic as written, and the live instances. */
  static final class Cluster implements AutoCloseable {
    private final Path ownerDir = TempDirs.create("journey-deploy-owner");
    private final TopologyTestDriver owner = driver(ownerDir);
    private final TestOutputTopic<String, String> written = owner.createOutputTopic(
        JourneyTopology.DEFAULT_DEPLOYMENTS_TOPIC, Serdes.String().deserializer(), Serdes.String().deserializer());
    private final List<KeyValue<String, String>> topic = new ArrayList<>();
    private final List<Instance> live = new ArrayList<>();
    private final PipingProducer producer = new PipingProducer(this, owner, this::distribute);

    private static TopologyTestDriver driver(Path stateDir) {
      Properties props = JourneyTopology.streamsConfig("journey-deploy-contract", "127.0.0.1:1");
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      return new TopologyTestDriver(
          JourneyTopology.builder(TestJourneys.definition()).inMemoryStores(true).deployments(v -> {}).build().topology(),
          props, Instant.parse("2026-03-02T09:00:00Z"));
    }

    /** Hands what the owner wrote to the deployments topic to every other live instance. */
    private void distribute() {
      for (KeyValue<String, String> record : written.readKeyValuesToList()) {
        topic.add(record);
        for (Instance i : live) {
          pipe(i.driver(), record);
        }
      }
    }

    private static void pipe(TopologyTestDriver driver, KeyValue<String, String> record) {
      driver.createInputTopic(JourneyTopology.DEFAULT_DEPLOYMENTS_TOPIC, Serdes.String().serializer(),
          Serdes.String().serializer()).pipeInput(record.key, record.value);
    }

    synchronized Instance join(Map<String, KeyValueStore<String, byte[]>> stores) {
      Path dir = TempDirs.create("journey-deploy-instance");
      TopologyTestDriver driver = driver(dir);
      topic.forEach(record -> pipe(driver, record)); // a global table restores from its topic
      KeyValueStore<String, String> table = driver.getKeyValueStore(JourneyTopology.DEPLOYMENTS_STORE);
      KafkaDeploymentStore deployments = KafkaDeploymentStore.builder(() -> new Locked(this, table))
          .writer(producer, JourneyTopology.DEFAULT_DEPLOYMENT_REQUESTS_TOPIC)
          .build();
      Instance i = new Instance(driver, dir, stores, deployments);
      live.add(i);
      return i;
    }

    synchronized void close(Instance i) {
      if (live.remove(i)) {
        i.driver().close();
        TempDirs.delete(i.stateDir());
      }
    }

    @Override
    public synchronized void close() {
      new ArrayList<>(live).forEach(this::close);
      owner.close();
      TempDirs.delete(ownerDir);
    }
  }

  /** A table read under the cluster's lock (a driver is not thread-safe). */
  private record Locked(Object lock, ReadOnlyKeyValueStore<String, String> table)
      implements ReadOnlyKeyValueStore<String, String> {
    @Override
    public String get(String key) {
      synchronized (lock) {
        return table.get(key);
      }
    }

    @Override
    public KeyValueIterator<String, String> range(String from, String to) {
      synchronized (lock) {
        return copy(table.range(from, to));
      }
    }

    @Override
    public KeyValueIterator<String, String> all() {
      synchronized (lock) {
        return copy(table.all());
      }
    }

    @Override
    public long approximateNumEntries() {
      synchronized (lock) {
        return table.approximateNumEntries();
      }
    }

    private static KeyValueIterator<String, String> copy(KeyValueIterator<String, String> it) {
      List<KeyValue<String, String>> all = new ArrayList<>();
      try (it) {
        it.forEachRemaining(all::add);
      }
      java.util.Iterator<KeyValue<String, String>> list = all.iterator();
      return new KeyValueIterator<>() {
        private int next;

        @Override
        public void close() {}

        @Override
        public String peekNextKey() {
          return all.get(next).key;
        }

        @Override
        public boolean hasNext() {
          return list.hasNext();
        }

        @Override
        public KeyValue<String, String> next() {
          next++;
          return list.next();
        }
      };
    }
  }

  @Test
  void should_pass_the_deployment_contract_except_the_pinned_counts_it_does_not_offer() {
    // given
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(KafkaDeploymentContract.class)).build();
    Launcher launcher = LauncherFactory.create();
    Map<String, Throwable> failed = new TreeMap<>();
    Set<String> passed = new TreeSet<>();
    // when
    launcher.execute(request, new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
          String name = id.getDisplayName().replace("()", "");
          if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            passed.add(name);
          } else {
            failed.put(name, result.getThrowable().orElse(new AssertionError("no cause")));
          }
        }
      }
    });
    // then
    assertThat(passed).containsExactlyInAnyOrder(
        "should_read_a_deployment_back_as_written_with_its_history",
        "should_let_exactly_one_of_concurrent_changes_on_one_revision_win",
        "should_refuse_a_second_first_deployment_and_a_skipped_revision",
        "should_converge_two_engines_on_one_database_within_one_poll_interval");
    assertThat(failed).containsOnlyKeys("should_keep_subjects_pinned_to_their_version_across_a_restart");
    assertThat(failed.values()).allSatisfy(e -> assertThat(e)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageStartingWith("pinned counts are not offered on Kafka"));
  }
}
