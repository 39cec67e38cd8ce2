// JPEG decode with the system's libjpeg-turbo (the library Pillow, djpeg and peers' tools use), for the
// common JPEG kinds only: 8-bit grey, YCbCr or RGB. The settings are libjpeg's defaults (accurate integer
// IDCT, fancy upsampling), which give the same pixels as sharp's decoder (tested in decode.native.test.ts).
// Anything else, and any libjpeg warning or error, is answered with an error string: the caller then
// decodes with sharp as before, so odd and broken files are judged exactly as they were.
#include <node_api.h>
#include <setjmp.h>
#include <stdio.h>
// jpeglib.h needs FILE from stdio.h first.
#include <jpeglib.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf jump;
  int warnings;
  char message[JMSG_LENGTH_MAX];
} ErrorManager;

static void on_error(j_common_ptr cinfo) {
  ErrorManager *err = (ErrorManager *)cinfo->err;
  (*cinfo->err->format_message)(cinfo, err->message);
  longjmp(err->jump, 1);
}

// A progressive JPEG can hold thousands of tiny scans, each a full pass over the coefficients: a cheap file
// that costs minutes (libjpeg-turbo's own advice, libjpeg.txt). Past this many, stop and leave it to sharp.
#ifndef MAX_SCANS
#define MAX_SCANS 500
#endif

static void on_progress(j_common_ptr cinfo) {
  j_decompress_ptr dinfo = (j_decompress_ptr)cinfo;
  if (dinfo->input_scan_number > MAX_SCANS) {
    ErrorManager *err = (ErrorManager *)cinfo->err;
    snprintf(err->message, sizeof err->message, "more than %d scans", MAX_SCANS);
    longjmp(err->jump, 1);
  }
}

static void on_message(j_common_ptr cinfo, int level) {
  ErrorManager *err = (ErrorManager *)cinfo->err;
  if (level < 0) {  // a warning: corrupt or truncated data that libjpeg would paper over
    if (err->warnings++ == 0) (*cinfo->err->format_message)(cinfo, err->message);
  }
}

typedef struct {
  // input (a reference to the caller's buffer is held while the work runs)
  napi_ref input_ref;
  const unsigned char *input;
  size_t input_length;
  double max_pixels;
  // output
  unsigned char *pixels;
  unsigned int width, height, components;
  int has_icc;
  unsigned char *exif;
  size_t exif_length;
  char error[JMSG_LENGTH_MAX + 64];
  napi_deferred deferred;
  napi_async_work work;
} DecodeTask;

static void decode_execute(napi_env env, void *data) {
  (void)env;
  DecodeTask *t = (DecodeTask *)data;
  struct jpeg_decompress_struct cinfo;
  ErrorManager err;
  JSAMPROW rows[16];
  struct jpeg_progress_mgr progress;
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = on_error;
  err.pub.emit_message = on_message;
  err.warnings = 0;
  err.message[0] = 0;
  t->pixels = NULL;
  if (setjmp(err.jump)) {
    snprintf(t->error, sizeof t->error, "libjpeg: %.*s", JMSG_LENGTH_MAX, err.message);
    jpeg_destroy_decompress(&cinfo);
    free(t->pixels);
    t->pixels = NULL;
    free(t->exif);
    t->exif = NULL;
    return;
  }
  jpeg_create_decompress(&cinfo);
  progress.progress_monitor = on_progress;
  cinfo.progress = &progress;
  jpeg_mem_src(&cinfo, t->input, (unsigned long)t->input_length);
  jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xffff);
  jpeg_save_markers(&cinfo, JPEG_APP0 + 2, 16);
  jpeg_read_header(&cinfo, TRUE);
  if (cinfo.data_precision != 8 || !((cinfo.jpeg_color_space == JCS_GRAYSCALE && cinfo.num_components == 1) ||
                                     ((cinfo.jpeg_color_space == JCS_YCbCr || cinfo.jpeg_color_space == JCS_RGB) && cinfo.num_components == 3))) {
    snprintf(t->error, sizeof t->error, "unsupported: colour space %d with %d components", (int)cinfo.jpeg_color_space, cinfo.num_components);
    jpeg_destroy_decompress(&cinfo);
    return;
  }
  if ((double)cinfo.image_width * (double)cinfo.image_height > t->max_pixels) {
    snprintf(t->error, sizeof t->error, "too_large");
    jpeg_destroy_decompress(&cinfo);
    return;
  }
  for (jpeg_saved_marker_ptr m = cinfo.marker_list; m; m = m->next) {
    if (m->marker == JPEG_APP0 + 1 && !t->exif && m->data_length >= 6 && memcmp(m->data, "Exif\0\0", 6) == 0) {
      t->exif = (unsigned char *)malloc(m->data_length);
      if (t->exif) {
        memcpy(t->exif, m->data, m->data_length);
        t->exif_length = m->data_length;
      }
    } else if (m->marker == JPEG_APP0 + 2 && m->data_length >= 12 && memcmp(m->data, "ICC_PROFILE\0", 12) == 0) {
      t->has_icc = 1;
    }
  }
  t->components = cinfo.num_components;
  cinfo.out_color_space = JCS_RGB;
  jpeg_start_decompress(&cinfo);
  t->width = cinfo.output_width;
  t->height = cinfo.output_height;
  size_t stride = (size_t)cinfo.output_width * 3;
  t->pixels = (unsigned char *)malloc(stride * cinfo.output_height);
  if (!t->pixels) {
    snprintf(t->error, sizeof t->error, "out of memory");
    jpeg_destroy_decompress(&cinfo);
    return;
  }
  while (cinfo.output_scanline < cinfo.output_height && err.warnings == 0) {
    unsigned int n = cinfo.output_height - cinfo.output_scanline;
    if (n > 16) n = 16;
    for (unsigned int i = 0; i < n; i++) rows[i] = t->pixels + stride * (cinfo.output_scanline + i);
    jpeg_read_scanlines(&cinfo, rows, n);
  }
  if (err.warnings == 0) jpeg_finish_decompress(&cinfo);
  if (err.warnings > 0) {
    snprintf(t->error, sizeof t->error, "libjpeg warning: %s", err.message);
    free(t->pixels);
    t->pixels = NULL;
  }
  jpeg_destroy_decompress(&cinfo);
}

