-- A user's email is the sign-in key, looked up lower-cased. Portal accounts
-- were made with the patient's email as typed ("Ana.Lopez@Example.test"), so
-- they could not sign in. ASCII letters only, as the lookup (and SQLite's
-- lower()); an address whose lower-cased form is already taken is left as it is.
UPDATE users SET email = translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
WHERE email <> translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
  AND NOT EXISTS (SELECT 1 FROM users o
                  WHERE o.email = translate(users.email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
                                            'abcdefghijklmnopqrstuvwxyz'));
