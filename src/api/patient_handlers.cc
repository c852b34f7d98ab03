#include "api/handlers.h"
#include "api/views.h"
#include "auth/roles.h"
#include "core/id.h"
#include "core/text.h"
#include "store/outbox_store.h"
#include "store/patient_store.h"

namespace anagen::api::patient_api {
namespace {

// Reads the demographic fields; with `partial`, absent fields keep `base`.
Result<domain::PatientFields> read_fields(const Json& body, const domain::PatientFields& base,
                                          bool partial, Date today,
                                          std::optional<int>* version = nullptr) {
  JsonReader r(body);
  Need need = partial ? Need::kOptional : Need::kRequired;
  auto given = r.text("given_name", need, 100);
  auto family = r.text("family_name", need, 100);
  auto birth = r.date("birth_date", need);
  auto sex = r.one_of("sex", need, ANAGEN_SEXES);
  auto email = r.text("email", Need::kOptional, 254);
  auto phone = r.text("phone", Need::kOptional, 32);
  std::optional<int64_t> v;
  if (version) v = r.integer("version", Need::kOptional, 1, INT32_MAX);
  r.reject_unknown();
  domain::PatientFields f = base;
  if (given) f.given_name = *given;
  if (family) f.family_name = *family;
  if (birth) f.birth_date = *birth;
  if (sex) f.sex = *sex;
  // Sending null or "" clears an optional contact field.
  if (email || body.contains("email")) f.email = email;
  if (phone || body.contains("phone")) f.phone = phone;
  // Rule checks on every field that parsed, so one answer lists all problems.
  for (auto& e : domain::check_patient(f, today)) {
    bool parsed = (e.field == "birth_date" && (birth || partial)) ||
                  (e.field == "email" && email) || (e.field == "phone" && phone);
    if (parsed) r.fail(e.field, e.message);
  }
  if (!r.ok()) return r.error();
  if (version && v) *version = static_cast<int>(*v);
  return f;
}

// Tells the old address that the portal's sign-in moved: a change the
// patient did not ask for is then noticed.
store::outbox::Message sign_in_changed(const Ctx& ctx, const domain::Patient& p,
                                       const std::string& old_email) {
  store::outbox::Message m;
  m.id = new_id();
  m.dedupe_key = "sign-in-changed:" + p.id + ":" + std::to_string(p.version);
  m.kind = "sign_in_changed";
  m.patient_id = p.id;
  m.recipient = old_email;
  m.subject = "Your patient portal at " + ctx.settings.name + ": new sign-in email";
  m.body = "Hello " + p.fields.given_name +
           ",\n\nThe clinic has changed the email you sign in to your patient portal with: "
           "this address no longer signs in (the new one is not written here, as a mailbox "
           "may be shared). If you did not ask for this, call the clinic" +
           (ctx.settings.phone ? " on " + *ctx.settings.phone : "") + ".\n\n" + ctx.settings.name +
           "\n";
  m.due_at = m.created_at = ctx.now;
  return m;
}

// A patient as their record shows them, with whether they have a portal
// account (its email is then the sign-in, which only staff who read the
// record change).
Json record_json(const domain::Patient& p, const Ctx& ctx, bool portal_account) {
  Json j = patient_json(p, ctx);
  j["portal_account"] = portal_account;
  return j;
}

}  // namespace

Result<Reply> create(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  ANAGEN_ASSIGN(auto fields, read_fields(body, {}, false, ctx.today));
  domain::Patient p{new_id(), std::move(fields), 1, ctx.now, ctx.now};
  ctx.patient_id = p.id;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::patients::insert(tx, p, ctx.user_id()));
    return ctx.audit(tx, 201);
  }));
  return Reply::created(patient_json(p, ctx), "/api/v1/patients/" + p.id);
}

