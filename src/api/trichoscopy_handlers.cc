// Automated trichoscopy through the API: an uploaded image is analysed, its
// result and overlay stored, and its figures recorded as measurements.
#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <opencv2/imgcodecs.hpp>
#include <string_view>
#include <thread>

#include "api/handlers.h"
#include "api/image_body.h"
#include "api/views.h"
#include "core/id.h"
#include "imaging/analysis.h"
#include "imaging/decode.h"
#include "imaging/overlay.h"
#include "imaging/report.h"
#include "store/measurement_store.h"
#include "store/patient_store.h"
#include "store/trichoscopy_store.h"

namespace anagen::api::trichoscopy_api {
namespace {

Json record_json(const store::trichoscopy::Record& r, const Ctx& ctx) {
  return {{"id", r.id},
          {"patient_id", r.patient_id},
          {"site", r.site},
          {"taken_on", format_date(r.taken_on)},
          {"um_per_px", r.um_per_px},
          {"image_sha256", r.image_sha256},
          {"result", r.result},
          {"paired", r.hours.has_value()},
          {"hours", r.hours ? Json(*r.hours) : Json(nullptr)},
          {"image_url", "/api/v1/trichoscopy/" + r.id + "/image"},
          {"overlay_url", "/api/v1/trichoscopy/" + r.id + "/overlay.png"},
          {"created_at", ctx.format(r.created_at)},
          {"entered_in_error", correction_json(r.entered_in_error, ctx)}};
}

// The image body: an image content type, and decoded (422 otherwise).
Result<ImageBody> read_image(const Ctx& ctx) {
  if (!declares_image_type(ctx.req)) return Error::invalid("body", kImageBodyMessage);
  return decode_image_body(ctx.req);
}

// The query parameters as a JSON object for JsonReader, so that they get a
// JSON body's checks and messages: `texts` stay text; each of `numbers`
// becomes a number if it is a plain decimal (with or without a minus), and anything else ("0x10",
// "inf", "5px") stays text, which number() refuses.
Json query_fields(const Ctx& ctx, std::initializer_list<const char*> texts,
                  std::initializer_list<const char*> numbers) {
  Json q = Json::object();
  for (const char* name : texts)
    if (const std::string* v = ctx.req.param(name)) q[name] = *v;
  for (const char* name : numbers) {
    const std::string* v = ctx.req.param(name);
    if (!v) continue;
    // A minus sign is allowed, so that "-5" is told its range, not that
    // it is no number.
    const std::string_view d = std::string_view(*v).substr(!v->empty() && v->front() == '-');
    const size_t dot = d.find('.');
    const bool decimal = !d.empty() && d.size() <= 32 &&
                         d.find_first_not_of("0123456789.") == std::string::npos && dot != 0 &&
                         dot + 1 != d.size() && d.find('.', dot + 1) == std::string::npos;
    if (decimal)
      q[name] = std::strtod(v->c_str(), nullptr);
    else
      q[name] = *v;
  }
  return q;
}

// Analyses run one per core at most: each holds a decoded image and its
// working buffers (about 15 bytes a pixel, 0.6 GB at the 40 MP limit), and
// more at once would share the same cores while multiplying the memory.
class AnalysisSlot {
 public:
  AnalysisSlot() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [] { return busy_ < limit(); });
    ++busy_;
  }
  ~AnalysisSlot() {
    {
      std::lock_guard lock(mu_);
      --busy_;
    }
    cv_.notify_one();
  }
  AnalysisSlot(const AnalysisSlot&) = delete;
  AnalysisSlot& operator=(const AnalysisSlot&) = delete;

 private:
  static unsigned limit() { return std::max(1u, std::thread::hardware_concurrency()); }
  static inline std::mutex mu_;
  static inline std::condition_variable cv_;
  static inline unsigned busy_ = 0;
};

