package org.fogledger.agents;

import org.fogledger.agents.agent.AgentStatus;
import org.fogledger.agents.agent.DecisionSettlement;
import org.fogledger.agents.agent.DeviceAgent;
import org.fogledger.agents.agent.LedgerOutcome;
import org.fogledger.agents.agent.RankedAgent;
import org.fogledger.ledger.wire.KryoRegistrar;
import org.fogledger.ledger.wire.KryoRegistry;

/**
 * The agent actors' wire registrations, ids 2000-2499 of the agents module's 2000-3999 (the gateway has its own
 * sub-range). Ids are the wire format: never renumber or reuse one; retire it with a comment instead.
 */
public final class AgentKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(KryoRegistry registry) {
        // 2000-2099: ranked agents (root, region, site).
        registry.register(RankedAgent.Decide.class, 2000);
        registry.register(RankedAgent.DelegateTo.class, 2001);
        registry.register(RankedAgent.RefreshDelegation.class, 2002);
        registry.register(RankedAgent.GetStatus.class, 2003);
        registry.register(RankedAgent.LedgerAnswered.class, 2004);
        registry.register(RankedAgent.DelegationAnswered.class, 2005);
        registry.register(RankedAgent.Refused.class, 2006);
        registry.register(RankedAgent.Settled.class, 2007);
        registry.register(LedgerOutcome.class, 2008);
        registry.register(AgentStatus.class, 2009);
        registry.register(RankedAgent.RefreshOutcomes.class, 2010);
        registry.register(RankedAgent.ReadSettlement.class, 2011);
        registry.register(RankedAgent.SettlementAnswered.class, 2012);
        registry.register(RankedAgent.OutcomesAnswered.class, 2013);
        registry.register(DecisionSettlement.class, 2014);
        registry.register(RankedAgent.FollowPending.class, 2015);
        // 2100-2199: device agents.
        registry.register(DeviceAgent.ReportSeen.class, 2100);
        registry.register(DeviceAgent.ReportAuthenticationFailure.class, 2101);
        registry.register(DeviceAgent.GetHealth.class, 2102);
        registry.register(DeviceAgent.Ack.class, 2103);
        registry.register(DeviceAgent.Health.class, 2104);
    }
}
