package dev.journey.cli;

import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into an orderly stop: the JVM's own handling would run the shutdown
 * hooks and exit with 143 (or 130), whatever the drain achieved. With these handlers the command
 * stops, prints its report and returns its own exit code. The JDK's {@code sun.misc.Signal}
 * (module {@code jdk.unsupported}) is reached by reflection, so that the build needs no
 * proprietary-API warning; where it is unavailable the shutdown hook still stops the service
 * (with the JVM's exit code).
 */
final class Shutdown {
  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

  private Shutdown() {}

  /** Runs {@code stop} (on the JVM's signal thread) on SIGTERM and on SIGINT. */
  static void onSignals(Runnable stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        Object proxy = Proxy.newProxyInstance(
            Shutdown.class.getClassLoader(), new Class<?>[] {handler},
            (self, method, args) -> {
              if (method.getName().equals("handle")) {
                LOG.info("SIG{} received: stopping", name);
                stop.run();
                return null;
              }
              return switch (method.getName()) {
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                default -> "journey-serve SIG" + name + " handler";
              };
            });
        signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        LOG.warn("cannot handle SIG{} ({}); the shutdown hook stops the service instead", name, e.toString());
      }
    }
  }
}