store::Blob png(const cv::Mat& m) {
  std::vector<unsigned char> out;
  cv::imencode(".png", m, out);
  return out;
}

// One figure of an analysis (trichoscopy record `from`) as a measurement.
domain::Measurement figure(const Ctx& ctx, const store::trichoscopy::Record& from,
                           const std::string& kind, double value, Date on) {
  domain::Measurement m;
  m.id = new_id();
  m.patient_id = from.patient_id;
  m.kind = kind;
  m.value = value;
  m.taken_on = on;
  m.site = from.site;
  m.source = "trichoscopy";
  m.trichoscopy_id = from.id;
  m.recorded_by = ctx.user_id();
  m.created_at = ctx.now;
  return m;
}

}  // namespace

Error entered_in_error_conflict(const store::trichoscopy::Record& r) {
  return Error::conflict("This analysis was marked entered in error (" +
                         r.entered_in_error->reason + ").");
}

Error already_uploaded(const store::trichoscopy::Record& r) {
  return Error::conflict("This image was already uploaded for this patient: the analysis of " +
                         human_date(r.taken_on) + " at site \"" + r.site + "\".");
}

// POST /patients/{id}/trichoscopy?site=&um_per_px=&taken_on= with the image as the body.
Result<Reply> analyze(Ctx& ctx) {
  const Json query = query_fields(ctx, {"site", "taken_on"}, {"um_per_px"});
  JsonReader in(query);
  auto site = in.line("site", Need::kRequired, 120);
  auto scale = in.number("um_per_px", Need::kRequired, imaging::kUmPerPxRange.min,
                         imaging::kUmPerPxRange.max);
  auto taken = in.date("taken_on", Need::kOptional);
  if (taken && date::sys_days(*taken) > date::sys_days(ctx.today)) {
    in.fail("taken_on", "must not be in the future");
  }
  if (!in.ok()) return in.error();
  ANAGEN_ASSIGN(ImageBody body, read_image(ctx));
  const cv::Mat& image = body.image;
  store::trichoscopy::Record r;
  r.id = new_id();
  r.patient_id = ctx.param("patient_id");
  r.image_sha256 = sha256_hex(ctx.req.body);
  r.taken_on = taken.value_or(ctx.today);
  // Fail fast, before the analysis; both are checked again when writing.
  ANAGEN_ASSIGN(
      auto earlier,
      ctx.app.db.read([&](store::Tx& tx) -> Result<std::optional<store::trichoscopy::Record>> {
        ANAGEN_TRY(patient_born_by(tx, r.patient_id, r.taken_on, "taken_on"));
        return store::trichoscopy::find_image(tx, r.patient_id, r.image_sha256);
      }));
  if (earlier) return already_uploaded(*earlier);
  imaging::Options opts;
  opts.um_per_px = *scale;
  opts.vellus_threshold_um = ctx.settings.vellus_threshold_um;
  std::optional<imaging::Analysis> analysis;
  {
    AnalysisSlot slot;
    analysis = imaging::analyze(image, opts);
    r.overlay = png(imaging::draw_overlay(image, *analysis, opts));
  }
  r.site = *site;
  r.um_per_px = *scale;
  r.image.assign(ctx.req.body.begin(), ctx.req.body.end());
  r.image_type = body.type;
  r.result = imaging::to_json(*analysis);
  r.created_by = ctx.user_id();
  r.created_at = ctx.now;
  std::vector<domain::Measurement> figures;
  if (analysis->hair_count > 0) {
    for (auto [kind, value] : {std::pair{"density", analysis->density_per_cm2},
                               {"terminal_density", analysis->terminal_density},
                               {"vellus_percent", analysis->vellus_percent},
                               {"mean_diameter_um", analysis->mean_diameter_um},
                               {"cumulative_thickness_mm", analysis->cumulative_thickness_mm}}) {
      figures.push_back(figure(ctx, r, kind, value, r.taken_on));
    }
  }
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    // One upload of an image per patient at a time (PostgreSQL runs writes
    // side by side; the duplicate check below must see the other's insert).
    ANAGEN_TRY(tx.lock("trichoscopy-image:" + r.patient_id + ":" + r.image_sha256));
    ANAGEN_TRY(patient_born_by(tx, r.patient_id, r.taken_on, "taken_on"));
    ANAGEN_ASSIGN(auto same, store::trichoscopy::find_image(tx, r.patient_id, r.image_sha256));
    if (same) return already_uploaded(*same);
    ANAGEN_TRY(store::trichoscopy::insert(tx, r));
    for (const auto& m : figures) ANAGEN_TRY(store::measurements::insert(tx, m));
    ctx.audit_detail = "trichoscopy " + r.site + " hairs=" + std::to_string(analysis->hair_count);
    return ctx.audit(tx, 201);
  }));
  Json out = record_json(r, ctx);
  out["measurements"] = Json::array();
  for (const auto& m : figures)
    out["measurements"].push_back({{"kind", m.kind}, {"value", m.value}});
  return Reply::created(out, "/api/v1/trichoscopy/" + r.id);
}

