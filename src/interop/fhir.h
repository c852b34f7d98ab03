// HL7 FHIR R4 export (domain.md section 7): a patient's whole record as a
// searchset Bundle, for the clinic's other clinical systems. Read only; the
// mapping is pure (records in, JSON out) so it is tested without a server.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/json_reader.h"
#include "core/time.h"
#include "domain/adverse_event.h"
#include "domain/appointment.h"
#include "domain/assessment.h"
#include "domain/outcome.h"
#include "domain/patient.h"
#include "domain/plan.h"
#include "domain/product.h"
#include "domain/treatment.h"
#include "store/measurement_store.h"

namespace anagen::interop {

// Everything on record for one patient, with what its references name.
struct PatientRecord {
  domain::Patient patient;
  std::vector<domain::Assessment> assessments;
  std::vector<domain::Plan> plans;
  std::vector<domain::Appointment> appointments;
  std::vector<domain::Treatment> treatments;
  std::vector<domain::Measurement> measurements;
  std::vector<domain::AdverseEvent> adverse_events;
  std::vector<store::measurements::Photo> photos;    // metadata, no bytes
  std::map<std::string, domain::Lot> lots;           // by id
  std::map<std::string, domain::Product> products;   // by id
  std::map<std::string, std::string> practitioners;  // id -> name
};

// The lots the record's sessions and side effects name, each once, in the
// order first named.
std::vector<std::string> used_lot_ids(const PatientRecord& r);

// `base` is the server's address ("https://clinic.example"); resources are
// placed at base + "/api/v1/fhir/{type}/{id}" and refer to each other as
// "{type}/{id}". Instants are written in `zone` with their offset.
Json fhir_patient(const domain::Patient& p);
Json fhir_everything(const PatientRecord& r, const std::string& base, const date::time_zone* zone,
                     Instant now);

}  // namespace anagen::interop
