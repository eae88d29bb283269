package org.fogledger.cluster.fogctl;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.crypto.KeyPair;
import picocli.CommandLine;

/** Reading and planning the files of {@code -f}, shared by apply and diff. */
final class Manifests {
    private Manifests() {
    }

    static List<ManifestDocument> read(List<String> files, CommandLine commandLine) {
        List<ManifestDocument> documents = new ArrayList<>();
        for (Inputs.Source source : Inputs.manifests(files, System.in)) {
            try {
                documents.addAll(ManifestReader.read(source.text(), source.name()));
            } catch (ManifestException e) {
                throw e.toFogctl();
            }
        }
        return documents;
    }

    static List<PlannedTransaction> plan(List<String> files, CommandLine commandLine, KeyPair key) {
        List<ManifestDocument> documents = read(files, commandLine);
        try {
            return ResourceKind.planAll(documents, key.publicKey());
        } catch (ManifestException e) {
            throw e.toFogctl();
        }
    }
}
