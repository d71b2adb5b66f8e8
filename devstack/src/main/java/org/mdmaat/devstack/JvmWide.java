package org.mdmaat.devstack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Keeps each shared server single per JVM. Quarkus tests load this library again in each
 * application class loader, and a static field per copy would start a server per copy (and a test's
 * {@code KafkaBroker.shared().restart()} would restart a broker the application does not use). The
 * copy loaded by the system class loader therefore owns the shared servers; other copies hold a
 * reference to the owner's instance and call it reflectively, passing only JDK types.
 */
final class JvmWide {
  private JvmWide() {}

  /**
   * The owner's {@code type.shared()}, or null when this copy of {@code type} is the owner (or the
   * system class loader cannot see devstack, as in a custom launcher).
   */
  static Object ownersShared(Class<?> type) {
    var system = ClassLoader.getSystemClassLoader();
    if (type.getClassLoader() == system) {
      return null;
    }
    Class<?> owner;
    try {
      owner = Class.forName(type.getName(), true, system);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    return owner == type ? null : invoke(owner, null, "shared");
  }

  /** Calls {@code target.name(args)} on the owner's instance. */
  static Object call(Object target, String name, Object... args) {
    return invoke(target.getClass(), target, name, args);
  }

  private static Object invoke(Class<?> type, Object target, String name, Object... args) {
    for (Method method : type.getMethods()) {
      if (method.getName().equals(name)
          && method.getParameterCount() == args.length
          && Modifier.isStatic(method.getModifiers()) == (target == null)) {
        // The owner's code must see its own Kafka client classes, not the caller's copies.
        var thread = Thread.currentThread();
        var callerLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(type.getClassLoader());
        try {
          return method.invoke(target, args);
        } catch (InvocationTargetException e) {
          var cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        } finally {
          thread.setContextClassLoader(callerLoader);
        }
      }
    }
    throw new IllegalStateException("No method " + type.getName() + "." + name + "/" + args.length);
  }
}
