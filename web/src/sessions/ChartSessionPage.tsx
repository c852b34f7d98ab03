// Charting the session done at an appointment: the pregnancy question
// (patients who are not male; a "yes" stops here), the zones on the scalp
// map with points and volume, the product lots (usable ones only), the
// anaesthetic, pain, adjuncts, technique and notes. Recording completes the
// appointment; the record is never edited afterwards (addenda only).
import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { Adjunct, Appointment, Lot, Page, Patient, Screening, SessionRecord, Technique, Zone } from '../api/types';
import { APPOINTMENT_LABELS } from '../appointments/labels';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button, LinkButton } from '../ui/Button';
import { Alert, EmptyState, errorMessage } from '../ui/feedback';
import { CheckboxGroup, RadioGroup, SelectField, TextAreaField, TextField, focusFirstInvalid } from '../ui/fields';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { ADJUNCT_LABELS, PAIN_WORDS, TECHNIQUE_LABELS, ZONES, ZONE_LABELS, ml } from './labels';
import { ScalpMap } from './ScalpMap';
import { decimal } from '../ui/format';

interface ChartData {
  appointment: Appointment;
  lots: Lot[];
  last: SessionRecord | null;
  /** The patient's latest screening when none is current (it expired). */
  expired: Screening | null;
}

export function ChartSessionPage({ patient, appointmentId }: { patient: Patient; appointmentId: string }) {
  const state = useAsync<ChartData>(
    async (signal) => {
      const [appointment, lots, sessions, screenings] = await Promise.all([
        api.get<Appointment>(`/appointments/${appointmentId}`, undefined, signal),
        api.get<Page<Lot>>('/lots', { usable: true }, signal),
        api.get<Page<SessionRecord>>(`/patients/${patient.id}/sessions`, undefined, signal),
        api.get<Page<Screening>>(`/patients/${patient.id}/screenings`, undefined, signal),
      ]);
      const last = sessions.items.filter((s) => !s.entered_in_error).sort((a, b) => (a.performed_at < b.performed_at ? 1 : -1))[0] || null;
      const expired = screenings.items.some((s) => s.current) ? null : screenings.items[0] || null;
      return { appointment, lots: lots.items, last, expired };
    },
    [appointmentId],
  );
  return (
    <Async state={state} loading="Loading the appointment and the usable lots…">
      {(data) =>
        data.appointment.patient_id !== patient.id ? (
          <Alert tone="danger">This appointment belongs to another patient.</Alert>
        ) : data.appointment.kind === 'evaluation' ? (
          <Card title="Evaluation visit">
            <EmptyState
              title="An evaluation visit is not charted as a session."
              action={<LinkButton href={`/patients/${patient.id}/outcomes`}>Record the results</LinkButton>}
            >
              Nothing is injected: record the trichoscopy, photos and pull test as outcomes, then mark the visit done on the course.
            </EmptyState>
          </Card>
        ) : data.appointment.status !== 'booked' && data.appointment.status !== 'arrived' ? (
          <Card title={`Session ${data.appointment.session_number}`}>
            <EmptyState
              title={`This appointment is ${APPOINTMENT_LABELS[data.appointment.status].toLowerCase()}.`}
              action={<LinkButton variant="secondary" href={`/patients/${patient.id}/course`}>Back to the course</LinkButton>}
            >
              Only a booked or arrived appointment can be charted.
            </EmptyState>
          </Card>
        ) : (
          <ChartForm patient={patient} data={data} onLotsChanged={(lots) => state.setData({ ...data, lots })} />
        )
      }
    </Async>
  );
}

interface ZoneRow {
  points: string;
  volume: string;
}

interface ProductRow {
  key: number;
  lotId: string;
  volume: string;
  /** The volume was typed (else it follows the zones' total). */
  typed: boolean;
}

let rowKey = 1;

const LOT_MESSAGE = /^Lot (.+?) of /;

