package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A rule of a consent, as FHIR R4's Consent.provision, restricted to what a decision can evaluate: its
 * {@code type} applies to every access it matches, and its nested {@code provision}s are exceptions that override
 * it for what they match. An access matches when it falls in every criterion given (an empty list or an absent
 * period constrains nothing), and in a list it matches any one entry:
 * <ul>
 *   <li>{@code period}: the block time of the access;</li>
 *   <li>{@code actor}: the recipient, by key, role or organisation;</li>
 *   <li>{@code action}: what the recipient does;</li>
 *   <li>{@code purpose}: why, a v3 PurposeOfUse code covering the request's purpose (itself or an ancestor);</li>
 *   <li>{@code class}: the data class (e.g. a LOINC code), compared by system and code;</li>
 *   <li>{@code dataPeriod}: when the data was produced;</li>
 *   <li>{@code data}: the device the data comes from.</li>
 * </ul>
 * FHIR's {@code securityLabel} and {@code code} are not supported (see docs/contracts/consent.md).
 *
 * <p>Lists keep null entries as given, so that validation can name them instead of failing inside the parser.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Provision(ProvisionType type, Period period, List<ProvisionActor> actor, List<Coding> action,
                        List<Coding> purpose, @JsonProperty("class") List<Coding> dataClass, Period dataPeriod,
                        List<ProvisionData> data, List<Provision> provision) {

    public Provision {
        actor = copy(actor);
        action = copy(action);
        purpose = copy(purpose);
        dataClass = copy(dataClass);
        data = copy(data);
        provision = copy(provision);
    }

    /** A provision of {@code type} that matches every access, to be narrowed with the {@code with...} methods. */
    public static Provision of(ProvisionType type) {
        return new Provision(type, null, null, null, null, null, null, null, null);
    }

    public static Provision permit() {
        return of(ProvisionType.PERMIT);
    }

    public static Provision deny() {
        return of(ProvisionType.DENY);
    }

    public Provision withPeriod(Long start, Long end) {
        return new Provision(type, new Period(start, end), actor, action, purpose, dataClass, dataPeriod, data,
                provision);
    }

    public Provision withDataPeriod(Long start, Long end) {
        return new Provision(type, period, actor, action, purpose, dataClass, new Period(start, end), data,
                provision);
    }

    /** Adds recipients, each with the default recipient role (IRCP). */
    public Provision withRecipients(Reference... recipients) {
        List<ProvisionActor> more = new ArrayList<>(actor);
        for (Reference recipient : recipients) {
            more.add(new ProvisionActor(ConsentVocabulary.DEFAULT_RECIPIENT_ROLE, recipient));
        }
        return new Provision(type, period, more, action, purpose, dataClass, dataPeriod, data, provision);
    }

    public Provision withActors(ProvisionActor... actors) {
        return new Provision(type, period, concat(actor, actors), action, purpose, dataClass, dataPeriod, data,
                provision);
    }

    public Provision withActions(ConsentAction... actions) {
        List<Coding> more = new ArrayList<>(action);
        for (ConsentAction each : actions) {
            more.add(Coding.of(each.system(), each.code()));
        }
        return new Provision(type, period, actor, more, purpose, dataClass, dataPeriod, data, provision);
    }

    public Provision withPurposes(String... purposeCodes) {
        List<Coding> more = new ArrayList<>(purpose);
        for (String code : purposeCodes) {
            more.add(Coding.of(PurposeOfUse.SYSTEM, code));
        }
        return new Provision(type, period, actor, action, more, dataClass, dataPeriod, data, provision);
    }

    public Provision withClasses(Coding... classes) {
        return new Provision(type, period, actor, action, purpose, concat(dataClass, classes), dataPeriod, data,
                provision);
    }

    /** Adds devices whose readings this provision is about ({@code authoredby}). */
    public Provision withDevices(String... deviceIds) {
        List<ProvisionData> more = new ArrayList<>(data);
        for (String id : deviceIds) {
            more.add(new ProvisionData(DataMeaning.AUTHOREDBY, Reference.device(id)));
        }
        return new Provision(type, period, actor, action, purpose, dataClass, dataPeriod, more, provision);
    }

    public Provision withExceptions(Provision... exceptions) {
        return new Provision(type, period, actor, action, purpose, dataClass, dataPeriod, data,
                concat(provision, exceptions));
    }

    /** This provision with every actor that has no role given the default recipient role, at every depth. */
    Provision withDefaultRoles() {
        List<ProvisionActor> actors = new ArrayList<>(actor.size());
        for (ProvisionActor each : actor) {
            actors.add(each != null && each.role() == null
                    ? new ProvisionActor(ConsentVocabulary.DEFAULT_RECIPIENT_ROLE, each.reference()) : each);
        }
        List<Provision> nested = new ArrayList<>(provision.size());
        for (Provision each : provision) {
            nested.add(each == null ? null : each.withDefaultRoles());
        }
        return new Provision(type, period, actors, action, purpose, dataClass, dataPeriod, data, nested);
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T> list, T... more) {
        List<T> all = new ArrayList<>(list);
        all.addAll(Arrays.asList(more));
        return all;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
