/* plugins/exec/exec.c - the exec stage: hands each document to a user's
 * long-lived command as one JSON line and applies the JSON line it answers
 * (merge metadata, replace the text, drop, or fail the document).
 *
 * Protocol, one line each way per document, in order:
 *   sluice writes  {"id": ID, "text": KEPT_TEXT, "metadata": {...}}
 *   the command answers with one object holding any of
 *     "metadata": {...}         merged into the document's metadata
 *     "text": "..."             replaces the text: one block per non-blank
 *                               line
 *     "drop": "reason"          drops the document ("detail" optional)
 *     "error": "message"        fails the document
 *   and, when it has "id", the id must be the document's.
 *
 * The stage is ordered: one child, one document in flight. A child that
 * dies, times out, writes an over-long line or answers for another id is
 * killed and started again for the next document; the document in hand
 * fails with the reason.
 */
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <sluice/plugin.h>

#include "child.h"

typedef struct exec_state {
    char *command;   /* run with /bin/sh -c */
    sl_strlist argv; /* or run as is */
    double timeout;  /* seconds per document; 0: none */
    long max_line;   /* bytes of one answer line */
    char **argv_z;   /* argv with the NULL that execvp needs */
    exec_child child;
    bool ready;       /* init ran: child holds valid descriptors */
    char prefix[128]; /* "exec" or the stage's name, for stderr lines */
} exec_state;

static const sl_option exec_options[] = {
    SL_OPTION_STRING(exec_state, command, NULL, 0,
                     "command line run with /bin/sh -c; it reads one JSON "
                     "document per line and answers one JSON line each",
                     NULL),
    SL_OPTION_STRLIST(exec_state, argv, "[]", 0,
                      "the command as a program and its arguments, run "
                      "without a shell (instead of command)"),
    SL_OPTION_DOUBLE(exec_state, timeout, "60", 0,
                     "seconds the command may take over one document "
                     "before it is killed and restarted and the document "
                     "fails; 0 for no limit",
                     "0.."),
    SL_OPTION_INT(exec_state, max_line, "67108864", 0,
                  "longest answer line in bytes; a longer one fails the "
                  "document",
                  "1.."),
    {0}};

static sl_status exec_init(sl_ctx *ctx, void *state)
{
    exec_state *st = state;
    child_init(&st->child, st->prefix);
    snprintf(st->prefix, sizeof st->prefix, "%s", sl_ctx_stage_name(ctx));
    st->ready = true;
    bool has_command = st->command && st->command[0];
    if (has_command == (st->argv.n > 0))
        return sl_fail(ctx,
                       "give either command (a shell command line) or "
                       "argv (a program and its arguments), not %s",
                       has_command ? "both" : "neither");
    if (st->argv.n > 0) {
        st->argv_z = calloc(st->argv.n + 1, sizeof *st->argv_z);
        if (!st->argv_z)
            return sl_fail(ctx, "out of memory");
        memcpy(st->argv_z, st->argv.items, st->argv.n * sizeof *st->argv_z);
    }
    return SL_OK;
}

static int start(exec_state *st)
{
    if (st->argv.n > 0)
        return child_start(&st->child, st->argv_z);
    char sh[] = "/bin/sh", dash_c[] = "-c";
    char *argv[] = {sh, dash_c, st->command, NULL};
    return child_start(&st->child, argv);
}

/* The document's kept text: its blocks that are not dropped, one a line. */
static json_t *kept_text(const sl_doc *doc)
{
    size_t total = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (!sl_block_is_dropped(&doc->blocks[i]))
            total += doc->blocks[i].len + 1;
    char *buf = malloc(total + 1);
    if (!buf)
        return NULL;
    size_t used = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (sl_block_is_dropped(b))
            continue;
        if (used > 0)
            buf[used++] = '\n';
        memcpy(buf + used, b->text, b->len);
        used += b->len;
    }
    json_t *s = json_stringn(buf, used);
    free(buf);
    return s;
}

