#include "io/read_layer.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>

#include "core/errors.hpp"
#include "io/gdal_handles.hpp"
#include "io/text_codec.hpp"

namespace ipmap {
namespace {

using io_detail::DatasetPtr;
using io_detail::ErrorCapture;
using io_detail::FeaturePtr;
using io_detail::GeometryPtr;

/// CRS given to layers that have no geometry column at all and no `crs` in their definition:
/// nothing will be transformed, but RawLayer::crs must name a valid CRS.
constexpr const char* kCrsForLayersWithoutGeometry = "EPSG:6668";

void register_drivers() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

/// " in <layers/x.toml>" or "" when the definition file is unknown.
std::string in_definition(const LayerSpec& spec) {
    return spec.file.empty() ? std::string(" in the layer definition") : " in " + spec.file;
}

std::string quote_list(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "'" : ", '") + n + "'";
    return s.empty() ? "(none)" : s;
}

// ---------------------------------------------------------------------------------------
// Text

/// Per-call state shared by the conversions below.
struct Reader {
    const LayerSpec& spec;
    Diagnostics& diag;
    ErrorCapture& errors;
    std::optional<io_detail::Recoder> recoder;  ///< set when ipmap recodes (not the driver)
    std::string encoding_label = "UTF-8";
    std::string layer_name;                     ///< OGR layer name as valid UTF-8
    std::string geometry_field = "geometry";
    bool swap_xy = false;                       ///< the driver returns lat/lon or northing/easting
    std::set<std::string> reported_gdal_warnings;

    Diagnostic make_diag(Severity severity, long long row, std::string field) const {
        Diagnostic d;
        d.severity = severity;
        d.stage = "load";
        d.file = spec.source;
        d.layer = layer_name;
        d.row = row;
        d.field = std::move(field);
        return d;
    }

    /// `raw` as UTF-8: recoded from the source encoding, invalid bytes replaced by U+FFFD
    /// and reported against `row` and `field`.
    std::string text(const char* raw, long long row, const std::string& field) {
        const std::string_view in = raw ? std::string_view(raw) : std::string_view();
        std::string decoded;
        bool ok = true;
        if (recoder) ok = recoder->to_utf8(in, decoded);
        else decoded.assign(in);
        bool changed = false;
        std::string clean = io_detail::sanitize_utf8(decoded, changed);
        if (!ok || changed) {
            Diagnostic d = make_diag(Severity::Warning, row, field.empty() ? clean : field);
            d.value = io_detail::shorten_utf8(clean);
            d.message = "text is not valid " + encoding_label;
            d.action = "undecodable bytes replaced with U+FFFD";
            diag.add(std::move(d));
        }
        return clean;
    }

    /// Reports GDAL warnings once per distinct text; failures are handled by the caller.
    void report_warnings(const std::vector<ErrorCapture::Message>& messages, long long row) {
        for (const auto& m : messages) {
            if (m.level != CE_Warning || m.text.empty()) continue;
            // GeoJSON and others warn about unclosed rings; the geometry check reports them.
            if (m.text.rfind("Non closed ring detected", 0) == 0) continue;
            bool changed = false;
            std::string t = io_detail::sanitize_utf8(m.text, changed);
            if (!reported_gdal_warnings.insert(t).second) continue;
            Diagnostic d = make_diag(Severity::Warning, row, "");
            d.message = "GDAL: " + t;
            d.action = "read as GDAL interprets it";
            diag.add(std::move(d));
        }
    }
};

// ---------------------------------------------------------------------------------------
// Field values

std::string format_real(double v, bool float32) {
    char buf[64];
    const auto r = float32 ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v))
                           : std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string format_temporal(const OGRFeature& f, int i, OGRFieldType type) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float sec = 0;
    const_cast<OGRFeature&>(f).GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &sec, &tz);
    char buf[64];
    std::string date, time;
    if (type != OFTTime) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
        date = buf;
    }
    if (type != OFTDate) {
        const double whole = std::floor(sec);
        if (sec == whole) std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, mi, static_cast<int>(whole));
        else std::snprintf(buf, sizeof buf, "%02d:%02d:%06.3f", h, mi, static_cast<double>(sec));
        time = buf;
        // OGR time zone flag: 0 unknown, 1 local time, 100 UTC, 100 +/- n = n quarter hours.
        if (tz == 100) {
            time += "Z";
        } else if (tz > 1) {
            const int minutes = std::abs(tz - 100) * 15;
            std::snprintf(buf, sizeof buf, "%c%02d:%02d", tz > 100 ? '+' : '-', minutes / 60, minutes % 60);
            time += buf;
        }
    }
    if (type == OFTDate) return date;
    if (type == OFTTime) return time;
    return date + "T" + time;
}

