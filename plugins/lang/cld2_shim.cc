// plugins/lang/cld2_shim.cc - calls CLD2's ExtDetectLanguageSummary for
// the lang stage and turns its answer into a BCP 47 tag. The only C++ in
// sluice; CLD2 keeps no state between calls, so this is thread-safe.
#include "cld2_shim.h"

#include <climits>
#include <cstdio> /* compact_lang_det.h uses FILE without including it */
#include <cstring>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

namespace
{

// CLD2 still names a few languages by their withdrawn ISO 639 codes.
const char *modern_code(const char *code)
{
    if (std::strcmp(code, "iw") == 0)
        return "he";
    if (std::strcmp(code, "jw") == 0)
        return "jv";
    if (std::strcmp(code, "in") == 0)
        return "id";
    if (std::strcmp(code, "mo") == 0)
        return "ro";
    return code;
}

void copy_code(const char *code, char *out, size_t cap)
{
    std::strncpy(out, code, cap - 1);
    out[cap - 1] = '\0';
}

} // namespace

extern "C" void lang_cld2_detect(const char *text, size_t len, const char *hint,
                                 lang_guess *out)
{
    std::memset(out, 0, sizeof *out);
    copy_code("und", out->code, sizeof out->code);
    if (len == 0)
        return;
    if (len > INT_MAX)
        len = INT_MAX;

    CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING,
                            CLD2::UNKNOWN_LANGUAGE};
    if (hint && *hint) {
        hints.content_language_hint = hint;
        hints.language_hint = CLD2::GetLanguageFromName(hint);
    }
    CLD2::Language language3[3];
    int percent3[3] = {0, 0, 0};
    double normalized3[3] = {0, 0, 0};
    int text_bytes = 0;
    bool reliable = false;
    CLD2::Language top = CLD2::ExtDetectLanguageSummary(
        text, static_cast<int>(len), true, &hints, CLD2::kCLDFlagBestEffort,
        language3, percent3, normalized3, nullptr, &text_bytes, &reliable);
    out->text_bytes = text_bytes;
    if (top == CLD2::UNKNOWN_LANGUAGE || top == CLD2::TG_UNKNOWN_LANGUAGE)
        return;
    copy_code(modern_code(CLD2::LanguageCode(top)), out->code,
              sizeof out->code);
    // CLD2 may name a language other than the one with the most text: a
    // non-English runner-up over English (on the web, English is often a
    // page's navigation or untranslated terms). The score is the share of
    // the language named.
    for (int i = 0; i < 3; i++)
        if (language3[i] == top)
            out->percent = percent3[i];
    out->reliable = reliable;
}
