package io.pinpipe.emulator.dataset;

/**
 * UTF-8 encoding of a line straight from its builder into a reused buffer: the generator's hot path writes a
 * kilobyte per row, and {@code toString().getBytes()} would copy it twice more.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Encodes {@code text} into {@code out} from index 0.
     *
     * @return the number of bytes written, or -1 when {@code out} is too small (3 bytes per char always suffice)
     */
    static int encode(CharSequence text, byte[] out) {
        int length = text.length();
        if (out.length < length * 3) {
            return -1;
        }
        int at = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int code = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | code >> 18);
                out[at++] = (byte) (0x80 | code >> 12 & 0x3F);
                out[at++] = (byte) (0x80 | code >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | code & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[at++] = (byte) '?';
            } else {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return at;
    }
}
