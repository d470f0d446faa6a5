#!/bin/sh
# tests/engine/prepared.sh - ordered stages whose formatting runs on the
# workers (the prepare step, ABI 1.4). A test stage that prepares most
# documents and leaves some to process writes the same lines with -j1 and
# -j4, counts each document once, and prepared lines are written by
# process_prepared; a descriptor with only part of the step is refused.
# The export formats that render on the workers (jsonl, markdown, text,
# csv) write the same bytes with -j1 and -j4, with a record over 1 MiB
# among the others (rendered in order, in pieces), and the same bytes as
# when an ordered stage without prepare before the exporter makes it
# render every record in order.
. "$(dirname "$0")/common.sh"

"$GEN" jsonl 2M 5 > corpus.jsonl
docs=$(wc -l < corpus.jsonl)

# counter FILE NAME: the value of counter NAME in a --stats file (0 if none)
counter() {
    v=$(sed -n "s/^ *\"$2\": *\([0-9]*\).*/\1/p" "$1" | head -n 1)
    echo "${v:-0}"
}

for j in 1 4; do
    cat > prep$j.json <<JSON
{ "sluice": 1,
  "stages": [ { "use": "normalize" },
              { "use": "prepared", "with": { "path": "lines$j.tsv" } },
              { "use": "export", "with": { "path": "-" } } ] }
JSON
    "$SLUICE" run --no-progress -j$j -p prep$j.json --stats stats$j.json \
        -o out$j.jsonl corpus.jsonl || fail "-j$j run with prepared"
    prepared=$(counter stats$j.json prepared)
    written=$(counter stats$j.json written.prepared)
    in_order=$(counter stats$j.json written.in_order)
    [ "$prepared" -gt 0 ] && [ "$in_order" -gt 0 ] &&
        [ "$prepared" -eq "$written" ] &&
        [ $((written + in_order)) -eq "$docs" ] &&
        pass "-j$j: $written lines prepared on the workers, $in_order in order" ||
        fail "-j$j: prepared $prepared, written $written + $in_order of $docs"
    [ "$(wc -l < lines$j.tsv)" -eq "$docs" ] ||
        fail "-j$j: $(wc -l < lines$j.tsv) lines for $docs documents"
done
same lines1.tsv lines4.tsv "-j1 and -j4 write the same prepared lines"
same out1.jsonl out4.jsonl "an exporter after a prepared stage agrees"
cut -f1 lines1.tsv > ids.txt
sed 's/^{"id":"\([^"]*\)".*/\1/' corpus.jsonl > want-ids.txt
same ids.txt want-ids.txt "the lines are in input order"

cat > half.json <<JSON
{ "sluice": 1, "stages": [ { "use": "prepared_half" } ] }
JSON
"$SLUICE" run --no-progress -p half.json corpus.jsonl > /dev/null 2> half.txt &&
    fail "a descriptor with prepare but no free_prepared was taken"
grep -q "go together" half.txt &&
    pass "the loader refuses part of the prepare step" ||
    fail "half: $(cat half.txt)"

# a record whose JSONL is over 1 MiB, in the middle of the corpus
awk 'BEGIN {
    printf "{\"id\":\"big\",\"text\":\"";
    for (i = 0; i < 30000; i++)
        printf "Revenue rose 5.%d%% to 3.2 million dollars in %d. ", i % 10, 1990 + i % 30;
    print "\"}" }' > big.jsonl
head -n 20 corpus.jsonl > mixed.jsonl
cat big.jsonl >> mixed.jsonl
sed -n '21,60p' corpus.jsonl >> mixed.jsonl
# pipeline FILE FORMAT [STAGE]: the default stages, STAGE before the
# exporter when given
pipeline() {
    extra=${3:+"{ \"use\": \"$3\" },"}
    cat > "$1" <<JSON
{ "sluice": 1,
  "stages": [ { "use": "html" }, { "use": "normalize" },
              { "use": "boilerplate" }, { "use": "sections" },
              { "use": "figures" }, $extra
              { "use": "export", "with": { "format": "$2", "path": "-" } } ] }
JSON
}
for format in jsonl markdown text csv; do
    # an ordered stage without prepare before the exporter: it renders
    # every record in order, the reference
    pipeline workers-$format.json $format
    pipeline inorder-$format.json $format dropper_ordered
    for j in 1 4; do
        "$SLUICE" run --no-progress -j$j -p workers-$format.json \
            -o $format-$j.out mixed.jsonl || fail "-j$j $format run"
    done
    "$SLUICE" run --no-progress -j4 -p inorder-$format.json \
        -o $format-inorder.out mixed.jsonl || fail "$format run in order"
    [ -s $format-1.out ] || fail "no $format output"
    same $format-1.out $format-4.out "$format: -j1 and -j4 agree"
    same $format-1.out $format-inorder.out \
        "$format: rendered on the workers as in order"
done
[ "$(wc -c < jsonl-1.out)" -gt 1048576 ] &&
    grep -q '^{"id":"big"' jsonl-1.out &&
    pass "the large record is written whole" ||
    fail "the large record is missing or short"
[ "$(grep -c '^---$' markdown-1.out)" -eq 60 ] &&
    pass "markdown: a break between each two documents" ||
    fail "markdown: $(grep -c '^---$' markdown-1.out) breaks for 61 documents"
finish
