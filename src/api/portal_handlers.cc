// The patient portal: staff invite a patient by a one-time link (sent through
// the outbox); the patient sets a password and then sees only their own
// records through the routes open to "the patient whose id it is".
#include "api/handlers.h"
#include "api/views.h"
#include "auth/password.h"
#include "core/id.h"
#include "core/text.h"
#include "store/appointment_store.h"
#include "store/feed_store.h"
#include "store/invitation_store.h"
#include "store/move_request_store.h"
#include "store/outbox_store.h"
#include "store/patient_store.h"
#include "store/plan_store.h"

namespace anagen::api::portal_api {
namespace {

constexpr auto kInvitationLife = std::chrono::days(7);
// A link that replaces an existing account's password goes by email only,
// and lives a day: staff never see it, so no one at the desk can take the
// account (and the patient's data) over.
constexpr auto kResetLife = std::chrono::hours(24);

Status require_patient(const Ctx& ctx) {
  if (ctx.user->role != auth::Role::kPatient || !ctx.user->patient_id) {
    return Error::forbidden("This is the patients' portal; staff use the patient's page.");
  }
  return ok_status();
}

}  // namespace

// Invites the patient: a one-time link by email (and, for a first
// invitation, in the answer to hand over in person). A patient who has an
// account gets a link to choose a new password instead, by email only.
Result<Reply> invite(Ctx& ctx) {
  std::string token = random_token(24);
  std::string link, email, given;
  bool reset = false;
  Instant expires = ctx.now + kInvitationLife;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_ASSIGN(auto p, store::patients::require(tx, ctx.param("patient_id")));
    if (!p.fields.email) {
      return Error::invalid("email",
                            "the patient has no email address; add one to their details first");
    }
    ANAGEN_ASSIGN(auto existing, store::users::find_by_email(tx, *p.fields.email));
    // The patient's own account: the link sets a new password (a patient who
    // forgot theirs has no other way back in). Anyone else's address: 409.
    reset = existing && existing->patient_id == p.id;
    if (existing && !reset)
      return Error::conflict("There is already an account with " + *p.fields.email + ".");
    if (reset) expires = ctx.now + kResetLife;
    email = *p.fields.email;
    given = p.fields.given_name;
    link = ctx.base_url() + "/portal/welcome?token=" + token;
    store::invitations::Invitation inv{auth::token_hash(token), p.id, email, expires, std::nullopt};
    ANAGEN_TRY(store::invitations::issue(tx, inv, ctx.user_id(), ctx.now));
    store::outbox::Message m;
    m.id = new_id();
    m.dedupe_key = "invitation:" + inv.token_hash;
    m.kind = "invitation";
    m.patient_id = p.id;
    m.recipient = email;
    if (reset) {
      m.subject = "A new password for your patient portal at " + ctx.settings.name;
      m.body = "Hello " + given +
               ",\n\nThe clinic has sent you a link to choose a new password "
               "for your patient portal (the link works once, for 24 hours; your old password "
               "works until you use it):\n" +
               link + "\n\nIf you did not ask for this, tell the clinic.\n\n" + ctx.settings.name +
               "\n";
    } else {
      m.subject = "Your patient portal at " + ctx.settings.name;
      m.body = "Hello " + given + ",\n\nYou can follow your treatment at " + ctx.settings.name +
               " online: your sessions, your aftercare and your progress.\n\nSet your password "
               "here (the link works once, for 7 days):\n" +
               link + "\n\n" + ctx.settings.name + "\n";
    }
    m.due_at = m.created_at = ctx.now;
    ANAGEN_TRY(store::outbox::enqueue(tx, m));
    ctx.audit_detail = (reset ? "portal password reset link to " : "portal invitation to ") + email;
    return ctx.audit(tx, 201);
  }));
  Json out = {{"email", email}, {"expires_at", ctx.format(expires)}, {"reset", reset}};
  if (!reset) out["link"] = link;  // a first invitation may be handed over in person
  return Reply::json(out, 201);
}

