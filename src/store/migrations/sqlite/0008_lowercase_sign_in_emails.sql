-- A user's email is the sign-in key, looked up lower-cased. Portal accounts
-- were made with the patient's email as typed ("Ana.Lopez@Example.test"), so
-- they could not sign in. ASCII letters only (SQLite's lower()), as the
-- lookup. Addresses that differ only by case (two accounts made from one
-- address typed two ways) are left as they are, for an admin to sort out:
-- lower-casing both would break the unique email.
UPDATE users SET email = lower(email)
WHERE email <> lower(email)
  AND NOT EXISTS (SELECT 1 FROM users o
                  WHERE o.id <> users.id AND lower(o.email) = lower(users.email));
