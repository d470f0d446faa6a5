# A long line made of figures (a table row flattened to text, a run of
# numerals) gives a record that grows linearly with the line: each
# figure's context is a bounded window. For two shapes and two sizes, the
# output is at most BOUND times the input, and doubling the line at most
# doubles the output (ratio of ratios at most 1.1). Before the window,
# every figure repeated the whole line and the ratio grew with the line.
BOUND=60

# row N: "收入" then N percentages separated by tabs, on one line
row() {
    awk -v n="$1" 'BEGIN { printf "收入"; for (i = 0; i < n; i++)
        printf "\t%d.%d%%", i % 97, i % 10; printf "\n" }'
}
# numerals N: N numbers separated by single spaces, one line, no clauses
numerals() {
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "%d ", i % 1000;
        printf "\n" }'
}

# ratio SHAPE N: output bytes per input byte, times 1000
ratio() {
    "$1" "$2" > "$CASE_TMP/in-$1-$2.txt"
    "$SLUICE" run --no-progress "$CASE_TMP/in-$1-$2.txt" \
        > "$CASE_TMP/out-$1-$2.jsonl" || exit 1
    in=$(wc -c < "$CASE_TMP/in-$1-$2.txt")
    out=$(wc -c < "$CASE_TMP/out-$1-$2.jsonl")
    echo $((out * 1000 / in))
}

for shape in row numerals; do
    small=$(ratio $shape 3000)
    big=$(ratio $shape 6000)
    echo "$shape: output/input x1000 = $small for 3000 figures, $big for 6000"
    [ "$small" -le $((BOUND * 1000)) ] && [ "$big" -le $((BOUND * 1000)) ] ||
        { echo "$shape: output above $BOUND times the input"; exit 1; }
    [ $((big * 10)) -le $((small * 11)) ] ||
        { echo "$shape: output grows faster than the input"; exit 1; }
done
