package dev.anonbroker.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README and the guide point only at things that exist: every relative link target (and the heading its
 * {@code #anchor} names, in Markdown files), and every repository path written in backticks ({@code src/...}, {@code openapi/...}, {@code .ci/...}, {@code pom.xml}). They also never
 * point at the reference documents outside this repository.
 */
class DocumentationPathsTest {

    private static final Path GUIDE = Path.of("src", "main", "docs", "guide");
    private static final Path README = Path.of("README.md");
    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$");
    /** {@code [text](target)} and {@code ![alt](target)}; the target ends at whitespace or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern REPOSITORY_PATH = Pattern.compile("^(?:src/|openapi/|\\.ci/|pom\\.xml)\\S*$");
    private static final List<String> FORBIDDEN = List.of("../shared", "gotrue-contract.md", "broker-contract.md");

    @Test
    void linksPointAtExistingFilesAndHeadings() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher matcher = LINK.matcher(withoutFences(Files.readString(doc)));
            while (matcher.find()) {
                String target = matcher.group(1);
                if (isExternal(target)) {
                    continue;
                }
                String file = target.replaceFirst("#.*$", "");
                Path resolved = file.isEmpty() ? doc.toAbsolutePath()
                        : doc.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(doc + ": (" + target + ")");
                } else if (target.contains("#") && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(target.substring(target.indexOf('#') + 1))) {
                    broken.add(doc + ": (" + target + ") names no heading of " + resolved.getFileName());
                }
            }
        }
        assertTrue(broken.isEmpty(), () -> broken.size() + " broken link(s):\n  " + String.join("\n  ", broken));
    }

    @Test
    void repositoryPathsInBackticksExist() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            Matcher matcher = CODE_SPAN.matcher(withoutFences(Files.readString(doc)));
            while (matcher.find()) {
                String path = matcher.group(1).strip();
                if (!REPOSITORY_PATH.matcher(path).matches() || isPattern(path)) {
                    continue;
                }
                checked++;
                if (!Files.exists(Path.of(path.replaceFirst("#.*$", "")))) {
                    missing.add(doc + ": `" + path + "`");
                }
            }
        }
        int seen = checked;
        assertTrue(seen >= 5, () -> "only " + seen + " repository paths found in backticks; did the scan break?");
        assertTrue(missing.isEmpty(), () -> missing.size() + " path(s) that do not exist:\n  " + String.join("\n  ", missing));
    }

    @Test
    void noDocumentPointsAtTheSharedReferenceDocuments() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Path doc : documents()) {
            String text = Files.readString(doc).toLowerCase(Locale.ROOT);
            for (String forbidden : FORBIDDEN) {
                if (text.contains(forbidden)) {
                    offending.add(doc + " mentions " + forbidden);
                }
            }
        }
        assertTrue(offending.isEmpty(), () -> String.join("\n", offending));
    }

    private static List<Path> documents() throws IOException {
        assertTrue(Files.isRegularFile(README), "README.md is missing");
        assertTrue(Files.isDirectory(GUIDE), () -> GUIDE + " is missing");
        List<Path> docs = new ArrayList<>(List.of(README));
        try (Stream<Path> pages = Files.list(GUIDE)) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        assertTrue(docs.size() > 5, () -> "expected the README and several guide pages, found " + docs);
        return docs;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped except {@code -} and {@code _}, spaces as dashes. */
    private static List<String> anchors(Path markdown) throws IOException {
        List<String> anchors = new ArrayList<>();
        Matcher heading = HEADING.matcher(withoutFences(Files.readString(markdown)));
        while (heading.find()) {
            anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    /** Code blocks hold commands and source (JavaScript template strings use backticks), not references. */
    private static String withoutFences(String markdown) {
        return FENCE.matcher(markdown).replaceAll("");
    }

    private static boolean isExternal(String target) {
        return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    /** {@code src/examples/<kit>/README.md}, {@code src/test/**}: a pattern, not one path. */
    private static boolean isPattern(String path) {
        return path.contains("<") || path.contains("*") || path.contains("{") || path.contains("$");
    }
}