static void free_pixels(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

static void set_uint(napi_env env, napi_value obj, const char *key, unsigned int v) {
  napi_value value;
  napi_create_uint32(env, v, &value);
  napi_set_named_property(env, obj, key, value);
}

static void decode_complete(napi_env env, napi_status status, void *data) {
  DecodeTask *t = (DecodeTask *)data;
  napi_value result;
  if (status != napi_ok || !t->pixels) {
    napi_value message;
    napi_create_string_utf8(env, status != napi_ok ? "decode cancelled" : t->error, NAPI_AUTO_LENGTH, &message);
    napi_create_object(env, &result);
    napi_set_named_property(env, result, "error", message);
  } else {
    napi_value pixels;
    napi_create_object(env, &result);
    if (napi_create_external_buffer(env, (size_t)t->width * t->height * 3, t->pixels, free_pixels, NULL, &pixels) != napi_ok) {
      // Runtimes that refuse external buffers: copy.
      void *copy;
      napi_create_buffer_copy(env, (size_t)t->width * t->height * 3, t->pixels, &copy, &pixels);
      free(t->pixels);
    }
    napi_set_named_property(env, result, "pixels", pixels);
    set_uint(env, result, "width", t->width);
    set_uint(env, result, "height", t->height);
    set_uint(env, result, "components", t->components);
    napi_value icc;
    napi_get_boolean(env, t->has_icc != 0, &icc);
    napi_set_named_property(env, result, "hasIcc", icc);
    if (t->exif) {
      napi_value exif;
      void *copy;
      napi_create_buffer_copy(env, t->exif_length, t->exif, &copy, &exif);
      napi_set_named_property(env, result, "exif", exif);
    }
  }
  free(t->exif);
  napi_resolve_deferred(env, t->deferred, result);
  napi_delete_reference(env, t->input_ref);
  napi_delete_async_work(env, t->work);
  free(t);
}

// decode(buffer: Buffer | Uint8Array, maxPixels: number): Promise<{ pixels, width, height, components, hasIcc, exif? } | { error }>
static napi_value decode(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], promise, name;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  bool is_typed = false;
  if (argc < 2 || napi_is_typedarray(env, argv[0], &is_typed) != napi_ok || !is_typed) {
    napi_throw_type_error(env, NULL, "decode(bytes: Uint8Array, maxPixels: number)");
    return NULL;
  }
  DecodeTask *t = (DecodeTask *)calloc(1, sizeof(DecodeTask));
  if (!t) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  napi_typedarray_type type;
  size_t length, offset;
  void *base;
  napi_value arraybuffer;
  napi_get_typedarray_info(env, argv[0], &type, &length, &base, &arraybuffer, &offset);
  t->input = (const unsigned char *)base;
  t->input_length = length;
  napi_get_value_double(env, argv[1], &t->max_pixels);
  napi_create_reference(env, argv[0], 1, &t->input_ref);
  napi_create_promise(env, &t->deferred, &promise);
  napi_create_string_utf8(env, "icse.jpeg.decode", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, decode_execute, decode_complete, t, &t->work);
  napi_queue_async_work(env, t->work);
  return promise;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "decode", NAPI_AUTO_LENGTH, decode, NULL, &fn);
  napi_set_named_property(env, exports, "decode", fn);
  return exports;
}
