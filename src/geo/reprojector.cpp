#include "geo/reprojector.hpp"

#include <proj.h>

#include <cmath>
#include <string_view>
#include <utility>

#include "core/errors.hpp"

namespace ipmap {
namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct PjDeleter {
    void operator()(PJ* p) const { proj_destroy(p); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

/// Keeps PROJ's log lines (which it would print to stderr) for error messages.
struct ProjLog {
    std::string last;
    static void log(void* self, int level, const char* msg) {
        if (level <= PJ_LOG_ERROR && msg) static_cast<ProjLog*>(self)->last = msg;
    }
};

/// A context that logs into `log` instead of stderr and never touches the network.
ContextPtr make_context(ProjLog& log) {
    ContextPtr ctx(proj_context_create());
    if (!ctx) throw InputError("PROJ: cannot create a context");
    proj_log_func(ctx.get(), &log, &ProjLog::log);
    proj_log_level(ctx.get(), PJ_LOG_ERROR);
    proj_context_set_enable_network(ctx.get(), 0);
    return ctx;
}

std::string shorten(std::string_view s, std::size_t max = 120) {
    if (s.size() <= max) return std::string(s);
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    return std::string(s.substr(0, cut)) + "...";
}

std::string proj_reason(PJ_CONTEXT* ctx, const ProjLog& log) {
    std::string reason = log.last;
    int err = proj_context_errno(ctx);
    if (reason.empty() && err != 0) {
        const char* s = proj_context_errno_string(ctx, err);
        reason = s ? s : "";
    }
    return reason.empty() ? "not recognised by PROJ" : reason;
}

/// Parses a CRS definition; throws InputError("unknown CRS '<text>': <reason>").
PjPtr make_crs(PJ_CONTEXT* ctx, ProjLog& log, const std::string& text) {
    log.last.clear();
    if (text.empty()) throw InputError("unknown CRS '': no CRS given");
    PjPtr crs(proj_create(ctx, text.c_str()));
    if (!crs) throw InputError("unknown CRS '" + shorten(text) + "': " + proj_reason(ctx, log));
    if (!proj_is_crs(crs.get()))
        throw InputError("unknown CRS '" + shorten(text) + "': this defines a coordinate operation, not a CRS");
    return crs;
}

/// The horizontal part of a CRS: the base of a bound CRS, the first member of a compound one.
PjPtr horizontal_crs(PJ_CONTEXT* ctx, const PJ* crs) {
    PjPtr cur(proj_clone(ctx, crs));
    for (int guard = 0; cur && guard < 4; ++guard) {
        switch (proj_get_type(cur.get())) {
            case PJ_TYPE_BOUND_CRS: cur.reset(proj_get_source_crs(ctx, cur.get())); break;
            case PJ_TYPE_COMPOUND_CRS: cur.reset(proj_crs_get_sub_crs(ctx, cur.get(), 0)); break;
            default: return cur;
        }
    }
    return cur;
}

bool is_geographic(PJ_TYPE t) {
    return t == PJ_TYPE_GEOGRAPHIC_2D_CRS || t == PJ_TYPE_GEOGRAPHIC_3D_CRS || t == PJ_TYPE_GEOGRAPHIC_CRS;
}

}  // namespace

struct Reprojector::Impl {
    ProjLog log;          // must outlive ctx (the context points at it)
    ContextPtr ctx;       // destroyed after every PJ below
    PjPtr op;
    bool source_geographic = false;
    Box source_area;
    Box target_geodetic_area;
};

Reprojector::Reprojector(const std::string& source_crs, const std::string& target_crs)
    : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.ctx = make_context(m.log);
    PjPtr src = make_crs(m.ctx.get(), m.log, source_crs);
    PjPtr dst = make_crs(m.ctx.get(), m.log, target_crs);

    m.log.last.clear();
    PjPtr raw(proj_create_crs_to_crs_from_pj(m.ctx.get(), src.get(), dst.get(), nullptr, nullptr));
    if (!raw)
        throw InputError("no coordinate transformation from '" + shorten(source_crs) + "' to '" +
                         shorten(target_crs) + "': " + proj_reason(m.ctx.get(), m.log));
    // x = lon/easting, y = lat/northing whatever the authority axis order is.
    m.op.reset(proj_normalize_for_visualization(m.ctx.get(), raw.get()));
    if (!m.op)
        throw InputError("no coordinate transformation from '" + shorten(source_crs) + "' to '" +
                         shorten(target_crs) + "': " + proj_reason(m.ctx.get(), m.log));

    PjPtr horizontal = horizontal_crs(m.ctx.get(), src.get());
    m.source_geographic = horizontal && is_geographic(proj_get_type(horizontal.get()));

    double w = 0, s = 0, e = 0, n = 0;
    const PJ* area_obj = horizontal ? horizontal.get() : src.get();
    if (proj_get_area_of_use(m.ctx.get(), area_obj, &w, &s, &e, &n, nullptr) && w > -1000 && s > -1000) {
        if (w > e) e += 360;  // crosses the antimeridian: keep west < east
        m.source_area = Box{w, s, e, n};
    }
    // Where the target's datum is defined (JGD2011: Japan), not just one zone of it.
    PjPtr target_h = horizontal_crs(m.ctx.get(), dst.get());
    PjPtr geodetic(target_h ? proj_crs_get_geodetic_crs(m.ctx.get(), target_h.get()) : nullptr);
    if (geodetic && proj_get_area_of_use(m.ctx.get(), geodetic.get(), &w, &s, &e, &n, nullptr) && w > -1000 && s > -1000) {
        if (w > e) e += 360;
        m.target_geodetic_area = Box{w, s, e, n};
    }
}

Reprojector::~Reprojector() = default;
Reprojector::Reprojector(Reprojector&&) noexcept = default;
Reprojector& Reprojector::operator=(Reprojector&&) noexcept = default;

bool Reprojector::transform(XY& p) const {
    PJ* op = impl_->op.get();
    proj_errno_reset(op);
    PJ_COORD out = proj_trans(op, PJ_FWD, proj_coord(p.x, p.y, 0, 0));
    if (proj_errno(op) != 0 || !std::isfinite(out.xy.x) || !std::isfinite(out.xy.y) ||
        out.xy.x == HUGE_VAL || out.xy.y == HUGE_VAL)
        return false;
    p = XY{out.xy.x, out.xy.y};
    return true;
}

bool Reprojector::transform(Geometry& g) const {
    bool ok = true;
    g.for_each_xy([&](XY& p) { ok = transform(p) && ok; });
    return ok;
}

Box Reprojector::source_area_of_use() const { return impl_->source_area; }

Box Reprojector::target_geodetic_area_of_use() const { return impl_->target_geodetic_area; }

bool Reprojector::source_is_geographic() const { return impl_->source_geographic; }

std::string describe_crs(const std::string& crs) {
    ProjLog log;
    ContextPtr ctx = make_context(log);
    PjPtr obj(proj_create(ctx.get(), crs.c_str()));
    if (!obj) return shorten(crs, 60);
    const char* name = proj_get_name(obj.get());
    std::string label = name ? name : "";

    std::string id;
    if (const char* auth = proj_get_id_auth_name(obj.get(), 0)) {
        const char* code = proj_get_id_code(obj.get(), 0);
        id = std::string(auth) + ":" + (code ? code : "");
    } else if (proj_is_crs(obj.get())) {
        // WKT without an ID: accept only an exact EPSG match.
        int* confidence = nullptr;
        PJ_OBJ_LIST* list = proj_identify(ctx.get(), obj.get(), "EPSG", nullptr, &confidence);
        if (list && proj_list_get_count(list) > 0 && confidence && confidence[0] == 100) {
            PjPtr match(proj_list_get(ctx.get(), list, 0));
            const char* code = match ? proj_get_id_code(match.get(), 0) : nullptr;
            if (code) id = std::string("EPSG:") + code;
        }
        proj_int_list_destroy(confidence);
        proj_list_destroy(list);
    }
    if (id.empty()) return label.empty() ? shorten(crs, 60) : label;
    return label.empty() ? id : id + " (" + label + ")";
}

}  // namespace ipmap
