package org.fogledger.ledger.contract.authority;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;

/**
 * Random sequences of delegations, revocations and the passing of time, run through the contract's own
 * {@code handle} and {@code apply}: no valid chain ever passes through a revoked or expired link, and every valid
 * chain starts at a root and is strictly decreasing in rank and narrowing in jurisdiction ({@link ChainInvariant});
 * and the state round-trips through {@code ContractJson}.
 */
class DelegationProperties {
    private static final List<KeyPair> KEYS = List.of(AuthorityHarness.ROOT, AuthorityHarness.REGION_FR,
            AuthorityHarness.REGION_DE, AuthorityHarness.SITE_LYON, AuthorityHarness.DEVICE_AGENT,
            AuthorityHarness.STRANGER);
    private static final List<String> PLACES = List.of("/", "/eu", "/eu/fr", "/eu/fr/lyon", "/eu/de", "/us");

    /** One step: {@code signer} delegates to or revokes {@code agent}, or time passes by {@code advanceMillis}. */
    record Step(int kind, int signer, int agent, Rank rank, String place, Long expiresIn, long advanceMillis) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, KEYS.size() - 1), Arbitraries.integers().between(0, KEYS.size() - 1),
                Arbitraries.of(Rank.class), Arbitraries.of(PLACES),
                Arbitraries.longs().between(1, 20_000).injectNull(0.5), Arbitraries.longs().between(0, 8_000))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void no_valid_chain_passes_a_revoked_or_expired_link_and_every_chain_narrows(
            @ForAll("steps") List<Step> steps) {
        AuthorityContract contract = new AuthorityContract(Map.of(AuthorityHarness.ROOT.publicKey(), DevicePath.ROOT));
        AuthorityState state = AuthorityState.EMPTY;
        long time = 1_000_000;
        long height = 0;
        for (Step step : steps) {
            height++;
            time += 1_000;
            if (step.kind() == 2) {
                time += step.advanceMillis();
            } else {
                state = run(contract, state, step, height, time);
            }
            if (!ContractJson.readTrusted(ContractJson.write(state), AuthorityState.class).equals(state)) {
                throw new AssertionError("state does not round-trip through ContractJson: " + state);
            }
            DelegationGraph graph = contract.graph(state);
            for (KeyPair key : KEYS) {
                ChainAnswer answer = AuthorityChain.INSTANCE.authorityOf(graph, key.publicKey(), time,
                        new StepMeter(10_000));
                var violation = ChainInvariant.violation(graph, answer, time);
                if (violation.isPresent()) {
                    throw new AssertionError(violation.get() + " after " + steps);
                }
            }
        }
    }

    private static AuthorityState run(AuthorityContract contract, AuthorityState state, Step step, long height,
                                      long time) {
        KeyPair signer = KEYS.get(step.signer());
        KeyPair agent = KEYS.get(step.agent());
        String command = step.kind() == 0 ? "delegate" : "revoke";
        Object payload = step.kind() == 0
                ? new AuthorityCommand.Delegate(agent.publicKey(), step.rank(), step.place(),
                step.expiresIn() == null ? null : time + step.expiresIn())
                : new AuthorityCommand.Revoke(agent.publicKey());
        ExecutionContext context = new ExecutionContext(height, 0, time, signer.publicKey(), null,
                Sha256.hash(("tx-" + height).getBytes(StandardCharsets.UTF_8)));
        try {
            Outcome<AuthorityEvent> outcome = contract.handle(state, new Invocation(AuthorityContract.ADDRESS,
                    command, ContractJson.write(payload), context), new StepMeter(100_000));
            for (AuthorityEvent event : outcome.events()) {
                state = contract.apply(state, event);
            }
        } catch (ContractRefusal refused) {
            // a refused step changes nothing, as on the ledger
        }
        return state;
    }
}
