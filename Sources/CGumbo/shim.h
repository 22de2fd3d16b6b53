#ifndef QUIRE_CGUMBO_SHIM_H
#define QUIRE_CGUMBO_SHIM_H
#include <gumbo.h>

/* Parses `html` as the content of a <body> element (the HTML5 fragment algorithm). */
static inline GumboOutput *quire_gumbo_parse_body_fragment(const char *html, size_t length) {
    GumboOptions options = kGumboDefaultOptions;
    options.fragment_context = GUMBO_TAG_BODY;
    options.fragment_namespace = GUMBO_NAMESPACE_HTML;
    return gumbo_parse_with_options(&options, html, length);
}

static inline void quire_gumbo_destroy(GumboOutput *output) {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
}
#endif