template <class T, class Format>
std::string join_list(const T* values, int n, const std::string& sep, Format&& format) {
    std::string s;
    for (int k = 0; k < n; ++k) {
        if (k > 0) s += sep;
        s += format(values[k]);
    }
    return s;
}

std::optional<std::string> field_value(Reader& rd, const OGRFeature& f, int i, const OGRFieldDefn& def,
                                       long long row, const std::string& column) {
    if (!f.IsFieldSetAndNotNull(i)) return std::nullopt;
    auto& feature = const_cast<OGRFeature&>(f);  // GetFieldAs* are not const in GDAL 3.6
    const std::string& sep = rd.spec.list_separator;
    int n = 0;
    switch (def.GetType()) {
        case OFTInteger:
            if (def.GetSubType() == OFSTBoolean) return feature.GetFieldAsInteger(i) ? "true" : "false";
            return std::to_string(feature.GetFieldAsInteger(i));
        case OFTInteger64:
            return std::to_string(feature.GetFieldAsInteger64(i));
        case OFTReal:
            return format_real(feature.GetFieldAsDouble(i), def.GetSubType() == OFSTFloat32);
        case OFTString:
            return rd.text(feature.GetFieldAsString(i), row, column);
        case OFTDate:
        case OFTTime:
        case OFTDateTime:
            return format_temporal(f, i, def.GetType());
        case OFTIntegerList: {
            const int* v = feature.GetFieldAsIntegerList(i, &n);
            return join_list(v, n, sep, [](int x) { return std::to_string(x); });
        }
        case OFTInteger64List: {
            const GIntBig* v = feature.GetFieldAsInteger64List(i, &n);
            return join_list(v, n, sep, [](GIntBig x) { return std::to_string(x); });
        }
        case OFTRealList: {
            const double* v = feature.GetFieldAsDoubleList(i, &n);
            const bool f32 = def.GetSubType() == OFSTFloat32;
            return join_list(v, n, sep, [f32](double x) { return format_real(x, f32); });
        }
        case OFTStringList: {
            char** v = feature.GetFieldAsStringList(i);
            std::string s;
            for (int k = 0; v && v[k]; ++k) {
                if (k > 0) s += sep;
                s += rd.text(v[k], row, column);
            }
            return s;
        }
        default:  // binary (as hex) and deprecated wide strings
            return rd.text(feature.GetFieldAsString(i), row, column);
    }
}

// ---------------------------------------------------------------------------------------
// Geometry

/// Flattens a linear OGR geometry into ipmap::Geometry; Z and M are dropped.
struct GeometryConverter {
    Geometry out;
    bool non_finite = false;
    bool swap_xy = false;

    XY xy(double x, double y) {
        if (!std::isfinite(x) || !std::isfinite(y)) non_finite = true;
        return swap_xy ? XY{y, x} : XY{x, y};
    }
    Path path(const OGRSimpleCurve& c) {
        Path p;
        const int n = c.getNumPoints();
        p.reserve(static_cast<std::size_t>(n));
        for (int k = 0; k < n; ++k) p.push_back(xy(c.getX(k), c.getY(k)));
        return p;
    }
    void add(const OGRGeometry& g) {
        if (g.IsEmpty()) return;
        switch (wkbFlatten(g.getGeometryType())) {
            case wkbPoint: {
                const OGRPoint* p = g.toPoint();
                out.points.push_back(xy(p->getX(), p->getY()));
                return;
            }
            case wkbLineString:
            case wkbLinearRing:
                out.lines.push_back(path(*g.toSimpleCurve()));
                return;
            case wkbPolygon:
            case wkbTriangle: {
                const OGRPolygon* poly = g.toPolygon();
                Polygon p;
                for (const OGRCurve* ring : *poly) {
                    if (ring->IsEmpty()) continue;
                    p.rings.push_back(path(*ring->toSimpleCurve()));
                }
                if (!p.rings.empty()) out.polygons.push_back(std::move(p));
                return;
            }
            case wkbMultiPoint:
            case wkbMultiLineString:
            case wkbMultiPolygon:
            case wkbGeometryCollection: {
                const OGRGeometryCollection* c = g.toGeometryCollection();
                for (int k = 0; k < c->getNumGeometries(); ++k) add(*c->getGeometryRef(k));
                return;
            }
            case wkbPolyhedralSurface:
            case wkbTIN: {
                const OGRPolyhedralSurface* s = g.toPolyhedralSurface();
                for (int k = 0; k < s->getNumGeometries(); ++k) add(*s->getGeometryRef(k));
                return;
            }
            default:
                if (g.hasCurveGeometry(TRUE)) {  // a curve nested where the caller did not expect it
                    GeometryPtr linear(g.getLinearGeometry());
                    if (linear && !linear->hasCurveGeometry(TRUE)) add(*linear);
                }
                return;
        }
    }
};

