package org.fogledger.cluster.bench;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.ValidatorNode;

/**
 * One validator of {@code fogledger bench ledger --processes}, in its own JVM:
 * {@code java -cp <classpath> org.fogledger.cluster.bench.BenchValidatorMain GENESIS_FILE INDEX SEED_HEX DATA_DIR}.
 * Its key is derived from the run's seed and its index ({@link BenchKeys}); it prints {@value #READY} on stdout
 * once running, and stops when its standard input reaches end of file (the bench closes it, or dies).
 */
public final class BenchValidatorMain {
    static final String READY = "READY";

    private BenchValidatorMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: BenchValidatorMain GENESIS_FILE INDEX SEED_HEX DATA_DIR "
                    + "(started by 'fogledger bench ledger --processes', not meant to be run by hand)");
            System.exit(2);
        }
        Genesis genesis = Genesis.fromConfig(ConfigFactory.parseFile(Path.of(args[0]).toFile()));
        int index = Integer.parseInt(args[1]);
        byte[] seed = HexFormat.of().parseHex(args[2]);
        Path dataDir = Path.of(args[3]);
        KeyPair key = BenchKeys.validatorKey(seed, index);
        String name = genesis.validators().get(index).name();
        ValidatorNode node = ValidatorNode.start(genesis, BenchCluster.settings(genesis, key),
                JournalSettings.prepare(name, new StorageChoice.H2(dataDir, BenchCluster.JOURNAL_POOL)),
                ConfigFactory.empty());
        System.out.println(READY + " " + name);
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for end of file
        }
        try {
            node.close();
        } finally {
            System.exit(0);
        }
    }
}
