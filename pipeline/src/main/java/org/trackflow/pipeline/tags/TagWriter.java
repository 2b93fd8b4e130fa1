package org.trackflow.pipeline.tags;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.wav.WavOptions;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagField;
import org.jaudiotagger.tag.TagOptionSingleton;
import org.jaudiotagger.tag.aiff.AiffTag;
import org.jaudiotagger.tag.asf.AsfTag;
import org.jaudiotagger.tag.asf.AsfTagTextField;
import org.jaudiotagger.tag.flac.FlacTag;
import org.jaudiotagger.tag.id3.AbstractID3v2Frame;
import org.jaudiotagger.tag.id3.AbstractID3v2Tag;
import org.jaudiotagger.tag.id3.ID3v22Frame;
import org.jaudiotagger.tag.id3.ID3v23Frame;
import org.jaudiotagger.tag.id3.ID3v23Tag;
import org.jaudiotagger.tag.id3.ID3v24Frame;
import org.jaudiotagger.tag.id3.ID3v24Tag;
import org.jaudiotagger.tag.id3.framebody.FrameBodyTXXX;
import org.jaudiotagger.tag.id3.valuepair.TextEncoding;
import org.jaudiotagger.tag.mp4.Mp4Tag;
import org.jaudiotagger.tag.mp4.field.Mp4TagReverseDnsField;
import org.jaudiotagger.tag.vorbiscomment.VorbisCommentTag;
import org.jaudiotagger.tag.wav.WavTag;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.decode.AudioDecodeException;
import org.trackflow.udfs.decode.AudioProbe;

/**
 * Writes a track's {@link TagValues} into its file with jaudiotagger, in each format's conventional fields:
 * ID3v2 (MP3, WAV's {@code id3 } chunk, AIFF) TBPM, TKEY and TXXX:REPLAYGAIN_TRACK_GAIN/PEAK; Vorbis comments
 * (FLAC, Ogg Vorbis) BPM, INITIALKEY and KEY, REPLAYGAIN_TRACK_GAIN/PEAK; MP4 tmpo, the iTunes freeform
 * {@code ----:com.apple.iTunes:initialkey}, {@code replaygain_track_gain/peak}; ASF (WMA) WM/BeatsPerMinute,
 * WM/InitialKey, REPLAYGAIN_TRACK_GAIN/PEAK. Opus, WavPack and APE are not written (jaudiotagger cannot).
 * <p>
 * Safety first: a file that changed since its analysis (size or time), is read-only, or is of another format
 * is skipped with the reason; the tags are written into a copy in the same folder (a hidden name the library
 * scan skips), the copy's audio packets are hashed and must equal the file's ({@link AudioProbe}), and only
 * then is the copy renamed over the file, atomically: a crash at any point leaves the original whole.
 */
public final class TagWriter {
    /** What became of a file. */
    public enum Outcome { WRITTEN, WOULD_WRITE, ALREADY, SKIPPED }

    /** A file's outcome, why when skipped, and each field written (its old and new value). */
    public record Result(String path, Outcome outcome, String reason, Map<String, String[]> changes) {}

    static final Set<String> FORMATS = Set.of("mp3", "flac", "ogg", "oga", "m4a", "mp4", "wav", "aif", "aiff", "wma");
    /** Copies being written carry this in their (hidden) names. */
    static final String COPY_MARK = ".trackflow-tags-";
    private static final Logger QUIET = Logger.getLogger("org.jaudiotagger"); // a strong reference keeps the level

    static {
        QUIET.setLevel(Level.OFF);
        // a WAV's tags go to its id3 chunk: the INFO chunk has no tempo, key or free-form field
        TagOptionSingleton.getInstance().setWavOptions(WavOptions.READ_ID3_ONLY);
    }

    private TagWriter() {}

