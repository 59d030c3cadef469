#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "core/errors.hpp"
#include "io/read_layer.hpp"
#include "io/text_codec.hpp"
#include "test_support.hpp"

using namespace io_test;
using ipmap::Diagnostics;
using ipmap::read_layer;

namespace {

// CP932 bytes (from `iconv -t CP932`), split into literals so that no hex escape runs on.
const std::string kMeisho = "\x96\xbc\x8f\xcc";                   // 名称
const std::string kJotai = "\x8f\xf3\x91\xd4";                    // 状態
const std::string kBiko = "\x94\xf5\x8d" "l";                     // 備考 (second byte is 'l')
const std::string kKansei = "\x8a\xae\x90\xac";                   // 完成
const std::string kJigyochu = "\x8e\x96\x8b\xc6\x92\x86";         // 事業中
const std::string kMaruKutchan = "\x87@\x8b\xe4\x92m\x88\xc0";    // ①倶知安 (① is a CP932 extension)
const std::string kYoichi = "\x97]\x8es";                         // 余市
const std::string kIwanai = "\x8a\xe2\x93\xe0";                   // 岩内
const std::string kHyo = "\x95\\";                                // 表 (second byte is a backslash)
const std::string kKabuHokkaido = "\x87\x8a\x96k\x8a" "C\x93\xb9";  // ㈱北海道

const std::string kFffd = "\xEF\xBF\xBD";

/// A CP932 CSV whose last row ends in a lone lead byte.
std::string cp932_csv() {
    return kMeisho + "," + kJotai + "," + kBiko + "\n" +
           kMaruKutchan + "," + kKansei + "," + kYoichi + "\n" +
           kIwanai + "," + kJigyochu + "," + kHyo + "\n" +
           kKabuHokkaido + "," + kKansei + ",ab\x82\n";
}

bool all_text_is_utf8(const ipmap::RawLayer& l) {
    for (const auto& c : l.columns)
        if (!ipmap::io_detail::is_valid_utf8(c)) return false;
    for (const auto& r : l.records)
        for (const auto& [k, v] : r.values)
            if (!ipmap::io_detail::is_valid_utf8(k) || (v && !ipmap::io_detail::is_valid_utf8(*v))) return false;
    return true;
}

/// Writes works.shp/.dbf/.shx/.prj in `dir` with two Japanese attributes. With `cpg`, GDAL
/// encodes the UTF-8 input as CP932 and declares it; without, the CP932 bytes are written raw
/// and nothing declares the encoding.
std::string write_japanese_shapefile(const std::string& dir, bool cpg) {
    GDALAllRegister();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    REQUIRE(drv != nullptr);
    const std::string path = dir + "/works.shp";
    GDALDataset* ds = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds != nullptr);
    OGRSpatialReference srs;
    srs.importFromEPSG(6679);
    const char* options[] = {cpg ? "ENCODING=CP932" : "ENCODING=", nullptr};
    OGRLayer* layer = ds->CreateLayer("works", &srs, wkbPoint, const_cast<char**>(options));
    REQUIRE(layer != nullptr);
    const std::string name_field = cpg ? "名称" : kMeisho;
    const std::string state_field = cpg ? "状態" : kJotai;
    OGRFieldDefn f1(name_field.c_str(), OFTString);
    OGRFieldDefn f2(state_field.c_str(), OFTString);
    REQUIRE(layer->CreateField(&f1) == OGRERR_NONE);
    REQUIRE(layer->CreateField(&f2) == OGRERR_NONE);
    const std::pair<std::string, std::string> rows[] = {
        {cpg ? "①倶知安" : kMaruKutchan, cpg ? "完成" : kKansei},
        {cpg ? "岩内" : kIwanai, cpg ? "事業中" : kJigyochu}};
    for (const auto& [name, state] : rows) {
        OGRFeature* f = OGRFeature::CreateFeature(layer->GetLayerDefn());
        f->SetField(0, name.c_str());
        f->SetField(1, state.c_str());
        OGRPoint p(41566.27, -121873.81);
        f->SetGeometry(&p);
        REQUIRE(layer->CreateFeature(f) == OGRERR_NONE);
        OGRFeature::DestroyFeature(f);
    }
    GDALClose(ds);
    return path;
}

}  // namespace

