package dev.festival.apikeys;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** A key's address allow-list: IPv4/IPv6 addresses and CIDR ranges, literals only (never a DNS lookup). */
final class IpAllowList {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAllowList() {
    }

    /** Whether an entry is a valid address or range. */
    static boolean valid(String entry) {
        return parse(entry) != null;
    }

    /** True for an empty list (no restriction) or an address inside one of the entries. */
    static boolean allows(List<String> entries, String address) {
        if (entries == null || entries.isEmpty()) {
            return true;
        }
        byte[] client = bytes(address);
        if (client == null) {
            return false;
        }
        for (String entry : entries) {
            Range r = parse(entry);
            if (r != null && r.contains(client)) {
                return true;
            }
        }
        return false;
    }

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            byte[] a = address;
            byte[] n = network;
            if (a.length != n.length) {
                // an IPv4 client seen as IPv4-mapped IPv6, or the reverse
                a = unmap(a);
                n = unmap(n);
                if (a.length != n.length) {
                    return false;
                }
            }
            int bits = n.length * 8;
            int p = Math.min(prefix, bits);
            BigInteger mask = p == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - p).shiftLeft(bits - p);
            return new BigInteger(1, a).and(mask).equals(new BigInteger(1, n).and(mask));
        }
    }

    private static Range parse(String entry) {
        if (entry == null) {
            return null;
        }
        String e = entry.trim();
        int slash = e.indexOf('/');
        String address = slash < 0 ? e : e.substring(0, slash);
        byte[] bytes = bytes(address);
        if (bytes == null) {
            return null;
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(e.substring(slash + 1));
            } catch (NumberFormatException ex) {
                return null;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                return null;
            }
        }
        return new Range(bytes, prefix);
    }

    private static byte[] bytes(String address) {
        if (address == null || address.isEmpty() || !LITERAL.matcher(address).matches()
                || (!address.contains(":") && address.chars().filter(c -> c == '.').count() != 3)) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] unmap(byte[] a) {
        if (a.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return a;
                }
            }
            if ((a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
                return new byte[] {a[12], a[13], a[14], a[15]};
            }
        }
        return a;
    }
}
