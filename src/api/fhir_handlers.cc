// HL7 FHIR R4 read access for the clinic's other systems: a patient, and
// the patient's whole record as one Bundle (Patient/{id}/$everything).
#include "api/handlers.h"
#include "interop/fhir.h"
#include "store/adverse_event_store.h"
#include "store/appointment_store.h"
#include "store/assessment_store.h"
#include "store/measurement_store.h"
#include "store/patient_store.h"
#include "store/plan_store.h"
#include "store/practitioner_store.h"
#include "store/product_store.h"
#include "store/treatment_store.h"

namespace anagen::api::fhir_api {
namespace {

Reply fhir_reply(Json body) {
  Reply r = Reply::json(std::move(body));
  r.content_type = "application/fhir+json";
  return r;
}

// The lots, products and practitioners the record names.
Status resolve_names(store::Tx& tx, interop::PatientRecord& r) {
  for (const auto& id : interop::used_lot_ids(r)) {
    ANAGEN_ASSIGN(auto lot, store::products::get_lot(tx, id));
    if (!lot) continue;
    r.lots[id] = *lot;
    if (!r.products.count(lot->product_id)) {
      ANAGEN_ASSIGN(auto product, store::products::get(tx, lot->product_id));
      if (product) r.products[product->id] = *product;
    }
  }
  ANAGEN_ASSIGN(auto practitioners, store::practitioners::list(tx));
  for (const auto& p : practitioners) r.practitioners[p.id] = p.name;
  return ok_status();
}

}  // namespace

Result<Reply> patient(Ctx& ctx) {
  ANAGEN_ASSIGN(auto p, ctx.app.db.read([&](store::Tx& tx) {
    return store::patients::require(tx, ctx.param("patient_id"));
  }));
  return fhir_reply(interop::fhir_patient(p));
}

Result<Reply> everything(Ctx& ctx) {
  ANAGEN_ASSIGN(auto record, ctx.app.db.read([&](store::Tx& tx) -> Result<interop::PatientRecord> {
    interop::PatientRecord r;
    ANAGEN_ASSIGN(r.patient, store::patients::require(tx, ctx.param("patient_id")));
    const std::string& id = r.patient.id;
    ANAGEN_ASSIGN(r.assessments, store::assessments::list(tx, id));
    ANAGEN_ASSIGN(r.plans, store::plans::list_for_patient(tx, id));
    store::appointments::Filter f;
    f.patient_id = id;
    f.limit = 100000;
    ANAGEN_ASSIGN(r.appointments, store::appointments::list(tx, f));
    ANAGEN_ASSIGN(r.treatments, store::treatments::list_for_patient(tx, id));
    ANAGEN_ASSIGN(r.measurements, store::measurements::list_for_patient(tx, id, true));
    ANAGEN_ASSIGN(r.adverse_events, store::adverse_events::list_for_patient(tx, id));
    ANAGEN_ASSIGN(r.photos, store::measurements::photos_of(tx, id));
    ANAGEN_TRY(resolve_names(tx, r));
    return r;
  }));
  return fhir_reply(interop::fhir_everything(record, ctx.base_url(), ctx.zone, ctx.now));
}

}  // namespace anagen::api::fhir_api
