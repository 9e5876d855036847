package dev.entrabridge.emulator.entra;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The subject Entra gives a blueprint's token requested with {@code fmi_path}:
 * {@code /eid1/c/pub/t/<tenant>/a/<blueprint>/<fmi_path>}, tenant and blueprint ids as base64url of
 * their GUID bytes in .NET order (as seen in Entra's AADSTS7002137 texts).
 */
final class FmiSubject {

    private FmiSubject() {
    }

    static String of(String tenantId, String blueprintAppId, String fmiPath) {
        return "/eid1/c/pub/t/" + guid(tenantId) + "/a/" + guid(blueprintAppId) + "/" + fmiPath;
    }

    /** .NET {@code Guid.ToByteArray()} order: the first three groups little-endian, the rest as written. */
    static String guid(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
        }
        long msb = uuid.getMostSignificantBits();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16))
                .putShort((short) msb);
        bytes.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