Result<Reply> get(Ctx& ctx) {
  bool account = false;
  ANAGEN_ASSIGN(auto p, ctx.app.db.read([&](store::Tx& tx) -> Result<domain::Patient> {
    ANAGEN_ASSIGN(auto found, store::patients::require(tx, ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto user, store::users::find_by_patient(tx, found.id));
    account = user.has_value();
    return found;
  }));
  return Reply::json(record_json(p, ctx, account));
}

Result<Reply> update(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  domain::Patient saved;
  bool has_account = false;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(tx.lock("patient:" + ctx.param("patient_id")));
    ANAGEN_ASSIGN(auto p, store::patients::require(tx, ctx.param("patient_id")));
    std::optional<int> expected;
    ANAGEN_ASSIGN(p.fields, read_fields(body, p.fields, true, ctx.today, &expected));
    if (expected && *expected != p.version) {
      return Error::conflict("The patient was changed by someone else (version " +
                             std::to_string(p.version) + ", you sent " + std::to_string(*expected) +
                             "); reload and retry.");
    }
    p.version += 1;
    p.updated_at = ctx.now;
    ANAGEN_TRY(store::patients::update(tx, p));
    // The portal account signs in with the patient's email: a new address
    // is the new sign-in (409 if another account has it, nothing saved).
    ANAGEN_ASSIGN(auto account, store::users::find_by_patient(tx, p.id));
    if (account && (!p.fields.email || ascii_lower(*p.fields.email) != account->email)) {
      // Whoever sets it can have a new-password link sent there: staff who
      // may not read the record the account shows may not change it.
      if (!sees_clinical(ctx)) {
        return Error::forbidden(
            "This email is the patient's portal sign-in: a clinician or an admin changes it.");
      }
      if (!p.fields.email) {
        return Error::invalid("email",
                              "is the patient's portal sign-in: it can change but not be removed");
      }
      ANAGEN_TRY(store::outbox::enqueue(tx, sign_in_changed(ctx, p, account->email)));
      account->email = *p.fields.email;
      ANAGEN_TRY(store::users::update(tx, *account));
    }
    saved = p;
    has_account = account.has_value();
    return ctx.audit(tx, 200);
  }));
  return Reply::json(record_json(saved, ctx, has_account));
}

Result<Reply> search(Ctx& ctx) {
  std::vector<FieldError> errors;
  int limit = read_limit(ctx, 50, 200, errors);
  std::optional<std::string> cursor;
  if (const std::string* c = ctx.req.param("cursor")) {
    cursor = decode_cursor(*c);
    if (!cursor) errors.push_back({"cursor", "is not a cursor anagen gave"});
  }
  std::vector<std::string> words;
  // Text with nothing to search for ("%", "_", "--") matches no one; only no
  // text lists everyone.
  bool nothing = false;
  if (const std::string* q = ctx.req.param("q")) {
    if (q->size() > 200) errors.push_back({"q", "must be at most 200 characters"});
    if (!is_clean_utf8(*q)) errors.push_back({"q", "must be text (UTF-8, no control characters)"});
    words = domain::query_terms(*q);
    if (words.size() > 4) words.resize(4);
    nothing = words.empty() && visible_length(*q) > 0;
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  ANAGEN_ASSIGN(auto page, ctx.app.db.read([&](store::Tx& tx) -> Result<store::patients::Page> {
    if (nothing) return store::patients::Page{};
    ANAGEN_ASSIGN(auto found, store::patients::search(tx, words, cursor, limit));
    // "carmen_work" finds no Carmen Work: it may be how her email starts.
    // A name page is never empty after a cursor (a cursor means more
    // matches), so an empty one there is the email search's next page.
    const std::string* q = ctx.req.param("q");
    if (found.items.empty() && q) {
      if (auto email = domain::email_start_term(*q))
        return store::patients::search(tx, {*email}, cursor, limit);
    }
    return found;
  }));
  Json items = Json::array();
  for (const auto& p : page.items) items.push_back(patient_json(p, ctx));
  ctx.audit_detail = "q=" + (ctx.req.param("q") ? *ctx.req.param("q") : std::string()) +
                     " results=" + std::to_string(page.items.size());
  Json out = {{"items", items}};
  out["next_cursor"] = page.next_cursor ? Json(encode_cursor(*page.next_cursor)) : Json(nullptr);
  return Reply::json(out);
}

}  // namespace anagen::api::patient_api