// POST /trichoscopy/{id}/second?hours=H: the same site 2-3 days after
// clipping; gives the anagen share.
Result<Reply> second(Ctx& ctx) {
  const Json query = query_fields(ctx, {}, {"hours"});
  JsonReader in(query);
  auto hours = in.number("hours", Need::kRequired, imaging::kPairHoursRange.min,
                         imaging::kPairHoursRange.max);
  if (!in.ok()) return in.error();
  ANAGEN_ASSIGN(ImageBody second_body, read_image(ctx));
  const cv::Mat& second_image = second_body.image;
  ANAGEN_ASSIGN(auto first, ctx.app.db.read([&](store::Tx& tx) {
    return store::trichoscopy::get_with_images(tx, ctx.param("trichoscopy_id"));
  }));
  if (!first)
    return Error::not_found("Trichoscopy " + ctx.param("trichoscopy_id") + " was not found.");
  ctx.patient_id = first->patient_id;
  if (first->entered_in_error) return entered_in_error_conflict(*first);
  if (first->hours) return Error::conflict("This analysis already has its second image.");
  auto decoded = imaging::decode_image(first->image);
  const cv::Mat& first_image = std::get<cv::Mat>(decoded);
  if (first_image.size() != second_image.size()) {
    return Error::invalid("body", "must have the same size as the first image (" +
                                      std::to_string(first_image.cols) + "x" +
                                      std::to_string(first_image.rows) + ")");
  }
  if (imaging::same_shot(first_image, second_image))
    return Error::invalid("body", imaging::kSameShotText);
  imaging::Options opts;
  opts.um_per_px = first->um_per_px;
  opts.vellus_threshold_um = ctx.settings.vellus_threshold_um;
  std::optional<imaging::Analysis> analysis;
  store::Blob overlay;
  {
    AnalysisSlot slot;
    analysis = imaging::analyze_pair(first_image, second_image, *hours, opts);
    overlay = png(imaging::draw_overlay(first_image, *analysis, opts));
  }
  if (!analysis->same_site) return Error::invalid("body", imaging::not_same_site(*analysis));
  Json result = imaging::to_json(*analysis);
  // The share describes the hairs as they were when clipped and first shot
  // (the second shot only tells which of them grew): it is dated with the
  // first image, so a pair begun on the first session's day is a baseline.
  std::optional<domain::Measurement> anagen;
  if (analysis->anagen_percent) {
    anagen = figure(ctx, *first, "anagen_percent", *analysis->anagen_percent, first->taken_on);
  }
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_ASSIGN(bool added,
                  store::trichoscopy::set_second(
                      tx, first->id, store::Blob(ctx.req.body.begin(), ctx.req.body.end()),
                      second_body.type, *hours, result, overlay));
    if (!added)
      return Error::conflict(
          "This analysis already has its second image, or was "
          "marked entered in error.");
    if (anagen) ANAGEN_TRY(store::measurements::insert(tx, *anagen));
    ctx.audit_detail = "trichoscopy second image";
    return ctx.audit(tx, 200);
  }));
  first->hours = hours;
  first->result = result;
  Json out = record_json(*first, ctx);
  out["measurements"] = Json::array();
  if (anagen) out["measurements"].push_back({{"kind", "anagen_percent"}, {"value", anagen->value}});
  return Reply::json(out);
}

