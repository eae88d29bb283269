package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.contract.trace.AuditProof;
import org.fogledger.ledger.contract.trace.AuditProofBuilder;
import org.fogledger.ledger.contract.trace.AuditProofVerifier;
import org.fogledger.ledger.contract.trace.AuditVerdict;
import org.fogledger.ledger.contract.trace.DataReference;
import org.fogledger.ledger.contract.trace.GatewayCommand;
import org.fogledger.ledger.contract.trace.TraceBatch;
import org.fogledger.ledger.contract.trace.TraceContract;
import org.fogledger.ledger.contract.trace.TraceKind;
import org.fogledger.ledger.contract.trace.TraceRecord;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validators keep the execution results of the blocks they execute, and serve them with the block and the certified
 * chain above it: enough for an audit proof that verifies against the genesis alone, before and after a restart.
 */
class ProofMaterialTest {
    private static final String STREAM = "gw-proof";

    @TempDir
    Path dataDir;

    @Test
    void aValidatorServesProofMaterialFromItsStoresAcrossARestart() throws Exception {
        try (LocalCluster cluster = new LocalCluster(4, node -> JournalSettings.prepare(node,
                new StorageChoice.H2(dataDir.resolve(node), 2))).startAll()) {
            KeyPair owner = KeyPair.generate();
            KeyPair gateway = KeyPair.generate();
            committed(cluster.nodes.get(0), Transaction.sign(owner, LocalCluster.CHAIN_ID, 0, "trace/" + STREAM,
                    TraceContract.REGISTER, ContractJson.write(new GatewayCommand(gateway.publicKey()))));
            List<TraceRecord> records = new ArrayList<>();
            for (long s = 0; s < 5; s++) {
                records.add(new TraceRecord(TraceKind.COLLECT, new DataReference("dev-1", "heart-rate",
                        Hash.of(new byte[32])), gateway.publicKey(), null, "collection", null, STREAM, s, 1_000 + s));
            }
            TraceBatch batch = new TraceBatch(STREAM, Hash.ZERO, records);
            Transaction anchor = batch.anchorTransaction(gateway, LocalCluster.CHAIN_ID, 0);
            SubmitResult.Committed anchored = committed(cluster.nodes.get(1), anchor);
            long height = anchored.receipt().height();

            AuditProofVerifier verifier = new AuditProofVerifier(LocalCluster.CHAIN_ID,
                    cluster.genesis.validatorSet());
            ProofMaterialAnswer.ProofMaterial before = provable(cluster.nodes.get(2), height, records.get(3), batch, anchor);
            AuditProof proof = build(records.get(3), batch, anchor, before);
            AuditVerdict verdict = verifier.verify(proof);
            assertTrue(verdict.valid(), verdict.describe());

            ProofMaterialAnswer.ProofMaterial two = assertInstanceOf(ProofMaterialAnswer.ProofMaterial.class,
                    ask(cluster.nodes.get(2), height, 2));
            assertEquals(2, two.chain().size(), "the answer holds the blocks asked for, no more");
            assertTrue(two.results().size() <= 2);
            assertEquals(before.chain().subList(0, 2), two.chain());

            ProofMaterialAnswer tooHigh = ask(cluster.nodes.get(2), before.committedHeight() + 1_000, 16);
            assertEquals(ProofMaterialAnswer.NOT_COMMITTED,
                    assertInstanceOf(ProofMaterialAnswer.Refused.class, tooHigh).code());

            cluster.nodes.get(2).close();
            ValidatorNode restarted = cluster.start(2);
            cluster.nodes.set(2, restarted);
            ProofMaterialAnswer.ProofMaterial after = provable(restarted, height, records.get(3), batch, anchor);
            assertEquals(before.results().get(0), after.results().get(0), "the anchor block's stored results");
            AuditVerdict again = verifier.verify(build(records.get(3), batch, anchor, after));
            assertTrue(again.valid(), again.describe());
        }
    }

    private static AuditProof build(TraceRecord record, TraceBatch batch, Transaction anchor,
                                    ProofMaterialAnswer.ProofMaterial material) {
        return AuditProofBuilder.build(record, batch, anchor, material.anchorBlock(), material.results(),
                material.chain());
    }

    /** Asks until the validator holds enough chain above {@code height} for a proof (claims lag a few blocks). */
    private static ProofMaterialAnswer.ProofMaterial provable(ValidatorNode node, long height, TraceRecord record,
                                                              TraceBatch batch, Transaction anchor) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Object last = null;
        while (System.nanoTime() < deadline) {
            ProofMaterialAnswer answer = ask(node, height, 64);
            last = answer;
            if (answer instanceof ProofMaterialAnswer.ProofMaterial material) {
                assertEquals(height, material.anchorBlock().height());
                try {
                    build(record, batch, anchor, material);
                    return material;
                } catch (IllegalArgumentException notYet) {
                    last = notYet.getMessage();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no proof material for block " + height + " within 60 s; last: " + last);
    }

    private static ProofMaterialAnswer ask(ValidatorNode node, long height, int maxBlocks) throws Exception {
        return AskPattern.<ValidatorActor.Command, ProofMaterialAnswer>ask(node.validator(),
                        replyTo -> new ValidatorActor.GetProofMaterial(height, maxBlocks, replyTo),
                        Duration.ofSeconds(10), node.system().scheduler())
                .toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private static SubmitResult.Committed committed(ValidatorNode node, Transaction tx) throws Exception {
        SubmitResult result = node.submit(tx, Duration.ofSeconds(60)).toCompletableFuture().get(90, TimeUnit.SECONDS);
        SubmitResult.Committed committed = assertInstanceOf(SubmitResult.Committed.class, result);
        assertEquals(ReceiptStatus.COMMITTED_OK, committed.receipt().status(), committed.receipt().resultCode());
        return committed;
    }
}
