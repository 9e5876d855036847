package dev.entrabridge.sidecar;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which peers may call the sidecar: loopback always, plus the networks given with {@code --allow-from}
 * (e.g. a pod network). Admitted peers are loopback-kind callers to the policy, so admit only
 * networks you would trust as much as the host itself.
 */
final class PeerFilter {

    private final List<Network> allowed;

    private PeerFilter(List<Network> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    static PeerFilter loopbackOnly() {
        return new PeerFilter(List.of());
    }

    /** @param cidrs e.g. {@code 10.0.0.0/8}, {@code fd00::/8} */
    static PeerFilter loopbackAnd(List<String> cidrs) {
        return new PeerFilter(cidrs.stream().map(Network::parse).toList());
    }

    boolean admits(InetAddress peer) {
        return peer.isLoopbackAddress() || allowed.stream().anyMatch(n -> n.contains(peer));
    }

    boolean loopbackOnlyMode() {
        return allowed.isEmpty();
    }

    private record Network(byte[] address, int prefix) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("--allow-from '" + cidr + "' is not a CIDR: write it as 10.0.0.0/8");
            }
            try {
                byte[] address = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                int prefix = Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("--allow-from '" + cidr + "' has a prefix outside 0.." + address.length * 8);
                }
                return new Network(address, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("--allow-from '" + cidr + "' is not a CIDR: write it as 10.0.0.0/8", e);
            }
        }

        boolean contains(InetAddress peer) {
            byte[] candidate = peer.getAddress();
            if (candidate.length != address.length) {
                return false;
            }
            int bits = address.length * 8;
            BigInteger mask = prefix == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
            return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, address).and(mask));
        }
    }
}
