package io.pinpipe.emulator.dataset;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The free text of a pin, with the real data's lengths and dirt (testdata/real-sample): titles of median 50 characters,
 * some with non-ASCII words, a line break, a stray space, a literal HTML entity or raw {@code <p style=...>} HTML;
 * descriptions cut by the scraper ("…\xa0" at 178-179 characters), short ones, tiny ones ("Nice"); tag lists of
 * (mostly) 9 tags joined by a bare comma.
 */
final class PinTexts {

    static final String HTML_TITLE_PART = " <p style=font-size:12px>*more colors</p> - ";
    static final String CUT_ENDING = "…\u00a0";

    private static final double SAMPLE_PINS = 4614;
    private static final double EXOTIC_TITLE_SHARE = 485 / SAMPLE_PINS;
    private static final double NEWLINE_TITLE_SHARE = 8 / SAMPLE_PINS;
    private static final double SPACED_TITLE_SHARE = 10 / SAMPLE_PINS;
    private static final double ENTITY_SHARE = 3 / SAMPLE_PINS;
    private static final double HTML_TITLE_SHARE_OF_TATTOOS = 3.0 / 391;
    private static final double TEXT_DESCRIPTIONS = 4614 - 348 - 69 - 1;
    private static final double CUT_SHARE = 1683 / TEXT_DESCRIPTIONS;
    private static final double ELLIPSIS_ONLY_SHARE = 34 / TEXT_DESCRIPTIONS;
    private static final double DOTS_SHARE = 81 / TEXT_DESCRIPTIONS;
    private static final double TINY_SHARE = 6 / TEXT_DESCRIPTIONS;
    /** Non-ASCII descriptions beyond the "…" ones: (2,014 - 1,717) of the uncut ones. */
    private static final double EXOTIC_DESCRIPTION_SHARE = (2014 - 1717) / (TEXT_DESCRIPTIONS - 1717);
    private static final String[] TINY = {"Art.", "Nice", "Slide1", "photo", "hello", "#quotes"};
    private static final String[] ENTITIES = {"&#33;", "&#128077;", "&#39;s"};
    private static final double NINE_TAGS_SHARE = 4534.0 / 4542;
    private static final int[] OTHER_TAG_COUNTS = {3, 7, 8};
    private static final int MIN_TAG_LIST = 33;
    private static final int MAX_TAG_LIST = 254;
    private static final int MAX_TAGS = 24;
    /** Share of words after the first that a description writes in lower case. */
    private static final double LOWER_CASE_SHARE = 0.7;

    private final FactTables facts;

    PinTexts(FactTables facts) {
        this.facts = facts;
    }

    String title(FactTables.Category category, SplittableRandom random) {
        int target = Math.max(3, (int) Math.round(FactTables.quantile(facts.titleLengths, random.nextDouble())));
        StringBuilder title = words(category, target, random, false);
        if (random.nextDouble() < EXOTIC_TITLE_SHARE) {
            insertWord(title, facts.exoticWords[random.nextInt(facts.exoticWords.length)], random);
        }
        if ("tattoos".equals(category.name()) && random.nextDouble() < HTML_TITLE_SHARE_OF_TATTOOS) {
            return title.toString().toUpperCase(Locale.ROOT) + HTML_TITLE_PART
                    + words(category, 12, random, false);
        }
        double odd = random.nextDouble();
        if (odd < NEWLINE_TITLE_SHARE) {
            int space = title.indexOf(" ", title.length() / 2);
            if (space > 0) {
                title.setCharAt(space, '\n');
            } else {
                title.append('\n');
            }
        } else if (odd < NEWLINE_TITLE_SHARE + SPACED_TITLE_SHARE) {
            title.append(' ');
        } else if (odd < NEWLINE_TITLE_SHARE + SPACED_TITLE_SHARE + ENTITY_SHARE) {
            title.append(' ').append(ENTITIES[random.nextInt(ENTITIES.length)]);
        }
        return title.toString();
    }

