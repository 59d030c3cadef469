#pragma once
// RAII owners for GEOS C API handles, shared by the stages that use GEOS (layout, place,
// atlas). Only the reentrant (_r) API is used: a context belongs to one thread at a time.
#include <geos_c.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace ipmap::geos {

/// A GEOS context. Errors are recorded, not printed; GEOS calls that fail return NULL / 2
/// and the caller decides what to do.
class GeosContext {
public:
    GeosContext() : handle_(GEOS_init_r()) {
        if (!handle_) throw std::runtime_error("GEOS_init_r failed");
        GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_error, &last_error_);
        GEOSContext_setNoticeMessageHandler_r(handle_, &GeosContext::on_notice, nullptr);
    }
    ~GeosContext() { GEOS_finish_r(handle_); }
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    GEOSContextHandle_t get() const { return handle_; }
    const std::string& last_error() const { return last_error_; }

private:
    static void on_error(const char* message, void* userdata) {
        if (userdata && message) *static_cast<std::string*>(userdata) = message;
    }
    static void on_notice(const char*, void*) {}

    GEOSContextHandle_t handle_;
    std::string last_error_;
};

/// This thread's own context, for stages that call GEOS from worker threads.
inline GEOSContextHandle_t thread_context() {
    thread_local GeosContext context;
    return context.get();
}

/// Frees a GEOS object with its _r destroy function in the context that made it.
template <class T, void (*Destroy)(GEOSContextHandle_t, T*)>
struct ContextDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(T* p) const {
        if (p) Destroy(ctx, p);
    }
};
using GeomDeleter = ContextDeleter<GEOSGeometry, GEOSGeom_destroy_r>;
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;
using PreparedDeleter = ContextDeleter<const GEOSPreparedGeometry, GEOSPreparedGeom_destroy_r>;
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;
using STRtreeDeleter = ContextDeleter<GEOSSTRtree, GEOSSTRtree_destroy_r>;
using STRtreePtr = std::unique_ptr<GEOSSTRtree, STRtreeDeleter>;
using CoordSeqDeleter = ContextDeleter<GEOSCoordSequence, GEOSCoordSeq_destroy_r>;
using CoordSeqPtr = std::unique_ptr<GEOSCoordSequence, CoordSeqDeleter>;

inline GeomPtr own(GEOSContextHandle_t ctx, GEOSGeometry* g) { return GeomPtr(g, GeomDeleter{ctx}); }
inline PreparedPtr own(GEOSContextHandle_t ctx, const GEOSPreparedGeometry* g) {
    return PreparedPtr(g, PreparedDeleter{ctx});
}
inline STRtreePtr own(GEOSContextHandle_t ctx, GEOSSTRtree* t) { return STRtreePtr(t, STRtreeDeleter{ctx}); }

}  // namespace ipmap::geos
