package dev.anonbroker.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every setting the main code reads is documented in {@code src/main/docs/guide/configuration.md}.
 *
 * <p>The configuration records are found by scanning the compiled main classes for {@code @ConfigurationProperties}
 * and {@code @EachProperty}, not from a list, because classes move between packages. A property name is the prefix
 * (prefixes of enclosing configuration classes first) plus the record component, or interface getter, in kebab case;
 * {@code @EachProperty} adds {@code <id>}, e.g. {@code broker.backend-clients.<id>.secret}. Names read one by one,
 * with {@code @Property(name = "...")} or {@code getProperty("...")}, are taken from the main sources.
 */
class ConfigurationGuideTest {

    private static final Path MAIN_CLASSES = Path.of("target", "classes");
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    private static final Path GUIDE = Path.of("src", "main", "docs", "guide", "configuration.md");
    private static final String ROOT_PACKAGE = "dev/anonbroker";
    private static final String CONFIGURATION_PROPERTIES = "io.micronaut.context.annotation.ConfigurationProperties";
    private static final String EACH_PROPERTY = "io.micronaut.context.annotation.EachProperty";
    private static final String PARAMETER = "io.micronaut.context.annotation.Parameter";
    private static final Pattern SINGLE_PROPERTY = Pattern.compile(
            "(?:@Property\\(\\s*name\\s*=\\s*|getProperty\\(\\s*)\"([a-z][a-z0-9.-]*)\"");
    /** Fewer than this means the scan broke, not that the broker lost its settings. */
    private static final int AT_LEAST_RECORD_PROPERTIES = 30;
    private static final int AT_LEAST_CONFIGURATION_CLASSES = 5;

    private static String guide;

    @BeforeAll
    static void readGuide() throws IOException {
        assertTrue(Files.isRegularFile(GUIDE), () -> GUIDE + " is missing");
        guide = Files.readString(GUIDE);
    }

    @Test
    void everyConfigurationRecordPropertyIsDocumented() throws Exception {
        List<Class<?>> configurations = configurationClasses();
        Set<String> properties = new TreeSet<>();
        for (Class<?> type : configurations) {
            properties.addAll(propertiesOf(type));
        }

        assertTrue(configurations.size() >= AT_LEAST_CONFIGURATION_CLASSES,
                () -> "found only " + configurations + " in " + MAIN_CLASSES + "; did the scan break?");
        assertTrue(properties.size() >= AT_LEAST_RECORD_PROPERTIES,
                () -> "found only " + properties.size() + " properties: " + properties);
        assertDocumented(properties);
    }

    @Test
    void everySinglePropertyReadInMainCodeIsDocumented() throws IOException {
        Set<String> properties = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = SINGLE_PROPERTY.matcher(Files.readString(file));
                while (matcher.find()) {
                    properties.add(matcher.group(1));
                }
            }
        }

        assertTrue(properties.size() >= 3, () -> "found only " + properties + " in " + MAIN_SOURCES);
        assertDocumented(properties);
    }

    @Test
    void kebabCaseFollowsMicronaut() {
        assertEquals("jwks-cache-max-age", kebab("jwksCacheMaxAge"));
        assertEquals("token-ttl", kebab("tokenTtl"));
        assertEquals("issuer", kebab("issuer"));
    }

    private static void assertDocumented(Set<String> properties) {
        List<String> missing = properties.stream().filter(p -> !guide.contains("`" + p + "`")).toList();
        assertTrue(missing.isEmpty(), () -> GUIDE + " does not mention (in backticks) " + missing.size()
                + " setting(s): " + String.join(", ", missing));
    }

    private static List<Class<?>> configurationClasses() throws IOException, ClassNotFoundException {
        Path root = MAIN_CLASSES.resolve(ROOT_PACKAGE);
        assertTrue(Files.isDirectory(root), () -> root + " is missing: compile the main classes first");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(ConfigurationGuideTest::isOwnClass).toList()) {
                String name = MAIN_CLASSES.relativize(file).toString().replace('\\', '/')
                        .replaceAll("\\.class$", "").replace('/', '.');
                Class<?> type = Class.forName(name, false, ConfigurationGuideTest.class.getClassLoader());
                if (annotation(type, CONFIGURATION_PROPERTIES) != null || annotation(type, EACH_PROPERTY) != null) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    /** Classes of our sources; Micronaut's generated ones ({@code $Foo$Definition} and the like) start with a dollar. */
    private static boolean isOwnClass(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".class") && !name.startsWith("$") && !name.equals("package-info.class");
    }

    private static List<String> propertiesOf(Class<?> type) throws Exception {
        String prefix = prefixOf(type);
        List<String> names = type.isRecord() ? recordProperties(type) : getterProperties(type);
        return names.stream().map(name -> prefix + "." + name).toList();
    }

    /** The full prefix: enclosing configuration classes' prefixes first; {@code @EachProperty} adds {@code <id>}. */
    private static String prefixOf(Class<?> type) throws Exception {
        List<String> parts = new ArrayList<>();
        for (Class<?> at = type; at != null; at = at.getEnclosingClass()) {
            Annotation each = annotation(at, EACH_PROPERTY);
            Annotation plain = annotation(at, CONFIGURATION_PROPERTIES);
            if (each != null) {
                parts.add(0, value(each) + ".<id>");
            } else if (plain != null) {
                parts.add(0, value(plain));
            }
        }
        return String.join(".", parts);
    }

    private static List<String> recordProperties(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Parameter[] parameters;
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            parameters = canonical.getParameters();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            // @Parameter marks the @EachProperty id, which comes from the property name, not from a property
            if (annotation(components[i], PARAMETER) == null && annotation(parameters[i], PARAMETER) == null) {
                names.add(kebab(components[i].getName()));
            }
        }
        return names;
    }

    /** Configuration interfaces (and classes): every abstract no-argument getter is a property. */
    private static List<String> getterProperties(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isAbstract(method.getModifiers()) && method.getParameterCount() == 0) {
                String name = method.getName().replaceFirst("^(get|is)(?=[A-Z])", "");
                names.add(kebab(Character.toLowerCase(name.charAt(0)) + name.substring(1)));
            }
        }
        return names;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Annotation annotation(java.lang.reflect.AnnotatedElement element, String annotationName) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                return annotation;
            }
        }
        return null;
    }

    private static String value(Annotation annotation) throws Exception {
        return (String) annotation.annotationType().getMethod("value").invoke(annotation);
    }
}
