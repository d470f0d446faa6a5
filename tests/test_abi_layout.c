/* tests/test_abi_layout.c - pins the size and field offsets of every
 * public struct on LP64 targets (x86-64, aarch64). A change here is an ABI
 * change: an appended field in a struct used through a pointer bumps
 * SL_ABI_MINOR; any change to sl_block, sl_span, sl_section or sl_option,
 * which plugins index as arrays, or to sl_title_line, which a function
 * returns by value, needs a new SL_ABI_MAJOR (see plugin.h).
 * Update the numbers only together with the ABI version and NEWS. */
#include <criterion/criterion.h>
#include <stddef.h>

#include <sluice/sluice.h>

typedef struct pinned {
    const char *what;
    size_t actual;
    size_t expected;
} pinned;

#define SIZE(type, bytes)                                                      \
    {                                                                          \
        "sizeof(" #type ")", sizeof(type), bytes                               \
    }
#define FIELD(type, field, at)                                                 \
    {                                                                          \
        "offsetof(" #type ", " #field ")", offsetof(type, field), at           \
    }

static const pinned layout[] = {
    SIZE(sl_block, 64),
    FIELD(sl_block, kind, 0),
    FIELD(sl_block, level, 4),
    FIELD(sl_block, flags, 8),
    FIELD(sl_block, text, 16),
    FIELD(sl_block, len, 24),
    FIELD(sl_block, line, 32),
    FIELD(sl_block, blank_before, 36),
    FIELD(sl_block, score, 40),
    FIELD(sl_block, reason, 48),
    FIELD(sl_block, html, 56),
    SIZE(sl_span, 112),
    FIELD(sl_span, type, 0),
    FIELD(sl_span, block, 8),
    FIELD(sl_span, start, 16),
    FIELD(sl_span, end, 24),
    FIELD(sl_span, kind, 32),
    FIELD(sl_span, unit, 40),
    FIELD(sl_span, qualifier, 48),
    FIELD(sl_span, value, 56),
    FIELD(sl_span, low, 64),
    FIELD(sl_span, high, 72),
    FIELD(sl_span, flags, 80),
    FIELD(sl_span, label, 88),
    FIELD(sl_span, target, 96),
    FIELD(sl_span, attrs, 104),
    SIZE(sl_section, 40),
    FIELD(sl_section, heading_block, 0),
    FIELD(sl_section, level, 8),
    FIELD(sl_section, parent, 16),
    FIELD(sl_section, first_block, 24),
    FIELD(sl_section, end_block, 32),
    SIZE(sl_option, 56),
    FIELD(sl_option, name, 0),
    FIELD(sl_option, type, 8),
    FIELD(sl_option, def, 16),
    FIELD(sl_option, offset, 24),
    FIELD(sl_option, flags, 32),
    FIELD(sl_option, help, 40),
    FIELD(sl_option, choices, 48),
    SIZE(sl_html_features, 48),
    FIELD(sl_html_features, tag, 0),
    FIELD(sl_html_features, path, 8),
    FIELD(sl_html_features, class_id, 16),
    FIELD(sl_html_features, depth, 24),
    FIELD(sl_html_features, text_chars, 28),
    FIELD(sl_html_features, link_chars, 32),
    FIELD(sl_html_features, hints, 36),
    FIELD(sl_html_features, dom_index, 40),
    SIZE(sl_strlist, 16),
    FIELD(sl_strlist, items, 0),
    FIELD(sl_strlist, n, 8),
    SIZE(sl_run_info, 32),
    FIELD(sl_run_info, shard, 0),
    FIELD(sl_run_info, shards, 4),
    FIELD(sl_run_info, output, 8),
    FIELD(sl_run_info, force, 16),
    FIELD(sl_run_info, resume, 17),
    FIELD(sl_run_info, jobs, 20),
    FIELD(sl_run_info, check_only, 24),
    SIZE(sl_plugin, 152),
    FIELD(sl_plugin, abi_major, 0),
    FIELD(sl_plugin, abi_minor, 2),
    FIELD(sl_plugin, name, 8),
    FIELD(sl_plugin, summary, 16),
    FIELD(sl_plugin, version, 24),
    FIELD(sl_plugin, options, 32),
    FIELD(sl_plugin, state_size, 40),
    FIELD(sl_plugin, flags, 48),
    FIELD(sl_plugin, init, 56),
    FIELD(sl_plugin, process, 64),
    FIELD(sl_plugin, flush, 72),
    FIELD(sl_plugin, fini, 80),
    FIELD(sl_plugin, checkpoint, 88),
    FIELD(sl_plugin, sizeof_block, 96),
    FIELD(sl_plugin, sizeof_span, 100),
    FIELD(sl_plugin, sizeof_section, 104),
    FIELD(sl_plugin, sizeof_option, 108),
    FIELD(sl_plugin, dropped, 112),
    FIELD(sl_plugin, needs, 120),
    FIELD(sl_plugin, prepare, 128),
    FIELD(sl_plugin, process_prepared, 136),
    FIELD(sl_plugin, free_prepared, 144),
    SIZE(sl_drop_info, 24),
    FIELD(sl_drop_info, stage, 0),
    FIELD(sl_drop_info, reason, 8),
    FIELD(sl_drop_info, detail, 16),
    SIZE(sl_doc, 160),
    FIELD(sl_doc, id, 0),
    FIELD(sl_doc, source, 8),
    FIELD(sl_doc, source_line, 16),
    FIELD(sl_doc, source_offset, 24),
    FIELD(sl_doc, seq, 32),
    FIELD(sl_doc, meta, 40),
    FIELD(sl_doc, title, 48),
    FIELD(sl_doc, content_type, 56),
    FIELD(sl_doc, raw, 64),
    FIELD(sl_doc, raw_len, 72),
    FIELD(sl_doc, blocks, 80),
    FIELD(sl_doc, n_blocks, 88),
    FIELD(sl_doc, spans, 96),
    FIELD(sl_doc, n_spans, 104),
    FIELD(sl_doc, sections, 112),
    FIELD(sl_doc, n_sections, 120),
    FIELD(sl_doc, arena, 128),
    FIELD(sl_doc, cap_blocks, 136),
    FIELD(sl_doc, cap_spans, 144),
    FIELD(sl_doc, cap_sections, 152),
    SIZE(sl_title_line, 24),
    FIELD(sl_title_line, text, 0),
    FIELD(sl_title_line, len, 8),
    FIELD(sl_title_line, block, 16),
};

