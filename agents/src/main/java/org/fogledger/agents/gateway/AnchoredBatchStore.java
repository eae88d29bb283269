package org.fogledger.agents.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.trace.TraceBatch;
import org.fogledger.ledger.contract.trace.TraceRecord;
import org.fogledger.ledger.crypto.Hash;

/**
 * The anchored batches of one gateway's trace stream, kept on disk so that audit proofs can be served after the
 * gateway restarts: the records of a batch exist nowhere else (the ledger holds only their root). One JSON file per
 * batch, {@code batch-<firstSeq>-<lastSeq>.json} (sequence numbers zero-padded to 20 digits, so names sort by
 * sequence), written to a temporary file, forced to disk and moved into place, so a crash leaves either the whole
 * file or none.
 *
 * <p>File format ({@value #FORMAT}): {@code {"anchorTransaction": hex, "blockHash": hex, "format", "height",
 * "previousRoot": hex, "records": [hex, ...], "root": hex, "streamId"}}, records and the transaction in their
 * canonical encodings. Every read checks the file whole: strict JSON, strict decoding, the records' root equals
 * {@code root}, the range equals the file's name, the transaction anchors exactly this batch. A file that fails is
 * refused with a {@link CorruptBatchFileException} naming it; nothing is served from it.
 *
 * <p>Plain blocking file I/O, confined to the gateway actor (a batch file is a few KiB to a few MiB, written once
 * per anchor).
 */
public final class AnchoredBatchStore {
    public static final String FORMAT = "fogledger-anchored-batch/1";
    private static final Pattern NAME = Pattern.compile("batch-(\\d{20})-(\\d{20})\\.json");
    private static final HexFormat HEX = HexFormat.of();

    /** A batch file that does not hold a valid anchored batch; the message names the file and what is wrong. */
    public static final class CorruptBatchFileException extends IllegalStateException {
        private final Path file;

        CorruptBatchFileException(Path file, String why) {
            super("anchored batch file " + file + " is corrupt: " + why);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /** The JSON form of one file; every field required (public for the JSON reader only). */
    public record BatchFile(String format, String streamId, Long height, String blockHash, String previousRoot, String root,
                     List<String> records, String anchorTransaction) {
    }

    private record Range(long last, Path file) {
    }

    private final Path directory;
    private final String streamId;
    private final CodecLimits limits;
    /** First sequence of each kept batch, with its last and its file. */
    private final TreeMap<Long, Range> index = new TreeMap<>();

    private AnchoredBatchStore(Path directory, String streamId, CodecLimits limits) {
        this.directory = directory;
        this.streamId = streamId;
        this.limits = limits;
    }

    /**
     * Opens (creating it if needed) the store of stream {@code streamId} in {@code directory}: lists the batch files
     * by name, removes temporary files an interrupted write left, and refuses overlapping ranges.
     */
    public static AnchoredBatchStore open(Path directory, String streamId, CodecLimits limits) {
        Objects.requireNonNull(streamId, "streamId");
        AnchoredBatchStore store = new AnchoredBatchStore(directory.toAbsolutePath(), streamId,
                Objects.requireNonNull(limits, "limits"));
        try {
            Files.createDirectories(store.directory);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(store.directory)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".tmp")) {
                        Files.deleteIfExists(file);
                        continue;
                    }
                    Matcher m = NAME.matcher(name);
                    if (!m.matches()) {
                        continue;
                    }
                    long first = Long.parseLong(m.group(1));
                    long last = Long.parseLong(m.group(2));
                    if (last < first) {
                        throw new CorruptBatchFileException(file, "its name says sequences " + first + ".." + last);
                    }
                    store.index.put(first, new Range(last, file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the anchored batch store in " + store.directory + ": " + e, e);
        }
        long previousLast = -1;
        for (Map.Entry<Long, Range> entry : store.index.entrySet()) {
            if (entry.getKey() <= previousLast) {
                throw new CorruptBatchFileException(entry.getValue().file(), "its sequences overlap those of"
                        + " another batch file (which ends at " + previousLast + ")");
            }
            previousLast = entry.getValue().last();
        }
        return store;
    }

    public Path directory() {
        return directory;
    }

    /** Batches kept. */
    public int size() {
        return index.size();
    }

    /**
     * Keeps {@code anchored} durably. Keeping the same batch again changes nothing; a different batch over the same
     * range is refused (the contract accepts each range once).
     */
    public void keep(AnchoredBatch anchored) {
        TraceBatch batch = anchored.batch();
        if (!batch.streamId().equals(streamId)) {
            throw new IllegalArgumentException("this store keeps stream '" + streamId + "', not '"
                    + batch.streamId() + "'");
        }
        Path file = directory.resolve(name(batch.firstSequence(), batch.lastSequence()));
        Map.Entry<Long, Range> floor = index.floorEntry(batch.lastSequence());
        if (floor != null && floor.getValue().last() >= batch.firstSequence()) {
            AnchoredBatch stored = read(floor.getValue().file());
            if (stored.equals(anchored) || sameBatch(stored, anchored)) {
                return;
            }
            throw new IllegalStateException("batch " + batch + " overlaps the kept batch in "
                    + floor.getValue().file());
        }
        byte[] json = ContractJson.write(toFile(anchored));
        Path tmp = directory.resolve(file.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(json));
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write anchored batch file " + file + ": " + e, e);
        }
        index.put(batch.firstSequence(), new Range(batch.lastSequence(), file));
    }

