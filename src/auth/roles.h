// Roles and the permission matrix (README "Roles and permissions").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace anagen::auth {

enum class Role { kAdmin, kClinician, kReceptionist, kPatient };

const char* to_string(Role r);
std::optional<Role> parse_role(std::string_view s);
// Roles a staff user can be given with `user add` or the users API.
inline constexpr std::string_view kStaffRoles = "admin, clinician, receptionist";

enum class Permission {
  kPatientsRead,     // demographics: find, read
  kPatientsWrite,    // register, update demographics
  kClinicalRead,     // screenings, assessments, treatment records, outcomes
  kClinicalWrite,    // record the above; override a screening
  kSchedulingRead,   // plans' sessions and appointments, calendars
  kSchedulingWrite,  // book, reschedule, cancel
  kClinicRead,       // clinic settings
  kClinicWrite,      // clinic settings, screening rules, protocols
  kUsersManage,      // staff accounts
  kAuditRead,        // the audit trail
};

const char* to_string(Permission p);

// True when `role` holds `perm`. Patients hold none of these: portal routes
// check that the patient reads only their own record.
bool allows(Role role, Permission perm);

}  // namespace anagen::auth
