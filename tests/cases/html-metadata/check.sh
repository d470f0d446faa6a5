# Page metadata on small pages: each row of expected.tsv names a page of
# input.jsonl, the author and the publication date the html stage must
# write into its metadata ("-": the page does not give one, so the field
# must be absent). The pages cover Chinese bylines (作者：, 文/, 记者 ...
# 通讯员, 来源：, 责任编辑：, 作者：未知, 采写：, 【作者】), names the markup marks
# (class="author", itemprop="author", rel="author"), English bylines
# (also after a date: "Posted on March 5, 2024 by ..."), meta tags,
# JSON-LD objects and arrays, and dates as Chinese and English pages write
# them (a publication's after an update's), relative ones resolved against
# the row's crawl_date, and threads: a forum's first post gives the page's
# author and date, a question's answers do not. Pages whose class names
# say nothing give their byline by its place: a name alone above the date
# line under the title (a thread's opener, before the replies the post
# finder lists), or a link to an author's page beside that date line; a
# name-like line elsewhere is no author.
out=$1
fail=0
tab=$(printf '\t')
while IFS=$tab read -r id author published; do
    case $id in '' | '#'*) continue ;; esac
    line=$(grep -F "{\"id\":\"$id\"," "$out") || {
        echo "$id: no output"
        fail=1
        continue
    }
    # a thread's metadata.posts (objects of their own) is not looked at
    meta=$(printf '%s\n' "$line" | sed 's/"posts":\[[^]]*\],\{0,1\}//')
    meta=${meta#*\"metadata\":\{}
    meta=${meta%%\}*}
    for pair in "author=$author" "published=$published"; do
        key=${pair%%=*}
        want=${pair#*=}
        if [ "$want" = - ]; then
            case $meta in *"\"$key\":"*)
                echo "$id: $key should be absent: {$meta}"
                fail=1
                ;;
            esac
        else
            case $meta in *"\"$key\":\"$want\""*) ;;
            *)
                echo "$id: $key should be \"$want\": {$meta}"
                fail=1
                ;;
            esac
        fi
    done
done <expected.tsv
exit $fail
