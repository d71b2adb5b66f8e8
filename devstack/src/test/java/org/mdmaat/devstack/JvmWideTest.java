package org.mdmaat.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class JvmWideTest {
  @Test
  void aCopyOfDevstackInAnotherClassLoaderUsesTheSameSharedServer() throws Exception {
    var postgres = PostgresServer.shared();
    var classes = PostgresServer.class.getProtectionDomain().getCodeSource().getLocation();

    try (var application = new ChildFirstLoader(classes, getClass().getClassLoader())) {
      var copy = application.loadClass(PostgresServer.class.getName());
      assertThat(copy).isNotSameAs(PostgresServer.class);

      var view = copy.getMethod("shared").invoke(null);
      assertThat(copy.getMethod("port").invoke(view)).isEqualTo(postgres.port());
      assertThat(copy.getMethod("jdbcUrl", String.class).invoke(view, "copy_db"))
          .isEqualTo(postgres.jdbcUrl("copy_db"));
    }
  }

  /** Loads devstack's classes itself, as a Quarkus application class loader does. */
  private static final class ChildFirstLoader extends URLClassLoader {
    ChildFirstLoader(URL classes, ClassLoader parent) {
      super(new URL[] {classes}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("org.mdmaat.devstack.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        var loaded = findLoadedClass(name);
        if (loaded == null) {
          try {
            loaded = findClass(name);
          } catch (ClassNotFoundException e) {
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }
}
