package org.trackflow.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A module's README as its map: the packages under its sources, and those its table has a row for. */
public final class ModuleReadme {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)` \\|", Pattern.MULTILINE);

    private ModuleReadme() {}

    /** The packages directly under {@code sources}, sorted. */
    public static List<String> packages(Path sources) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(sources)) {
            dirs.filter(Files::isDirectory).forEach(d -> out.add(d.getFileName().toString()));
        }
        return new ArrayList<>(out);
    }

    /** The packages the README's table has a row for ({@code | `name` |}), sorted. */
    public static List<String> rows(Path readme) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = ROW.matcher(Files.readString(readme));
        while (m.find()) {
            out.add(m.group(1));
        }
        return new ArrayList<>(out);
    }
}
