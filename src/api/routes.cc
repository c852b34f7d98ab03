// Every endpoint of anagen: method, URL, handler, who may call it, the audit
// action when it touches patient data, and its OpenAPI summary.
#include "api/handlers.h"
#include "api/router.h"

namespace anagen::api {

const std::vector<Route>& route_table() {
  using enum Access;
  using enum auth::Permission;
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

      // Staff accounts
      {"GET", "/api/v1/users", user_api::list, kStaff, kUsersManage, "", "List users", "users"},
      {"POST", "/api/v1/users", user_api::create, kStaff, kUsersManage, "", "Create a staff user", "users", "UserCreate"},
      {"PATCH", "/api/v1/users/{user_id}", user_api::update, kStaff, kUsersManage, "",
       "Change a user's name, role, active flag or password", "users", "UserUpdate"},

      // Clinic settings
      {"GET", "/api/v1/clinic", clinic_api::get, kSignedIn, {}, "", "Clinic settings", "clinic"},
      {"PUT", "/api/v1/clinic", clinic_api::put, kStaff, kClinicWrite, "", "Change clinic settings", "clinic", "Clinic"},
      {"GET", "/api/v1/screening-rules", clinic_api::get_screening_rules, kStaff, kClinicalRead, "",
       "The current screening rule set (severity per answer code)", "clinic"},
      {"PUT", "/api/v1/screening-rules", clinic_api::put_screening_rules, kStaff, kClinicWrite, "",
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

      // Audit trail
      {"GET", "/api/v1/audit", audit_api::list, kStaff, kAuditRead, "audit.read",
       "The audit trail, newest first (?patient_id=, user_id=, limit, cursor)", "audit"},
  };
  return routes;
}

}  // namespace anagen::api
