package org.fogledger.ledger.contract.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.fogledger.ledger.contract.ContractJson;

/** The shipped example program, {@code contracts/washing-machine.json}, as bytes or as a tree to plant mistakes in. */
final class WasherProgram {
    static final String RESOURCE = "/contracts/washing-machine.json";

    private WasherProgram() {
    }

    static byte[] bytes() {
        try (InputStream in = WasherProgram.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, mutable copy of the program's JSON tree. */
    static ObjectNode tree() {
        try {
            return (ObjectNode) ContractJson.mapper().readTree(bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(ObjectNode tree) {
        return ContractJson.write(tree);
    }
}
