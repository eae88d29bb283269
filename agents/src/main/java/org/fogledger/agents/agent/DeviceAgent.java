package org.fogledger.agents.agent;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.fogledger.ledger.wire.WireMessage;

/**
 * A device's agent, sharded by device id: keeps what gateways report of the device (last authenticated, firmware,
 * failed authentications) so that ranked agents can ask before deciding. The rules are {@link DeviceHealth}.
 */
public final class DeviceAgent extends EventSourcedBehavior<DeviceAgent.Command, DeviceAgent.Event,
        DeviceAgent.State> {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "DeviceAgent");

    public sealed interface Command extends WireMessage permits ReportSeen, ReportAuthenticationFailure, GetHealth {
    }

    /** The device authenticated at {@code atMillis} (reporter's clock), running {@code firmware} (may be empty). */
    public record ReportSeen(long atMillis, String firmware, ActorRef<Ack> replyTo) implements Command {
    }

    public record ReportAuthenticationFailure(long atMillis, String reason, ActorRef<Ack> replyTo)
            implements Command {
    }

    public record GetHealth(ActorRef<Health> replyTo) implements Command {
    }

    /** Recorded, ignored (an older report) or refused (malformed), with why. */
    public record Ack(String deviceId, String outcome, String message) implements WireMessage {
    }

    public record Health(String deviceId, long lastSeenMillis, String firmware, int failedAuthentications,
                         long totalFailures, String lastFailure, boolean suspect, String hostedAt)
            implements WireMessage {
    }

    public sealed interface Event extends AgentPersisted permits DeviceSeen, AuthenticationFailed {
    }

    public record DeviceSeen(long atMillis, String firmware) implements Event {
    }

    public record AuthenticationFailed(long atMillis, String reason) implements Event {
    }

    public record State(DeviceHealth health) implements AgentPersisted {
    }

    private final String deviceId;
    private final String hostedAt;

    private DeviceAgent(String deviceId, String hostedAt) {
        super(persistenceId(deviceId));
        this.deviceId = deviceId;
        this.hostedAt = hostedAt;
    }

    public static Behavior<Command> create(String deviceId) {
        return org.apache.pekko.actor.typed.javadsl.Behaviors.setup(context ->
                new DeviceAgent(deviceId, context.getSystem().address().toString()));
    }

    public static ActorRef<ShardingEnvelope<Command>> init(ActorSystem<?> system) {
        return ClusterSharding.get(system).init(Entity.of(TYPE_KEY, entity -> create(entity.getEntityId()))
                .withRole(AgentRoles.AGENT));
    }

    public static PersistenceId persistenceId(String deviceId) {
        return PersistenceId.of(TYPE_KEY.name(), deviceId);
    }

    @Override
    public State emptyState() {
        return new State(DeviceHealth.UNKNOWN);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(200, 2);
    }

    @Override
    public CommandHandler<Command, Event, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(ReportSeen.class, (state, seen) -> {
                    String problem = DeviceHealth.checkText(seen.firmware(), "firmware");
                    if (problem != null) {
                        return Effect().reply(seen.replyTo(), new Ack(deviceId, "refused", problem));
                    }
                    if (!state.health().isNewer(seen.atMillis())) {
                        return Effect().reply(seen.replyTo(), new Ack(deviceId, "ignored", "report at "
                                + seen.atMillis() + " is not after the last seen " + state.health().lastSeenMillis()));
                    }
                    return Effect().persist(new DeviceSeen(seen.atMillis(), seen.firmware()))
                            .thenReply(seen.replyTo(), after -> new Ack(deviceId, "recorded", ""));
                })
                .onCommand(ReportAuthenticationFailure.class, (state, failure) -> {
                    String problem = DeviceHealth.checkText(failure.reason(), "reason");
                    if (problem != null) {
                        return Effect().reply(failure.replyTo(), new Ack(deviceId, "refused", problem));
                    }
                    return Effect().persist(new AuthenticationFailed(failure.atMillis(), failure.reason()))
                            .thenReply(failure.replyTo(), after -> new Ack(deviceId, "recorded",
                                    after.health().suspect() ? "device is suspect" : ""));
                })
                .onCommand(GetHealth.class, (state, get) -> Effect().reply(get.replyTo(), health(state)))
                .build();
    }

    private Health health(State state) {
        DeviceHealth h = state.health();
        return new Health(deviceId, h.lastSeenMillis(), h.firmware(), h.failedAuthentications(), h.totalFailures(),
                h.lastFailure(), h.suspect(), hostedAt);
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return (state, event) -> {
            if (event instanceof DeviceSeen seen) {
                return new State(state.health().seen(seen.atMillis(), seen.firmware()));
            }
            return new State(state.health().failed(((AuthenticationFailed) event).reason()));
        };
    }
}
