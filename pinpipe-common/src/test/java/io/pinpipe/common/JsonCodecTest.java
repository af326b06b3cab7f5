package io.pinpipe.common;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {

    private final JsonCodec codec = JsonCodec.get();

    @Test
    void writesGeoInTableOrderWithIsoDatetime() {
        GeoRecord geo = new GeoRecord(7528, LocalDateTime.of(2020, 8, 28, 3, 52, 47), -89.9787, -173.293, "Albania");

        assertThat(codec.toJson(geo)).isEqualTo("{\"ind\":7528,\"timestamp\":\"2020-08-28T03:52:47\","
                + "\"latitude\":-89.9787,\"longitude\":-173.293,\"country\":\"Albania\"}");
    }

    @Test
    void readsBothDatetimeForms() {
        String iso = "{\"ind\":1,\"first_name\":\"Adam\",\"last_name\":\"Acosta\",\"age\":20,"
                + "\"date_joined\":\"2015-10-21T21:26:45\"}";
        String database = iso.replace("2015-10-21T21:26:45", "2015-10-21 21:26:45");

        UserRecord fromIso = codec.read(iso, UserRecord.class);
        UserRecord fromDatabase = codec.read(database, UserRecord.class);

        assertThat(fromIso).isEqualTo(fromDatabase);
        assertThat(fromIso.dateJoined()).isEqualTo(LocalDateTime.of(2015, 10, 21, 21, 26, 45));
    }

    @Test
    void pinRoundTripKeepsOddTextByteForByte() {
        PinRecord pin = new PinRecord(10981, "6b5a5d2b-2f5a-4c1e-9d8e-1f0e5b2c3d4e", "fly&#39s \u00a0BIRTHDAY\n",
                "Ωραίο… ", "User Info Error", "12k", "a,b,c", "multi-video(story page format)",
                "Image src error.", 0, "Local save in /data/travel", "travel");

        String json = codec.toJson(pin);

        assertThat(json).startsWith("{\"index\":10981,\"unique_id\":").contains("\"follower_count\":\"12k\"");
        assertThat(codec.read(json, PinRecord.class)).isEqualTo(pin);
    }

    @Test
    void missingFieldIsAnErrorNamingIt() {
        String json = "{\"ind\":1,\"first_name\":\"Adam\",\"last_name\":\"Acosta\",\"age\":20}";

        assertThatThrownBy(() -> codec.read(json, UserRecord.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("date_joined");
    }

    @Test
    void nullForANumberIsAnError() {
        String json = "{\"ind\":null,\"first_name\":\"Adam\",\"last_name\":\"Acosta\",\"age\":20,"
                + "\"date_joined\":\"2015-10-21T21:26:45\"}";

        assertThatThrownBy(() -> codec.read(json, UserRecord.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedDatetimeIsAnErrorQuotingTheValue() {
        String json = "{\"ind\":1,\"timestamp\":\"28/08/2020\",\"latitude\":1.5,\"longitude\":2.5,\"country\":\"X\"}";

        assertThatThrownBy(() -> codec.read(json, SourceTable.GEO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("28/08/2020");
    }
}
