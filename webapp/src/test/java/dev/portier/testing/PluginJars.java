package dev.portier.testing;

import dev.portier.plugin.api.LockDriverFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.pf4j.ExtensionPoint;

/**
 * Builds real PF4J plugin jars at test time: compiles Java sources against plugin-api and PF4J (never
 * onto the test class path), writes the manifest and {@code META-INF/extensions.idx}, and jars them.
 */
public final class PluginJars {

    private final String id;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private String version = "1.0.0";
    private String requires = ">=2.0.0 & <3.0.0";
    private String pluginClass;
    private String provider = "Portier tests";

    private PluginJars(String id) {
        this.id = id;
    }

    public static PluginJars plugin(String id) {
        return new PluginJars(id);
    }

    public PluginJars version(String value) {
        version = value;
        return this;
    }

    public PluginJars requires(String range) {
        requires = range;
        return this;
    }

    /** The {@code Plugin-Class}, written with its source. */
    public PluginJars pluginClass(String className, String source) {
        pluginClass = className;
        return source(className, source);
    }

    /** An {@code @Extension} class, listed in extensions.idx. */
    public PluginJars extension(String className, String source) {
        extensions.add(className);
        return source(className, source);
    }

    public PluginJars source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Compiles and writes {@code <dir>/<id>.jar}. */
    public Path writeTo(Path dir) throws IOException {
        Path classes = Files.createTempDirectory("plugin-classes-" + id);
        compile(classes);
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        main.putValue("Plugin-Requires", requires);
        main.putValue("Plugin-Provider", provider);
        if (pluginClass != null) {
            main.putValue("Plugin-Class", pluginClass);
        }
        Files.createDirectories(dir);
        Path jar = dir.resolve(id + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            out.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(file));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    /** A file that ends in .jar but is no jar at all. */
    public static Path garbage(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("this is not a zip file".getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private void compile(Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SourceText(name, code)));
        String classPath = String.join(java.io.File.pathSeparator, location(LockDriverFactory.class),
                location(ExtensionPoint.class), location(org.slf4j.Logger.class));
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-classpath", classPath, "-d", classes.toString(), "--release", "21", "-proc:none"), null, units).call();
        if (!ok) {
            throw new IOException("The test plugin " + id + " does not compile:\n" + diagnostics);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class SourceText extends SimpleJavaFileObject {
        private final String code;

        SourceText(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
