#pragma once
// Private to render/: RAII owners for Cairo handles and the status-to-exception boundary.
#include <memory>
#include <string>

#include <cairo.h>

#include "core/errors.hpp"

namespace ipmap::render_detail {

struct SurfaceDestroy {
    void operator()(cairo_surface_t* s) const { if (s) cairo_surface_destroy(s); }
};
struct ContextDestroy {
    void operator()(cairo_t* c) const { if (c) cairo_destroy(c); }
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDestroy>;

/// Throws OutputError "<path>: cairo: <status string>" unless status is SUCCESS.
inline void check_status(cairo_status_t status, const std::string& path) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw OutputError(path + ": cairo: " + cairo_status_to_string(status));
}

}  // namespace ipmap::render_detail
