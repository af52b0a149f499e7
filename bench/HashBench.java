import java.security.MessageDigest;
import org.bouncycastle.crypto.digests.Blake3Digest;
public class HashBench {
  public static void main(String[] a) throws Exception {
    byte[] buf = new byte[1 << 20]; new java.util.Random(1).nextBytes(buf);
    int mb = 2048;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < mb; i++) sha.update(buf, 0, buf.length);
      sha.digest();
      long t1 = System.nanoTime();
      Blake3Digest b3 = new Blake3Digest(256);
      for (int i = 0; i < mb; i++) b3.update(buf, 0, buf.length);
      byte[] out = new byte[32]; b3.doFinal(out, 0);
      long t2 = System.nanoTime();
      System.out.printf("round %d: SHA-256 %.0f MiB/s, BLAKE3(BC) %.0f MiB/s%n", round, mb / ((t1 - t0) / 1e9), mb / ((t2 - t1) / 1e9));
    }
  }
}
