package io.pinpipe.emulator.dataset;

import java.time.LocalDateTime;

/** One poster: what every row they own repeats (in the real sample: one location and one poster_name per person). */
record Person(long id, String firstName, String lastName, int age, LocalDateTime dateJoined, String posterName,
              String followerCount, double latitude, double longitude, String country) {
}
