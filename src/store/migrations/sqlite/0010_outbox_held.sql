-- A reminder held for a day off has a status of its own ('held'), no
-- longer a waiting message with the reason in last_error.
UPDATE outbox SET status = 'held'
WHERE status = 'pending' AND kind = 'appointment_reminder'
  AND last_error LIKE 'the appointment falls on a day off%';
