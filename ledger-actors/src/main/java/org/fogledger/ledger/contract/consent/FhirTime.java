package org.fogledger.ledger.contract.consent;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.fogledger.ledger.contract.ContractRefusal;

/**
 * FHIR date-time text and ledger time. Decisions compare block times in milliseconds, so a FHIR Period bound
 * must name an instant: date, time to the second (optionally to the millisecond) and time zone. A bare date or a
 * time without zone names a span whose start depends on where one stands, and is refused rather than guessed.
 * Consent.dateTime is informative and kept as text, so any FHIR dateTime is accepted there.
 */
final class FhirTime {
    /** 0001-01-01T00:00:00Z: FHIR years start at 0001. */
    static final long MIN = -62_135_596_800_000L;
    /** 9999-12-31T23:59:59.999Z: FHIR years have four digits. */
    static final long MAX = 253_402_300_799_999L;

    // FHIR R4's regular expression for dateTime.
    private static final Pattern DATE_TIME = Pattern.compile("([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)"
            + "(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)"
            + "(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?");
    // An instant in the ledger's precision: seconds, at most milliseconds, and a zone.
    private static final Pattern INSTANT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
            + "(\\.[0-9]{1,3})?(Z|[+-][0-9]{2}:[0-9]{2})");

    private FhirTime() {
    }

    static boolean isDateTime(String text) {
        return text.length() <= 64 && DATE_TIME.matcher(text).matches();
    }

    /** The instant {@code text} names, in milliseconds; refuses anything else, naming {@code path}. */
    static long parseInstant(String path, String text) {
        if (!isDateTime(text)) {
            throw new ContractRefusal("malformed-payload", path + ": '" + abbreviate(text)
                    + "' is not a FHIR dateTime");
        }
        if (!INSTANT.matcher(text).matches()) {
            throw new ContractRefusal("unsupported-fhir-element", path + ": '" + text + "' is not supported as a"
                    + " period bound: give an instant with seconds and time zone, at most millisecond precision"
                    + " (e.g. 2025-01-31T00:00:00Z), since decisions compare block times in milliseconds");
        }
        try {
            long millis = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
            if (millis < MIN || millis > MAX) {
                throw new ContractRefusal("malformed-payload", path + ": '" + text
                        + "' is outside FHIR's years 0001-9999");
            }
            return millis;
        } catch (DateTimeException e) {
            throw new ContractRefusal("malformed-payload", path + ": '" + text + "' is not a valid instant: "
                    + e.getMessage());
        }
    }

    /** The FHIR instant text of {@code millis} in UTC, e.g. {@code 2025-01-31T00:00:00Z}. */
    static String format(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
