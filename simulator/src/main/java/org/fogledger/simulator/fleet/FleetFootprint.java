package org.fogledger.simulator.fleet;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.SplittableRandom;

/**
 * Measures the heap a fleet takes: builds one (a million devices by default), moves a share of them through the
 * stages as a run would, and reports the retained heap per device. Run with
 * {@code java -cp <simulator classpath> org.fogledger.simulator.fleet.FleetFootprint [devices]}.
 */
public final class FleetFootprint {
    private FleetFootprint() {
    }

    /** Bytes of heap retained by a fleet of {@code devices}, measured around its construction. */
    public static long retainedBytes(int devices) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // Class initialisation (the crypto library's tables) is not the fleet's: done once before measuring.
        new Fleet(new FleetSpec(1, 1, 1, 1, 1L)).deviceKey(0);
        long before = settledHeap(memory);
        Fleet fleet = new Fleet(new FleetSpec(devices, Math.max(1, devices / 10), 10, 10, 42L));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < devices / 2; i++) {
            int device = fleet.claim(DeviceStage.UNREGISTERED, random).device();
            fleet.release(device, i % 10 == 0 ? DeviceStage.BLOCKED : DeviceStage.OPERATIONAL);
        }
        for (int i = 0; i < 10_000; i++) {
            fleet.deviceKey(random.nextInt(devices));
        }
        long after = settledHeap(memory);
        if (fleet.size() != devices) {
            throw new IllegalStateException("fleet lost devices");
        }
        return after - before;
    }

    private static long settledHeap(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    public static void main(String[] args) {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long bytes = retainedBytes(devices);
        System.out.printf("fleet of %,d devices: %,d bytes of heap, %.1f bytes per device%n", devices, bytes,
                (double) bytes / devices);
    }
}