/// True when some polygon ring in `g` does not end where it starts.
bool has_unclosed_ring(const OGRGeometry& g) {
    switch (wkbFlatten(g.getGeometryType())) {
        case wkbPolygon:
        case wkbTriangle:
            for (const OGRCurve* ring : *g.toPolygon())
                if (!ring->IsEmpty() && !ring->get_IsClosed()) return true;
            return false;
        case wkbMultiPolygon:
        case wkbGeometryCollection: {
            const OGRGeometryCollection* c = g.toGeometryCollection();
            for (int k = 0; k < c->getNumGeometries(); ++k)
                if (has_unclosed_ring(*c->getGeometryRef(k))) return true;
            return false;
        }
        default:
            return false;
    }
}

std::string first_text(const std::vector<ErrorCapture::Message>& messages) {
    for (const auto& m : messages)
        if (!m.text.empty()) return m.text;
    return {};
}

/// GEOS prints coordinates with 17 digits ("140.04999999999998"); 10 are plenty in a message.
std::string tidy_numbers(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const bool starts_number = std::isdigit(static_cast<unsigned char>(s[i])) &&
                                   (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1])));
        std::size_t end = i;
        while (starts_number && end < s.size() && (std::isdigit(static_cast<unsigned char>(s[end])) || s[end] == '.'))
            ++end;
        if (end - i > 12) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.10g", std::strtod(s.substr(i, end - i).c_str(), nullptr));
            out += buf;
            i = end;
        } else {
            out += s[i++];
        }
    }
    return out;
}

void read_geometry(Reader& rd, const OGRFeature& f, long long row, RawRecord& rec) {
    const OGRGeometry* g = f.GetGeometryRef();
    if (!g || g->IsEmpty()) return;

    GeometryPtr owned;
    if (g->hasCurveGeometry(TRUE)) {
        owned.reset(g->getLinearGeometry());
        if (!owned) return;
        g = owned.get();
    }

    GeometryConverter conv;
    conv.swap_xy = rd.swap_xy;
    conv.add(*g);
    if (conv.non_finite) {
        Diagnostic d = rd.make_diag(Severity::Warning, row, rd.geometry_field);
        d.message = "coordinate is NaN or infinite";
        d.action = "shown without geometry (callout at its municipality)";
        rd.diag.add(std::move(d));
        return;
    }
    if (conv.out.polygons.empty()) {  // points and lines are always drawable
        rec.geometry = std::move(conv.out);
        return;
    }

    // Polygons: GEOS validity, after closing any ring the driver left open.
    const bool unclosed = has_unclosed_ring(*g);
    if (unclosed) {
        if (!owned) owned.reset(g->clone());
        owned->closeRings();
        g = owned.get();
    }
    rd.report_warnings(rd.errors.take(), row);  // keep GEOS's answer apart from earlier messages
    const bool valid = g->IsValid();
    const std::string geos_reason = first_text(rd.errors.take());  // GEOS says why via CPLError
    if (valid && !unclosed) {
        rec.geometry = std::move(conv.out);
        return;
    }

    std::string reason = unclosed ? "unclosed ring" : "";
    if (!valid) {
        const std::string why = geos_reason.empty() ? "self-intersection or bad ring" : geos_reason;
        reason += (reason.empty() ? "" : "; ") + why;
    }
    bool changed = false;
    reason = io_detail::sanitize_utf8(tidy_numbers(reason), changed);

    const char* structure[] = {"METHOD=STRUCTURE", nullptr};
    GeometryPtr fixed(g->MakeValid(structure));
    if (!fixed) fixed.reset(g->MakeValid());
    rd.errors.clear();

    rec.geometry_invalid = true;
    Diagnostic d = rd.make_diag(Severity::Warning, row, rd.geometry_field);
    d.message = "invalid geometry: " + reason;
    if (fixed) {
        GeometryConverter repaired;
        repaired.swap_xy = rd.swap_xy;
        repaired.add(*fixed);
        rec.geometry = std::move(repaired.out);
        rec.geometry_note = "repaired with MakeValid (" + reason + ")";
        d.action = rec.geometry.empty() ? "repaired with MakeValid; nothing drawable remained"
                                        : "repaired with MakeValid";
    } else {
        GeometryConverter as_read;  // the ring-closed geometry, unrepaired
        as_read.swap_xy = rd.swap_xy;
        as_read.add(*g);
        rec.geometry = std::move(as_read.out);
        rec.geometry_note = "invalid (" + reason + "); MakeValid failed, drawn as read";
        d.action = "MakeValid failed; drawn as read";
    }
    rd.diag.add(std::move(d));
}

