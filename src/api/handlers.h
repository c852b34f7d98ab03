// Every handler, grouped by noun; routes.cc binds them to URLs.
#pragma once

#include "api/context.h"
#include "domain/plan.h"

namespace anagen::api {

namespace system_api {
Result<Reply> health(Ctx& ctx);
Result<Reply> openapi(Ctx& ctx);
Result<Reply> set_test_clock(Ctx& ctx);
}  // namespace system_api

namespace auth_api {
Result<Reply> login(Ctx& ctx);
Result<Reply> logout(Ctx& ctx);
Result<Reply> me(Ctx& ctx);
Result<Reply> change_password(Ctx& ctx);
}  // namespace auth_api

namespace user_api {
Result<Reply> list(Ctx& ctx);
Result<Reply> directory(Ctx& ctx);
Result<Reply> create(Ctx& ctx);
Result<Reply> update(Ctx& ctx);
}  // namespace user_api

namespace clinic_api {
Result<Reply> get(Ctx& ctx);
Result<Reply> put(Ctx& ctx);
Result<Reply> get_screening_rules(Ctx& ctx);
Result<Reply> put_screening_rules(Ctx& ctx);
}  // namespace clinic_api

namespace patient_api {
Result<Reply> create(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> update(Ctx& ctx);
Result<Reply> search(Ctx& ctx);
}  // namespace patient_api

namespace screening_api {
Result<Reply> questions(Ctx& ctx);
Result<Reply> create(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> current(Ctx& ctx);
Result<Reply> override_outcome(Ctx& ctx);
}  // namespace screening_api

namespace assessment_api {
Result<Reply> scales(Ctx& ctx);
Result<Reply> create(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
}  // namespace assessment_api

namespace protocol_api {
Result<Reply> list(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> create(Ctx& ctx);
Result<Reply> update(Ctx& ctx);
}  // namespace protocol_api

namespace practitioner_api {
Result<Reply> create(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> update(Ctx& ctx);
Result<Reply> slots(Ctx& ctx);
Result<Reply> add_time_off(Ctx& ctx);
Result<Reply> list_time_off(Ctx& ctx);
Result<Reply> delete_time_off(Ctx& ctx);
Result<Reply> add_holiday(Ctx& ctx);
Result<Reply> list_holidays(Ctx& ctx);
Result<Reply> delete_holiday(Ctx& ctx);
}  // namespace practitioner_api

namespace plan_api {
Result<Reply> create(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> revise(Ctx& ctx);
Result<Reply> stop(Ctx& ctx);
Result<Reply> hold(Ctx& ctx);
Result<Reply> clear_review(Ctx& ctx);
Result<Reply> book(Ctx& ctx);
Result<Reply> flagged(Ctx& ctx);
// 409 unless the plan is active and not on hold for a clinician's review.
Status require_bookable(const domain::Plan& p);
// 409 while the plan is on hold (pregnancy reported, a serious side effect):
// none of its sessions is charted or marked done until a clinician clears
// its review.
// (Both routes that need it are clinical: the message names why.)
Status require_not_held(const domain::Plan& p);
}  // namespace plan_api

namespace appointment_api {
Result<Reply> create(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> reschedule(Ctx& ctx);
Result<Reply> cancel(Ctx& ctx);
Result<Reply> move_requests(Ctx& ctx);
Result<Reply> close_move_request(Ctx& ctx);
Result<Reply> arrive(Ctx& ctx);
Result<Reply> complete(Ctx& ctx);
Result<Reply> no_show(Ctx& ctx);
Result<Reply> to_move(Ctx& ctx);
}  // namespace appointment_api

namespace calendar_api {
Result<Reply> practitioner_ics(Ctx& ctx);
Result<Reply> patient_ics(Ctx& ctx);
Result<Reply> issue_feed(Ctx& ctx);
Result<Reply> revoke_feed(Ctx& ctx);
Result<Reply> feed_status(Ctx& ctx);
Result<Reply> feed(Ctx& ctx);
}  // namespace calendar_api

namespace fhir_api {
Result<Reply> patient(Ctx& ctx);
Result<Reply> everything(Ctx& ctx);
}  // namespace fhir_api

namespace product_api {
Result<Reply> create(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> update(Ctx& ctx);
Result<Reply> add_lot(Ctx& ctx);
Result<Reply> lots(Ctx& ctx);
Result<Reply> get_lot(Ctx& ctx);
Result<Reply> recipients(Ctx& ctx);
Result<Reply> recall_lot(Ctx& ctx);
Result<Reply> cancel_recall(Ctx& ctx);
}  // namespace product_api

namespace treatment_api {
Result<Reply> record(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> add_addendum(Ctx& ctx);
Result<Reply> mark_entered_in_error(Ctx& ctx);
}  // namespace treatment_api

namespace adverse_event_api {
Result<Reply> create(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> update(Ctx& ctx);
Result<Reply> open(Ctx& ctx);
Result<Reply> report(Ctx& ctx);
}  // namespace adverse_event_api

namespace outcome_api {
Result<Reply> create(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> progress(Ctx& ctx);
Result<Reply> upload_photo(Ctx& ctx);
Result<Reply> list_photos(Ctx& ctx);
Result<Reply> get_photo(Ctx& ctx);
Result<Reply> mark_entered_in_error(Ctx& ctx);
}  // namespace outcome_api

namespace aftercare_api {
Result<Reply> get(Ctx& ctx);
Result<Reply> done(Ctx& ctx);
Result<Reply> get_defaults(Ctx& ctx);
Result<Reply> put_defaults(Ctx& ctx);
Result<Reply> outbox(Ctx& ctx);
Result<Reply> run_outbox(Ctx& ctx);
}  // namespace aftercare_api

namespace trichoscopy_api {
Result<Reply> analyze(Ctx& ctx);
Result<Reply> second(Ctx& ctx);
Result<Reply> list(Ctx& ctx);
Result<Reply> get(Ctx& ctx);
Result<Reply> overlay(Ctx& ctx);
Result<Reply> original(Ctx& ctx);
Result<Reply> mark_entered_in_error(Ctx& ctx);
}  // namespace trichoscopy_api

namespace portal_api {
Result<Reply> invite(Ctx& ctx);
Result<Reply> invitation(Ctx& ctx);
Result<Reply> accept(Ctx& ctx);
Result<Reply> me(Ctx& ctx);
Result<Reply> ask_to_move(Ctx& ctx);
Result<Reply> calendar_feed(Ctx& ctx);
}  // namespace portal_api

namespace audit_api {
Result<Reply> list(Ctx& ctx);
}  // namespace audit_api

}  // namespace anagen::api
