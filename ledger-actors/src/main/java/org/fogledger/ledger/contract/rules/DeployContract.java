package org.fogledger.ledger.contract.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractDeployer;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.crypto.Sha256;

/**
 * Deploys rule programs at run time, as data: {@code deploy} takes a program document (JSON) as its payload,
 * checks it completely ({@link ProgramCompiler}) and, once the block commits, the program is contract
 * {@code <name>} on every validator. A deployed program never changes; a new version is a new name.
 *
 * <p>A name may not clash with a built-in contract. The deploy contract cannot see the host's catalog, so it is
 * given the built-in names when it is made ({@link #alongside}); programs it deployed itself it knows from its
 * state.
 */
public final class DeployContract implements ContractDeployer<DeployState, DeployEvent> {
    public static final String NAME = "deploy";
    public static final ContractAddress ADDRESS = ContractAddress.of(NAME, ContractAddress.DEFAULT_INSTANCE);
    public static final String DEPLOY = "deploy";

    private final SortedSet<String> builtIn;
    private final ProgramLimits limits;
    // Checking a program is pure, so the contract a source compiles to may be kept; the host asks for every
    // deployed program after each deployment, and must not pay to check them all again each time.
    private final Map<String, RuleContract> compiled = new ConcurrentHashMap<>();

    /** @param builtIn the names of the contracts that exist besides deployed programs (its own is added) */
    public DeployContract(Collection<String> builtIn, ProgramLimits limits) {
        TreeSet<String> names = new TreeSet<>(builtIn);
        names.add(NAME);
        this.builtIn = Collections.unmodifiableSortedSet(names);
        this.limits = limits;
    }

    /** A deploy contract for a catalog holding {@code builtIns} and itself, with the default limits. */
    public static DeployContract alongside(Collection<? extends Contract<?, ?>> builtIns) {
        return new DeployContract(builtIns.stream().map(Contract::name).toList(), ProgramLimits.DEFAULT);
    }

    public SortedSet<String> builtInNames() {
        return builtIn;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<DeployState> stateType() {
        return DeployState.class;
    }

    @Override
    public Class<DeployEvent> eventType() {
        return DeployEvent.class;
    }

    @Override
    public DeployState initialState(String instance) {
        return DeployState.EMPTY;
    }

    @Override
    public Outcome<DeployEvent> handle(DeployState state, Invocation invocation, StepMeter meter) {
        meter.charge();
        if (!invocation.address().equals(ADDRESS)) {
            throw new ContractRefusal("unknown-instance", "deploy has one instance, " + ADDRESS + "; there is no "
                    + invocation.address());
        }
        if (!invocation.command().equals(DEPLOY)) {
            throw new ContractRefusal("unknown-command", "deploy has no command '" + invocation.command()
                    + "'; its command is deploy, with a program document as payload");
        }
        Program program;
        try {
            program = ProgramCompiler.compile(invocation.payload(), limits, meter);
        } catch (InvalidProgram invalid) {
            throw new ContractRefusal("invalid-program", invalid.getMessage());
        }
        String name = program.name();
        if (builtIn.contains(name)) {
            throw new ContractRefusal("name-taken", "name: a contract named '" + name + "' is built in;"
                    + " deploy the program under another name");
        }
        DeployedProgram earlier = state.programs().get(name);
        if (earlier != null) {
            throw new ContractRefusal("name-taken", "name: a program named '" + name + "' was deployed at height "
                    + earlier.height() + " (hash " + earlier.hash() + "); deployed programs never change, so"
                    + " deploy a new version under a new name");
        }
        ExecutionContext context = invocation.context();
        String hash = Sha256.hash(program.source().getBytes(StandardCharsets.UTF_8)).hex();
        String deployer = context.isInternal() ? context.caller().toString() : context.sender().keyId().hex();
        DeployedProgram deployed = new DeployedProgram(program.source(), hash, deployer, context.height());
        TreeMap<String, Object> answer = new TreeMap<>(Map.of("name", name, "hash", hash, "worstCaseSteps",
                program.worstCaseSteps()));
        return Outcome.of(ContractResult.ok("deployed", ContractJson.write(answer)),
                new DeployEvent.ProgramDeployed(name, deployed));
    }

    @Override
    public DeployState apply(DeployState state, DeployEvent event) {
        return state.apply(event);
    }

    @Override
    public List<Contract<?, ?>> deployedContracts(DeployState state) {
        List<Contract<?, ?>> contracts = new ArrayList<>();
        for (DeployedProgram deployed : state.programs().values()) {
            contracts.add(compiled.computeIfAbsent(deployed.hash(), hash -> new RuleContract(
                    // Checked when it was deployed; failing now would mean the checks changed under a chain.
                    recompile(deployed), limits)));
        }
        return contracts;
    }

    private Program recompile(DeployedProgram deployed) {
        try {
            return ProgramCompiler.compile(deployed.source().getBytes(StandardCharsets.UTF_8), limits,
                    new StepMeter(Long.MAX_VALUE));
        } catch (InvalidProgram e) {
            throw new IllegalStateException("deployed program " + deployed.hash() + " no longer passes its"
                    + " checks: " + e.getMessage(), e);
        }
    }

    /** {@code state} (the default) and {@code program} with {@code {"name": ...}}: a deployed program's JSON. */
    @Override
    public byte[] query(DeployState state, String query, byte[] argument) {
        if (query.equals("program")) {
            String name = ContractJson.read(argument, ProgramQuery.class, "deploy.program").name();
            DeployedProgram deployed = state.programs().get(name);
            if (name == null || deployed == null) {
                throw new ContractRefusal("unknown-program", "deploy.program: no program named '" + name + "'");
            }
            return deployed.source().getBytes(StandardCharsets.UTF_8);
        }
        return ContractDeployer.super.query(state, query, argument);
    }

    private record ProgramQuery(String name) {
    }
}
