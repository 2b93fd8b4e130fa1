package org.trackflow.udfs.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module's README is its map: every package of the module has a row in its table, and no row names a package that is gone. */
class ModuleReadmeTest {
    private static final Path SOURCES = Path.of("src/main/java/org/trackflow/udfs");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)` \\|", Pattern.MULTILINE);

    @Test
    void everyPackageHasARowInTheReadme() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                packages.add(dir.getFileName().toString());
            }
        }
        Set<String> rows = new TreeSet<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            rows.add(row.group(1));
        }
        assertEquals(List.copyOf(packages), List.copyOf(rows), "packages under " + SOURCES + " against the rows of README.md");
    }
}
