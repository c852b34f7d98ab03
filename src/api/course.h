// Steps shared by the plan and appointment handlers: they change a plan and
// its appointments together, inside the caller's transaction.
#pragma once

#include <vector>

#include "api/context.h"
#include "domain/appointment.h"
#include "domain/plan.h"
#include "domain/schedule.h"
#include "store/appointment_store.h"
#include "store/db.h"

namespace anagen::api::course {

// The plan's appointments (any status), in start order.
Result<std::vector<domain::Appointment>> appointments_of(store::Tx& tx, const std::string& plan_id);

// Cancels the appointment with `reason` (its note), raising its calendar
// SEQUENCE.
Status cancel(store::Tx& tx, domain::Appointment a, const std::string& reason, Instant now);

// Cancels the session's active appointment (if any) with `reason`, raising
// its calendar SEQUENCE, and frees the session.
Status release_session(store::Tx& tx, domain::PlannedSession& s, const std::string& reason,
                       Instant now);

// Cancels the plan's evaluation visits still to come with `reason` (a
// course stopped or put on hold takes its visits with its sessions).
Status cancel_evaluations(store::Tx& tx, const domain::Plan& plan, const std::string& reason,
                          Instant now);

// Replaces every session not done by a fresh schedule from `protocol`,
// continuing after the last session done, and not before `today`. An appointment already made keeps
// its slot if its day lies in a new session's window and it lasts the
// protocol's session length (first come, in session order; renumbered if
// need be); the others are cancelled with `reason`.
Status replan_remaining(store::Tx& tx, domain::Plan& plan, const std::string& reason, Instant now,
                        const date::time_zone* zone, Date today);

// Marks the plan completed when no session is left to do.
void settle(domain::Plan& plan);

// `reason`, after the review reason the plan already has (one flag on top of
// another keeps why the first was raised).
std::string with_earlier_reason(const domain::Plan& p, const std::string& reason);

// Flags the patient's active course for a clinician's review with `reason`,
// and with `hold` also holds its bookings (the sessions booked stay, no new
// one is made or charted until the review is cleared). Returns the plan's
// id, or nullopt when no course is active.
Result<std::optional<std::string>> flag_active_plan(store::Tx& tx, const std::string& patient_id,
                                                    const std::string& reason, bool hold,
                                                    Instant now);

// The practitioner a booking names: 422 on `practitioner_id` when it is not
// one of the clinic's or is no longer active (unless the booking back-enters
// a past session: a former practitioner did it). Call after
// lock_for_booking, which deactivation waits for.
Result<domain::Practitioner> bookable_practitioner(store::Tx& tx, const std::string& id,
                                                   bool past = false);

// Locks the practitioner and the patient (in a fixed order) for a booking.
Status lock_for_booking(store::Tx& tx, const std::string& practitioner_id,
                        const std::string& patient_id);

// Booked appointments still to come that must be moved (domain::why_to_move:
// a day off, a practitioner deactivated, hours changed), as the API lists
// them: each with its patient's name and why (`day_off`), in start order.
// `scope` narrows them (patient, practitioner, an end); they start from
// today at the earliest, and within the next 400 days.
Result<Json> to_move_json(store::Tx& tx, const Ctx& ctx, store::appointments::Filter scope);

}  // namespace anagen::api::course
