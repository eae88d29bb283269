package org.fogledger.cluster.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ValidatorStatusActorTest {
    // SLF4J initialised on this thread before Pekko's threads log; otherwise it warns that it replayed calls.
    private static final Logger LOG = LoggerFactory.getLogger(ValidatorStatusActorTest.class);
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @AfterAll
    static void stopTestKit() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aLoneValidatorReportsItsKeyAndChainWithTheGenesisBlockAsHead() {
        KeyPair key = KeyPair.generate(SignatureScheme.ED25519, new SecureRandom());
        Block genesis = Block.genesis("test-chain");
        ActorRef<ValidatorStatusActor.Command> validator = TEST_KIT.spawn(ValidatorStatusActor.create(
                new ValidatorStatusActor.Identity("validator-1", key.publicKey(), "test-chain", genesis,
                        Path.of("/data/demo"))));
        TestProbe<ValidatorStatusActor.Status> probe = TEST_KIT.createTestProbe();

        validator.tell(new ValidatorStatusActor.GetStatus(probe.getRef()));

        ValidatorStatusActor.Status status = probe.receiveMessage();
        LOG.debug("status {}", status);
        assertEquals("validator-1", status.nodeName());
        assertEquals(key.publicKey(), status.publicKey());
        assertEquals("test-chain", status.chainId());
        assertEquals(genesis.hash(), status.genesisHash());
        assertEquals(0, status.headHeight());
        assertEquals(genesis.hash(), status.headHash());
        assertEquals(1, status.validators());
        assertEquals(Path.of("/data/demo"), status.dataDir());
    }
}
