// Every endpoint of anagen: method, URL, handler, who may call it, the audit
// action when it touches patient data, and its OpenAPI summary.
#include "api/handlers.h"
#include "api/router.h"

namespace anagen::api {

const std::vector<Route>& route_table() {
  using enum Access;
  using enum auth::Permission;
  // One route per line reads as a table.
  // clang-format off
  static const std::vector<Route> routes = {
      // System
      {"GET", "/api/v1/health", system_api::health, kPublic, {}, "", "Liveness check", "system"},
      {"GET", "/api/v1/openapi.json", system_api::openapi, kPublic, {}, "", "This OpenAPI document", "system"},
      {"POST", "/api/v1/test/clock", system_api::set_test_clock, kPublic, {}, "",
       "Set the server clock (only with serve --test-clock)", "system", "TestClock"},

      // Sign-in
      {"POST", "/api/v1/auth/login", auth_api::login, kPublic, {}, "", "Sign in; returns a session token", "auth", "Login"},
      {"POST", "/api/v1/auth/logout", auth_api::logout, kSignedIn, {}, "", "Sign out (revokes the session)", "auth"},
      {"GET", "/api/v1/auth/me", auth_api::me, kSignedIn, {}, "", "The signed-in user and their permissions", "auth"},
      {"POST", "/api/v1/auth/password", auth_api::change_password, kSignedIn, {}, "user.password",
       "Change your own password {current_password, new_password}; other sessions end", "auth",
       "PasswordChange"},
      {"GET", "/api/v1/staff", user_api::directory, kStaff, {}, "",
       "Staff names and roles, to show who recorded what", "users"},

      // Staff accounts
      {"GET", "/api/v1/users", user_api::list, kStaff, kUsersManage, "", "List users", "users"},
      {"POST", "/api/v1/users", user_api::create, kStaff, kUsersManage, "user.create", "Create a staff user", "users", "UserCreate"},
      {"PATCH", "/api/v1/users/{user_id}", user_api::update, kStaff, kUsersManage, "user.update",
       "Change a user's name, role, active flag or password", "users", "UserUpdate"},

      // Clinic settings
      {"GET", "/api/v1/clinic", clinic_api::get, kSignedIn, {}, "", "Clinic settings", "clinic"},
      {"PUT", "/api/v1/clinic", clinic_api::put, kStaff, kClinicWrite, "clinic.update", "Change clinic settings", "clinic", "Clinic"},
      {"GET", "/api/v1/screening-rules", clinic_api::get_screening_rules, kStaff, kClinicalRead, "",
       "The current screening rule set (severity per answer code)", "clinic"},
      {"PUT", "/api/v1/screening-rules", clinic_api::put_screening_rules, kStaff, kClinicWrite, "screening_rules.update",
       "Save a new version of the screening rule set", "clinic", "ScreeningRules"},

      // Patients
      {"POST", "/api/v1/patients", patient_api::create, kStaff, kPatientsWrite, "patient.create",
       "Register a patient", "patients", "PatientCreate"},
      {"GET", "/api/v1/patients", patient_api::search, kStaff, kPatientsRead, "patient.search",
       "Find patients by name prefix (?q=, limit, cursor)", "patients"},
      {"GET", "/api/v1/patients/{patient_id}", patient_api::get, kPatientOrStaff, kPatientsRead,
       "patient.read", "Read a patient", "patients"},
      {"PATCH", "/api/v1/patients/{patient_id}", patient_api::update, kStaff, kPatientsWrite,
       "patient.update", "Change a patient's details", "patients", "PatientUpdate"},

      // Screening
      {"GET", "/api/v1/screening/questions", screening_api::questions, kStaff, {}, "",
       "The screening questions with their current severities", "screening"},
      {"POST", "/api/v1/patients/{patient_id}/screenings", screening_api::create, kStaff,
       kClinicalWrite, "screening.create", "Screen a patient for contraindications", "screening",
       "ScreeningCreate"},
      {"GET", "/api/v1/patients/{patient_id}/screenings", screening_api::list, kStaff,
       kClinicalRead, "screening.list", "A patient's screenings, newest first", "screening"},
      {"GET", "/api/v1/patients/{patient_id}/screenings/current", screening_api::current, kStaff,
       kClinicalRead, "screening.read", "The latest unexpired screening", "screening"},
      {"GET", "/api/v1/patients/{patient_id}/screenings/{screening_id}", screening_api::get, kStaff,
       kClinicalRead, "screening.read", "One screening", "screening"},
      {"POST", "/api/v1/patients/{patient_id}/screenings/{screening_id}/override",
       screening_api::override_outcome, kStaff, kClinicalWrite, "screening.override",
       "Override a review outcome with a written reason", "screening", "ScreeningOverride"},

      // Assessment
      {"GET", "/api/v1/grading-scales", assessment_api::scales, kStaff, {}, "",
       "Hair-loss grading scales and their levels", "assessment"},
      {"POST", "/api/v1/patients/{patient_id}/assessments", assessment_api::create, kStaff,
       kClinicalWrite, "assessment.create", "Record a diagnosis and grade", "assessment",
       "AssessmentCreate"},
      {"GET", "/api/v1/patients/{patient_id}/assessments", assessment_api::list, kStaff,
       kClinicalRead, "assessment.list", "A patient's assessments, newest first", "assessment"},
      {"GET", "/api/v1/patients/{patient_id}/assessments/{assessment_id}", assessment_api::get,
       kStaff, kClinicalRead, "assessment.read", "One assessment", "assessment"},

      // Protocols
      {"GET", "/api/v1/protocols", protocol_api::list, kStaff, kSchedulingRead, "", "Treatment protocols", "protocols"},
      {"POST", "/api/v1/protocols", protocol_api::create, kStaff, kClinicWrite, "protocol.create",
       "Create a protocol", "protocols", "Protocol"},
      {"GET", "/api/v1/protocols/{protocol_id}", protocol_api::get, kStaff, kSchedulingRead, "",
       "One protocol (its current version)", "protocols"},
      {"PUT", "/api/v1/protocols/{protocol_id}", protocol_api::update, kStaff, kClinicWrite, "protocol.update",
       "Save a new version of a protocol (plans keep theirs); {active:false} retires it", "protocols",
       "Protocol"},

      // Practitioners and their availability
      {"GET", "/api/v1/practitioners", practitioner_api::list, kStaff, kSchedulingRead, "",
       "Practitioners with their weekly hours", "practitioners"},
      {"POST", "/api/v1/practitioners", practitioner_api::create, kStaff, kClinicWrite, "practitioner.create",
       "Add a practitioner with weekly working hours", "practitioners", "Practitioner"},
      {"GET", "/api/v1/practitioners/{practitioner_id}", practitioner_api::get, kStaff,
       kSchedulingRead, "", "One practitioner", "practitioners"},
      {"PATCH", "/api/v1/practitioners/{practitioner_id}", practitioner_api::update, kStaff,
       kClinicWrite, "practitioner.update", "Change name, active flag or working hours", "practitioners", "PractitionerUpdate"},
      {"GET", "/api/v1/practitioners/{practitioner_id}/slots", practitioner_api::slots, kStaff,
       kSchedulingRead, "", "Free start times (?date=&to=&minutes=&patient_id=)", "practitioners"},
      {"GET", "/api/v1/practitioners/{practitioner_id}/time-off", practitioner_api::list_time_off,
       kStaff, kSchedulingRead, "", "A practitioner's days off", "practitioners"},
      {"POST", "/api/v1/practitioners/{practitioner_id}/time-off", practitioner_api::add_time_off,
       kStaff, kSchedulingWrite, "time_off.create", "Add days off {from, to?, reason?}", "practitioners", "TimeOff"},
      {"DELETE", "/api/v1/practitioners/{practitioner_id}/time-off/{time_off_id}",
       practitioner_api::delete_time_off, kStaff, kSchedulingWrite, "time_off.delete", "Remove days off", "practitioners"},
      {"GET", "/api/v1/practitioners/{practitioner_id}/calendar.ics", calendar_api::practitioner_ics,
       kStaff, kSchedulingRead, "calendar.practitioner", "The practitioner's appointments as iCalendar",
       "calendars"},
      {"GET", "/api/v1/clinic/holidays", practitioner_api::list_holidays, kStaff, kSchedulingRead, "",
       "Clinic holidays (closed days)", "clinic"},
      {"POST", "/api/v1/clinic/holidays", practitioner_api::add_holiday, kStaff, kSchedulingWrite, "holiday.create",
       "Add a clinic holiday {from, to?, reason?}", "clinic", "TimeOff"},
      {"DELETE", "/api/v1/clinic/holidays/{holiday_id}", practitioner_api::delete_holiday, kStaff,
       kSchedulingWrite, "holiday.delete", "Remove a clinic holiday", "clinic"},

      // Course plans
      {"POST", "/api/v1/patients/{patient_id}/plans", plan_api::create, kStaff, kClinicalWrite,
       "plan.create", "Prescribe a course: sessions from a protocol", "plans", "PlanCreate"},
      {"GET", "/api/v1/patients/{patient_id}/plans", plan_api::list, kStaff, kSchedulingRead,
       "plan.list", "A patient's plans with their sessions", "plans"},
      {"GET", "/api/v1/plans", plan_api::flagged, kStaff, kSchedulingRead, "plan.list",
       "Active plans flagged for review (?needs_review=true) or with a session whose window passed "
       "unbooked (?window_passed=true)",
       "plans"},
      {"GET", "/api/v1/plans/{plan_id}", plan_api::get, kStaff, kSchedulingRead, "plan.read",
       "One plan with its sessions and appointments", "plans"},
      {"POST", "/api/v1/plans/{plan_id}/revise", plan_api::revise, kStaff, kClinicalWrite,
       "plan.revise", "Change protocol or course length from now on", "plans", "PlanRevise"},
      {"POST", "/api/v1/plans/{plan_id}/stop", plan_api::stop, kStaff, kClinicalWrite, "plan.stop",
       "Stop the course early, with a reason", "plans", "Reason"},
      {"POST", "/api/v1/plans/{plan_id}/hold", plan_api::hold, kStaff, kClinicalWrite, "plan.hold",
       "Put the course on hold (illness, travel), with a reason: its bookings are cancelled and "
       "none is made until a clinician clears the review",
       "plans", "Reason"},
      {"POST", "/api/v1/plans/{plan_id}/clear-review", plan_api::clear_review, kStaff,
       kClinicalWrite, "plan.clear_review", "Clear the plan's review flag with a note", "plans", "Note"},
      {"POST", "/api/v1/plans/{plan_id}/book", plan_api::book, kStaff, kSchedulingWrite, "plan.book",
       "Book every unbooked session of the plan", "plans", "Book"},

      // Appointments
      {"POST", "/api/v1/appointments", appointment_api::create, kStaff, kSchedulingWrite,
       "appointment.create", "Book one session (or an evaluation visit) at a chosen time", "appointments", "AppointmentCreate"},
      {"GET", "/api/v1/appointments", appointment_api::list, kStaff, kSchedulingRead,
       "appointment.list", "Appointments (?practitioner_id=&patient_id=&plan_id=&from=&to=)",
       "appointments"},
      {"GET", "/api/v1/move-requests", appointment_api::move_requests, kStaff, kSchedulingRead,
       "appointment.list", "Patients' open requests from the portal to move a session (?patient_id=)",
       "appointments"},
      {"POST", "/api/v1/move-requests/{request_id}/close", appointment_api::close_move_request,
       kStaff, kSchedulingWrite, "move_request.close",
       "Close a request answered another way (moving or cancelling closes it)", "appointments"},
      {"GET", "/api/v1/appointments/to-move", appointment_api::to_move, kStaff, kSchedulingRead,
       "appointment.list",
       "Appointments to come on a clinic holiday or the practitioner's time off (?patient_id=)",
       "appointments"},
      {"GET", "/api/v1/appointments/{appointment_id}", appointment_api::get, kStaff,
       kSchedulingRead, "appointment.read", "One appointment", "appointments"},
      {"PATCH", "/api/v1/appointments/{appointment_id}", appointment_api::reschedule, kStaff,
       kSchedulingWrite, "appointment.reschedule",
       "Move an appointment {start, cascade?, practitioner_id?}", "appointments", "Reschedule"},
      {"POST", "/api/v1/appointments/{appointment_id}/cancel", appointment_api::cancel, kStaff,
       kSchedulingWrite, "appointment.cancel", "Cancel {reason?}", "appointments"},
      {"POST", "/api/v1/appointments/{appointment_id}/arrive", appointment_api::arrive, kStaff,
       kSchedulingWrite, "appointment.arrive", "The patient has arrived", "appointments"},
      {"POST", "/api/v1/appointments/{appointment_id}/complete", appointment_api::complete, kStaff,
       kClinicalWrite, "appointment.complete", "The session was done", "appointments"},
      {"POST", "/api/v1/appointments/{appointment_id}/no-show", appointment_api::no_show, kStaff,
       kSchedulingWrite, "appointment.no_show",
       "The patient did not come: the session is missed, the plan flagged, a slot offered",
       "appointments"},

      // Calendar feeds
      {"GET", "/api/v1/patients/{patient_id}/calendar.ics", calendar_api::patient_ics, kPatientOrStaff,
       kSchedulingRead, "calendar.patient", "The patient's sessions as iCalendar", "calendars"},
      {"POST", "/api/v1/patients/{patient_id}/calendar-feed", calendar_api::issue_feed, kStaff,
       kSchedulingWrite, "calendar.feed_issue",
       "Issue the patient's secret subscription link (revokes the previous one)", "calendars"},
      {"GET", "/api/v1/patients/{patient_id}/calendar-feed", calendar_api::feed_status, kStaff,
       kSchedulingRead, "calendar.feed_status", "Whether the patient has a live subscription link",
       "calendars"},
      {"DELETE", "/api/v1/patients/{patient_id}/calendar-feed", calendar_api::revoke_feed, kStaff,
       kSchedulingWrite, "calendar.feed_revoke", "Revoke the patient's subscription link",
       "calendars"},
      {"GET", "/api/v1/feeds/{token}/calendar.ics", calendar_api::feed, kPublic, {},
       "calendar.feed", "A patient's calendar through their secret link (no session)", "calendars"},

      // HL7 FHIR R4 (read only, application/fhir+json)
      {"GET", "/api/v1/fhir/Patient/{patient_id}", fhir_api::patient, kStaff, kClinicalRead,
       "fhir.patient", "The patient as a FHIR R4 Patient", "fhir"},
      {"GET", "/api/v1/fhir/Patient/{patient_id}/$everything", fhir_api::everything, kStaff,
       kClinicalRead, "fhir.everything",
       "The patient's whole record as a FHIR R4 Bundle: Patient, Condition, CarePlan, "
       "Appointment, Procedure, MedicationAdministration (lot and expiry), Observation, "
       "AdverseEvent, Media", "fhir"},

      // Products and lots
      {"GET", "/api/v1/products", product_api::list, kStaff, kClinicalRead, "", "The product catalogue", "products"},
      {"POST", "/api/v1/products", product_api::create, kStaff, kClinicalWrite, "",
       "Add a product {name, category, manufacturer?, composition?}", "products", "Product"},
      {"GET", "/api/v1/products/{product_id}", product_api::get, kStaff, kClinicalRead, "",
       "A product with its lots", "products"},
      {"PATCH", "/api/v1/products/{product_id}", product_api::update, kStaff, kClinicalWrite, "",
       "Change a product (or retire it with active:false)", "products", "ProductUpdate"},
      {"POST", "/api/v1/products/{product_id}/lots", product_api::add_lot, kStaff, kClinicalWrite, "",
       "Receive a lot {lot_number, expires_on, quantity (mL)}", "products", "Lot"},
      {"GET", "/api/v1/lots", product_api::lots, kStaff, kClinicalRead, "",
       "Lots (?usable=true: not expired, not recalled, not empty)", "products"},
      {"GET", "/api/v1/lots/{lot_id}", product_api::get_lot, kStaff, kClinicalRead, "", "One lot", "products"},
      {"GET", "/api/v1/lots/{lot_id}/recipients", product_api::recipients, kStaff, kClinicalRead,
       "lot.recall", "Recall: every patient and session that received the lot", "products"},
      {"POST", "/api/v1/lots/{lot_id}/recall", product_api::recall_lot, kStaff, kClinicalWrite,
       "lot.recalled", "Recall the lot from today {reason}: no session uses it from then on",
       "products", "Reason"},
      {"DELETE", "/api/v1/lots/{lot_id}/recall", product_api::cancel_recall, kStaff, kClinicalWrite,
       "lot.recall_cancelled", "Take back a recall entered by mistake", "products"},

      // Session records
      {"POST", "/api/v1/appointments/{appointment_id}/session", treatment_api::record, kStaff,
       kClinicalWrite, "session.record",
       "Chart the session done at an appointment (completes it; lots' stock decreases)", "sessions",
       "SessionRecord"},
      {"GET", "/api/v1/sessions/{session_id}", treatment_api::get, kStaff, kClinicalRead,
       "session.read", "A session record with its addenda", "sessions"},
      {"POST", "/api/v1/sessions/{session_id}/addenda", treatment_api::add_addendum, kStaff,
       kClinicalWrite, "session.addendum", "Correct a record with an addendum (the original stays)",
       "sessions", "Addendum"},
      {"POST", "/api/v1/sessions/{session_id}/entered-in-error",
       treatment_api::mark_entered_in_error, kStaff, kClinicalWrite, "session.entered_in_error",
       "Mark a record charted by mistake entered in error (its stock goes back, its appointment "
       "is cancelled so the session can be charted again)",
       "sessions", "Reason"},
      {"GET", "/api/v1/patients/{patient_id}/sessions", treatment_api::list, kStaff, kClinicalRead,
       "session.list", "A patient's session records", "sessions"},

      // Adverse events
      {"POST", "/api/v1/patients/{patient_id}/adverse-events", adverse_event_api::create,
       kPatientOrStaff, kClinicalWrite, "adverse_event.create",
       "Record a side effect (grade 3+ flags the plan and holds bookings)", "adverse-events",
       "AdverseEvent"},
      {"GET", "/api/v1/patients/{patient_id}/adverse-events", adverse_event_api::list,
       kPatientOrStaff, kClinicalRead, "adverse_event.list", "A patient's side effects",
       "adverse-events"},
      {"PATCH", "/api/v1/adverse-events/{adverse_event_id}", adverse_event_api::update, kStaff,
       kClinicalWrite, "adverse_event.update", "Follow up: outcome, management, notes",
       "adverse-events", "AdverseEventUpdate"},
      {"GET", "/api/v1/adverse-events/open", adverse_event_api::open, kStaff, kClinicalRead,
       "adverse_event.open", "Side effects not resolved or not yet reviewed", "adverse-events"},
      {"GET", "/api/v1/reports/adverse-events", adverse_event_api::report, kStaff, kClinicalRead, "",
       "Rates per 100 sessions by type and by lot (?from=&to=)", "adverse-events"},

      // Outcomes
      {"POST", "/api/v1/patients/{patient_id}/measurements", outcome_api::create, kPatientOrStaff,
       kClinicalWrite, "measurement.create", "Record a measurement", "outcomes", "Measurement"},
      {"GET", "/api/v1/patients/{patient_id}/measurements", outcome_api::list, kPatientOrStaff,
       kClinicalRead, "measurement.list", "A patient's measurements", "outcomes"},
      {"POST", "/api/v1/measurements/{measurement_id}/entered-in-error",
       outcome_api::mark_entered_in_error, kStaff, kClinicalWrite, "measurement.entered_in_error",
       "Mark a measurement entered in error, with a reason: it leaves every figure", "outcomes",
       "Reason"},
      {"GET", "/api/v1/patients/{patient_id}/progress", outcome_api::progress, kPatientOrStaff,
       kClinicalRead, "progress.read", "Series against baseline and the evaluation", "outcomes"},
      {"POST", "/api/v1/patients/{patient_id}/photos", outcome_api::upload_photo, kStaff,
       kClinicalWrite, "photo.create",
       "Upload a standard photo (image body; ?view=frontal|vertex|top|left|right&taken_on=)",
       "outcomes", "", "image/jpeg"},
      {"GET", "/api/v1/patients/{patient_id}/photos", outcome_api::list_photos, kPatientOrStaff,
       kClinicalRead, "photo.list", "Photos by view (?view=&dates=A,B for side by side)", "outcomes"},
      {"GET", "/api/v1/patients/{patient_id}/photos/{photo_id}", outcome_api::get_photo,
       kPatientOrStaff, kClinicalRead, "photo.read", "The image (a photo's url)", "outcomes"},
      {"GET", "/api/v1/photos/{photo_id}", outcome_api::get_photo, kStaff, kClinicalRead,
       "photo.read", "The image, by its id alone (staff)", "outcomes"},

      // Automated trichoscopy
      {"POST", "/api/v1/patients/{patient_id}/trichoscopy", trichoscopy_api::analyze, kStaff,
       kClinicalWrite, "trichoscopy.create",
       "Analyse a trichoscopy image (image body; ?site=&um_per_px=&taken_on=); figures become "
       "measurements", "outcomes", "", "image/jpeg"},
      {"POST", "/api/v1/trichoscopy/{trichoscopy_id}/second", trichoscopy_api::second, kStaff,
       kClinicalWrite, "trichoscopy.second",
       "The same site 2-3 days after clipping (image body; ?hours=): anagen share", "outcomes", "",
       "image/jpeg"},
      {"GET", "/api/v1/patients/{patient_id}/trichoscopy", trichoscopy_api::list, kStaff,
       kClinicalRead, "trichoscopy.list", "A patient's analysed images", "outcomes"},
      {"GET", "/api/v1/trichoscopy/{trichoscopy_id}", trichoscopy_api::get, kStaff, kClinicalRead,
       "trichoscopy.read", "One analysis with every hair", "outcomes"},
      {"GET", "/api/v1/trichoscopy/{trichoscopy_id}/overlay.png", trichoscopy_api::overlay, kStaff,
       kClinicalRead, "trichoscopy.read", "Each detected hair drawn, numbered, with its width",
       "outcomes"},
      {"GET", "/api/v1/trichoscopy/{trichoscopy_id}/image", trichoscopy_api::original, kStaff,
       kClinicalRead, "trichoscopy.read", "The image as uploaded", "outcomes"},
      {"POST", "/api/v1/trichoscopy/{trichoscopy_id}/entered-in-error",
       trichoscopy_api::mark_entered_in_error, kStaff, kClinicalWrite,
       "trichoscopy.entered_in_error",
       "Mark an analysis entered in error, with a reason: it and its measurements leave every "
       "figure",
       "outcomes", "Reason"},

      // Aftercare and reminders
      {"GET", "/api/v1/patients/{patient_id}/aftercare", aftercare_api::get, kPatientOrStaff,
       kSchedulingRead, "aftercare.read", "Recommendations and recurring reminders", "aftercare"},
      {"POST", "/api/v1/patients/{patient_id}/aftercare/reminders/{reminder_id}/done",
       aftercare_api::done, kPatientOrStaff, kSchedulingWrite, "aftercare.done",
       "Mark a reminder done {on?}", "aftercare", "ReminderDone"},
      {"GET", "/api/v1/aftercare/defaults", aftercare_api::get_defaults, kStaff, {}, "",
       "The clinic's aftercare defaults", "aftercare"},
      {"PUT", "/api/v1/aftercare/defaults", aftercare_api::put_defaults, kStaff, kClinicWrite,
       "aftercare.defaults", "Change the aftercare defaults", "aftercare", "AftercareDefaults"},
      {"GET", "/api/v1/outbox", aftercare_api::outbox, kStaff, kUsersManage, "",
       "Messages queued, sent or failed (?status=&patient_id=)", "aftercare"},
      {"POST", "/api/v1/outbox/run", aftercare_api::run_outbox, kStaff, kUsersManage, "",
       "Queue due reminders and send due messages now", "aftercare"},

      // Patient portal
      // The account an invitation makes shows the clinical record: staff who
      // read it invite (a receptionist could otherwise read it through one).
      {"POST", "/api/v1/patients/{patient_id}/invite", portal_api::invite, kStaff, kClinicalRead,
       "portal.invite", "Invite the patient to the portal (a one-time link by email)", "portal"},
      {"GET", "/api/v1/portal/invitations/{token}", portal_api::invitation, kPublic, {}, "",
       "What an invitation link is for (no session)", "portal"},
      {"POST", "/api/v1/portal/accept", portal_api::accept, kPublic, {}, "portal.accept",
       "Accept an invitation {token, password}: creates the account and signs in", "portal",
       "PortalAccept"},
      {"GET", "/api/v1/portal/me", portal_api::me, kSignedIn, {}, "portal.read",
       "The signed-in patient's details, course and upcoming sessions", "portal"},
      {"POST", "/api/v1/portal/appointments/{appointment_id}/move-request",
       portal_api::ask_to_move, kSignedIn, {}, "portal.move_request",
       "The signed-in patient asks to move a booked session {message}", "portal", "MoveRequest"},
      {"POST", "/api/v1/portal/calendar-feed", portal_api::calendar_feed, kSignedIn, {},
       "calendar.feed_issue", "The patient's own calendar subscription link", "portal"},

      // Audit trail
      {"GET", "/api/v1/audit", audit_api::list, kStaff, kAuditRead, "audit.read",
       "The audit trail, newest first (?patient_id=, user_id=, limit, cursor)", "audit"},
  };
  // clang-format on
  return routes;
}

}  // namespace anagen::api
