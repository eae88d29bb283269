// A JUnit-free measurement behind two choices in org.fogledger.ledger.crypto: which Ed25519 verify path and
// which SHA-256 implementation. It lives in test resources, not test sources, so it is never compiled into the
// package (which may not read clocks). Run with the JDK's source launcher, from ledger-actors/:
//
//   CP=$(ls ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.87/bcprov-jdk18on-1.87.jar)
//   java -cp "$CP" src/test/resources/crypto/bench/CryptoBench.java
//
// Numbers are rough (no JMH, one fork); they only need to rank the alternatives.
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

public class CryptoBench {
    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        SecureRandom random = new SecureRandom();
        int keys = 64;
        byte[][] pks = new byte[keys][Ed25519.PUBLIC_KEY_SIZE];
        byte[][] sigs = new byte[keys][Ed25519.SIGNATURE_SIZE];
        Ed25519.PublicPoint[] points = new Ed25519.PublicPoint[keys];
        byte[] message = new byte[200];
        random.nextBytes(message);
        for (int i = 0; i < keys; i++) {
            byte[] sk = new byte[Ed25519.SECRET_KEY_SIZE];
            random.nextBytes(sk);
            Ed25519.generatePublicKey(sk, 0, pks[i], 0);
            Ed25519.sign(sk, 0, message, 0, message.length, sigs[i], 0);
            points[i] = Ed25519.validatePublicKeyPartialExport(pks[i], 0);
        }
        Ed25519.precompute();

        for (int round = 0; round < 3; round++) {
            int n = 20_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int k = i % keys;
                check(Ed25519.verify(sigs[k], 0, pks[k], 0, message, 0, message.length));
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int k = i % keys;
                check(Ed25519.verify(sigs[k], 0, points[k], message, 0, message.length));
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int k = i % keys;
                Ed25519.PublicPoint p = Ed25519.validatePublicKeyPartialExport(pks[k], 0);
                check(Ed25519.verify(sigs[k], 0, p, message, 0, message.length));
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int k = i % keys;
                Ed25519.PublicPoint p = Ed25519.validatePublicKeyFullExport(pks[k], 0);
                check(Ed25519.verify(sigs[k], 0, p, message, 0, message.length));
            }
            long t4 = System.nanoTime();
            System.out.printf("Ed25519 verify, us/op: bytes %.1f | cached point %.1f | partial-export+verify (cold) %.1f"
                    + " | full-export+verify (cold) %.1f%n",
                    (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, (t4 - t3) / 1e3 / n);
        }

        byte[] data = new byte[1024];
        random.nextBytes(data);
        MessageDigest prototype = MessageDigest.getInstance("SHA-256");
        MessageDigest reused = MessageDigest.getInstance("SHA-256");
        System.out.println("JDK SHA-256 provider: " + prototype.getProvider() + " " + prototype.getClass().getName());
        for (int round = 0; round < 5; round++) {
            int n = 500_000;
            byte[] out = new byte[32];
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                SHA256Digest d = new SHA256Digest();
                d.update(data, 0, data.length);
                d.doFinal(out, 0);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                MessageDigest d = (MessageDigest) prototype.clone();
                d.update(data, 0, data.length);
                out = d.digest();
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                d.update(data, 0, data.length);
                out = d.digest();
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                reused.update(data, 0, data.length);
                out = reused.digest();
            }
            long t4 = System.nanoTime();
            sink = out;
            System.out.printf("SHA-256 1 KiB, ns/op: BC new digest %.0f | JDK clone %.0f | JDK getInstance %.0f"
                    + " | JDK reused (ThreadLocal-like) %.0f%n",
                    (t1 - t0) / (double) n, (t2 - t1) / (double) n, (t3 - t2) / (double) n, (t4 - t3) / (double) n);
        }
    }

    static void check(boolean ok) {
        if (!ok) {
            throw new AssertionError("verify failed");
        }
    }
}