    /** Writes (or with {@code dryRun} only compares) the values of analysed row {@code row} into {@code file}. */
    public static Result write(Path file, TrackRecord row, boolean dryRun) {
        String path = row.getPath();
        String ext = extension(file);
        if (!Files.isRegularFile(file)) {
            return skipped(path, "the file is gone");
        }
        if (Files.isSymbolicLink(file)) {
            return skipped(path, "a symbolic link: write the file it points to, if that is in the library");
        }
        if (!FORMATS.contains(ext)) {
            return skipped(path, "format ." + ext + " is not written (the tag library writes mp3, flac, ogg vorbis, m4a, wav, aiff, wma)");
        }
        Path copy = null;
        try {
            if (Files.size(file) != row.getSizeBytes() || Files.getLastModifiedTime(file).toMillis() != row.getMtimeMs()) {
                return skipped(path, "changed since its analysis: the next scan analyses it first");
            }
            if (!Files.isWritable(file) || !Files.isWritable(file.toAbsolutePath().getParent())) {
                return skipped(path, "read-only");
            }
            Map<String, String> wanted = TagValues.of(row).named();
            Map<String, String[]> changes = new LinkedHashMap<>();
            Fields current = Fields.of(AudioFileIO.read(file.toFile()));
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                String before = current.get(e.getKey());
                if (!e.getValue().equals(before)) {
                    changes.put(e.getKey(), new String[] {before, e.getValue()});
                }
            }
            if (changes.isEmpty()) {
                return new Result(path, Outcome.ALREADY, null, changes);
            }
            if (dryRun) {
                return new Result(path, Outcome.WOULD_WRITE, null, changes);
            }
            removeLeftovers(file);
            copy = file.resolveSibling("." + file.getFileName() + COPY_MARK + UUID.randomUUID() + "." + ext);
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
            AudioFile af = AudioFileIO.read(copy.toFile());
            Fields fields = Fields.of(af);
            for (Map.Entry<String, String[]> e : changes.entrySet()) {
                fields.set(e.getKey(), e.getValue()[1]);
            }
            af.commit();
            String before = row.getAudioHash() != null ? row.getAudioHash() : AudioProbe.of(file).hash();
            if (!AudioProbe.of(copy).hash().equals(before)) {
                return skipped(path, "writing the tags would have changed the audio packets: the file is left as it was");
            }
            pauseBeforeRename();
            if (Files.size(file) != row.getSizeBytes() || Files.getLastModifiedTime(file).toMillis() != row.getMtimeMs()) {
                return skipped(path, "changed while its tags were written: left as it is now");
            }
            Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            copy = null;
            return new Result(path, Outcome.WRITTEN, null, changes);
        } catch (AudioDecodeException e) {
            return skipped(path, "its audio cannot be read: " + e.getMessage());
        } catch (Exception e) {
            return skipped(path, "the tag library failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a hidden leftover: the library scan skips it, and the next write of this file removes it
                }
            }
        }
    }

    /**
     * Fault injection for the crash test: {@code -Dtrackflow.tags.pause-before-rename-ms=N} holds the finished,
     * verified copy back from the rename for N ms, so that a test can kill the process at that point.
     */
    private static void pauseBeforeRename() throws InterruptedException {
        long ms = Long.getLong("trackflow.tags.pause-before-rename-ms", 0);
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** Copies of {@code file} a crashed write left (hidden, so the scan never saw them). */
    private static void removeLeftovers(Path file) throws IOException {
        String prefix = "." + file.getFileName() + COPY_MARK;
        try (var siblings = Files.list(file.toAbsolutePath().getParent())) {
            for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Result skipped(String path, String reason) {
        return new Result(path, Outcome.SKIPPED, reason, Map.of());
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The four fields of one file's tag, whatever its format. */
    private static final class Fields {
        private final Tag tag;

        private Fields(Tag tag) {
            this.tag = tag;
        }

        static Fields of(AudioFile af) {
            Tag tag = af.getTagOrCreateAndSetDefault();
            if (tag instanceof WavTag w) {
                if (w.getID3Tag() == null) {
                    w.setID3Tag(new ID3v23Tag());
                }
                tag = w.getID3Tag();
            } else if (tag instanceof AiffTag a) {
                if (a.getID3Tag() == null) {
                    a.setID3Tag(new ID3v23Tag());
                }
                tag = a.getID3Tag();
            }
            return new Fields(tag);
        }

        String get(String name) {
            String v = switch (name) {
                case "BPM" -> tag.getFirst(FieldKey.BPM);
                case "KEY" -> tag.getFirst(FieldKey.KEY);
                default -> custom(name);
            };
            return v == null || v.isEmpty() ? null : v;
        }

        void set(String name, String value) throws Exception {
            switch (name) {
                case "BPM" -> tag.setField(FieldKey.BPM, value);
                case "KEY" -> {
                    tag.setField(FieldKey.KEY, value);
                    if (tag instanceof FlacTag || tag instanceof VorbisCommentTag) {
                        setCustom("INITIALKEY", value); // what Mixxx, Traktor and foobar2000 read in Vorbis comments
                    }
                }
                default -> setCustom(name, value);
            }
        }

        private String custom(String name) {
            if (tag instanceof FlacTag || tag instanceof VorbisCommentTag || tag instanceof AsfTag) {
                return tag.getFirst(name);
            }
            if (tag instanceof Mp4Tag) {
                return tag.getFirst("----:com.apple.iTunes:" + name.toLowerCase(Locale.ROOT));
            }
            if (tag instanceof AbstractID3v2Tag t) {
                for (TagField f : t.getFields(t instanceof ID3v24Tag || t instanceof ID3v23Tag ? "TXXX" : "TXX")) {
                    if (f instanceof AbstractID3v2Frame frame && frame.getBody() instanceof FrameBodyTXXX body
                            && name.equalsIgnoreCase(body.getDescription())) {
                        return body.getText();
                    }
                }
            }
            return null;
        }

        private void setCustom(String name, String value) throws Exception {
            if (tag instanceof FlacTag t) {
                t.setField(name, value);
            } else if (tag instanceof VorbisCommentTag t) {
                t.setField(name, value);
            } else if (tag instanceof Mp4Tag t) {
                String lower = name.toLowerCase(Locale.ROOT); // foobar2000's and iTunes' habit
                t.setField(new Mp4TagReverseDnsField("----:com.apple.iTunes:" + lower, "com.apple.iTunes", lower, value));
            } else if (tag instanceof AbstractID3v2Tag t) {
                AbstractID3v2Frame frame = t instanceof ID3v24Tag ? new ID3v24Frame("TXXX") : t instanceof ID3v23Tag
                        ? new ID3v23Frame("TXXX") : new ID3v22Frame("TXX");
                frame.setBody(new FrameBodyTXXX(TextEncoding.ISO_8859_1, name, value));
                t.setField(frame);
            } else if (tag instanceof AsfTag t) {
                t.setField(new AsfTagTextField(name, value));
            } else {
                throw new IllegalArgumentException("no free-form field in " + tag.getClass().getSimpleName());
            }
        }
    }
}
