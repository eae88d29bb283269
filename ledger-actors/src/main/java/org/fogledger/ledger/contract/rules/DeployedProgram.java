package org.fogledger.ledger.contract.rules;

import java.util.Objects;

/**
 * A program as the deploy contract keeps it, for good: its canonical JSON, who deployed it and when.
 *
 * @param source   the program's canonical JSON (sorted keys, no insignificant space)
 * @param hash     SHA-256 of {@code source} in hex: the program's identity
 * @param deployer the account (key id hex) of the key that signed the deployment
 * @param height   the block it was deployed in
 */
public record DeployedProgram(String source, String hash, String deployer, long height) {

    public DeployedProgram {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(deployer, "deployer");
    }
}