// POST /trichoscopy/{id}/entered-in-error {"reason"}: an image uploaded by
// mistake (wrong patient, site or scale). The analysis and every figure it
// gave leave the measurements and progress; both stay on record, marked.
// The same image can then be uploaded again, rightly.
Result<Reply> mark_entered_in_error(Ctx& ctx) {
  ANAGEN_ASSIGN(const domain::Correction correction, read_correction(ctx));
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto r, store::trichoscopy::get(tx, ctx.param("trichoscopy_id")));
    if (!r)
      return Error::not_found("Trichoscopy " + ctx.param("trichoscopy_id") + " was not found.");
    ctx.patient_id = r->patient_id;
    if (r->entered_in_error) return entered_in_error_conflict(*r);
    ANAGEN_ASSIGN(bool marked, store::trichoscopy::mark_entered_in_error(tx, r->id, correction));
    if (!marked) return Error::conflict("This analysis was already marked entered in error.");
    ANAGEN_ASSIGN(int64_t withdrawn,
                  store::measurements::mark_analysis_entered_in_error(tx, r->id, correction));
    r->entered_in_error = correction;
    ctx.audit_detail = "trichoscopy entered in error (" + std::to_string(withdrawn) +
                       " measurements withdrawn): " + correction.reason;
    ANAGEN_TRY(ctx.audit(tx, 200));
    Json out = record_json(*r, ctx);
    out["measurements_withdrawn"] = withdrawn;
    return Reply::json(out);
  });
}

Result<Reply> list(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_TRY(store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto all, store::trichoscopy::list_for_patient(tx, ctx.param("patient_id")));
    Json items = Json::array();
    for (const auto& r : all) {
      Json j = record_json(r, ctx);
      j["result"].erase("hairs");  // the list stays small; one record has them
      items.push_back(j);
    }
    return Reply::json({{"items", items}});
  });
}

Result<Reply> get(Ctx& ctx) {
  ANAGEN_ASSIGN(auto r, ctx.app.db.read([&](store::Tx& tx) {
    return store::trichoscopy::get(tx, ctx.param("trichoscopy_id"));
  }));
  if (!r) return Error::not_found("Trichoscopy " + ctx.param("trichoscopy_id") + " was not found.");
  ctx.patient_id = r->patient_id;
  return Reply::json(record_json(*r, ctx));
}

// The overlay (PNG) or the original image.
Result<Reply> image(Ctx& ctx, bool overlay) {
  ANAGEN_ASSIGN(auto r, ctx.app.db.read([&](store::Tx& tx) {
    return store::trichoscopy::get_with_images(tx, ctx.param("trichoscopy_id"));
  }));
  if (!r) return Error::not_found("Trichoscopy " + ctx.param("trichoscopy_id") + " was not found.");
  ctx.patient_id = r->patient_id;
  Reply out;
  const store::Blob& bytes = overlay ? r->overlay : r->image;
  out.raw = std::string(bytes.begin(), bytes.end());
  out.content_type = overlay ? "image/png" : r->image_type;
  out.headers.emplace_back("Cache-Control", "private, no-cache");
  return out;
}

Result<Reply> overlay(Ctx& ctx) { return image(ctx, true); }
Result<Reply> original(Ctx& ctx) { return image(ctx, false); }

}  // namespace anagen::api::trichoscopy_api