static char *request_line(const sl_doc *doc, size_t *len)
{
    json_t *req = json_object();
    json_t *text = kept_text(doc);
    if (!req || !text) {
        json_decref(req);
        json_decref(text);
        return NULL;
    }
    json_object_set_new(req, "id", json_string(doc->id));
    json_object_set_new(req, "text", text);
    json_object_set(req, "metadata", doc->meta);
    char *s = json_dumps(req, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(req);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *line = realloc(s, n + 2);
    if (!line) {
        free(s);
        return NULL;
    }
    line[n] = '\n';
    line[n + 1] = '\0';
    *len = n + 1;
    return line;
}

/* Replaces the document's blocks with one paragraph per non-blank line of
 * text. */
static int replace_text(sl_doc *doc, const char *text, size_t len)
{
    sl_doc_clear_blocks(doc);
    size_t start = 0;
    while (start <= len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t stop = end;
        if (stop > start && text[stop - 1] == '\r')
            stop--;
        bool blank = true;
        for (size_t i = start; i < stop && blank; i++)
            blank = text[i] == ' ' || text[i] == '\t';
        if (!blank && !sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH,
                                                text + start, stop - start))
            return -1;
        if (!nl)
            break;
        start = end + 1;
    }
    return 0;
}

/* Says how the child ended, with its last stderr lines. */
static sl_status fail_gone(sl_ctx *ctx, exec_state *st, const sl_doc *doc)
{
    int status = 0;
    child_stop(&st->child, 1.0, &status);
    char how[64];
    if (WIFSIGNALED(status))
        snprintf(how, sizeof how, "was killed by signal %d", WTERMSIG(status));
    else if (WIFEXITED(status))
        snprintf(how, sizeof how, "exited with status %d", WEXITSTATUS(status));
    else
        snprintf(how, sizeof how, "closed its output");
    char tail[CHILD_TAIL_LINES * (CHILD_TAIL_LINE_MAX + 3) + 1];
    child_tail(&st->child, tail, sizeof tail);
    sl_count(ctx, "restarts", 1);
    return sl_fail(ctx,
                   "document %s: the command %s before answering; it will "
                   "be restarted%s%s",
                   doc->id, how, tail[0] ? "; its stderr: " : "", tail);
}

/* Applies an answer object to the document. */
static sl_status apply_answer(sl_ctx *ctx, exec_state *st, sl_doc *doc,
                              json_t *ans)
{
    json_t *id = json_object_get(ans, "id");
    if (id && (!json_is_string(id) || strcmp(json_string_value(id), doc->id))) {
        child_kill(&st->child);
        sl_count(ctx, "restarts", 1);
        return sl_fail(ctx,
                       "document %s: the command answered for another id "
                       "(out of step); it will be restarted",
                       doc->id);
    }
    json_t *err = json_object_get(ans, "error");
    if (err) {
        const char *msg = json_is_string(err) ? json_string_value(err) : "";
        return sl_fail(ctx, "document %s: the command failed it: %s", doc->id,
                       msg[0] ? msg : "(no message)");
    }
    json_t *drop = json_object_get(ans, "drop");
    if (drop) {
        if (!json_is_string(drop) || !json_string_value(drop)[0])
            return sl_fail(ctx,
                           "document %s: \"drop\" must be a non-empty string "
                           "(the reason)",
                           doc->id);
        json_t *detail = json_object_get(ans, "detail");
        return sl_drop_with(ctx, json_string_value(drop),
                            detail ? json_incref(detail) : NULL);
    }
    json_t *meta = json_object_get(ans, "metadata");
    if (meta && !json_is_object(meta))
        return sl_fail(ctx, "document %s: \"metadata\" must be an object",
                       doc->id);
    json_t *text = json_object_get(ans, "text");
    if (text && !json_is_string(text))
        return sl_fail(ctx, "document %s: \"text\" must be a string", doc->id);
    if (text && memchr(json_string_value(text), '\0', json_string_length(text)))
        return sl_fail(ctx, "document %s: \"text\" holds a NUL character",
                       doc->id);
    if (meta && json_object_update(doc->meta, meta) < 0)
        return sl_fail(ctx, "out of memory");
    if (text) {
        if (replace_text(doc, json_string_value(text),
                         json_string_length(text)) < 0)
            return sl_fail(ctx, "out of memory");
        sl_count(ctx, "text_replaced", 1);
    }
    return SL_OK;
}

