package dev.imagebaker.azureimage.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Blob service SAS tokens, signed and verified with the account key exactly as Azure does for service version
 * 2020-12-06 and later (the string-to-sign the storage SDK uses), so that the emulator accepts the tokens Azure
 * would accept and refuses the others: wrong signature, expired, wrong permission, plain HTTP.
 */
final class ServiceSas {
    static final String VERSION = "2022-11-02";

    private ServiceSas() {
    }

    /** A token for the canonical resource /blob/account/container[/blob]. */
    static String sign(byte[] key, String canonicalResource, String resource, String permissions, String start,
                       String expiry, String protocol) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("sv", VERSION);
        if (start != null && !start.isEmpty()) {
            q.put("st", start);
        }
        q.put("se", expiry);
        q.put("sr", resource);
        q.put("sp", permissions);
        if (protocol != null && !protocol.isEmpty()) {
            q.put("spr", protocol);
        }
        q.put("sig", signature(key, q, canonicalResource));
        StringBuilder token = new StringBuilder();
        q.forEach((k, v) -> token.append(token.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return token.toString();
    }

    private static String signature(byte[] key, Map<String, String> q, String canonicalResource) {
        String toSign = String.join("\n", q.getOrDefault("sp", ""), q.getOrDefault("st", ""),
                q.getOrDefault("se", ""), canonicalResource, q.getOrDefault("si", ""), q.getOrDefault("sip", ""),
                q.getOrDefault("spr", ""), q.getOrDefault("sv", ""), q.getOrDefault("sr", ""), "", "",
                q.getOrDefault("rscc", ""), q.getOrDefault("rscd", ""), q.getOrDefault("rsce", ""),
                q.getOrDefault("rscl", ""), q.getOrDefault("rsct", ""));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a token (query parameters, already URL-decoded) against the account key for a request to
     * container/blob needing one of the permissions (e.g. "aw": Append Block accepts add or write); throws Azure's
     * 403 otherwise.
     */
    static void verify(Map<String, String> query, byte[] key, String account, String container, String blob,
                       String permissions, boolean https) {
        if (!query.containsKey("sig")) {
            throw denied("AuthenticationFailed", "Server failed to authenticate the request. Make sure the value of"
                    + " Authorization header is formed correctly including the signature.");
        }
        String resource = query.getOrDefault("sr", "");
        String canonical = "/blob/" + account + "/" + container + (resource.equals("b") ? "/" + blob : "");
        if (!resource.equals("b") && !resource.equals("c")) {
            throw denied("AuthenticationFailed", "Signed resource 'sr' must be b or c.");
        }
        Map<String, String> q = new LinkedHashMap<>();
        for (String k : new String[] {"sp", "st", "se", "si", "sip", "spr", "sv", "sr", "rscc", "rscd", "rsce", "rscl",
            "rsct"}) {
            if (query.containsKey(k)) {
                q.put(k, query.get(k));
            }
        }
        String given = query.get("sig");
        if (!signature(key, q, canonical).equals(given)) {
            throw denied("AuthenticationFailed", "Signature did not match. String to sign used was for " + canonical);
        }
        Instant now = Instant.now();
        if (q.containsKey("st") && Instant.parse(q.get("st")).isAfter(now)
                || !q.containsKey("se") || !Instant.parse(q.get("se")).isAfter(now)) {
            throw denied("AuthenticationFailed", "Signed expiry time [" + q.get("se") + "] must be after signed"
                    + " start time and the current time.");
        }
        if ("https".equals(q.get("spr")) && !https) {
            throw denied("AuthorizationProtocolMismatch", "This request is not authorized to perform this operation"
                    + " using this protocol.");
        }
        String granted = q.getOrDefault("sp", "");
        if (permissions.chars().noneMatch(p -> granted.indexOf(p) >= 0)) {
            throw denied("AuthorizationPermissionMismatch", "This request is not authorized to perform this"
                    + " operation using this permission.");
        }
    }

    private static BlobException denied(String code, String message) {
        return new BlobException(403, code, message);
    }
}