// What the welcome page shows before the patient picks a password.
Result<Reply> invitation(Ctx& ctx) {
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto inv, store::invitations::find(tx, auth::token_hash(ctx.param("token"))));
    if (!inv || inv->used_at || inv->expires_at <= ctx.now) {
      return Error::not_found(
          "This invitation link is not valid any more; ask the clinic for a new one.");
    }
    ANAGEN_ASSIGN(auto p, store::patients::require(tx, inv->patient_id));
    ANAGEN_ASSIGN(auto account, store::users::find_by_patient(tx, p.id));
    return Reply::json({{"email", inv->email},
                        {"given_name", p.fields.given_name},
                        {"reset", account.has_value()},
                        {"clinic", ctx.settings.name},
                        {"expires_at", ctx.format(inv->expires_at)}});
  });
}

// {"token", "password"}: creates the patient's account and signs them in.
Result<Reply> accept(Ctx& ctx) {
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto token = r.text("token", Need::kRequired, 200);
  auto password = auth::read_new_password(r, "password", Need::kRequired);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  auto hash = auth::hash_password(*password);
  if (!hash) return Error::internal("auth: could not hash the password");
  std::string session = auth::new_session_token();
  store::users::User u;
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    std::string th = auth::token_hash(*token);
    ANAGEN_ASSIGN(auto inv, store::invitations::find(tx, th));
    if (!inv || inv->used_at || inv->expires_at <= ctx.now) {
      return Error::invalid(
          "token",
          "is not a valid invitation (used, expired or mistyped); ask the clinic for a new one");
    }
    ANAGEN_ASSIGN(auto p, store::patients::require(tx, inv->patient_id));
    ctx.patient_id = p.id;
    // The account signs in with the patient's email: a link sent to an
    // address the clinic has changed since would make it the old one.
    if (!p.fields.email || ascii_lower(*p.fields.email) != ascii_lower(inv->email)) {
      return Error::invalid("token",
                            "was sent to an address the clinic has changed since; ask the clinic "
                            "for a new invitation");
    }
    ANAGEN_TRY(store::invitations::use(tx, th, ctx.now));
    ANAGEN_ASSIGN(auto account, store::users::find_by_patient(tx, p.id));
    if (account) {
      // A reset: the new password replaces the old, and every other
      // session of the account ends.
      u = *account;
      u.password_hash = *hash;
      ANAGEN_TRY(store::users::update(tx, u));
      ANAGEN_TRY(store::users::reset_failed_logins(tx, u.id));
      ANAGEN_TRY(store::users::delete_sessions_of(tx, u.id));
      // So does the calendar link: whoever knew the old password may have made it.
      ANAGEN_TRY(store::feeds::revoke(tx, p.id, ctx.now));
      ctx.audit_detail = "portal password reset";
    } else {
      u.id = new_id();
      u.email = ascii_lower(inv->email);  // the sign-in key, as staff emails are
      u.name = domain::full_name(p.fields);
      u.role = auth::Role::kPatient;
      u.password_hash = *hash;
      u.patient_id = p.id;
      u.created_at = ctx.now;
      ANAGEN_TRY(store::users::insert(tx, u));
      ctx.audit_detail = "portal account created";
    }
    ANAGEN_TRY(store::users::insert_session(tx, auth::token_hash(session), u.id, ctx.now,
                                            ctx.req.remote_ip));
    return ctx.audit(tx, 201);
  }));
  Reply reply = Reply::json({{"token", session}, {"user", user_json(u)}}, 201);
  reply.headers.emplace_back("Set-Cookie",
                             "anagen_session=" + session + "; Path=/; HttpOnly; SameSite=Strict");
  return reply;
}

