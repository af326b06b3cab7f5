/**
 * The dataset generator: course-like source tables ({@code pinterest_data}, {@code geolocation_data},
 * {@code user_data}) at any size, deterministically from a seed, in bounded memory. {@link
 * io.pinpipe.emulator.dataset.DatasetGenerator} makes the rows, {@link io.pinpipe.emulator.dataset.DatasetWriter}
 * writes them as JSON Lines (the real sample's exact form) or CSV. The facts it reproduces are resources derived from
 * the real sample by {@code tools/derive_dataset_facts.py}; see {@code docs/dataset.md}. Uses only
 * {@code pinpipe-common}.
 */
package io.pinpipe.emulator.dataset;
