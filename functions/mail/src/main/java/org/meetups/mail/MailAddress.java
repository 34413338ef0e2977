package org.meetups.mail;

import java.net.IDN;
import java.nio.charset.StandardCharsets;

/**
 * A recipient's address as SES takes it: 7-bit ASCII, the domain in Punycode (IDNA), so
 * {@code anna@bücher.example} is sent to {@code anna@xn--bcher-kva.example}. An address SES cannot
 * take (no domain, a non-ASCII local part, an invalid domain) is refused with
 * {@link MimeMail.UndeliverableAddressException}, for the caller to record as undeliverable.
 */
public final class MailAddress {
    private MailAddress() {}

    public static String forSending(String address) {
        if (address == null || address.isBlank()) {
            throw new MimeMail.UndeliverableAddressException("no e-mail address", null);
        }
        String trimmed = address.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new MimeMail.UndeliverableAddressException("not an e-mail address (local@domain)", null);
        }
        String local = trimmed.substring(0, at);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(local)) {
            throw new MimeMail.UndeliverableAddressException(
                    "the local part is not ASCII (SES sends 7-bit addresses only)", null);
        }
        try {
            return local + "@" + IDN.toASCII(trimmed.substring(at + 1), IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new MimeMail.UndeliverableAddressException("invalid domain: " + e.getMessage(), e);
        }
    }

    /**
     * A {@code mailto:} URI of an address (RFC 6068): every character outside the unreserved set and
     * the few delimiters it allows unencoded is percent-encoded, so quoted local parts,
     * {@code {|}} and {@code %} all make a valid URI.
     */
    public static String mailto(String asciiAddress) {
        StringBuilder uri = new StringBuilder("mailto:");
        for (byte b : asciiAddress.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$'()*+,;:@".indexOf(c) >= 0) {
                uri.append(c);
            } else {
                uri.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return uri.toString();
    }
}