TEST_CASE("legacy-encoded CSV", "[io][encoding]") {
    SECTION("a CP932 CSV is recoded to UTF-8 and bad bytes are reported") {
        TempDir tmp;
        const std::string path = tmp.write("works.csv", cp932_csv());
        auto spec = spec_for(path);
        spec.encoding = "CP932";
        Diagnostics diag;
        const auto l = read_layer(spec, diag);
        CHECK(l.columns == std::vector<std::string>{"名称", "状態", "備考"});
        REQUIRE(l.records.size() == 3);
        CHECK(value_of(l.records[0], "名称") == "①倶知安");
        CHECK(value_of(l.records[0], "状態") == "完成");
        CHECK(value_of(l.records[0], "備考") == "余市");
        CHECK(value_of(l.records[1], "名称") == "岩内");
        CHECK(value_of(l.records[1], "状態") == "事業中");
        CHECK(value_of(l.records[1], "備考") == "表");
        CHECK(value_of(l.records[2], "名称") == "㈱北海道");
        CHECK(value_of(l.records[2], "備考") == "ab" + kFffd);
        CHECK(all_text_is_utf8(l));

        const auto items = diag.items();
        REQUIRE(items.size() == 1);
        CHECK(items[0].stage == "load");
        CHECK(items[0].file == path);
        CHECK(items[0].layer == "works");
        CHECK(items[0].row == 3);
        CHECK(items[0].field == "備考");
        CHECK(items[0].value == "ab" + kFffd);
        CHECK(items[0].message == "text is not valid CP932");
        CHECK(items[0].action == "undecodable bytes replaced with U+FFFD");
    }
    SECTION("Shift_JIS is read as CP932 so that its Windows extensions decode") {
        TempDir tmp;
        auto spec = spec_for(tmp.write("works.csv", cp932_csv()));
        spec.encoding = "Shift_JIS";
        Diagnostics diag;
        const auto l = read_layer(spec, diag);
        CHECK(value_of(l.records.at(0), "名称") == "①倶知安");
        CHECK(value_of(l.records.at(2), "名称") == "㈱北海道");
        REQUIRE(diag.items().size() == 1);
        CHECK(diag.items()[0].message == "text is not valid Shift_JIS");
    }
    SECTION("an attribute filter in UTF-8 matches text in a CP932 source") {
        TempDir tmp;
        auto spec = spec_for(tmp.write("works.csv", cp932_csv()));
        spec.encoding = "CP932";
        spec.filter = "\"状態\" = '完成'";  // OGR SQL needs non-ASCII column names quoted
        Diagnostics diag;
        const auto l = read_layer(spec, diag);
        REQUIRE(l.records.size() == 2);
        CHECK(value_of(l.records[0], "名称") == "①倶知安");
        CHECK(value_of(l.records[1], "名称") == "㈱北海道");
    }
    SECTION("CP932 text read as UTF-8 never passes invalid UTF-8 on") {
        TempDir tmp;
        const std::string path = tmp.write("works.csv", cp932_csv());
        Diagnostics diag;
        const auto l = read_layer(spec_for(path), diag);
        CHECK(all_text_is_utf8(l));
        CHECK(l.columns.at(0).find(kFffd) != std::string::npos);
        const auto bad = diags_with(diag, "text is not valid UTF-8");
        CHECK(bad.size() == diag.items().size());
        CHECK(bad.size() >= 9);  // three column names and most values
        CHECK(bad.at(0).action == "undecodable bytes replaced with U+FFFD");
    }
    SECTION("an EUC-JP CSV is recoded") {
        TempDir tmp;
        auto spec = spec_for(tmp.write("works.csv", "name,code\n\xb6\xe6\xc3\xce\xb0\xc2,01400\n"));  // 倶知安
        spec.encoding = "EUC-JP";
        Diagnostics diag;
        const auto l = read_layer(spec, diag);
        CHECK(value_of(l.records.at(0), "name") == "倶知安");
        CHECK(diag.items().empty());
    }
    SECTION("an unknown encoding names the layer definition") {
        auto spec = spec_for(kData + "bom.csv");
        spec.encoding = "KLINGON-8";
        Diagnostics diag;
        CHECK_THROWS_WITH(read_layer(spec, diag),
                          "layers/test.toml: unknown encoding 'KLINGON-8' for " + kData + "bom.csv");
    }
}

TEST_CASE("legacy-encoded shapefiles", "[io][encoding]") {
    SECTION("a CP932 shapefile decodes once whether or not the layer names the encoding") {
        TempDir tmp;
        const std::string path = write_japanese_shapefile(tmp.path(), true);
        for (const char* encoding : {"", "CP932"}) {
            INFO("encoding '" << encoding << "'");
            auto spec = spec_for(path);
            spec.encoding = encoding;
            Diagnostics diag;
            const auto l = read_layer(spec, diag);
            CHECK(l.columns == std::vector<std::string>{"名称", "状態"});
            REQUIRE(l.records.size() == 2);
            CHECK(value_of(l.records[0], "名称") == "①倶知安");
            CHECK(value_of(l.records[1], "状態") == "事業中");
            CHECK(diag.items().empty());
            CHECK(l.crs == "EPSG:6679");
            REQUIRE(l.records[0].geometry.points.size() == 1);
            CHECK(l.records[0].geometry.points[0].x == Approx(41566.27));  // easting first
        }
    }
    SECTION("a shapefile with undeclared CP932 text needs encoding = CP932") {
        TempDir tmp;
        const std::string path = write_japanese_shapefile(tmp.path(), false);
        auto spec = spec_for(path);
        Diagnostics undeclared;
        const auto raw = read_layer(spec, undeclared);
        CHECK(all_text_is_utf8(raw));
        CHECK_FALSE(diags_with(undeclared, "text is not valid UTF-8").empty());

        spec.encoding = "CP932";
        Diagnostics diag;
        const auto l = read_layer(spec, diag);
        CHECK(l.columns == std::vector<std::string>{"名称", "状態"});
        CHECK(value_of(l.records.at(0), "名称") == "①倶知安");
        CHECK(value_of(l.records.at(1), "名称") == "岩内");
        CHECK(diag.items().empty());
    }
}
