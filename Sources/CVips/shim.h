#ifndef QUIRE_CVIPS_SHIM_H
#define QUIRE_CVIPS_SHIM_H
/* libvips' API is variadic (name/value option lists ending in NULL), which Swift cannot call:
 * these wrappers fix the options Quire uses and return plain values. Every function returns
 * 0 on success and -1 on failure, with the reason in vips_error_buffer(). */
#include <vips/vips.h>
#include <string.h>

/* Starts libvips once per process. Untrusted loaders (ImageMagick, matlab, FITS...) are
 * blocked: uploads are hostile input, and only the formats Quire serves are needed. The
 * operation cache is off: every image is different, and it would hold decoded pixels. */
static inline int quire_vips_start(void) {
    if (VIPS_INIT("quire")) return -1;
    vips_block_untrusted_set(TRUE);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_concurrency_set(1);
    return 0;
}

/* The loader libvips would pick for these bytes ("VipsForeignLoadJpegBuffer"), or NULL. */
static inline const char *quire_vips_loader(const void *buf, size_t len) {
    return vips_foreign_find_load_buffer(buf, len);
}

/* Reads only the header: the size as displayed (EXIF orientation applied) without decoding a
 * single pixel, so a decompression bomb is refused before it costs memory. */
static inline int quire_vips_header(const void *buf, size_t len, int *width, int *height, int *pages) {
    VipsImage *image = vips_image_new_from_buffer(buf, len, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return -1;
    int w = vips_image_get_width(image), h = vips_image_get_height(image);
    if (vips_image_get_orientation_swap(image)) { int t = w; w = h; h = t; }
    *width = w;
    *height = h;
    *pages = vips_image_get_n_pages(image);
    g_object_unref(image);
    return 0;
}

/* Decodes every pixel, failing on truncated or corrupt data (libvips otherwise only warns). */
static inline int quire_vips_verify(const void *buf, size_t len) {
    VipsImage *image = vips_image_new_from_buffer(buf, len, "", "access", VIPS_ACCESS_SEQUENTIAL,
                                                  "fail_on", VIPS_FAIL_ON_ERROR, NULL);
    if (!image) return -1;
    double average = 0;
    int result = vips_avg(image, &average, NULL);
    g_object_unref(image);
    return result;
}

/* Auto-oriented, optionally cropped (left/top/width/height in displayed pixels, width 0 for
 * none), then shrunk to fit box_width x box_height (never enlarged) and encoded with `suffix`
 * (".jpg[Q=80]", ".webp[Q=80]", ".avif[Q=50]"...). Metadata (EXIF with GPS, XMP, IPTC) is
 * stripped. The caller frees *out with g_free. */
static inline int quire_vips_resize(const void *buf, size_t len,
                                    int crop_left, int crop_top, int crop_width, int crop_height,
                                    int box_width, int box_height, const char *suffix,
                                    void **out, size_t *out_len, int *out_width, int *out_height) {
    VipsImage *sized = NULL;
    if (crop_width <= 0 || crop_height <= 0) {
        /* No crop: let the loader shrink while decoding (JPEG DCT scaling, WebP, ...), several
         * times faster than decoding every pixel first. Auto-orients as it goes. */
        if (vips_thumbnail_buffer((void *) buf, len, &sized, box_width, "height", box_height,
                                  "size", VIPS_SIZE_DOWN, NULL)) return -1;
    } else {
        VipsImage *image = vips_image_new_from_buffer(buf, len, "", "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
        if (!image) return -1;
        VipsImage *rotated = NULL;
        if (vips_autorot(image, &rotated, NULL)) { g_object_unref(image); return -1; }
        g_object_unref(image);
        VipsImage *cropped = NULL;
        if (vips_extract_area(rotated, &cropped, crop_left, crop_top, crop_width, crop_height, NULL)) {
            g_object_unref(rotated);
            return -1;
        }
        g_object_unref(rotated);
        int failed = vips_thumbnail_image(cropped, &sized, box_width, "height", box_height,
                                          "size", VIPS_SIZE_DOWN, "no_rotate", TRUE, NULL);
        g_object_unref(cropped);
        if (failed) return -1;
    }
    /* Encoders keep whatever metadata is left: remove it all, orientation included (applied). */
    VipsImage *bare = NULL;
    if (vips_copy(sized, &bare, NULL)) { g_object_unref(sized); return -1; }
    g_object_unref(sized);
    char **fields = vips_image_get_fields(bare);
    for (int i = 0; fields[i]; i++) {
        if (strcmp(fields[i], "icc-profile-data") != 0 && (strncmp(fields[i], "exif", 4) == 0 || strncmp(fields[i], "xmp", 3) == 0
            || strncmp(fields[i], "iptc", 4) == 0 || strcmp(fields[i], "orientation") == 0 || strncmp(fields[i], "png-comment", 11) == 0)) {
            vips_image_remove(bare, fields[i]);
        }
    }
    g_strfreev(fields);
    *out_width = vips_image_get_width(bare);
    *out_height = vips_image_get_height(bare);
    int result = vips_image_write_to_buffer(bare, suffix, out, out_len, NULL);
    g_object_unref(bare);
    return result;
}

/* Writes a test image: a w x h gradient (optionally with an EXIF orientation tag), encoded with `suffix`. */
static inline int quire_vips_sample(int width, int height, int orientation, const char *suffix, void **out, size_t *out_len) {
    VipsImage *x = NULL, *rgb = NULL, *bands[3] = {NULL, NULL, NULL};
    if (vips_xyz(&x, width, height, NULL)) return -1;
    VipsImage *xy[2] = {NULL, NULL};
    if (vips_extract_band(x, &xy[0], 0, NULL) || vips_extract_band(x, &xy[1], 1, NULL)) { g_object_unref(x); return -1; }
    g_object_unref(x);
    double scale_x = 255.0 / (width > 1 ? width - 1 : 1), scale_y = 255.0 / (height > 1 ? height - 1 : 1);
    vips_linear1(xy[0], &bands[0], scale_x, 0, "uchar", TRUE, NULL);
    vips_linear1(xy[1], &bands[1], scale_y, 0, "uchar", TRUE, NULL);
    vips_linear1(xy[0], &bands[2], -scale_x, 255, "uchar", TRUE, NULL);
    g_object_unref(xy[0]);
    g_object_unref(xy[1]);
    int failed = vips_bandjoin(bands, &rgb, 3, NULL);
    for (int i = 0; i < 3; i++) if (bands[i]) g_object_unref(bands[i]);
    if (failed) return -1;
    VipsImage *tagged = NULL;
    if (vips_copy(rgb, &tagged, "interpretation", VIPS_INTERPRETATION_sRGB, NULL)) { g_object_unref(rgb); return -1; }
    g_object_unref(rgb);
    if (orientation > 1) vips_image_set_int(tagged, "orientation", orientation);
    int result = vips_image_write_to_buffer(tagged, suffix, out, out_len, NULL);
    g_object_unref(tagged);
    return result;
}

static inline const char *quire_vips_error(void) { return vips_error_buffer(); }
static inline void quire_vips_clear_error(void) { vips_error_clear(); }
static inline void quire_vips_free(void *buffer) { g_free(buffer); }
#endif
