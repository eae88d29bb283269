package org.fogledger.simulator.behaviour;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.simulator.engine.Outcome;
import org.fogledger.simulator.fleet.DeviceStage;
import org.fogledger.simulator.fleet.Fleet;

/** What every behaviour shares: parameter checks, the shape of outcomes and of error kinds, and never throwing. */
final class Behaviours {
    private Behaviours() {
    }

    /** Refuses parameters other than {@code accepted}, naming them. */
    static void acceptOnly(String kind, Map<String, String> params, String... accepted) {
        Set<String> known = Set.of(accepted);
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("behaviour '" + kind + "' has no parameter " + String.join(", ", unknown)
                    + "; it accepts " + (accepted.length == 0 ? "none" : String.join(", ", new TreeSet<>(known))));
        }
    }

    /** The value of {@code name}, one of {@code allowed} (the first is the default). */
    static String choice(String kind, Map<String, String> params, String name, String... allowed) {
        String value = params.getOrDefault(name, allowed[0]);
        for (String option : allowed) {
            if (option.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("behaviour '" + kind + "': " + name + "=" + value + " is not one of "
                + String.join(", ", allowed));
    }

    static int integer(String kind, Map<String, String> params, String name, int fallback, int min, int max) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("behaviour '" + kind + "': " + name + "=" + value
                + " is not an integer in " + min + ".." + max);
    }

    /**
     * Claims an admitted device (operational or consented) so that no other operation interleaves on it, runs
     * {@code operation} on it on the work pool, and gives the device back to the stage it came from; skipped when
     * no device is admitted yet.
     */
    static CompletionStage<Outcome> onAdmittedDevice(Parts parts, SplittableRandom random, String noneWhy,
                                                      IntFunction<CompletionStage<Outcome>> operation) {
        Fleet fleet = parts.fleet;
        Fleet.Claimed claimed = fleet.claim(DeviceStage.OPERATIONAL, DeviceStage.CONSENTED, random);
        if (claimed == null) {
            return skipped(noneWhy);
        }
        int device = claimed.device();
        return guarded(parts.work, () -> operation.apply(device))
                .whenComplete((outcome, failure) -> fleet.release(device, claimed.from()));
    }

    /** An operation on a claimed device that records, in {@code reached[0]}, the stage its answers put it in. */
    interface StagedOperation {
        CompletionStage<Outcome> run(int device, DeviceStage[] reached);
    }

    /**
     * Runs {@code operation} on the work pool on a device already claimed (skipped when {@code claimed} is null:
     * none was in the stage needed), and gives the device back to the stage the answers put it in, or takes it out
     * of the play (retired) when the operation failed before they said anything: its effect on the ledger is then
     * unknown (a timeout may hide a commit), and judging it later against a guess would report false violations.
     */
    static CompletionStage<Outcome> onClaimedDevice(Parts parts, Fleet.Claimed claimed, String noneWhy,
                                                     StagedOperation operation) {
        if (claimed == null) {
            return skipped(noneWhy);
        }
        int device = claimed.device();
        DeviceStage[] reached = {claimed.from()};
        return guarded(parts.work, () -> operation.run(device, reached)).whenComplete((outcome, failure) ->
                parts.fleet.release(device, outcome instanceof Outcome.Failed && reached[0] == claimed.from()
                        ? DeviceStage.RETIRED : reached[0]));
    }

    /**
     * Runs {@code operation} on {@code work}, so that the engine's thread only hands it over (deriving keys and
     * signing take tens of microseconds each, and the engine's lag is measured on its own thread); anything the
     * operation throws or fails with becomes a {@link Outcome.Failed}.
     */
    static CompletionStage<Outcome> guarded(Executor work, Supplier<CompletionStage<Outcome>> operation) {
        return CompletableFuture.supplyAsync(operation, work).thenCompose(started -> started)
                .handle((outcome, failure) -> failure == null ? outcome : failure(failure));
    }

    static Outcome failure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException || String.valueOf(cause.getMessage()).contains("did not answer")
                || String.valueOf(cause.getMessage()).contains("timed out")) {
            return new Outcome.Failed("timeout", String.valueOf(cause.getMessage()));
        }
        return new Outcome.Failed("error:" + cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()));
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static CompletionStage<Outcome> done(Outcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    static CompletionStage<Outcome> skipped(String why) {
        return done(new Outcome.Skipped(why));
    }

    /**
     * A short, stable error kind from a refusal's reason, for grouping in reports: {@code refused:} and the reason's
     * first words up to a colon or parenthesis, with ids (anything with a digit) dropped.
     */
    static String refusedKind(String reason) {
        String head = reason == null ? "no reason" : reason;
        int cut = head.length();
        for (char c : new char[] {':', '(', ','}) {
            int at = head.indexOf(c);
            if (at > 0) {
                cut = Math.min(cut, at);
            }
        }
        StringBuilder kind = new StringBuilder("refused:");
        int words = 0;
        for (String word : head.substring(0, cut).trim().split("\\s+")) {
            if (word.chars().anyMatch(Character::isDigit) || word.isEmpty()) {
                continue;
            }
            if (words++ > 0) {
                kind.append('-');
            }
            kind.append(word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""));
            if (words == 4) {
                break;
            }
        }
        return kind.toString();
    }

    static String describe(SubmitResult result) {
        if (result instanceof SubmitResult.Committed committed) {
            return committed.receipt().resultCode() + ": " + new String(committed.receipt().result(),
                    StandardCharsets.UTF_8);
        }
        if (result instanceof SubmitResult.Refused refused) {
            return "refused: " + refused.reason() + " " + refused.message();
        }
        return String.valueOf(result);
    }

    /** A contract's JSON answer as a tree; a malformed one is an error naming it. */
    static com.fasterxml.jackson.databind.JsonNode json(byte[] json) {
        try {
            return org.fogledger.ledger.contract.ContractJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    static boolean committedOk(SubmitResult result) {
        return result instanceof SubmitResult.Committed committed && committed.receipt().isOk();
    }

    /** The outcome of a transaction that should have committed OK. */
    static Outcome failedTransaction(SubmitResult result) {
        if (result instanceof SubmitResult.Committed committed) {
            return new Outcome.Failed("rejected:" + committed.receipt().resultCode(), describe(result));
        }
        if (result instanceof SubmitResult.Refused refused) {
            return new Outcome.Failed("refused:" + refused.reason(), describe(result));
        }
        return new Outcome.Failed("error", describe(result));
    }
}
