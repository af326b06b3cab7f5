package io.pinpipe.emulator.dataset;

import io.pinpipe.common.PinRecord;

import java.util.SplittableRandom;

/**
 * Builds the pin of one row: its kind (image, video, story page) and every placeholder at the rate and on the kind
 * of row where the real data has it (testdata/real-sample). The rules that tie columns together:
 * <ul>
 *   <li>the "User Info Error" poster's rows are story pages with every placeholder and "Image src error.";</li>
 *   <li>"No description available Story format" exactly on story rows;</li>
 *   <li>"Image src error." exactly when downloaded = 0, and only on story rows;</li>
 *   <li>videos and the other story rows show a video thumbnail, images an original.</li>
 * </ul>
 */
final class Pins {

    static final String STORY = "multi-video(story page format)";
    static final String IMAGE = "image";
    static final String VIDEO = "video";
    static final String NO_TITLE = "No Title Data Available";
    static final String STORY_DESCRIPTION = "No description available Story format";
    static final String NO_DESCRIPTION = "No description available";
    static final String UNTITLED = "Untitled";
    static final String NO_TAGS = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";
    static final String IMAGE_ERROR = "Image src error.";

    private static final double SAMPLE_PINS = 4614;
    /** Of the 314 story rows not by the error poster: 77 lost their image, 5 their tags. */
    private static final double STORY_IMAGE_ERROR_SHARE = 77.0 / 314;
    private static final double STORY_NO_TAGS_SHARE = 5.0 / 314;
    private static final double IMAGE_NO_TAGS_SHARE = 30.0 / 4129;
    private static final double VIDEO_NO_TAGS_SHARE = 3.0 / 137;
    private static final double IMAGE_NO_DESCRIPTION_SHARE = 65.0 / 4129;
    private static final double VIDEO_NO_DESCRIPTION_SHARE = 4.0 / 137;
    private static final double EMPTY_TITLE_SHARE = 1 / SAMPLE_PINS;
    private static final double UNTITLED_TITLE_SHARE = 1 / SAMPLE_PINS;
    private static final double UNTITLED_DESCRIPTION_SHARE = 1 / SAMPLE_PINS;
    /** Originals by extension: jpg 3460, png 642, webp 21, gif 6; thumbnails "-00001.jpg" 5 of 374. */
    private static final double[] EXTENSION_ENDS = {3460.0 / 4129, 4102.0 / 4129, 4123.0 / 4129, 1};
    private static final String[] EXTENSIONS = {".jpg", ".png", ".webp", ".gif"};
    private static final double DASH_THUMBNAIL_SHARE = 5.0 / 374;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final PinTexts texts;

    Pins(FactTables facts) {
        this.texts = new PinTexts(facts);
    }

    PinRecord pin(int index, FactTables.Category category, Person person, SplittableRandom random) {
        String uniqueId = uuid4(random);
        String saveLocation = "Local save in /data/" + category.name();
        if (People.USER_INFO_ERROR.equals(person.posterName())) {
            return new PinRecord(index, uniqueId, NO_TITLE, STORY_DESCRIPTION, person.posterName(),
                    person.followerCount(), NO_TAGS, STORY, IMAGE_ERROR, 0, saveLocation, category.name());
        }
        double kindDraw = random.nextDouble();
        String kind = kindDraw < category.storyShare() ? STORY
                : kindDraw < category.storyShare() + category.videoShare() ? VIDEO : IMAGE;
        String title = title(category, random);
        String description;
        String tags;
        String imageSrc;
        if (STORY.equals(kind)) {
            description = STORY_DESCRIPTION;
            tags = random.nextDouble() < STORY_NO_TAGS_SHARE ? NO_TAGS : texts.tagList(category, random);
            imageSrc = random.nextDouble() < STORY_IMAGE_ERROR_SHARE ? IMAGE_ERROR : thumbnail(random);
        } else if (VIDEO.equals(kind)) {
            description = random.nextDouble() < VIDEO_NO_DESCRIPTION_SHARE ? NO_DESCRIPTION
                    : description(category, random);
            tags = random.nextDouble() < VIDEO_NO_TAGS_SHARE ? NO_TAGS : texts.tagList(category, random);
            imageSrc = thumbnail(random);
        } else {
            description = random.nextDouble() < IMAGE_NO_DESCRIPTION_SHARE ? NO_DESCRIPTION
                    : description(category, random);
            tags = random.nextDouble() < IMAGE_NO_TAGS_SHARE ? NO_TAGS : texts.tagList(category, random);
            imageSrc = original(random);
        }
        int downloaded = IMAGE_ERROR.equals(imageSrc) ? 0 : 1;
        return new PinRecord(index, uniqueId, title, description, person.posterName(), person.followerCount(), tags,
                kind, imageSrc, downloaded, saveLocation, category.name());
    }

    private String title(FactTables.Category category, SplittableRandom random) {
        double draw = random.nextDouble();
        if (draw < EMPTY_TITLE_SHARE) {
            return "";
        }
        if (draw < EMPTY_TITLE_SHARE + UNTITLED_TITLE_SHARE) {
            return UNTITLED;
        }
        return texts.title(category, random);
    }

    private String description(FactTables.Category category, SplittableRandom random) {
        return random.nextDouble() < UNTITLED_DESCRIPTION_SHARE ? UNTITLED : texts.description(category, random);
    }

    private static String original(SplittableRandom random) {
        double draw = random.nextDouble();
        int extension = 0;
        while (draw >= EXTENSION_ENDS[extension]) {
            extension++;
        }
        return imageUrl("https://i.pinimg.com/originals/", random, EXTENSIONS[extension]);
    }

    private static String thumbnail(SplittableRandom random) {
        String ending = random.nextDouble() < DASH_THUMBNAIL_SHARE ? "-00001.jpg" : ".0000001.jpg";
        return imageUrl("https://i.pinimg.com/videos/thumbnails/originals/", random, ending);
    }

    /** Pinterest files an image under the first three bytes of its md5: {@code .../ae/99/06/ae9906f3....jpg}. */
    private static String imageUrl(String prefix, SplittableRandom random, String ending) {
        char[] md5 = hex(random.nextLong(), random.nextLong());
        StringBuilder url = new StringBuilder(prefix.length() + 41 + ending.length()).append(prefix);
        for (int i = 0; i < 6; i += 2) {
            url.append(md5[i]).append(md5[i + 1]).append('/');
        }
        return url.append(md5).append(ending).toString();
    }

    /** A lowercase UUID version 4 (random), as Python's {@code uuid4()} prints it. */
    static String uuid4(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] hex = hex(high, low);
        return new StringBuilder(36).append(hex, 0, 8).append('-').append(hex, 8, 4).append('-')
                .append(hex, 12, 4).append('-').append(hex, 16, 4).append('-').append(hex, 20, 12).toString();
    }

    private static char[] hex(long high, long low) {
        char[] chars = new char[32];
        for (int i = 0; i < 16; i++) {
            chars[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xF];
            chars[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xF];
        }
        return chars;
    }
}