    /** The kept batch holding record {@code sequence}, read and checked from its file. */
    public Optional<AnchoredBatch> holding(long sequence) {
        Map.Entry<Long, Range> floor = index.floorEntry(sequence);
        if (floor == null || floor.getValue().last() < sequence) {
            return Optional.empty();
        }
        return Optional.of(read(floor.getValue().file()));
    }

    /** The lowest sequence a kept batch holds, if any. */
    public Optional<Long> firstKept() {
        return index.isEmpty() ? Optional.empty() : Optional.of(index.firstKey());
    }

    /** Reads and checks one batch file; refuses it, naming it, if anything in it is wrong. */
    AnchoredBatch read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CorruptBatchFileException(file, "it is gone");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read anchored batch file " + file + ": " + e, e);
        }
        BatchFile json;
        try {
            json = ContractJson.read(bytes, BatchFile.class, "batch file");
        } catch (ContractRefusal e) {
            throw new CorruptBatchFileException(file, e.getMessage());
        }
        try {
            return fromFile(json, file);
        } catch (RuntimeException e) {
            if (e instanceof CorruptBatchFileException corrupt) {
                throw corrupt;
            }
            throw new CorruptBatchFileException(file, String.valueOf(e.getMessage()));
        }
    }

    private AnchoredBatch fromFile(BatchFile json, Path file) {
        require(FORMAT.equals(json.format()), "format is '" + json.format() + "', expected '" + FORMAT + "'");
        require(streamId.equals(json.streamId()), "stream is '" + json.streamId() + "', expected '" + streamId + "'");
        require(json.height() != null && json.records() != null && json.records().size() > 0
                && json.anchorTransaction() != null, "height, records and anchorTransaction are required");
        List<TraceRecord> records = new ArrayList<>(json.records().size());
        for (int i = 0; i < json.records().size(); i++) {
            records.add(TraceRecord.decode(hex(json.records().get(i), "records[" + i + "]")));
        }
        TraceBatch batch = new TraceBatch(streamId, hash(json.previousRoot(), "previousRoot"), records);
        require(batch.root().equals(hash(json.root(), "root")), "its records hash to root "
                + batch.root().shortHex() + ", the file says " + json.root());
        Matcher m = NAME.matcher(file.getFileName().toString());
        require(m.matches() && Long.parseLong(m.group(1)) == batch.firstSequence()
                && Long.parseLong(m.group(2)) == batch.lastSequence(), "its records are sequences "
                + batch.firstSequence() + ".." + batch.lastSequence() + ", its name says otherwise");
        Transaction tx = Transaction.decode(hex(json.anchorTransaction(), "anchorTransaction"), limits);
        return new AnchoredBatch(batch, tx, json.height(), hash(json.blockHash(), "blockHash"));
    }

    private static BatchFile toFile(AnchoredBatch anchored) {
        TraceBatch batch = anchored.batch();
        return new BatchFile(FORMAT, batch.streamId(), anchored.height(), anchored.blockHash().hex(),
                batch.previousRoot().hex(), batch.root().hex(),
                batch.records().stream().map(r -> HEX.formatHex(r.encode())).toList(),
                HEX.formatHex(anchored.anchorTransaction().encode()));
    }

    private static boolean sameBatch(AnchoredBatch a, AnchoredBatch b) {
        return a.batch().root().equals(b.batch().root()) && a.height() == b.height()
                && a.anchorTransaction().hash().equals(b.anchorTransaction().hash());
    }

    private static String name(long first, long last) {
        return String.format("batch-%020d-%020d.json", first, last);
    }

    private static byte[] hex(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        try {
            return HEX.parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not hex: " + e.getMessage());
        }
    }

    private static Hash hash(String value, String field) {
        byte[] bytes = hex(value, field);
        if (bytes.length != Hash.LENGTH) {
            throw new IllegalArgumentException(field + " must be " + Hash.LENGTH + " bytes, got " + bytes.length);
        }
        return Hash.of(bytes);
    }

    private static void require(boolean condition, String why) {
        if (!condition) {
            throw new IllegalArgumentException(why);
        }
    }
}
