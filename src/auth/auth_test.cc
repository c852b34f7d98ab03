#include <gtest/gtest.h>

#include "auth/password.h"
#include "auth/roles.h"
#include "auth/throttle.h"
#include "core/time.h"

namespace anagen::auth {
namespace {

TEST(Password, HashesVerifyAndDiffer) {
  auto h1 = hash_password("correct horse battery");
  auto h2 = hash_password("correct horse battery");
  ASSERT_TRUE(h1 && h2);
  EXPECT_NE(*h1, *h2);  // salted
  EXPECT_EQ(h1->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password("correct horse battery", *h1));
  EXPECT_FALSE(verify_password("correct horse batterY", *h1));
  EXPECT_FALSE(verify_password("x", "not a hash"));
}

TEST(Password, Rules) {
  EXPECT_FALSE(password_problem("short").empty());
  EXPECT_TRUE(password_problem("ten chars!").empty());
  EXPECT_TRUE(password_problem(generate_password()).empty());
}

TEST(Tokens, AreRandomAndStoredHashed) {
  auto a = new_session_token(), b = new_session_token();
  EXPECT_NE(a, b);
  EXPECT_GE(a.size(), 40u);
  EXPECT_EQ(token_hash(a), token_hash(a));
  EXPECT_NE(token_hash(a), a);
}

TEST(Roles, PermissionMatrix) {
  using enum Permission;
  struct Row {
    Permission p;
    bool admin, clinician, receptionist;
  };
  const Row rows[] = {
      {kPatientsRead, true, true, true},   {kPatientsWrite, true, true, true},
      {kClinicalRead, true, true, false},  {kClinicalWrite, true, true, false},
      {kSchedulingRead, true, true, true}, {kSchedulingWrite, true, true, true},
      {kClinicRead, true, true, true},     {kClinicWrite, true, false, false},
      {kUsersManage, true, false, false},  {kAuditRead, true, false, false},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(allows(Role::kAdmin, r.p), r.admin) << to_string(r.p);
    EXPECT_EQ(allows(Role::kClinician, r.p), r.clinician) << to_string(r.p);
    EXPECT_EQ(allows(Role::kReceptionist, r.p), r.receptionist) << to_string(r.p);
    EXPECT_FALSE(allows(Role::kPatient, r.p)) << to_string(r.p);
  }
}

TEST(Throttle, DelayGrowsAfterFreeAttempts) {
  Instant t0 = *parse_instant("2026-01-05T09:00:00Z");
  using std::chrono::seconds;
  EXPECT_EQ(login_delay(4, t0, t0, 5), seconds(0));
  EXPECT_EQ(login_delay(5, t0, t0, 5), seconds(1));
  EXPECT_EQ(login_delay(7, t0, t0, 5), seconds(4));
  EXPECT_EQ(login_delay(7, t0, t0 + seconds(3), 5), seconds(1));
  EXPECT_EQ(login_delay(7, t0, t0 + seconds(4), 5), seconds(0));
  EXPECT_EQ(login_delay(40, t0, t0, 5), seconds(15 * 60));
}

}  // namespace
}  // namespace anagen::auth
