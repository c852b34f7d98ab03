#include "auth/roles.h"

namespace anagen::auth {

const char* to_string(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kClinician:
      return "clinician";
    case Role::kReceptionist:
      return "receptionist";
    case Role::kPatient:
      return "patient";
  }
  return "patient";
}

std::optional<Role> parse_role(std::string_view s) {
  for (auto r : {Role::kAdmin, Role::kClinician, Role::kReceptionist, Role::kPatient}) {
    if (s == to_string(r)) return r;
  }
  return std::nullopt;
}

const char* to_string(Permission p) {
  switch (p) {
    case Permission::kPatientsRead:
      return "patients:read";
    case Permission::kPatientsWrite:
      return "patients:write";
    case Permission::kClinicalRead:
      return "clinical:read";
    case Permission::kClinicalWrite:
      return "clinical:write";
    case Permission::kSchedulingRead:
      return "scheduling:read";
    case Permission::kSchedulingWrite:
      return "scheduling:write";
    case Permission::kClinicRead:
      return "clinic:read";
    case Permission::kClinicWrite:
      return "clinic:write";
    case Permission::kUsersManage:
      return "users:manage";
    case Permission::kAuditRead:
      return "audit:read";
  }
  return "";
}

bool allows(Role role, Permission perm) {
  using enum Permission;
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kClinician:
      return perm != kClinicWrite && perm != kUsersManage && perm != kAuditRead;
    case Role::kReceptionist:
      return perm == kPatientsRead || perm == kPatientsWrite || perm == kSchedulingRead ||
             perm == kSchedulingWrite || perm == kClinicRead;
    case Role::kPatient:
      return false;
  }
  return false;
}

}  // namespace anagen::auth