Test(abi, public_structs_keep_their_layout)
{
#if !(defined(__x86_64__) || defined(__aarch64__))
    cr_skip_test("the pinned numbers are those of LP64 targets");
#endif
    for (size_t i = 0; i < sizeof layout / sizeof layout[0]; i++)
        cr_expect_eq(layout[i].actual, layout[i].expected,
                     "%s is %zu, pinned at %zu", layout[i].what,
                     layout[i].actual, layout[i].expected);
}

Test(abi, version_is_1_5)
{
    cr_assert_eq(SL_ABI_MAJOR, 1);
    cr_assert_eq(SL_ABI_MINOR, 5);
}

/* The stage flags are part of the ABI: their bits never move. */
Test(abi, stage_flags_keep_their_bits)
{
    cr_assert_eq(SL_STAGE_ORDERED, 1u);
    cr_assert_eq(SL_STAGE_ANY_THREAD, 2u);
}

/* The descriptor macro records the element sizes the loader compares. */
Test(abi, descriptor_macro_records_element_sizes)
{
    static const sl_plugin descriptor = {SL_PLUGIN_ABI, .name = "x"};
    cr_assert_eq(descriptor.abi_major, SL_ABI_MAJOR);
    cr_assert_eq(descriptor.abi_minor, SL_ABI_MINOR);
    cr_assert_eq(descriptor.sizeof_block, sizeof(sl_block));
    cr_assert_eq(descriptor.sizeof_span, sizeof(sl_span));
    cr_assert_eq(descriptor.sizeof_section, sizeof(sl_section));
    cr_assert_eq(descriptor.sizeof_option, sizeof(sl_option));
}
