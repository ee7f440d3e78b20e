package dev.imagebaker.azureimage.bake.guest;

import dev.imagebaker.azureimage.config.OsType;
import dev.imagebaker.azureimage.config.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * Credentials of the build VM, made fresh for each bake and kept only in memory. Linux gets an SSH public key
 * whose private key is discarded at once: nobody can log in, scripts run through run commands. Windows gets a
 * random password that satisfies Azure's complexity rule.
 */
public final class Credentials {
    /** The administrator of build and test VMs; nobody logs in as it. */
    public static final String ADMIN_USER = "azimgadmin";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {
    }

    /** A credential for a new VM that nobody keeps: an SSH key (Linux) or a password (Windows). */
    public static Secret fresh(OsType os) {
        return os == OsType.LINUX ? sshPublicKey() : windowsPassword();
    }

    /** An OpenSSH "ssh-rsa" public key line; the private half is never kept. */
    public static Secret sshPublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072, RANDOM);
            RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            writeString(wire, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(wire, key.getPublicExponent().toByteArray());
            writeString(wire, key.getModulus().toByteArray());
            return new Secret("ssh-rsa " + Base64.getEncoder().encodeToString(wire.toByteArray()) + " azure-image-build");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an SSH key", e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] data) {
        out.write((data.length >>> 24) & 0xff);
        out.write((data.length >>> 16) & 0xff);
        out.write((data.length >>> 8) & 0xff);
        out.write(data.length & 0xff);
        out.writeBytes(data);
    }

    /** 32 characters from all four classes Azure counts, so always complex enough. */
    public static Secret windowsPassword() {
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String digits = "23456789";
        String special = "!@#%^*-_=+";
        String all = upper + lower + digits + special;
        StringBuilder p = new StringBuilder();
        p.append(pick(upper)).append(pick(lower)).append(pick(digits)).append(pick(special));
        while (p.length() < 32) {
            p.append(pick(all));
        }
        return new Secret(p.toString());
    }

    private static char pick(String alphabet) {
        return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }
}