// ---------------------------------------------------------------------------------------
// Dataset, layer, CRS

/// True when the driver returns coordinates with a north/south axis first (lat/lon or
/// northing/easting), which GDAL 3 drivers normally avoid.
bool data_is_north_first(const OGRSpatialReference& srs) {
    const std::vector<int>& mapping = srs.GetDataAxisToSRSAxisMapping();
    if (mapping.size() < 2) return false;
    OGRAxisOrientation o = OAO_Other;
    srs.GetAxis(nullptr, std::abs(mapping[0]) - 1, &o);
    return o == OAO_North || o == OAO_South;
}

std::string resolve_crs(Reader& rd, const OGRLayer& layer) {
    const LayerSpec& spec = rd.spec;
    if (spec.force_crs) {
        if (spec.crs.empty())
            throw InputError(spec.source + ": force_crs is set but crs is empty; set crs = \"EPSG:...\"" +
                             in_definition(spec));
        return spec.crs;
    }
    auto& l = const_cast<OGRLayer&>(layer);  // GetSpatialRef is not const in GDAL 3.6
    if (const OGRSpatialReference* srs = l.GetSpatialRef(); srs && !srs->IsEmpty()) {
        rd.swap_xy = data_is_north_first(*srs);
        const char* auth = srs->GetAuthorityName(nullptr);
        const char* code = srs->GetAuthorityCode(nullptr);
        if (auth && code && EQUAL(auth, "EPSG")) return std::string("EPSG:") + code;
        char* wkt = nullptr;
        const char* options[] = {"FORMAT=WKT2_2019", "MULTILINE=NO", nullptr};
        const OGRErr err = srs->exportToWkt(&wkt, options);
        io_detail::CplString owner(wkt);
        if (err == OGRERR_NONE && wkt && *wkt) return wkt;
    }
    if (!spec.crs.empty()) return spec.crs;
    if (l.GetLayerDefn()->GetGeomFieldCount() == 0) return kCrsForLayersWithoutGeometry;
    throw InputError(spec.source + ": layer has no CRS; set crs = \"EPSG:...\"" + in_definition(spec));
}

std::vector<std::string> layer_names(GDALDataset& ds) {
    std::vector<std::string> names;
    for (int i = 0; i < ds.GetLayerCount(); ++i)
        if (OGRLayer* l = ds.GetLayer(i)) names.emplace_back(l->GetName());
    return names;
}

bool is_shapefile_source(const std::string& path) {
    GDALDriverH drv = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
    return drv && EQUAL(GDALGetDriverShortName(drv), "ESRI Shapefile");
}

DatasetPtr open_dataset(const LayerSpec& spec, ErrorCapture& errors, bool raw_shapefile_text) {
    const std::string& path = spec.source;
    if (path.empty()) throw InputError(spec.file + ": layer '" + spec.id + "' has no source file");

    VSIStatBufL st;
    const bool exists =
        VSIStatExL(path.c_str(), &st, VSI_STAT_EXISTS_FLAG | VSI_STAT_NATURE_FLAG | VSI_STAT_SIZE_FLAG) == 0;
    const bool is_dir = exists && VSI_ISDIR(st.st_mode);
    if (exists && !is_dir) {
        if (st.st_size == 0) throw InputError(path + ": file is empty (0 bytes)");
        VSIErrorReset();
        VSILFILE* fp = VSIFOpenExL(path.c_str(), "rb", TRUE);
        if (!fp) {
            const std::string why = VSIGetLastErrorMsg();
            throw InputError(path + ": file cannot be read" + (why.empty() ? "" : ": " + why));
        }
        VSIFCloseL(fp);
    }

    CPLStringList options;
    // The Shapefile driver would recode with CPLRecode, which silently drops bad bytes;
    // ipmap recodes itself so that every bad byte is reported.
    if (raw_shapefile_text && is_shapefile_source(path)) options.AddString("ENCODING=");
    errors.clear();

    DatasetPtr ds(GDALDataset::FromHandle(GDALOpenEx(
        path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, nullptr, options.List(), nullptr)));
    if (ds) return ds;
    bool changed = false;
    const std::string why = io_detail::sanitize_utf8(ErrorCapture::failures(errors.take()), changed);
    if (!exists) throw InputError(path + ": file not found");
    if (is_dir)
        throw InputError(path + ": is a directory, not a vector data file (nor a directory GDAL can read as one)");
    throw InputError(path + ": not a readable vector data source (unrecognised format, or a truncated or corrupt file)" +
                     (why.empty() ? "" : ": " + why));
}

}  // namespace

