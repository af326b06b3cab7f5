#!/usr/bin/env python3
"""Derives the dataset generator's resource tables from the real sample (testdata/real-sample, gzipped).

Run by hand when the sample changes; the generator never reads the sample at run time. The outputs are counts,
name lists, tag and word vocabularies and length percentiles: facts about the course dataset, not its rows.

    python3 pinpipe-emulator/tools/derive_dataset_facts.py testdata/real-sample \
        pinpipe-emulator/src/main/resources/io/pinpipe/emulator/dataset
"""
import collections
import gzip
import json
import os
import re
import sys

STORY = 'multi-video(story page format)'
PLACEHOLDER_TAGS = 'N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e'


def read(path):
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        return [json.loads(line) for line in f]


def write(out, name, header, rows):
    with open(os.path.join(out, name), 'w', encoding='utf-8', newline='\n') as f:
        f.write('# ' + header + '\n')
        for row in rows:
            f.write('\t'.join(str(v) for v in row) + '\n')


def permilles(values):
    values = sorted(values)
    return [values[min(len(values) - 1, round(p * (len(values) - 1) / 1000))] for p in range(1001)]


def percentiles(values):
    values = sorted(values)
    return [values[min(len(values) - 1, round(p * (len(values) - 1) / 100))] for p in range(101)]


def main(sample, out):
    pins = read(os.path.join(sample, 'pinterest_data.jsonl.gz'))
    geo = read(os.path.join(sample, 'geolocation_data.jsonl.gz'))
    users = read(os.path.join(sample, 'user_data.jsonl.gz'))
    os.makedirs(out, exist_ok=True)

    # Person attributes, counted per ROW: the generator orders people by a latent rank (the biggest posters first;
    # in the real sample they are alphabetically and chronologically early in every attribute) and maps that rank
    # through these row-weighted tables, so the row-level distributions come out as in the real tables.
    people = collections.Counter()
    for u in users:
        people[(u['first_name'], u['last_name'], u['age'], u['date_joined'])] += 1
    write(out, 'countries.tsv', 'country<TAB>rows (alphabetical)',
          sorted(collections.Counter(g['country'] for g in geo).items()))
    write(out, 'first_names.tsv', 'first_name<TAB>rows (alphabetical)',
          sorted(collections.Counter(u['first_name'] for u in users).items()))
    write(out, 'last_names.tsv', 'last_name<TAB>rows (alphabetical)',
          sorted(collections.Counter(u['last_name'] for u in users).items()))
    write(out, 'ages.tsv', 'age<TAB>rows', sorted(collections.Counter(u['age'] for u in users).items()))
    write(out, 'join_years.tsv', 'year<TAB>rows',
          sorted(collections.Counter(u['date_joined'][:4] for u in users).items()))
    write(out, 'coordinates.tsv', 'axis<TAB>permille 0..1000 of the value over rows', [
        ('latitude', *permilles([g['latitude'] for g in geo])),
        ('longitude', *permilles([g['longitude'] for g in geo]))])
    write(out, 'group_sizes.tsv', 'rows owned by one person<TAB>people',
          sorted(collections.Counter(people.values()).items()))

    # Categories: block share of the index range, and per-category shares of story and video rows.
    first = {}
    last = {}
    for p in pins:
        c = p['category']
        first[c] = min(first.get(c, p['index']), p['index'])
        last[c] = max(last.get(c, p['index']), p['index'])
    ordered = sorted(first, key=first.get)
    rows = []
    for i, c in enumerate(ordered):
        end = first[ordered[i + 1]] if i + 1 < len(ordered) else last[c] + 1
        start = 0 if i == 0 else first[c]
        of_c = [p for p in pins if p['category'] == c]
        story = sum(p['is_image_or_video'] == STORY and p['poster_name'] != 'User Info Error' for p in of_c)
        video = sum(p['is_image_or_video'] == 'video' for p in of_c)
        rows.append((c, end - start, len(of_c), story, video))
    write(out, 'categories.tsv', 'category<TAB>index_span<TAB>sample_rows<TAB>story_rows(no user error)'
          '<TAB>video_rows', rows)

    # Vocabularies: tags and title words per category, words of poster names, non-ASCII words.
    tags = collections.defaultdict(set)
    words = collections.defaultdict(set)
    poster_words = set()
    exotic = set()
    for p in pins:
        if p['tag_list'] != PLACEHOLDER_TAGS:
            tags[p['category']].update(t for t in p['tag_list'].split(',') if t.strip() and '\t' not in t)
        for field in ('title', 'description'):
            for w in re.findall(r"[^\W\d_]{3,14}", p[field]):
                if w.isascii():
                    if field == 'title':
                        words[p['category']].add(w)
                elif len(w) >= 4:
                    exotic.add(w)
        if p['poster_name'] != 'User Info Error':
            poster_words.update(w for w in re.findall(r"[A-Za-z][A-Za-z'.]{1,13}", p['poster_name']))
    write(out, 'tags.tsv', 'category<TAB>tag', sorted((c, t) for c in tags for t in tags[c]))
    write(out, 'title_words.tsv', 'category<TAB>word', sorted((c, w) for c in words for w in words[c]))
    write(out, 'poster_words.tsv', 'word', sorted((w,) for w in poster_words))
    write(out, 'exotic_words.tsv', 'word with non-ASCII letters', sorted((w,) for w in exotic))

    # Length percentiles 0..100 of the free-text fields (placeholders and scraper-truncated descriptions excluded).
    titles = [len(p['title']) for p in pins if p['title'] not in ('No Title Data Available', '', 'Untitled')]
    plain = [len(p['description']) for p in pins
             if not p['description'].startswith('No description') and not p['description'].rstrip().endswith('…')]
    cut = [len(p['description']) for p in pins if p['description'].endswith('…\xa0')]
    posters = [len(p['poster_name']) for p in pins if p['poster_name'] != 'User Info Error']
    tag_lengths = [len(p['tag_list']) for p in pins if p['tag_list'] != PLACEHOLDER_TAGS]
    write(out, 'lengths.tsv', 'field<TAB>percentiles 0..100 of the length in characters', [
        ('title', *percentiles(titles)), ('description', *percentiles(plain)),
        ('description_cut', *percentiles(cut)), ('poster_name', *percentiles(posters)),
        ('tag_list', *percentiles(tag_lengths))])


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
