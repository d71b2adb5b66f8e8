package org.mdmaat.gateway.access;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * The services' HTTP endpoints and who they let in, read from their source files (parsed by the
 * JDK's own compiler, not compiled), so the gateway's tests can hold its route policy against the
 * services' {@code @RolesAllowed} without depending on the services. Anything it cannot read (a
 * role that is not a string constant, a sub-resource locator) fails the reading rather than being
 * skipped.
 */
final class ServiceEndpoints {

  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

  /** Who a service lets in: roles, anyone ({@code @PermitAll}), or nobody (no annotation). */
  sealed interface Who {
    record Roles(Set<String> roles) implements Who {}

    record Anyone() implements Who {}

    /** No annotation: the services deny unannotated endpoints. */
    record Nobody() implements Who {}
  }

  /** One HTTP endpoint, its path relative to the service's REST root, e.g. {@code /trials/{id}}. */
  record Endpoint(String source, String method, String path, Who who) {
    @Override
    public String toString() {
      return method + " " + path + " (" + source + ")";
    }
  }

  /** One gRPC service class and the roles named by its methods. */
  record Grpc(String source, Set<String> roles) {}

  private final List<Endpoint> endpoints = new ArrayList<>();
  private final List<Grpc> grpc = new ArrayList<>();
  private final Map<String, String> constants = new HashMap<>();

  private ServiceEndpoints() {}

  /** Reads every {@code .java} file under these source roots. */
  static ServiceEndpoints read(List<Path> sourceRoots) {
    var files = new ArrayList<Path>();
    for (var root : sourceRoots) {
      if (!Files.isDirectory(root)) {
        throw new IllegalStateException("no source root " + root.toAbsolutePath().normalize());
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    var units = parse(files);
    var read = new ServiceEndpoints();
    // Constants first (Roles, CallingService), then the annotations that name them.
    units.forEach(read::collectConstants);
    units.forEach(read::collectEndpoints);
    return read;
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }

  List<Grpc> grpc() {
    return grpc;
  }

  private static List<CompilationUnitTree> parse(List<Path> files) {
    var compiler = ToolProvider.getSystemJavaCompiler();
    try (var fm = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      var objects = fm.getJavaFileObjectsFromPaths(files);
      var task = (JavacTask) compiler.getTask(null, fm, null, List.of("-proc:none"), null, objects);
      var units = new ArrayList<CompilationUnitTree>();
      task.parse().forEach(units::add);
      return units;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void collectConstants(CompilationUnitTree unit) {
    for (var type : unit.getTypeDecls()) {
      if (type instanceof ClassTree cls) {
        for (var member : cls.getMembers()) {
          if (member instanceof VariableTree field
              && field.getInitializer() instanceof LiteralTree literal
              && literal.getValue() instanceof String value) {
            constants.put(cls.getSimpleName() + "." + field.getName(), value);
          }
        }
      }
    }
  }

  private void collectEndpoints(CompilationUnitTree unit) {
    for (var type : unit.getTypeDecls()) {
      if (!(type instanceof ClassTree cls)) {
        continue;
      }
      var source = unit.getSourceFile().getName();
      var classPath = annotation(cls.getModifiers(), "Path").map(this::single);
      var classWho = who(cls.getModifiers());
      boolean isGrpc = annotation(cls.getModifiers(), "GrpcService").isPresent();
      var grpcRoles = new LinkedHashSet<String>();
      classWho.filter(w -> w instanceof Who.Roles).ifPresent(w -> grpcRoles.addAll(roles(w)));
      for (var member : cls.getMembers()) {
        if (!(member instanceof MethodTree method)) {
          continue;
        }
        var mods = method.getModifiers();
        var httpMethod =
            mods.getAnnotations().stream()
                .map(ServiceEndpoints::name)
                .filter(HTTP_METHODS::contains)
                .findFirst();
        var methodPath = annotation(mods, "Path").map(this::single);
        var methodWho = who(mods);
        if (isGrpc) {
          methodWho.ifPresent(w -> grpcRoles.addAll(roles(w)));
          continue;
        }
        if (httpMethod.isEmpty()) {
          if (methodPath.isPresent()) {
            throw new IllegalStateException(
                "sub-resource locator " + method.getName() + " in " + source + " is not read");
          }
          continue;
        }
        if (classPath.isEmpty()) {
          throw new IllegalStateException("an HTTP method outside a @Path class in " + source);
        }
        var who = methodWho.or(() -> classWho).orElse(new Who.Nobody());
        endpoints.add(
            new Endpoint(
                source, httpMethod.get(), join(classPath.get(), methodPath.orElse("")), who));
      }
      if (isGrpc) {
        grpc.add(new Grpc(source, grpcRoles));
      }
    }
  }

  private static Set<String> roles(Who who) {
    return who instanceof Who.Roles r ? r.roles() : Set.of();
  }

  private Optional<Who> who(ModifiersTree mods) {
    if (annotation(mods, "PermitAll").isPresent()) {
      return Optional.of(new Who.Anyone());
    }
    if (annotation(mods, "DenyAll").isPresent()) {
      return Optional.of(new Who.Nobody());
    }
    return annotation(mods, "RolesAllowed").map(a -> new Who.Roles(Set.copyOf(values(a))));
  }

  private static Optional<AnnotationTree> annotation(ModifiersTree mods, String simpleName) {
    for (AnnotationTree a : mods.getAnnotations()) {
      if (name(a).equals(simpleName)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private static String name(AnnotationTree annotation) {
    var type = annotation.getAnnotationType().toString();
    return type.substring(type.lastIndexOf('.') + 1);
  }

  private String single(AnnotationTree annotation) {
    var values = values(annotation);
    if (values.size() != 1) {
      throw new IllegalStateException("expected one value in " + annotation);
    }
    return values.get(0);
  }

  /** The annotation's {@code value}, each element resolved to its string. */
  private List<String> values(AnnotationTree annotation) {
    var out = new ArrayList<String>();
    for (var argument : annotation.getArguments()) {
      ExpressionTree value = argument;
      if (argument instanceof AssignmentTree assignment) {
        if (!assignment.getVariable().toString().equals("value")) {
          continue;
        }
        value = assignment.getExpression();
      }
      if (value instanceof NewArrayTree array) {
        array.getInitializers().forEach(e -> out.add(resolve(e)));
      } else {
        out.add(resolve(value));
      }
    }
    return out;
  }

  private String resolve(Tree expression) {
    if (expression instanceof LiteralTree literal && literal.getValue() instanceof String s) {
      return s;
    }
    String key = null;
    if (expression instanceof MemberSelectTree select) {
      var owner = select.getExpression().toString();
      key = owner.substring(owner.lastIndexOf('.') + 1) + "." + select.getIdentifier();
    } else if (expression instanceof IdentifierTree id) {
      // A statically imported constant: unique by name among the constants read.
      var matches =
          constants.keySet().stream().filter(k -> k.endsWith("." + id.getName())).toList();
      key = matches.size() == 1 ? matches.get(0) : null;
    }
    var value = key == null ? null : constants.get(key);
    if (value == null) {
      throw new IllegalStateException("cannot read the constant " + expression);
    }
    return value;
  }

  private static String join(String classPath, String methodPath) {
    var path = "/" + classPath + "/" + methodPath;
    path = path.replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
