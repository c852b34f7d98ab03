// Scheduling fixtures through the API: practitioners, a patient cleared
// for treatment and assessed, a plan, a booked course.
export const NO_CONTRAINDICATIONS = {
  pregnant: false, breastfeeding: false, scalp_condition: false, diabetes: 'none', bleeding_disorder: false,
  anticoagulants: false, active_scalp_infection: false, component_allergy: false, immunosuppressed: false,
  cancer_treatment: false, autoimmune_disease: false, keloid_tendency: false, recent_scalp_surgery: false,
  isotretinoin_last_12_months: false, uncontrolled_hypertension: false,
};

const WEEKDAYS = [1, 2, 3, 4, 5];

async function call(server, method, path, body, expected) {
  const r = await server.request(method, `/api/v1${path}`, { token: await server.admin(), body });
  if (r.status !== expected) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

export const api = {
  get: (server, path) => call(server, 'GET', path, undefined, 200),
  post: (server, path, body, expected = 201) => call(server, 'POST', path, body, expected),
  put: (server, path, body) => call(server, 'PUT', path, body, 200),
  delete: (server, path) => call(server, 'DELETE', path, undefined, 204),
};

/** Sets the clinic's name and time zone. */
export async function clinicZone(server, timezone, name = 'Clínica Capilar Norte') {
  return api.put(server, '/clinic', { name, timezone });
}

/** A practitioner working `start`-`end` on `days` (Monday = 1). */
export async function practitioner(server, name, { days = WEEKDAYS, start = '09:00', end = '17:00' } = {}) {
  return api.post(server, '/practitioners', { name, working_hours: days.map((weekday) => ({ weekday, start, end })) });
}

/** A patient screened eligible and assessed as a candidate; resolves {patient, assessment}. */
export async function readyPatient(server, fields = {}, assessment = {}) {
  const patient = await server.patient(await server.admin(), fields);
  await api.post(server, `/patients/${patient.id}/screenings`, { answers: NO_CONTRAINDICATIONS });
  const a = await api.post(server, `/patients/${patient.id}/assessments`, {
    diagnosis: 'androgenetic_alopecia', scale: 'ludwig', grade: 'II', roots_retained: true, ...assessment,
  });
  return { patient, assessment: a };
}

/** A plan (Standard taper unless protocol_id is given). */
export async function plan(server, patient, assessment, start_date, protocol_id) {
  return api.post(server, `/patients/${patient.id}/plans`, { assessment_id: assessment.id, start_date, ...(protocol_id ? { protocol_id } : {}) });
}

/** Books the whole plan with a practitioner; resolves the book result. */
export async function bookCourse(server, planId, body) {
  return api.post(server, `/plans/${planId}/book`, body, 200);
}

/** The plan's live appointments (booked, arrived, completed) by session number. */
export async function appointmentsOf(server, planId) {
  const r = await api.get(server, `/appointments?plan_id=${planId}&include_cancelled=false`);
  return new Map(r.items.filter((a) => a.status !== 'no_show' && a.kind !== 'evaluation').map((a) => [a.session_number, a]));
}

/** An instant's wall-clock day and time in Madrid, the tests' clinic zone: "2026-01-13 10:00". */
export function madrid(instant) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