    String description(FactTables.Category category, SplittableRandom random) {
        double kind = random.nextDouble();
        if (kind < TINY_SHARE) {
            return TINY[random.nextInt(TINY.length)];
        }
        if (kind < TINY_SHARE + CUT_SHARE) {
            int target = (int) Math.round(FactTables.quantile(facts.cutDescriptionLengths, random.nextDouble()));
            StringBuilder text = words(category, target, random, true);
            text.setLength(Math.min(text.length(), target - CUT_ENDING.length()));
            return text.toString().stripTrailing() + CUT_ENDING;
        }
        int target = Math.max(3, (int) Math.round(FactTables.quantile(facts.descriptionLengths, random.nextDouble())));
        StringBuilder text = words(category, Math.max(1, target - 3), random, true);
        if (random.nextDouble() < EXOTIC_DESCRIPTION_SHARE) {
            insertWord(text, facts.exoticWords[random.nextInt(facts.exoticWords.length)], random);
        }
        if (random.nextDouble() < ENTITY_SHARE) {
            text.append(ENTITIES[random.nextInt(ENTITIES.length)]);
        }
        cutAtWord(text, target - 1);
        double ending = random.nextDouble();
        if (ending < ELLIPSIS_ONLY_SHARE) {
            return text.append('…').toString();
        }
        if (ending < ELLIPSIS_ONLY_SHARE + DOTS_SHARE) {
            return text.append("...").toString();
        }
        return text.append(ending < 0.8 ? '.' : '!').toString();
    }

    String tagList(FactTables.Category category, SplittableRandom random) {
        int count = random.nextDouble() < NINE_TAGS_SHARE ? 9 : OTHER_TAG_COUNTS[random.nextInt(3)];
        String[] tags = category.tags();
        int[] chosen = new int[MAX_TAGS];
        StringBuilder list = new StringBuilder(MAX_TAG_LIST);
        int added = 0;
        while ((added < count || list.length() < MIN_TAG_LIST) && added < MAX_TAGS) {
            int tag = random.nextInt(tags.length);
            if (list.length() + tags[tag].length() + 1 > MAX_TAG_LIST) {
                break;
            }
            if (contains(chosen, added, tag)) {
                continue;
            }
            if (added > 0) {
                list.append(',');
            }
            list.append(tags[tag]);
            chosen[added++] = tag;
        }
        return list.toString();
    }

    /** Words from the vocabulary until {@code target} characters; as a sentence (first word capitalised) or not. */
    private static StringBuilder words(FactTables.Category category, int target, SplittableRandom random,
                                       boolean sentence) {
        String[] vocabulary = category.titleWords();
        StringBuilder text = new StringBuilder(target + 16);
        while (text.length() < target) {
            if (text.length() > 0) {
                text.append(' ');
            }
            int word = random.nextInt(vocabulary.length);
            boolean lower = sentence && text.length() > 0 && random.nextDouble() < LOWER_CASE_SHARE;
            text.append(lower ? category.lowerCaseWords()[word] : vocabulary[word]);
        }
        if (text.length() > target + 3) {
            int space = text.lastIndexOf(" ");
            if (space > 0) {
                text.setLength(space);
            }
        }
        return text;
    }

    /** Shortens {@code text} to at most {@code limit} characters, at a word boundary when there is one. */
    private static void cutAtWord(StringBuilder text, int limit) {
        while (text.length() > limit) {
            int space = text.lastIndexOf(" ");
            text.setLength(space > 0 ? space : limit);
        }
    }

    private static void insertWord(StringBuilder text, String word, SplittableRandom random) {
        int space = text.indexOf(" ", random.nextInt(Math.max(1, text.length())));
        if (space < 0) {
            text.append(' ').append(word);
        } else {
            text.insert(space, " " + word);
        }
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