RawLayer read_layer(const LayerSpec& spec, Diagnostics& diag) {
    ErrorCapture errors;  // declared before the dataset: the handler outlives its closing
    register_drivers();   // (after the capture: plugin warnings become diagnostics, not stderr)
    Reader rd{spec, diag, errors};

    if (!io_detail::is_utf8_encoding(spec.encoding)) {
        try {
            rd.recoder.emplace(spec.encoding);
        } catch (const std::invalid_argument&) {
            throw InputError((spec.file.empty() ? spec.source : spec.file) + ": unknown encoding '" +
                             spec.encoding + "' for " + spec.source);
        }
        rd.encoding_label = spec.encoding;
    }

    DatasetPtr ds = open_dataset(spec, errors, rd.recoder.has_value());
    const std::string& path = spec.source;

    if (ds->GetLayerCount() == 0) throw InputError(path + ": contains no vector layers");
    OGRLayer* layer = spec.layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(spec.layer.c_str());
    if (!layer)
        throw InputError(path + ": no layer named '" + spec.layer + "'; the layers in this file are " +
                         quote_list(layer_names(*ds)));
    {
        bool changed = false;
        rd.layer_name = io_detail::sanitize_utf8(layer->GetName(), changed);
    }
    if (const char* g = layer->GetGeometryColumn(); g && *g) rd.geometry_field = rd.text(g, -1, "");
    rd.report_warnings(errors.take(), -1);

    RawLayer out;
    out.layer_id = spec.id;
    out.file = spec.source;
    out.ogr_layer = rd.layer_name;
    out.crs = resolve_crs(rd, *layer);

    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int field_count = defn->GetFieldCount();
    out.columns.reserve(static_cast<std::size_t>(field_count));
    for (int i = 0; i < field_count; ++i) out.columns.push_back(rd.text(defn->GetFieldDefn(i)->GetNameRef(), -1, ""));

    if (!spec.filter.empty()) {
        std::string filter = spec.filter;
        if (rd.recoder) {  // the driver compares against undecoded text
            std::string encoded;
            if (rd.recoder->from_utf8(spec.filter, encoded)) filter = encoded;
        }
        errors.clear();
        if (layer->SetAttributeFilter(filter.c_str()) != OGRERR_NONE) {
            bool changed = false;
            const std::string why = io_detail::sanitize_utf8(ErrorCapture::failures(errors.take()), changed);
            throw InputError(path + ": layer '" + rd.layer_name + "': bad attribute filter \"" + spec.filter +
                             "\": " + (why.empty() ? "rejected by GDAL" : why));
        }
    }
    layer->ResetReading();
    rd.report_warnings(errors.take(), -1);

    long long row = 0;
    for (;;) {
        FeaturePtr f(layer->GetNextFeature());
        auto messages = errors.take();
        if (ErrorCapture::has_failure(messages)) {
            bool changed = false;
            const std::string why = io_detail::sanitize_utf8(ErrorCapture::failures(messages), changed);
            if (row == 0 && !spec.filter.empty())  // SQL drivers only check the filter now
                throw InputError(path + ": layer '" + rd.layer_name + "': bad attribute filter \"" +
                                 spec.filter + "\": " + why);
            throw InputError(path + ": layer '" + rd.layer_name + "': read error after row " +
                             std::to_string(row) + " (truncated or corrupt file?): " + why);
        }
        rd.report_warnings(messages, f ? row + 1 : row);
        if (!f) break;
        ++row;

        RawRecord rec;
        rec.source = SourceRef{spec.source, rd.layer_name, f->GetFID(), row};
        for (int i = 0; i < field_count; ++i) {
            const std::string& column = out.columns[static_cast<std::size_t>(i)];
            rec.values.emplace(column, field_value(rd, *f, i, *defn->GetFieldDefn(i), row, column));
        }
        read_geometry(rd, *f, row, rec);
        rd.report_warnings(errors.take(), row);
        out.records.push_back(std::move(rec));
    }
    return out;
}

}  // namespace ipmap
