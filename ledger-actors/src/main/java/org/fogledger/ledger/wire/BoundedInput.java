package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * A Kryo input over one byte array that refuses a length prefix larger than the bytes left. Without it a
 * forged length (a byte array of two billion, a string of a billion chars) makes Kryo allocate the whole
 * amount before it notices the input is short, and an {@code OutOfMemoryError} takes the node down. Every
 * element of a string, byte array or collection takes at least one byte, so the check never refuses a
 * genuine message.
 */
final class BoundedInput extends Input {

    BoundedInput() {
        super();
    }

    /** Throws unless {@code count} items of at least one byte each can still be read. */
    static void requireAvailable(Input input, long count, String what) {
        int remaining = input.limit() - input.position();
        if (count < 0 || count > remaining) {
            throw new KryoException(what + " claims " + count + " elements but only " + remaining + " bytes remain");
        }
    }

    @Override
    public byte[] readBytes(int length) throws KryoException {
        requireAvailable(this, length, "byte array");
        return super.readBytes(length);
    }

    @Override
    public String readString() {
        if (position < limit && readVarIntFlag()) {
            // UTF-8 form: a char count, then the chars; Kryo sizes its char buffer from the count.
            int start = position;
            int charCountPlusOne = readVarIntFlag(true);
            position = start;
            if (charCountPlusOne != 0 && charCountPlusOne != 1) { // 0 is null, 1 is ""
                requireAvailable(this, charCountPlusOne - 1L, "string");
            }
        }
        return super.readString();
    }
}
