#pragma once
// Private to src/io: RAII owners for GDAL/OGR objects and a scoped CPLError capture.
// Never include this from a header outside src/io.
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <cpl_vsi_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ipmap::io_detail {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
/// Owns a dataset opened with GDALDataset::Open / GDALOpenEx.
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
/// Owns a feature returned by OGRLayer::GetNextFeature.
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

struct GeometryDeleter {
    void operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); }
};
/// Owns a geometry returned by clone(), getLinearGeometry(), MakeValid(), ...
using GeometryPtr = std::unique_ptr<OGRGeometry, GeometryDeleter>;

struct CplFreer {
    void operator()(void* p) const { CPLFree(p); }
};
/// Owns a string allocated by GDAL with CPLMalloc (exportToWkt, CPLRecode, ...).
using CplString = std::unique_ptr<char, CplFreer>;

/// Routes every CPLError raised on this thread, while the object lives, into a list instead
/// of stderr. Error handlers are a per-thread stack in GDAL, so concurrent readers on other
/// threads are not affected. Debug messages are dropped.
class ErrorCapture {
public:
    struct Message {
        CPLErr level = CE_None;
        CPLErrorNum number = CPLE_None;
        std::string text;
    };

    ErrorCapture() {
        CPLErrorReset();
        CPLPushErrorHandlerEx(&ErrorCapture::handler, this);
    }
    ~ErrorCapture() { CPLPopErrorHandler(); }
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;

    /// The messages collected since the last take(), oldest first; the list is emptied.
    std::vector<Message> take() { return std::exchange(messages_, {}); }

    /// Discards the messages collected so far.
    void clear() { messages_.clear(); }

    /// The texts of the failures (CE_Failure, CE_Fatal) in `messages`, joined by "; ".
    static std::string failures(const std::vector<Message>& messages) {
        std::string s;
        for (const auto& m : messages) {
            if (m.level < CE_Failure || m.text.empty()) continue;
            if (!s.empty()) s += "; ";
            s += m.text;
        }
        return s;
    }
    static bool has_failure(const std::vector<Message>& messages) {
        for (const auto& m : messages)
            if (m.level >= CE_Failure) return true;
        return false;
    }

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum number, const char* text) {
        if (level == CE_Debug) return;
        auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
        if (!self) return;
        try {
            self->messages_.push_back(Message{level, number, text ? text : ""});
        } catch (...) {
            // Called from C code: never let an exception escape (a lost message is acceptable).
        }
    }

    std::vector<Message> messages_;
};

}  // namespace ipmap::io_detail
