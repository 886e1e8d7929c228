package customer_identity.spark;

import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.api.java.UDF2;

/**
 * Jaro-Winkler similarity exactly as DuckDB's jaro_winkler_similarity computes it, so that a
 * Spark build compares names and streets as the DuckDB build does (registered as
 * jaro_winkler, the name Splink's Spark comparisons and the dbt macros call). Splink's own
 * Spark function counts half a transposition where DuckDB rounds the count down, which
 * moved a pair across a threshold at 100k records. DuckDB compares UTF-8 bytes, takes the
 * prefix boost (up to four bytes, weight 0.1) only above 0.7, and its build fuses that
 * boost into one rounding (a fused multiply-add): all three are reproduced here. Null when
 * either input is null.
 */
public final class JaroWinklerSimilarity implements UDF2<String, String, Double> {
    private static final long serialVersionUID = 1L;

    @Override
    public Double call(String left, String right) {
        if (left == null || right == null) {
            return null;
        }
        return similarity(
                left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
    }

    static double similarity(byte[] left, byte[] right) {
        double jaro = jaro(left, right);
        if (jaro <= 0.7) {
            return jaro;
        }
        int limit = Math.min(4, Math.min(left.length, right.length));
        int prefix = 0;
        while (prefix < limit && left[prefix] == right[prefix]) {
            prefix++;
        }
        return Math.min(Math.fma(prefix * 0.1, 1.0 - jaro, jaro), 1.0);
    }

    static double jaro(byte[] left, byte[] right) {
        if (left.length == 0 || right.length == 0) {
            return 0.0;
        }
        int window = Math.max(Math.max(left.length, right.length) / 2 - 1, 0);
        boolean[] leftMatched = new boolean[left.length];
        boolean[] rightMatched = new boolean[right.length];
        int matches = 0;
        for (int i = 0; i < left.length; i++) {
            int end = Math.min(right.length, i + window + 1);
            for (int j = Math.max(0, i - window); j < end; j++) {
                if (!rightMatched[j] && left[i] == right[j]) {
                    leftMatched[i] = true;
                    rightMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int transpositions = 0;
        int j = 0;
        for (int i = 0; i < left.length; i++) {
            if (leftMatched[i]) {
                while (!rightMatched[j]) {
                    j++;
                }
                if (left[i] != right[j]) {
                    transpositions++;
                }
                j++;
            }
        }
        transpositions /= 2;
        double sum = (double) matches / left.length;
        sum += (double) matches / right.length;
        sum += ((double) matches - transpositions) / matches;
        return sum / 3.0;
    }
}
