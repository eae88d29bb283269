package org.fogledger.simulator.fleet;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * The simulated fleet as a table: for a million devices a few primitive arrays, not a million objects. A device is
 * its index; its id, key, owner and place derive from the seed and the index (nothing stored); its stage is stored.
 *
 * <p><b>Stages in O(1).</b> The devices are kept in one permutation {@code perm}, grouped by stage in the order of
 * {@link DeviceStage}: segment {@code s} is {@code perm[start[s] .. start[s+1])}, and {@code pos} is the inverse
 * permutation. Picking a random device of a stage is one random index into its segment; moving a device to another
 * stage swaps it across the boundaries between (at most {@code stages - 1} swaps). Moves and claims hold the fleet's
 * lock for those few array writes; reads of a device's stage do not.
 *
 * <p>Heap: two {@code int} and one {@code byte} per device, plus one bit ({@link #markOnce}): about 9 bytes per
 * device ({@link FleetFootprint} measures it).
 */
public final class Fleet {
    private static final int STAGES = DeviceStage.ALL.length;

    private final FleetSpec spec;
    private final String idPrefix;
    private final int idDigits;
    private final int[] perm;
    private final int[] pos;
    private final byte[] stage;
    private final int[] start = new int[STAGES + 1];
    private final AtomicLongArray marks;
    private final DeviceKeys deviceKeys;
    private final DeviceKeys ownerKeys;

    public Fleet(FleetSpec spec) {
        this(spec, 8192);
    }

    /** @param keyCache keys kept derived, per kind (devices, owners) */
    public Fleet(FleetSpec spec, int keyCache) {
        this.spec = spec;
        int n = spec.devices();
        this.idPrefix = "sim-" + Long.toHexString(spec.seed()) + "-d";
        this.idDigits = Math.max(7, Integer.toString(n - 1).length());
        this.perm = new int[n];
        this.pos = new int[n];
        this.stage = new byte[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
            pos[i] = i;
        }
        for (int s = 1; s <= STAGES; s++) {
            start[s] = n;
        }
        this.marks = new AtomicLongArray((n + 63) / 64);
        this.deviceKeys = new DeviceKeys(spec.seed(), "fogledger-sim-device", keyCache);
        this.ownerKeys = new DeviceKeys(spec.seed(), "fogledger-sim-owner", Math.min(keyCache, spec.owners()));
    }

    public FleetSpec spec() {
        return spec;
    }

    public int size() {
        return perm.length;
    }

    // -----------------------------------------------------------------------------------------------------------
    // What derives from the index

    /** The device's registry id: {@code sim-<seed hex>-d0000042}, valid as a registry id and as an MQTT topic level. */
    public String deviceId(int device) {
        check(device);
        String digits = Integer.toString(device);
        StringBuilder id = new StringBuilder(idPrefix.length() + idDigits).append(idPrefix);
        for (int i = digits.length(); i < idDigits; i++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }

    /** The device index of {@code deviceId}, or -1 when it is not one of this fleet's ids. */
    public int indexOf(String deviceId) {
        if (deviceId == null || !deviceId.startsWith(idPrefix) || deviceId.length() != idPrefix.length() + idDigits) {
            return -1;
        }
        try {
            int index = Integer.parseInt(deviceId.substring(idPrefix.length()));
            return index >= 0 && index < perm.length ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public KeyPair deviceKey(int device) {
        check(device);
        return deviceKeys.key(device);
    }

    /** The owner of a device: devices are dealt to owners in turn, so every owner has about the same number. */
    public int ownerOf(int device) {
        check(device);
        return device % spec.owners();
    }

    public KeyPair ownerKey(int owner) {
        if (owner < 0 || owner >= spec.owners()) {
            throw new IllegalArgumentException("owner " + owner + " is not in 0.." + (spec.owners() - 1));
        }
        return ownerKeys.key(owner);
    }

    /** The device's region: sites are dealt in turn over all regions' sites. */
    public int regionOf(int device) {
        return siteSlot(device) / spec.sitesPerRegion();
    }

    /** The device's site within its region. */
    public int siteOf(int device) {
        return siteSlot(device) % spec.sitesPerRegion();
    }

    private int siteSlot(int device) {
        check(device);
        return (int) (Integer.toUnsignedLong(mixIndex(device)) % ((long) spec.regions() * spec.sitesPerRegion()));
    }

    /** The device's place, a registry path: {@code /sim/r<region>/s<site>}. */
    public String location(int device) {
        return sitePath(regionOf(device), siteOf(device));
    }

    /** The root of every place of the simulated fleet. */
    public static final String ROOT_PATH = "/sim";

    public static String regionPath(int region) {
        return ROOT_PATH + "/r" + region;
    }

    public static String sitePath(int region, int site) {
        return regionPath(region) + "/s" + site;
    }

    /** The device's behaviour profile, derived from the seed (not stored). */
    public DeviceProfile profile(int device) {
        check(device);
        return DeviceProfile.of(mixIndex(device ^ 0x5bd1e995));
    }

    private int mixIndex(int device) {
        long x = spec.seed() ^ (device * 0x9E3779B97F4A7C15L);
        x ^= x >>> 31;
        x *= 0xbf58476d1ce4e5b9L;
        x ^= x >>> 29;
        return (int) (x ^ (x >>> 32));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Stages

    public DeviceStage stage(int device) {
        check(device);
        return DeviceStage.ALL[stage[device]];
    }

    public synchronized int count(DeviceStage s) {
        return start[s.ordinal() + 1] - start[s.ordinal()];
    }

    /** Moves {@code device} to stage {@code to}, from whatever stage it is in. */
    public synchronized void move(int device, DeviceStage to) {
        check(device);
        moveLocked(device, to.ordinal());
    }

    /**
     * Takes a random device of stage {@code from} and moves it to {@link DeviceStage#BUSY}; null when there is none.
     * Put it back with {@link #release}.
     */
    public Claimed claim(DeviceStage from, SplittableRandom random) {
        return claim(from, from, random);
    }

    /**
     * Takes a random device of any stage from {@code first} to {@code last} (in the order of {@link DeviceStage},
     * which is one range of the permutation) and moves it to {@link DeviceStage#BUSY}; null when there is none.
     */
    public synchronized Claimed claim(DeviceStage first, DeviceStage last, SplittableRandom random) {
        if (last.ordinal() < first.ordinal()) {
            throw new IllegalArgumentException("stages " + first + ".." + last + " are in the wrong order");
        }
        int from = start[first.ordinal()];
        int to = start[last.ordinal() + 1];
        if (to <= from) {
            return null;
        }
        int device = perm[from + random.nextInt(to - from)];
        DeviceStage was = DeviceStage.ALL[stage[device]];
        moveLocked(device, DeviceStage.BUSY.ordinal());
        return new Claimed(device, was);
    }

    /** A device an operation took, and the stage it was in. */
    public record Claimed(int device, DeviceStage from) {
    }

    /** Puts a device an operation claimed into the stage the operation found it ends in. */
    public synchronized void release(int device, DeviceStage to) {
        check(device);
        if (stage[device] != DeviceStage.BUSY.ordinal()) {
            throw new IllegalStateException("device " + device + " is " + stage(device) + ", not claimed");
        }
        moveLocked(device, to.ordinal());
    }

    /** A random device of stage {@code s} without claiming it (for probes that only read); -1 when there is none. */
    public synchronized int peek(DeviceStage s, SplittableRandom random) {
        int from = start[s.ordinal()];
        int to = start[s.ordinal() + 1];
        return to <= from ? -1 : perm[from + random.nextInt(to - from)];
    }

    /** Sets the device's one-bit mark; true when it was not set (the first operation that wants it exclusive). */
    public boolean markOnce(int device) {
        check(device);
        int word = device >>> 6;
        long bit = 1L << (device & 63);
        while (true) {
            long old = marks.get(word);
            if ((old & bit) != 0) {
                return false;
            }
            if (marks.compareAndSet(word, old, old | bit)) {
                return true;
            }
        }
    }

    private void moveLocked(int device, int to) {
        int s = stage[device];
        while (s < to) {
            // Swap the device to the end of its segment, then shrink the segment: it is now first of the next.
            swap(pos[device], start[s + 1] - 1);
            start[s + 1]--;
            s++;
        }
        while (s > to) {
            swap(pos[device], start[s]);
            start[s]++;
            s--;
        }
        stage[device] = (byte) to;
    }

    private void swap(int p, int q) {
        int x = perm[p];
        int y = perm[q];
        perm[p] = y;
        perm[q] = x;
        pos[y] = p;
        pos[x] = q;
    }

    private void check(int device) {
        if (device < 0 || device >= perm.length) {
            throw new IllegalArgumentException("device " + device + " is not in 0.." + (perm.length - 1));
        }
    }
}