function ChartForm(props: { patient: Patient; data: ChartData; onLotsChanged: (lots: Lot[]) => void }) {
  const { patient, data } = props;
  const a = data.appointment;
  const { fmt, clinic } = useSession();
  const notify = useToast();
  const { route } = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const askPregnancy = patient.sex !== 'male';
  const cocktailLots = data.lots.filter((l) => l.category !== 'anaesthetic');
  const anaestheticLots = data.lots.filter((l) => l.category === 'anaesthetic');
  // First expiring first, as listed.
  const byExpiry = (ls: Lot[]) => [...ls].sort((x, y) => (x.expires_on < y.expires_on ? -1 : x.expires_on > y.expires_on ? 1 : 0));
  const last = data.last;

  const [pregnant, setPregnant] = useState<'' | 'no' | 'yes'>('');
  const [zones, setZones] = useState<Partial<Record<Zone, ZoneRow>>>({});
  const [activeZone, setActiveZone] = useState<Zone | null>(null);
  // No lot is guessed: a wrong one would follow the patient into every
  // recall. The lots the last session used start the form while still
  // usable (the vial open on the trolley); otherwise the clinician picks.
  const [products, setProducts] = useState<ProductRow[]>(() => {
    const still = (last?.products || []).filter((p) => p.role === 'cocktail' && cocktailLots.some((l) => l.id === p.lot_id));
    const ids = [...new Set(still.map((p) => p.lot_id))];
    return (ids.length ? ids : ['']).map((lotId) => ({ key: rowKey++, lotId, volume: '', typed: false }));
  });
  const [anaesthetic, setAnaesthetic] = useState(false);
  const [anaLot, setAnaLot] = useState('');
  const [anaVolume, setAnaVolume] = useState('');
  const [pain, setPain] = useState('');
  const [adjuncts, setAdjuncts] = useState<string[]>([]);
  const [technique, setTechnique] = useState<string>(last?.technique || '');
  const [gauge, setGauge] = useState(last?.needle_gauge != null ? String(last.needle_gauge) : '');
  const [length, setLength] = useState(last?.needle_length_mm != null ? String(last.needle_length_mm) : '');
  const [depth, setDepth] = useState(last?.depth_mm != null ? String(last.depth_mm) : '');
  const [notes, setNotes] = useState('');
  const [performedAt, setPerformedAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [blank, setBlank] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<string | null>(null);

  const zoneList = ZONES.filter((z) => zones[z]);
  const totalZoneVolume = zoneList.reduce((sum, z) => sum + (decimal(zones[z]!.volume) || 0), 0);
  // What the lots say was injected should be what the zones received: a
  // slip in either shows (not refused: a clinic may chart differently).
  const rounded3 = (v: number) => Math.round(v * 1000) / 1000;
  const productVolume = rounded3(products.reduce((sum, p) => sum + (decimal(p.volume) || 0), 0));
  const volumeMismatch = totalZoneVolume > 0 && productVolume > 0 && Math.abs(productVolume - totalZoneVolume) > 0.05;
  const rounded = (v: number) => String(Math.round(v * 1000) / 1000);

  // The first product's volume follows the zones' total until typed.
  useEffect(() => {
    setProducts((ps) => ps.map((p, i) => (i === 0 && !p.typed ? { ...p, volume: totalZoneVolume > 0 ? rounded(totalZoneVolume) : '' } : p)));
  }, [totalZoneVolume]);

  const pickZone = (z: Zone) => {
    if (!zones[z]) {
      const before = last?.zones.find((x) => x.zone === z);
      setZones((zs) => ({ ...zs, [z]: { points: before ? String(before.points) : '', volume: before ? String(before.volume_ml) : '' } }));
    }
    setActiveZone(z);
    setBlank((b) => ({ ...b, zones: '' }));
    requestAnimationFrame(() => document.getElementById(`zone-${z}-points`)?.focus());
  };
  const removeZone = (z: Zone) => {
    setZones((zs) => {
      const next = { ...zs };
      delete next[z];
      return next;
    });
    if (activeZone === z) setActiveZone(null);
  };
  const copyLast = () => {
    if (!last) return;
    const next: Partial<Record<Zone, ZoneRow>> = {};
    for (const z of last.zones) next[z.zone] = { points: String(z.points), volume: String(z.volume_ml) };
    setZones(next);
    setBlank((b) => ({ ...b, zones: '' }));
  };

  const apiError = error instanceof ApiError ? error : null;
  const sentZones = useRef<Zone[]>([]);
  const sentProducts = useRef<string[]>([]);
  const fieldMsg = (f: string) => blank[f] || apiError?.fieldMessage(f);
  // A 409 names a lot ("Lot CF-2401 of ... expired"): shown next to that lot.
  const conflictLot = apiError?.status === 409 ? LOT_MESSAGE.exec(apiError.detail)?.[1] ?? null : null;
  const lotById = (id: string) => data.lots.find((l) => l.id === id);
  const lotNumberConflict = (lotId: string) => {
    if (!apiError || apiError.status !== 409) return undefined;
    const lot = lotById(lotId);
    if ((conflictLot && lot?.lot_number === conflictLot) || apiError.detail.includes(lotId)) return apiError.detail;
    return undefined;
  };
  const conflictPlaced =
    !!apiError && apiError.status === 409 && (products.some((p) => lotNumberConflict(p.lotId)) || (anaesthetic && !!lotNumberConflict(anaLot)));

  const zoneError = (z: Zone, f: 'points' | 'volume_ml' | 'zone') => {
    if (blank[`${z}.${f}`]) return blank[`${z}.${f}`];
    const i = sentZones.current.indexOf(z);
    return i >= 0 ? apiError?.fieldMessage(`zones[${i}].${f}`) : undefined;
  };
  const productError = (index: number, f: 'lot_id' | 'volume_ml') =>
    blank[`products[${index}].${f}`] || (index < sentProducts.current.length ? apiError?.fieldMessage(`products[${index}].${f}`) : undefined);

  const body = (): Record<string, unknown> => {
    const b: Record<string, unknown> = {
      zones: zoneList.map((z) => ({ zone: z, points: num(zones[z]!.points), volume_ml: num(zones[z]!.volume) })),
      products: products.filter((p) => p.lotId || p.volume).map((p) => ({ lot_id: p.lotId, volume_ml: num(p.volume) })),
      anaesthetic,
      pain_score: num(pain),
      adjuncts,
    };
    if (askPregnancy) b.pregnant = pregnant === 'yes';
    if (anaesthetic && anaLot) {
      b.anaesthetic_lot_id = anaLot;
      b.anaesthetic_volume_ml = num(anaVolume);
    }
    if (technique) b.technique = technique as Technique;
    if (gauge.trim()) b.needle_gauge = num(gauge);
    if (length.trim()) b.needle_length_mm = num(length);
    if (depth.trim()) b.depth_mm = num(depth);
    if (notes.trim()) b.notes = notes.trim();
    if (performedAt) b.performed_at = performedAt;
    return b;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (askPregnancy && pregnant === '') missing.pregnant = 'Ask the patient before every session.';
    if (zoneList.length === 0) missing.zones = 'Click each zone treated on the scalp map.';
    for (const z of zoneList) {
      if (!zones[z]!.points.trim()) missing[`${z}.points`] = 'Points?';
      if (!zones[z]!.volume.trim()) missing[`${z}.volume_ml`] = 'Volume?';
    }
    products.forEach((p, i) => {
      if (p.lotId && !p.volume.trim()) missing[`products[${i}].volume_ml`] = 'How many mL of this lot?';
    });
    if (!products.some((p) => p.lotId)) missing.products = 'Choose the lot injected.';
    if (pain === '') missing.pain_score = 'Ask the patient how much it hurt (0 to 10).';
    setBlank(missing);
    if (Object.keys(missing).length > 0) {
      setError(null);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    const b = body();
    sentZones.current = zoneList;
    sentProducts.current = (b.products as { lot_id: string }[]).map((p) => p.lot_id);
    try {
      const record = await api.post<SessionRecord>(`/appointments/${a.id}/session`, b);
      notify(`Session ${record.session_number} charted; the appointment is completed.`);
      route(`/patients/${patient.id}/sessions/${record.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
      if (err instanceof ApiError && err.status === 409) {
        // Stock may have moved: offer the lots as they are now.
        api.get<Page<Lot>>('/lots', { usable: true }).then((p) => props.onLotsChanged(p.items), () => {});
      }
      focusFirstInvalid(formRef.current);
    }
  };

  // A "yes" refuses the session: nothing is charted, the plan is flagged and held.
  const recordPregnancy = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/appointments/${a.id}/session`, REFUSAL_BODY);
      setRefused('Recorded.');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setRefused(err.detail);
        notify('Session not done: the course is flagged and its bookings are on hold.');
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const lotLabel = (l: Lot) => `${l.product_name} · lot ${l.lot_number} · ${ml(l.remaining)} left · expires ${fmt.date(l.expires_on)}`;
  const lotOptions = (ls: Lot[], current: string) => {
    const opts = byExpiry(ls).map((l) => ({ value: l.id, label: lotLabel(l) }));
    // A lot chosen before a refresh that is no longer usable stays visible, marked.
    if (current && !ls.some((l) => l.id === current)) opts.unshift({ value: current, label: 'The lot chosen is no longer usable' });
    return opts;
  };

  if (refused) {
    return (
      <Card title={`Session ${a.session_number} not done`}>
        <div class="stack" data-testid="pregnancy-refused">
          <Alert tone="warning" title="Session refused: the patient reports being pregnant">
            <p>Nothing was injected or charted. The course is flagged for a clinician's review and its bookings are held until the review is cleared.</p>
          </Alert>
          <div class="form-actions">
            <LinkButton href={`/patients/${patient.id}/course`}>Back to the course</LinkButton>
          </div>
        </div>
      </Card>
    );
  }

  const showForm = !askPregnancy || pregnant === 'no';
  const cocktailChoices = cocktailLots.length > 0;

  return (
    <form ref={formRef} onSubmit={submit} noValidate class="chart" aria-label={`Chart session ${a.session_number}`}>
      <div class="chart-head card">
        <div class="card-body">
          <h2 class="card-title">Chart session {a.session_number}</h2>
          <p class="muted">
            Appointment {fmt.when(a.start)}–{fmt.time(a.end)} · {clinic.timezone.replace(/_/g, ' ')} time. Recording completes the appointment; afterwards
            the record is never edited (corrections are addenda).
          </p>
        </div>
      </div>

      {data.expired && (
        <Alert tone="warning" title="Screen the patient again">
          <p>
            The screening of {fmt.day(data.expired.screened_at)} expired on {fmt.date(data.expired.expires_on)}. Ask the screening questions again
            before this session: something may have changed since.{' '}
            <a href={`/patients/${patient.id}/screening`}>Open the screening</a>
          </p>
        </Alert>
      )}
      {error !== null && !conflictPlaced && (
        <ChartError error={error} shown={shownFields(sentZones.current, sentProducts.current.length)} />
      )}
      {conflictPlaced && (
        <Alert tone="danger" title="Not recorded">
          <p>{errorMessage(error)} Choose another lot (the list shows the lots usable now).</p>
        </Alert>
      )}

      {askPregnancy ? (
        <Card title="Before the session" class="chart-section">
          <RadioGroup
            label="Is the patient pregnant, or could she be?"
            name="pregnant"
            value={pregnant}
            onValue={(v) => {
              setPregnant(v as 'no' | 'yes');
              setBlank((b) => ({ ...b, pregnant: '' }));
            }}
            choices={[
              { value: 'no', label: 'No' },
              { value: 'yes', label: 'Yes' },
            ]}
            hint="Asked before every session of a patient who is not male."
            error={fieldMsg('pregnant')}
          />
          {pregnant === 'yes' && (
            <div class="stop" role="alert" data-testid="pregnancy-stop">
              <p class="stop-title">Do not treat today.</p>
              <p>
                Mesotherapy is contraindicated in pregnancy. Recording the answer refuses this session: nothing is charted, the course is flagged for a
                clinician's review, and further bookings are held until the review is cleared.
              </p>
              <div class="form-actions">
                <Button variant="danger" busy={busy} onClick={recordPregnancy}>Record: session not done</Button>
                <Button variant="secondary" onClick={() => setPregnant('')}>Answered by mistake</Button>
              </div>
            </div>
          )}
          {pregnant === '' && <p class="muted small">The rest of the chart opens once the answer is “No”.</p>}
        </Card>
      ) : (
        <p class="muted small chart-note">Pregnancy is not asked: the patient is male.</p>
      )}

      {showForm && (
        <>
          <Card
            title="Zones treated"
            class="chart-section"
            actions={last && last.zones.length > 0 && <Button small variant="secondary" onClick={copyLast}>Same zones as session {last.session_number}</Button>}
          >
            <div class={`zones-editor${fieldMsg('zones') ? ' field--invalid' : ''}`} data-field="zones">
              <div class="zones-map">
                <p class="map-orient" aria-hidden="true">Front</p>
                <ScalpMap
                  marks={Object.fromEntries(zoneList.map((z) => [z, { points: zones[z]!.points, volume: zones[z]!.volume }]))}
                  onPick={pickZone}
                  active={activeZone}
                  label="Scalp map: click each zone treated"
                />
                <p class="map-orient" aria-hidden="true">Back</p>
              </div>
              <div class="zones-list">
                <p class="field-hint">Click each zone treated on the map (or tab to it and press Enter), then give its points and volume.</p>
                {fieldMsg('zones') && <p class="field-error">{fieldMsg('zones')}</p>}
                {zoneList.length === 0 ? (
                  <p class="muted zones-empty">No zone yet.</p>
                ) : (
                  <ul class="zone-rows" aria-label="Zones treated">
                    {zoneList.map((z) => (
                      <li key={z} class={`zone-row${activeZone === z ? ' is-active' : ''}`} data-zone-row={z} onFocusIn={() => setActiveZone(z)}>
                        <span class="zone-row-name">{ZONE_LABELS[z]}</span>
                        <NumberInput id={`zone-${z}-points`} label={`${ZONE_LABELS[z]} points`} short="Points" value={zones[z]!.points} onValue={(v) => setZones((zs) => ({ ...zs, [z]: { ...zs[z]!, points: v } }))} error={zoneError(z, 'points')} inputMode="numeric" />
                        <NumberInput id={`zone-${z}-volume`} label={`${ZONE_LABELS[z]} volume (mL)`} short="mL" value={zones[z]!.volume} onValue={(v) => setZones((zs) => ({ ...zs, [z]: { ...zs[z]!, volume: v } }))} error={zoneError(z, 'volume_ml')} />
                        <Button small variant="ghost" onClick={() => removeZone(z)} aria-label={`Remove ${ZONE_LABELS[z]}`}>Remove</Button>
                        {zoneError(z, 'zone') && <p class="field-error zone-row-error">{zoneError(z, 'zone')}</p>}
                      </li>
                    ))}
                  </ul>
                )}
                {zoneList.length > 0 && (
                  <p class="small muted" data-testid="zone-totals">
                    {zoneList.length} {zoneList.length === 1 ? 'zone' : 'zones'} ·{' '}
                    {zoneList.reduce((s, z) => s + (decimal(zones[z]!.points) || 0), 0)} points · {ml(Math.round(totalZoneVolume * 1000) / 1000)}
                  </p>
                )}
              </div>
            </div>
          </Card>

          <Card title="Products injected" class="chart-section">
            <div class={`stack${fieldMsg('products') ? ' field--invalid' : ''}`} data-field="products">
              {!cocktailChoices ? (
                <Alert tone="warning" title="No usable lot">
                  Every lot is expired or used up. Receive a new lot in Set-up › Products and lots, then come back.
                </Alert>
              ) : (
                <p class="field-hint">Only lots usable today are listed (not expired, with stock left), the first to expire first; the lots of the last session start the form while usable.</p>
              )}
              {fieldMsg('products') && <p class="field-error">{fieldMsg('products')}</p>}
              {products.map((p, i) => (
                <div key={p.key} class="product-row" data-product-row={i}>
                  <SelectField
                    label={i === 0 ? 'Lot' : `Lot ${i + 1}`}
                    name={`products[${i}].lot_id`}
                    value={p.lotId}
                    onValue={(v) => setProducts((ps) => ps.map((x) => (x.key === p.key ? { ...x, lotId: v } : x)))}
                    options={lotOptions(cocktailLots, p.lotId)}
                    placeholder={p.lotId ? undefined : 'Choose a lot…'}
                    error={lotNumberConflict(p.lotId) || productError(i, 'lot_id')}
                  />
                  <TextField
                    label="Volume (mL)"
                    name={`products[${i}].volume_ml`}
                    inputMode="decimal"
                    size="short"
                    value={p.volume}
                    onValue={(v) => setProducts((ps) => ps.map((x) => (x.key === p.key ? { ...x, volume: v, typed: true } : x)))}
                    hint={i === 0 && !p.typed && totalZoneVolume > 0 ? 'The zones’ total' : undefined}
                    error={productError(i, 'volume_ml')}
                  />
                  {products.length > 1 && (
                    <Button small variant="ghost" onClick={() => setProducts((ps) => ps.filter((x) => x.key !== p.key))} aria-label={`Remove lot ${i + 1}`}>
                      Remove
                    </Button>
                  )}
                </div>
              ))}
              {volumeMismatch && (
                <p class="field-hint text-warning" data-testid="volume-mismatch">
                  The lots add up to {ml(productVolume)}, the zones to {ml(rounded3(totalZoneVolume))}: check the volumes.
                </p>
              )}
              {cocktailLots.length > 1 && (
                <div>
                  <Button small variant="secondary" onClick={() => setProducts((ps) => [...ps, { key: rowKey++, lotId: '', volume: '', typed: true }])}>
                    Add another product
                  </Button>
                </div>
              )}
            </div>
          </Card>

          <Card title="Anaesthetic, pain and adjuncts" class="chart-section">
            <div class="stack">
              <RadioGroup
                label="Local anaesthetic"
                name="anaesthetic"
                value={anaesthetic ? 'yes' : 'no'}
                onValue={(v) => setAnaesthetic(v === 'yes')}
                choices={[
                  { value: 'no', label: 'Not used' },
                  { value: 'yes', label: 'Used' },
                ]}
                error={fieldMsg('anaesthetic')}
              />
              {anaesthetic && (
                <div class="product-row">
                  <SelectField
                    label="Anaesthetic lot"
                    name="anaesthetic_lot_id"
                    optional
                    value={anaLot}
                    onValue={setAnaLot}
                    options={lotOptions(anaestheticLots, anaLot)}
                    placeholder={anaestheticLots.length ? 'None (e.g. a topical cream not traced by lot)' : 'No usable anaesthetic lot'}
                    error={lotNumberConflict(anaLot) || fieldMsg('anaesthetic_lot_id')}
                  />
                  {anaLot && (
                    <TextField label="Volume (mL)" name="anaesthetic_volume_ml" inputMode="decimal" size="short" value={anaVolume} onValue={setAnaVolume} error={fieldMsg('anaesthetic_volume_ml')} />
                  )}
                </div>
              )}
              <RadioGroup
                label="Pain score"
                name="pain_score"
                variant="tiles"
                class="pain-scale"
                value={pain}
                onValue={(v) => {
                  setPain(v);
                  setBlank((b) => ({ ...b, pain_score: '' }));
                }}
                choices={PAIN_WORDS.map((w, i) => ({ value: String(i), label: String(i), note: i === 0 || i === 10 || i === 5 ? w : undefined }))}
                hint="As the patient rates it: 0 no pain, 10 the worst imaginable."
                error={fieldMsg('pain_score')}
              />
              <CheckboxGroup
                label="Adjuncts"
                name="adjuncts"
                optional
                value={adjuncts}
                onValue={setAdjuncts}
                choices={(Object.keys(ADJUNCT_LABELS) as Adjunct[]).map((k) => ({ value: k, label: ADJUNCT_LABELS[k] }))}
                error={fieldMsg('adjuncts')}
              />
            </div>
          </Card>

          <Card title="Technique" class="chart-section" actions={last?.technique ? <span class="muted small">Filled in as at session {last.session_number}</span> : undefined}>
            <div class="stack">
              <RadioGroup
                label="Technique"
                name="technique"
                optional
                value={technique}
                onValue={setTechnique}
                choices={(Object.keys(TECHNIQUE_LABELS) as Technique[]).map((k) => ({ value: k, label: TECHNIQUE_LABELS[k] }))}
                error={fieldMsg('technique')}
              />
              <div class="form-grid form-grid--3">
                <TextField label="Needle gauge (G)" name="needle_gauge" optional inputMode="numeric" size="short" value={gauge} onValue={setGauge} hint="Typically 30G" error={fieldMsg('needle_gauge')} />
                <TextField label="Needle length (mm)" name="needle_length_mm" optional inputMode="decimal" size="short" value={length} onValue={setLength} hint="Typically 4 mm" error={fieldMsg('needle_length_mm')} />
                <TextField label="Depth (mm)" name="depth_mm" optional inputMode="decimal" size="short" value={depth} onValue={setDepth} hint="1.5 to 4 mm" error={fieldMsg('depth_mm')} />
              </div>
              <TextAreaField label="Notes" name="notes" optional rows={3} value={notes} onValue={setNotes} error={fieldMsg('notes')} />
              <TextField
                label="Done at"
                name="performed_at"
                type={'datetime-local' as 'text'}
                optional
                value={performedAt}
                onValue={setPerformedAt}
                hint={`Leave empty for now. Clinic time (${clinic.timezone.replace(/_/g, ' ')}); not before the appointment's day.`}
                error={fieldMsg('performed_at')}
              />
            </div>
          </Card>

          <div class="form-actions form-actions--sticky chart-actions">
            <Button type="submit" busy={busy}>{busy ? 'Recording…' : `Record session ${a.session_number}`}</Button>
            <LinkButton variant="secondary" href={`/patients/${patient.id}/course`}>Cancel</LinkButton>
          </div>
        </>
      )}
    </form>
  );
}

/** The fields the chart shows next to a control; anything else goes in the summary. */
function shownFields(zones: Zone[], products: number): string[] {
  const out = ['pregnant', 'zones', 'products', 'anaesthetic', 'anaesthetic_lot_id', 'anaesthetic_volume_ml', 'pain_score', 'adjuncts', 'technique', 'needle_gauge', 'needle_length_mm', 'depth_mm', 'notes', 'performed_at'];
  zones.forEach((_, i) => out.push(`zones[${i}].points`, `zones[${i}].volume_ml`, `zones[${i}].zone`));
  for (let i = 0; i < products; i++) out.push(`products[${i}].lot_id`, `products[${i}].volume_ml`);
  return out;
}

function ChartError({ error, shown }: { error: unknown; shown: string[] }) {
  if (error instanceof ApiError && error.errors.length > 0) {
    const others = error.errors.filter((e) => !shown.includes(e.field));
    return (
      <Alert tone="danger" title="Not recorded: some details need correcting.">
        {others.length === 0 ? <p>See the messages next to the fields below.</p> : (
          <ul>{others.map((e) => <li key={e.field}>{e.message}</li>)}</ul>
        )}
      </Alert>
    );
  }
  return <Alert tone="danger" title="Not recorded">{errorMessage(error)}</Alert>;
}

function NumberInput(props: {
  id: string;
  label: string;
  short: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  inputMode?: 'numeric' | 'decimal';
}) {
  return (
    <span class={`mini-field${props.error ? ' field--invalid' : ''}`}>
      <label for={props.id} class="sr-only">{props.label}</label>
      <input
        id={props.id}
        class="input input--mini"
        inputMode={props.inputMode || 'decimal'}
        value={props.value}
        onInput={(e) => props.onValue((e.currentTarget as HTMLInputElement).value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      />
      <span class="mini-unit" aria-hidden="true">{props.short}</span>
      {props.error && <span class="field-error" id={`${props.id}-error`}>{props.error}</span>}
    </span>
  );
}

/** A number when the text is one, else the text (the server names what is wrong). */
function num(v: string): number | string {
  if (v.trim() === '') return '';
  const n = decimal(v);
  return Number.isFinite(n) ? n : v;
}

/** The body that records a "yes": the session ends there, nothing is charted. */
const REFUSAL_BODY = { pregnant: true };