// The signed-in patient's own summary: details, course and upcoming sessions.
Result<Reply> me(Ctx& ctx) {
  ANAGEN_TRY(require_patient(ctx));
  ctx.patient_id = ctx.user->patient_id;
  return ctx.app.db.read([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto p, store::patients::require(tx, *ctx.user->patient_id));
    ANAGEN_ASSIGN(auto plans, store::plans::list_for_patient(tx, p.id));
    store::appointments::Filter f;
    f.patient_id = p.id;
    f.from = ctx.now - std::chrono::hours(2);
    f.include_cancelled = false;
    ANAGEN_ASSIGN(auto upcoming, store::appointments::list(tx, f));
    Json appts = Json::array();
    for (const auto& a : upcoming) {
      if (!a.pending()) continue;
      ANAGEN_ASSIGN(auto asked, store::move_requests::open_for_appointment(tx, a.id));
      appts.push_back(
          {{"id", a.id},
           {"kind", domain::to_string(a.kind)},
           {"session_number", a.is_session() ? Json(a.session_number) : Json(nullptr)},
           {"start", ctx.format(a.start)},
           {"end", ctx.format(a.end)},
           {"status", domain::to_string(a.status)},
           {"move_requested", asked ? Json(ctx.format(asked->created_at)) : Json(nullptr)}});
    }
    Json course = nullptr;
    if (!plans.empty()) {
      const auto& plan = plans.front();
      int done = plan.done_count();
      int total = plan.dose_count();
      course = {{"status", domain::to_string(plan.status)},
                {"start_date", format_date(plan.start)},
                {"end_date", format_date(plan.end)},
                {"sessions_done", done},
                {"sessions_total", total},
                {"protocol", plan.protocol.name},
                // Its bookings wait for a clinician's review: the patient is
                // told not to come, and that the clinic will call.
                {"on_hold", plan.status == domain::PlanStatus::kActive && plan.booking_hold}};
    }
    ANAGEN_ASSIGN(auto feed, store::feeds::live_since(tx, p.id));
    return Reply::json({{"patient", patient_json(p, ctx)},
                        {"clinic",
                         {{"name", ctx.settings.name},
                          {"timezone", ctx.settings.timezone},
                          {"today", format_date(ctx.today)}}},
                        {"course", course},
                        {"upcoming", appts},
                        {"calendar_feed", {{"active", feed.has_value()}}}});
  });
}

// The patient asks to move one of their booked sessions {message}: the
// desk sees it on Today and answers by moving it (or calling).
Result<Reply> ask_to_move(Ctx& ctx) {
  ANAGEN_TRY(require_patient(ctx));
  ctx.patient_id = ctx.user->patient_id;
  ANAGEN_ASSIGN(Json body, ctx.body());
  JsonReader r(body);
  auto message = r.text("message", Need::kRequired, 500);
  r.reject_unknown();
  if (!r.ok()) return r.error();
  return ctx.app.db.write([&](store::Tx& tx) -> Result<Reply> {
    ANAGEN_ASSIGN(auto a, store::appointments::get(tx, ctx.param("appointment_id")));
    // Another patient's appointment is as unknown as a missing one.
    if (!a || a->patient_id != *ctx.user->patient_id)
      return Error::not_found("Appointment " + ctx.param("appointment_id") + " was not found.");
    if (a->status != domain::AppointmentStatus::kBooked || a->start <= ctx.now)
      return Error::conflict("Only a session still to come can be moved; call the clinic.");
    ANAGEN_ASSIGN(auto open, store::move_requests::open_for_appointment(tx, a->id));
    if (open)
      return Error::conflict(
          "You have already asked to move this session; the clinic will call you.");
    store::move_requests::Request req{new_id(), a->id, a->patient_id, *message, ctx.now};
    ANAGEN_TRY(store::move_requests::insert(tx, req));
    ANAGEN_TRY(ctx.audit(tx, 201));
    return Reply::json({{"id", req.id},
                        {"appointment_id", a->id},
                        {"message", req.message},
                        {"created_at", ctx.format(req.created_at)}},
                       201);
  });
}

// The patient's own calendar subscription link (a new one revokes the old).
Result<Reply> calendar_feed(Ctx& ctx) {
  ANAGEN_TRY(require_patient(ctx));
  ctx.patient_id = ctx.user->patient_id;
  std::string token = random_token(24);
  ANAGEN_TRY(ctx.app.db.write([&](store::Tx& tx) -> Status {
    ANAGEN_TRY(store::feeds::issue(tx, *ctx.user->patient_id, auth::token_hash(token), ctx.now));
    return ctx.audit(tx, 201);
  }));
  return Reply::json(feed_links(ctx, token), 201);
}

}  // namespace anagen::api::portal_api
