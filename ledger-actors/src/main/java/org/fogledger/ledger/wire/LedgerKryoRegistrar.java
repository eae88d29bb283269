package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.apache.pekko.actor.typed.ActorRef;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.trace.CertifiedHeader;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Receipt;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSignature;
import org.fogledger.ledger.consensus.BlockRequest;
import org.fogledger.ledger.consensus.BlockResponse;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.Proposal;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.consensus.Timeout;
import org.fogledger.ledger.consensus.TimeoutCertificate;
import org.fogledger.ledger.consensus.TimeoutSignature;
import org.fogledger.ledger.consensus.Vote;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/**
 * The ledger-actors module's wire registrations, ids 100-1999 (see {@link KryoIdRange}). Ids are the wire
 * format: never renumber or reuse one; retire it with a comment instead.
 *
 * <p>Sub-ranges, so that each package can grow without colliding:
 * <ul>
 *   <li>100-199: JDK and Pekko types that message records hold.
 *   <li>200-299: crypto values.
 *   <li>300-699: chain model (transactions, blocks, certificates, proofs).
 *   <li>700-1099: consensus messages.
 *   <li>1100-1999: mempool, catch-up, contract host and contracts.
 * </ul>
 * A new message record is one line: {@code registry.register(Proposal.class, 700);}.
 */
public final class LedgerKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(KryoRegistry registry) {
        // 100-199: JDK and Pekko types. Message records hold List.copyOf / Set.copyOf / Map.copyOf values.
        registry.register(byte[].class, 100, new DefaultArraySerializers.ByteArraySerializer());
        registry.register(ArrayList.class, 101, WireCollectionSerializers.arrayLists());
        var lists = WireCollectionSerializers.immutableLists();
        registry.register(WireCollectionSerializers.IMMUTABLE_LIST_12, 102, lists);
        registry.register(WireCollectionSerializers.IMMUTABLE_LIST_N, 103, lists);
        registry.register(WireCollectionSerializers.IMMUTABLE_SUB_LIST, 104, lists);
        var sets = WireCollectionSerializers.immutableSets();
        registry.register(WireCollectionSerializers.IMMUTABLE_SET_12, 105, sets);
        registry.register(WireCollectionSerializers.IMMUTABLE_SET_N, 106, sets);
        WireCollectionSerializers.ImmutableMapSerializer maps = new WireCollectionSerializers.ImmutableMapSerializer();
        registry.register(WireCollectionSerializers.IMMUTABLE_MAP_1, 107, maps);
        registry.register(WireCollectionSerializers.IMMUTABLE_MAP_N, 108, maps);
        // Collections.unmodifiableList(new ArrayList<>(..)): BlockResponse keeps a peer's nulls for the replica to refuse.
        registry.register(WireCollectionSerializers.UNMODIFIABLE_RANDOM_ACCESS_LIST, 109,
                WireCollectionSerializers.unmodifiableLists());
        registry.register(Instant.class, 110);
        registry.register(Duration.class, 111);
        registry.registerSubtypes(ActorRef.class, 120, new TypedActorRefSerializer());

        // 200-299: crypto values, as their canonical tagged bytes.
        registry.register(Hash.class, 200, new CryptoKryoSerializers.HashSerializer());
        registry.register(PublicKey.class, 201, new CryptoKryoSerializers.PublicKeySerializer());
        registry.register(Signature.class, 202, new CryptoKryoSerializers.SignatureSerializer());

        // 300-699: chain model. Transactions, blocks and certificates travel as their canonical encoding and are
        // read back through their strict, bounded decoders (ChainKryoSerializers), never by field reflection.
        registry.register(Transaction.class, 300, ChainKryoSerializers.transactions());
        registry.register(Block.class, 301, ChainKryoSerializers.blocks());
        registry.register(QuorumCertificate.class, 302, ChainKryoSerializers.quorumCertificates());
        registry.register(ValidatorSignature.class, 303);
        registry.register(Receipt.class, 304, ChainKryoSerializers.receipts());
        // For audit proof material (validator.ProofMaterialAnswer): headers and results, canonical as well.
        registry.register(BlockHeader.class, 305, ChainKryoSerializers.blockHeaders());
        registry.register(BlockResults.class, 306, ChainKryoSerializers.blockResults());
        registry.register(CertifiedHeader.class, 307);

        // 700-1099: consensus messages and what they carry. Records, written component by component; a null
        // component round-trips as null (a hostile peer can send one; the replica checks and drops it).
        registry.register(Proposal.class, 700);
        registry.register(Vote.class, 701);
        registry.register(Timeout.class, 702);
        registry.register(TimeoutCertificate.class, 703);
        registry.register(TimeoutSignature.class, 704);
        registry.register(BlockRequest.class, 705);
        registry.register(BlockResponse.class, 706);
        registry.register(ChainedBlock.class, 707);
        registry.register(CommittedBlock.class, 708);
        registry.register(SafetyState.class, 709);
    }
}
