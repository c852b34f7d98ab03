// The SQL store on SQLite: group commit keeps each write atomic on its own,
// migrations are idempotent, the audit trail refuses changes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "store/audit_store.h"
#include "store/db.h"
#include "store/migrations.h"
#include "store/patient_store.h"
#include "store/screening_store.h"

namespace anagen::store {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("anagen-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto db = Database::open("sqlite://" + (dir_ / "t.db").string(), {});
    ASSERT_TRUE(db.ok()) << db.error().detail;
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->migrate().ok());
  }
  void TearDown() override {
    db_->close();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  domain::Patient patient(const std::string& id) {
    return domain::Patient{
        id, {"Ana", "Ruiz", *parse_date("1980-01-01"), "female", {}, {}}, 1, {}, {}};
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(StoreTest, MigrateTwiceIsHarmless) { EXPECT_TRUE(db_->migrate().ok()); }

TEST_F(StoreTest, ConcurrentWritesCommitIndependently) {
  constexpr int kThreads = 16, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures_seen{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string id = "p" + std::to_string(t) + "_" + std::to_string(i);
        bool fail = i % 5 == 0;
        auto st = db_->write([&](Tx& tx) -> Status {
          ANAGEN_TRY(patients::insert(tx, patient(id), "test"));
          if (fail) return Error::conflict("refused on purpose");
          return ok_status();
        });
        if (!st.ok()) failures_seen++;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures_seen.load(), kThreads * kEach / 5);
  auto page = db_->read([&](Tx& tx) { return patients::search(tx, {"ana"}, std::nullopt, 1000); });
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), static_cast<size_t>(kThreads * kEach * 4 / 5));
  for (const auto& p : page->items) EXPECT_NE(std::stoi(p.id.substr(p.id.find('_') + 1)) % 5, 0);
}

// Patients registered before migration 0011 had only their names indexed:
// the migration indexes their phone digits and email as a save now does.
TEST_F(StoreTest, MigrationIndexesThePhoneAndEmailOfPatientsRegisteredBefore) {
  domain::Patient p = patient("old");
  p.fields.phone = "+34 (612) 345-678";
  p.fields.email = "Ana.Ruiz@Example.test";
  ASSERT_TRUE(db_->write([&](Tx& tx) -> Status {
                   ANAGEN_TRY(patients::insert(tx, p, "t"));
                   // As it was before 0011: the names' words only.
                   ANAGEN_TRY(
                       tx.exec("DELETE FROM patient_terms WHERE term NOT IN ('ana', 'ruiz')", {}));
                   return ok_status();
                 })
                  .ok());
  auto found = [&](std::string text) {
    auto page = db_->read(
        [&](Tx& tx) { return patients::search(tx, domain::query_terms(text), std::nullopt, 10); });
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->items.size() : 0;
  };
  ASSERT_EQ(found("612 345 678"), 0u);
  const auto& all = sqlite_migrations();
  auto m = std::find_if(all.begin(), all.end(),
                        [](const Migration& x) { return migration_version(x.name) == 11; });
  ASSERT_NE(m, all.end());
  ASSERT_TRUE(db_->write([&](Tx& tx) -> Status {
                   std::string sql = m->sql;
                   for (size_t at = 0, end; (end = sql.find(";\n", at)) != std::string::npos;
                        at = end + 2)
                     ANAGEN_TRY(tx.exec(sql.substr(at, end - at), {}));
                   return ok_status();
                 })
                  .ok());
  EXPECT_EQ(found("612 345 678"), 1u);
  EXPECT_EQ(found("+34612345678"), 1u);
  EXPECT_EQ(found("0034 612 345 678"), 1u);
  EXPECT_EQ(found("2345"), 1u);
  EXPECT_EQ(found("612 999"), 0u);
  EXPECT_EQ(found("ana.ruiz@example"), 1u);
  EXPECT_EQ(found("ANA.RUIZ@EXAMPLE.TEST"), 1u);
  EXPECT_EQ(found("ruiz"), 1u);
}

TEST_F(StoreTest, RulesSavedBelowTheFloorAreRaisedToItNotDropped) {
  // Saved before the floor existed: haemophilia ignored, anticoagulants
  // made absolute by the clinic.
  ASSERT_TRUE(db_->write([&](Tx& tx) -> Status {
                   ANAGEN_TRY(tx.exec(
                       "INSERT INTO screening_rule_sets (version, rules, created_at, created_by) "
                       "VALUES (1, '{\"bleeding_disorder\": \"ignore\", \"anticoagulants\": "
                       "\"absolute\"}', 0, 'admin')",
                       {}));
                   return ok_status();
                 })
                  .ok());
  auto rules = db_->read([&](Tx& tx) { return screenings::current_rules(tx); });
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->version, 1);
  EXPECT_EQ(rules->severity_of("anticoagulants"), domain::Severity::kAbsolute);
  EXPECT_EQ(rules->severity_of("bleeding_disorder"), domain::Severity::kRelative);
}

TEST_F(StoreTest, DuplicateKeyIsAConflictAndRollsBackOnlyThatWrite) {
  ASSERT_TRUE(db_->write([&](Tx& tx) { return patients::insert(tx, patient("same"), "t"); }).ok());
  auto st = db_->write([&](Tx& tx) { return patients::insert(tx, patient("same"), "t"); });
  EXPECT_EQ(st.error().code, ErrorCode::kConflict);
  auto got = db_->read([&](Tx& tx) { return patients::get(tx, "same"); });
  EXPECT_TRUE(got.ok() && got->has_value());
}

TEST_F(StoreTest, AuditTrailIsAppendOnly) {
  audit::Entry e;
  e.action = "patient.read";
  e.outcome = "ok";
  e.status = 200;
  e.method = "GET";
  e.path = "/x";
  e.ip = "127.0.0.1";
  e.request_id = "r1";
  ASSERT_TRUE(db_->write([&](Tx& tx) { return audit::append(tx, e); }).ok());
  auto upd = db_->write([&](Tx& tx) -> Status {
    ANAGEN_TRY(tx.exec("UPDATE audit_log SET outcome = 'x'", {}));
    return ok_status();
  });
  EXPECT_FALSE(upd.ok());
  auto del = db_->write([&](Tx& tx) -> Status {
    ANAGEN_TRY(tx.exec("DELETE FROM audit_log", {}));
    return ok_status();
  });
  EXPECT_FALSE(del.ok());
  auto list = db_->read([&](Tx& tx) { return audit::list(tx, {}); });
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].outcome, "ok");
}

TEST_F(StoreTest, ExceptionInAWriteIsAnErrorNotACrash) {
  auto st = db_->write([&](Tx& tx) -> Status {
    ANAGEN_TRY(patients::insert(tx, patient("boom"), "t"));
    throw std::runtime_error("bug");
  });
  EXPECT_EQ(st.error().code, ErrorCode::kInternal);
  auto got = db_->read([&](Tx& tx) { return patients::get(tx, "boom"); });
  EXPECT_FALSE(got->has_value());
}

TEST(DatabaseOpen, RejectsUnknownUrls) {
  EXPECT_EQ(Database::open("mysql://x", {}).error().code, ErrorCode::kBadRequest);
  EXPECT_EQ(Database::open("postgresql://nobody@/x?host=/nonexistent", {}).error().code,
            ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace anagen::store
