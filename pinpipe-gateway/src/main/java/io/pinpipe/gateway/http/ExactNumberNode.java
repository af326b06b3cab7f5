package io.pinpipe.gateway.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.NumericNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number that keeps the text the client wrote ({@code 1.10}, {@code 1e400}, {@code -0}, {@code 1E+2}) and
 * writes that text back unchanged, so a value is stored as it was sent. Its numeric value is computed only when
 * someone asks (the produce path never does); a number whose exponent no {@link BigDecimal} can hold still keeps and
 * writes its text.
 */
final class ExactNumberNode extends NumericNode {

    private static final long serialVersionUID = 1L;

    private final String text;
    private final boolean integral;
    private transient BigDecimal value;

    ExactNumberNode(String text, boolean integral) {
        this.text = text;
        this.integral = integral;
    }

    private BigDecimal value() {
        if (value == null) {
            value = new BigDecimal(text);
        }
        return value;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeNumber(text);
    }

    @Override
    public JsonToken asToken() {
        return integral ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
    }

    @Override
    public JsonParser.NumberType numberType() {
        return integral ? JsonParser.NumberType.BIG_INTEGER : JsonParser.NumberType.BIG_DECIMAL;
    }

    @Override
    public boolean isIntegralNumber() {
        return integral;
    }

    @Override
    public boolean isFloatingPointNumber() {
        return !integral;
    }

    @Override
    public boolean isBigDecimal() {
        return !integral;
    }

    @Override
    public Number numberValue() {
        return value();
    }

    @Override
    public int intValue() {
        return value().intValue();
    }

    @Override
    public long longValue() {
        return value().longValue();
    }

    @Override
    public double doubleValue() {
        return value().doubleValue();
    }

    @Override
    public BigDecimal decimalValue() {
        return value();
    }

    @Override
    public BigInteger bigIntegerValue() {
        return value().toBigInteger();
    }

    @Override
    public boolean canConvertToInt() {
        return fitsIn(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public boolean canConvertToLong() {
        return fitsIn(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private boolean fitsIn(long min, long max) {
        try {
            return value().compareTo(BigDecimal.valueOf(min)) >= 0 && value().compareTo(BigDecimal.valueOf(max)) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String asText() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExactNumberNode exact && exact.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