static sl_status exec_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    exec_state *st = state;
    if (st->child.pid == 0 && start(st) < 0)
        return sl_fail(ctx, "cannot start %s: %s",
                       st->argv.n ? st->argv.items[0] : "/bin/sh",
                       strerror(errno));
    size_t len = 0;
    char *req = request_line(doc, &len);
    if (!req)
        return sl_fail(ctx, "out of memory");
    char *line = NULL;
    size_t line_len = 0;
    child_result r = child_exchange(&st->child, req, len, st->timeout,
                                    (size_t)st->max_line, &line, &line_len);
    free(req);
    switch (r) {
    case CHILD_LINE: break;
    case CHILD_TIMEOUT:
        sl_count(ctx, "restarts", 1);
        sl_count(ctx, "timeouts", 1);
        return sl_fail(ctx,
                       "document %s: no answer from the command within %g s "
                       "(timeout); it was killed and will be restarted",
                       doc->id, st->timeout);
    case CHILD_TOO_LONG:
        sl_count(ctx, "restarts", 1);
        return sl_fail(ctx,
                       "document %s: the command's answer is longer than "
                       "%ld bytes (max_line); it was killed and will be "
                       "restarted",
                       doc->id, st->max_line);
    case CHILD_GONE: return fail_gone(ctx, st, doc);
    case CHILD_IO_ERROR:
    default: {
        int e = errno;
        child_kill(&st->child);
        sl_count(ctx, "restarts", 1);
        return sl_fail(ctx, "document %s: talking to the command: %s", doc->id,
                       strerror(e));
    }
    }
    json_error_t jerr;
    json_t *ans = json_loadb(line, line_len, JSON_DECODE_ANY, &jerr);
    if (!ans || !json_is_object(ans)) {
        json_decref(ans);
        return sl_fail(ctx,
                       "document %s: the command's answer is not a JSON "
                       "object (%s): \"%.60s%s\"",
                       doc->id, ans ? "another JSON value" : jerr.text, line,
                       line_len > 60 ? "..." : "");
    }
    sl_status s = apply_answer(ctx, st, doc, ans);
    json_decref(ans);
    return s;
}

static sl_status exec_flush(sl_ctx *ctx, void *state)
{
    exec_state *st = state;
    int status = 0;
    if (st->child.pid > 0) {
        child_stop(&st->child, 5.0, &status);
        if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status)))
            sl_log(ctx, SL_LOG_WARN,
                   "the command ended with %s %d at the end of the stream",
                   WIFSIGNALED(status) ? "signal" : "status",
                   WIFSIGNALED(status) ? WTERMSIG(status)
                                       : WEXITSTATUS(status));
    }
    return SL_OK;
}

static void exec_fini(void *state)
{
    exec_state *st = state;
    if (!st->ready)
        return;
    child_kill(&st->child);
    child_free(&st->child);
    free(st->argv_z);
}

const sl_plugin exec_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "exec",
    .summary = "runs each document through a command in any language (JSON "
               "lines on its stdin and stdout)",
    .version = "1.0",
    .options = exec_options,
    .state_size = sizeof(exec_state),
    .flags = SL_STAGE_ORDERED,
    .init = exec_init,
    .process = exec_process,
    .flush = exec_flush,
    .fini = exec_fini,
};
