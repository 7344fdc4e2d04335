package dev.journey.drools.internal;

import dev.journey.drools.BuildPath;
import java.util.Map;
import java.util.TreeMap;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.rule.DialectRuntimeData;
import org.drools.base.rule.LineMappings;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.kie.api.KieBase;
import org.kie.api.builder.KieBuilder;
import org.kie.api.definition.KiePackage;

/**
 * The classes Drools compiled for a rule set, read back as bytecode: on the classic path from each
 * package's Java dialect store, on the executable model from the built module. Not API.
 */
final class CompiledClasses {
  private CompiledClasses() {}

  /** Internal class name to bytecode, sorted by name. */
  static Map<String, byte[]> of(KieBase kieBase, KieBuilder builder, BuildPath path) {
    Map<String, byte[]> classes = new TreeMap<>();
    if (path == BuildPath.EXECUTABLE_MODEL) {
      InternalKieModule module = (InternalKieModule) builder.getKieModule();
      for (String file : module.getFileNames()) {
        if (file.endsWith(".class")) {
          classes.put(file.substring(0, file.length() - ".class".length()), module.getBytes(file));
        }
      }
    }
    for (KiePackage pkg : kieBase.getKiePackages()) {
      DialectRuntimeData data =
          ((InternalKnowledgePackage) pkg).getDialectRuntimeRegistry().getDialectData("java");
      if (data instanceof JavaDialectRuntimeData java) {
        for (Map.Entry<String, byte[]> e : java.getStore().entrySet()) {
          String name = e.getKey().endsWith(".class")
              ? e.getKey().substring(0, e.getKey().length() - ".class".length()) : e.getKey();
          classes.put(name, e.getValue());
        }
      }
    }
    return classes;
  }

  /** Classic path: rule and function class (dots) to {start line, offset} of its DRL code. */
  static Map<String, int[]> lineMappings(KieBase kieBase) {
    Map<String, int[]> mappings = new TreeMap<>();
    for (KiePackage pkg : kieBase.getKiePackages()) {
      Map<String, LineMappings> all =
          ((InternalKnowledgePackage) pkg).getDialectRuntimeRegistry().getLineMappings();
      for (LineMappings m : all.values()) {
        mappings.put(m.getClassName(), new int[] {m.getStartLine(), m.getOffset()});
      }
    }
    return mappings;
  }
}
