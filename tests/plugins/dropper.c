/* tests/plugins/dropper.c - a stage that drops documents on purpose, for
 * the tests of sl_drop, --rejects and --explain. A document whose record
 * holds
 *   DROP:REASON        is dropped with sl_drop(ctx, "REASON");
 *   DROPD:REASON       with sl_drop_with and the detail {"seq": N};
 *   DROP-PLAIN         by returning SL_DROP without a reason;
 *   DROP-THEN-OK:REASON  with sl_drop, then process returns SL_OK;
 *   DROP-THEN-FAIL     with sl_drop, then sl_fail (the failure wins).
 * REASON is made of [a-z0-9._]. Built twice: as "dropper" (unordered) and,
 * with DROPPER_ORDERED defined, as "dropper_ordered" (ordered, so it runs
 * on the ordered thread like an exporter).
 */
#include <stddef.h>
#include <string.h>

#include <sluice/sluice.h>

#ifdef DROPPER_ORDERED
#define DROPPER_NAME "dropper_ordered"
#define DROPPER_FLAGS SL_STAGE_ORDERED
#define DROPPER_SYMBOL dropper_ordered_LTX_sluice_plugin
#else
#define DROPPER_NAME "dropper"
#define DROPPER_FLAGS 0u
#define DROPPER_SYMBOL dropper_LTX_sluice_plugin
#endif

/* The reason written after marker in text, copied into buf; NULL when
 * the marker is absent. */
static const char *reason_after(const char *text, const char *marker, char *buf,
                                size_t size)
{
    const char *at = strstr(text, marker);
    if (!at)
        return NULL;
    at += strlen(marker);
    size_t n = 0;
    while (n + 1 < size && at[n] &&
           ((at[n] >= 'a' && at[n] <= 'z') || (at[n] >= '0' && at[n] <= '9') ||
            at[n] == '.' || at[n] == '_'))
        n++;
    memcpy(buf, at, n);
    buf[n] = '\0';
    return buf;
}

static sl_status dropper_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    (void)state;
    const char *text = doc->raw ? doc->raw : "";
    char reason[64];
    if (reason_after(text, "DROPD:", reason, sizeof reason))
        return sl_drop_with(ctx, reason,
                            json_pack("{sI}", "seq", (json_int_t)doc->seq));
    if (reason_after(text, "DROP-THEN-OK:", reason, sizeof reason)) {
        sl_drop(ctx, reason);
        return SL_OK;
    }
    if (strstr(text, "DROP-THEN-FAIL")) {
        sl_drop(ctx, "never.counted");
        return sl_fail(ctx, "failed after dropping");
    }
    if (reason_after(text, "DROP:", reason, sizeof reason))
        return sl_drop(ctx, reason);
    if (strstr(text, "DROP-PLAIN"))
        return SL_DROP;
    sl_count(ctx, "kept", 1);
    return SL_OK;
}

const sl_plugin DROPPER_SYMBOL = {
    SL_PLUGIN_ABI,
    .name = DROPPER_NAME,
    .summary = "test stage: drops marked documents with reasons",
    .version = "1.0",
    .state_size = 1,
    .flags = DROPPER_FLAGS,
    .process = dropper_process,
};
