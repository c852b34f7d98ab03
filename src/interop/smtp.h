// A minimal SMTP client (RFC 5321): plain text mail to a relay the clinic
// runs or trusts (no TLS or authentication: point it at a local MTA that
// handles those).
#pragma once

#include <string>

#include "core/result.h"

namespace anagen::interop {

struct SmtpConfig {
  std::string host;  // empty: mail is not sent (messages wait in the outbox)
  int port = 25;
  std::string from = "anagen@localhost";
  std::string helo = "anagen.local";
  int timeout_s = 20;
};

struct Mail {
  std::string to;
  std::string subject;
  std::string body;        // UTF-8 plain text
  std::string message_id;  // stable across retries, so a repeat can be recognised
  std::string date;        // RFC 5322 date
};

// Delivers one message. kUnavailable for connection problems and 4xx
// replies (worth retrying), kInvalid for 5xx replies (the server refuses it).
Status send_mail(const SmtpConfig& cfg, const Mail& mail);

// The message as sent on the wire after DATA (headers, base64 body, no
// terminating dot); exposed for tests.
std::string format_mail(const SmtpConfig& cfg, const Mail& mail);

}  // namespace anagen::interop
