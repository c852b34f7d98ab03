// Set-up › Products and lots: the catalogue of injected products, each with
// its lots (number, expiry, received, left); receiving a lot; and the recall
// of a lot (every patient and session that received it).
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Lot, Page, Product, ProductCategory, Recall, Recipient } from '../api/types';
import { CATEGORY_LABELS, ml } from '../sessions/labels';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Alert, Badge, EmptyState, errorMessage, FormError } from '../ui/feedback';
import { SelectField, TextAreaField, TextField } from '../ui/fields';
import { Card } from '../ui/Page';
import { blankFields } from '../ui/required';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';
import { decimal, telHref } from '../ui/format';

const CATEGORIES = Object.keys(CATEGORY_LABELS) as ProductCategory[];

export function lotStatus(l: Lot): { label: string; tone: 'success' | 'warning' | 'danger' | 'neutral' } {
  if (l.recalled) return { label: 'Recalled', tone: 'danger' };
  if (l.expired) return { label: 'Expired', tone: 'danger' };
  if (l.remaining <= 0) return { label: 'Used up', tone: 'neutral' };
  if (l.remaining < l.quantity * 0.15) return { label: 'Running low', tone: 'warning' };
  return { label: 'Usable', tone: 'success' };
}

export function ProductsPage() {
  const { can } = useSession();
  const state = useAsync(
    async (signal) => {
      const [products, lots] = await Promise.all([
        api.get<Page<Product>>('/products', undefined, signal),
        api.get<Page<Lot>>('/lots', undefined, signal),
      ]);
      return { products: products.items, lots: lots.items };
    },
    [],
  );
  const [adding, setAdding] = useState(false);
  const [receiving, setReceiving] = useState<string | null>(null);
  const writer = can('clinical:write');

  return (
    <div class="stack-lg">
      {adding && (
        <ProductForm
          onCancel={() => setAdding(false)}
          onDone={(p) => {
            setAdding(false);
            setReceiving(p.id);
            state.reload();
          }}
        />
      )}
      <Async state={state} loading="Loading products and lots…">
        {({ products, lots }) => (
          <Card title="Products and lots" actions={writer && !adding && <Button small onClick={() => setAdding(true)}>Add a product</Button>}>
            {products.length === 0 ? (
              <EmptyState title="No product yet.">Add the products injected (the cocktail's components, the anaesthetic), then receive their lots.</EmptyState>
            ) : (
              <div class="products">
                {products.map((p) => {
                  const mine = lots.filter((l) => l.product_id === p.id).sort((a, b) => (a.expires_on < b.expires_on ? -1 : 1));
                  return (
                    <section key={p.id} class="product" data-product={p.name} aria-labelledby={`product-${p.id}`}>
                      <div class="product-head">
                        <div>
                          <h3 id={`product-${p.id}`} class="product-name">
                            {p.name} <Badge tone={p.category === 'anaesthetic' ? 'info' : 'neutral'}>{CATEGORY_LABELS[p.category]}</Badge>
                            {!p.active && <Badge>Withdrawn</Badge>}
                          </h3>
                          <p class="small muted">
                            {p.manufacturer || 'Manufacturer not given'}
                            {p.composition && <> · {p.composition}</>}
                          </p>
                        </div>
                        {writer && receiving !== p.id && (
                          <Button small variant="secondary" onClick={() => setReceiving(p.id)} aria-label={`Receive a lot of ${p.name}`}>Receive a lot</Button>
                        )}
                      </div>
                      {receiving === p.id && (
                        <LotForm
                          product={p}
                          onCancel={() => setReceiving(null)}
                          onDone={() => {
                            setReceiving(null);
                            state.reload();
                          }}
                        />
                      )}
                      {mine.length === 0 ? (
                        <p class="muted small">No lot received yet.</p>
                      ) : (
                        <div class="table-wrap">
                          <table class="table table--compact table--stack" aria-label={`Lots of ${p.name}`}>
                            <thead>
                              <tr>
                                <th scope="col">Lot</th>
                                <th scope="col">Expires</th>
                                <th scope="col">Received</th>
                                <th scope="col" class="num">Quantity</th>
                                <th scope="col" class="num">Left</th>
                                <th scope="col">Status</th>
                                <th scope="col"><span class="sr-only">Recall</span></th>
                              </tr>
                            </thead>
                            <tbody>
                              {mine.map((l) => {
                                const st = lotStatus(l);
                                return (
                                  <tr key={l.id} data-lot={l.lot_number}>
                                    <td class="cell-title mono strong">{l.lot_number}</td>
                                    <td data-label="Expires">{fmtDate(l.expires_on)}</td>
                                    <td data-label="Received">{fmtDate(l.received_on)}</td>
                                    <td data-label="Quantity" class="num">{ml(l.quantity)}</td>
                                    <td data-label="Left" class="num" data-testid="remaining">{ml(l.remaining)}</td>
                                    <td data-label="Status"><Badge tone={st.tone}>{st.label}</Badge></td>
                                    <td class="cell-actions">
                                      <a class="btn btn--ghost btn--small" href={`/setup/recall?lot=${l.id}`} aria-label={`Recall lot ${l.lot_number}`}>Recall</a>
                                    </td>
                                  </tr>
                                );
                              })}
                            </tbody>
                          </table>
                        </div>
                      )}
                    </section>
                  );
                })}
              </div>
            )}
          </Card>
        )}
      </Async>
    </div>
  );
}

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
function fmtDate(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  return dateFmt.format(new Date(Date.UTC(y, m - 1, day)));
}

function ProductForm(props: { onCancel: () => void; onDone: (p: Product) => void }) {
  const notify = useToast();
  const [name, setName] = useState('');
  const [category, setCategory] = useState('');
  const [manufacturer, setManufacturer] = useState('');
  const [composition, setComposition] = useState('');
  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    check: () => blankFields({ name, category }, { name: 'Name the product.', category: 'Choose its category.' }),
    send: async () => {
      const body: Record<string, unknown> = { name: name.trim(), category };
      if (manufacturer.trim()) body.manufacturer = manufacturer.trim();
      if (composition.trim()) body.composition = composition.trim();
      const p = await api.post<Product>('/products', body);
      notify(`${p.name} added: now receive its first lot.`);
      props.onDone(p);
    },
  });
  return (
    <Card title="New product">
      <form ref={formRef} onSubmit={submit} noValidate class="stack" aria-label="New product">
        <FormError error={error} fields={['name', 'category', 'manufacturer', 'composition']} blank={blank} />
        <div class="form-grid form-grid--3">
          <TextField label="Name" name="name" value={name} onValue={setName} error={errorFor('name')} placeholder="e.g. Dermaheal HL" />
          <SelectField label="Category" name="category" value={category} onValue={setCategory} options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} placeholder="Choose…" error={errorFor('category')} />
          <TextField label="Manufacturer" name="manufacturer" optional value={manufacturer} onValue={setManufacturer} error={errorFor('manufacturer')} />
        </div>
        <TextAreaField label="Composition" name="composition" optional rows={2} value={composition} onValue={setComposition} error={errorFor('composition')} placeholder="e.g. Amino acids, vitamins B, copper peptide" />
        <div class="form-actions">
          <Button type="submit" busy={busy}>Add the product</Button>
          <Button variant="secondary" onClick={props.onCancel}>Cancel</Button>
        </div>
      </form>
    </Card>
  );
}

function LotForm(props: { product: Product; onCancel: () => void; onDone: (l: Lot) => void }) {
  const { clinic } = useSession();
  const notify = useToast();
  const [number, setNumber] = useState('');
  const [expires, setExpires] = useState('');
  const [quantity, setQuantity] = useState('');
  const [received, setReceived] = useState(clinic.today || '');
  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    check: () =>
      blankFields({ lot_number: number, expires_on: expires, quantity }, {
        lot_number: 'The lot number printed on the box.',
        expires_on: 'The expiry date printed on the box.',
        quantity: 'How many mL were received?',
      }),
    send: async () => {
      const q = decimal(quantity);
      const body: Record<string, unknown> = { lot_number: number.trim(), expires_on: expires, quantity: Number.isFinite(q) ? q : quantity };
      if (received) body.received_on = received;
      const l = await api.post<Lot>(`/products/${props.product.id}/lots`, body);
      notify(`Lot ${l.lot_number} of ${props.product.name} received: ${ml(l.quantity)}.`);
      props.onDone(l);
    },
  });
  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack inset-form" aria-label={`Receive a lot of ${props.product.name}`}>
      <FormError error={error} fields={['lot_number', 'expires_on', 'quantity', 'received_on']} blank={blank} />
      <div class="form-grid">
        <TextField label="Lot number" name="lot_number" value={number} onValue={setNumber} error={errorFor('lot_number')} />
        <TextField
          label="Expires on"
          name="expires_on"
          type="date"
          value={expires}
          onValue={setExpires}
          error={errorFor('expires_on')}
          hint={
            expires && clinic.today && expires < clinic.today
              ? 'Already expired: a lot is not taken in expired; if it came in before, give the day it was received (it is then recorded, never offered for a session).'
              : undefined
          }
        />
        <TextField label="Quantity (mL)" name="quantity" inputMode="text" value={quantity} onValue={setQuantity} error={errorFor('quantity')} hint="All the vials of this lot together." />
        <TextField label="Received on" name="received_on" type="date" max={clinic.today} value={received} onValue={setReceived} error={errorFor('received_on')} />
      </div>
      <div class="form-actions">
        <Button type="submit" busy={busy}>Receive the lot</Button>
        <Button variant="secondary" onClick={props.onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

/** The recall's sessions grouped by patient, in the order each patient first received the lot. */
function byPatient(items: Recipient[]): Recipient[][] {
  const groups = new Map<string, Recipient[]>();
  for (const x of items) {
    const g = groups.get(x.patient_id);
    if (g) g.push(x);
    else groups.set(x.patient_id, [x]);
  }
  return [...groups.values()];
}

/** One patient of a recall: their contact and every session that used the lot. */
function RecallRow({ sessions }: { sessions: Recipient[] }) {
  const { fmt } = useSession();
  const [first] = sessions;
  return (
    <tr data-patient={first.patient_id}>
      <td class="cell-title"><a href={`/patients/${first.patient_id}`} class="strong">{first.patient_name}</a></td>
      <td data-label="Contact">
        {first.phone || first.email ? (
          <span class="contact">
            {first.phone && <a href={telHref(first.phone)}>{first.phone}</a>}
            {first.email && <a href={`mailto:${first.email}`}>{first.email}</a>}
          </span>
        ) : (
          <span class="muted">none on record</span>
        )}
      </td>
      <td data-label="Sessions">
        {sessions.map((x, i) => (
          <span key={x.session_id}>
            {i > 0 && ', '}
            <a href={`/patients/${x.patient_id}/sessions/${x.session_id}`}>{fmt.day(x.performed_at)}</a>
          </span>
        ))}
      </td>
      <td data-label="Volume" class="num">{ml(sessions.reduce((t, x) => t + x.volume_ml, 0))}</td>
    </tr>
  );
}

/** Set-up › Recall: choose a lot, see every patient and session that received it. */
export function RecallPage() {
  const { fmt, can } = useSession();
  const lots = useAsync((signal) => api.get<Page<Lot>>('/lots', undefined, signal), []);
  const initial = new URLSearchParams(location.search).get('lot') || '';
  const [lotId, setLotId] = useState(initial);
  const recall = useAsync(async (signal) => (lotId ? api.get<Recall>(`/lots/${lotId}/recipients`, undefined, signal) : null), [lotId]);
  const choose = (id: string) => {
    setLotId(id);
    history.replaceState(null, '', id ? `/setup/recall?lot=${encodeURIComponent(id)}` : '/setup/recall');
  };
  return (
    <Card title="Recall of a lot">
      <Async state={lots} loading="Loading lots…">
        {(page) => {
          const lot = page.items.find((l) => l.id === lotId);
          return (
            <div class="stack">
              <p class="muted">Every patient and session that received a lot, for a manufacturer's recall or a suspected reaction.</p>
              <div class="form-grid">
                <SelectField
                  label="Lot"
                  name="lot_id"
                  value={lotId}
                  onValue={choose}
                  options={page.items.map((l) => ({ value: l.id, label: `${l.product_name} · lot ${l.lot_number} · expires ${fmt.date(l.expires_on)}${l.recalled_on ? ' · recalled' : ''}` }))}
                  placeholder="Choose a lot…"
                />
              </div>
              {lot && <LotRecall lot={lot} writer={can('clinical:write')} onChanged={lots.reload} />}
              {lotId && (
                <Async state={recall} loading="Finding every patient who received it…">
                  {(r) =>
                    !r ? null : r.items.length === 0 ? (
                      <EmptyState title={`No patient received lot ${r.lot_number}.`}>It has not been used in any charted session.</EmptyState>
                    ) : (
                      <div class="stack" data-testid="recall">
                        <p class="recall-summary">
                          Lot <strong class="mono">{r.lot_number}</strong>{lot && <> of {lot.product_name}</>}: <strong>{r.patients} {r.patients === 1 ? 'patient' : 'patients'}</strong>,{' '}
                          {r.items.length} {r.items.length === 1 ? 'session' : 'sessions'}.
                        </p>
                        <div class="table-wrap">
                          <table class="table table--stack" aria-label={`Recipients of lot ${r.lot_number}`}>
                            <thead>
                              <tr>
                                <th scope="col">Patient</th>
                                <th scope="col">Contact</th>
                                <th scope="col">Sessions with this lot</th>
                                <th scope="col" class="num">Volume</th>
                              </tr>
                            </thead>
                            <tbody>
                              {byPatient(r.items).map((sessions) => <RecallRow key={sessions[0].patient_id} sessions={sessions} />)}
                            </tbody>
                          </table>
                        </div>
                        <div class="form-actions">
                          <Button small variant="secondary" onClick={() => downloadCsv(r)}>Download the list (CSV)</Button>
                        </div>
                        <p class="muted small">One row per patient, with every session that used the lot. Opening this list is recorded in the audit trail.</p>
                      </div>
                    )
                  }
                </Async>
              )}
            </div>
          );
        }}
      </Async>
    </Card>
  );
}

/**
 * The lot's recall state: recalled (since when, why; taken back if entered
 * by mistake), or a reason and one click to stop its use from today.
 */
function LotRecall(props: { lot: Lot; writer: boolean; onChanged: () => void }) {
  const { fmt } = useSession();
  const notify = useToast();
  const { lot } = props;
  const [reason, setReason] = useState('');
  const [undoError, setUndoError] = useState<unknown>(null);
  const [undoing, setUndoing] = useState(false);
  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    check: () => blankFields({ reason }, { reason: 'Say why: the manufacturer’s notice, a suspected reaction…' }),
    send: async () => {
      await api.post<Lot>(`/lots/${lot.id}/recall`, { reason: reason.trim() });
      notify(`Lot ${lot.lot_number} recalled: it is no longer offered for sessions.`);
      setReason('');
      props.onChanged();
    },
    stays: true,
  });
  const takeBack = async () => {
    if (!confirm(`Take back the recall of lot ${lot.lot_number}? It will be offered for sessions again.`)) return;
    setUndoing(true);
    setUndoError(null);
    try {
      await api.del(`/lots/${lot.id}/recall`);
      notify(`The recall of lot ${lot.lot_number} was taken back.`);
      props.onChanged();
    } catch (e) {
      setUndoError(e);
    } finally {
      setUndoing(false);
    }
  };
  if (lot.recalled_on)
    return (
      <Alert tone="danger" title={`Lot ${lot.lot_number} recalled on ${fmt.date(lot.recalled_on)}`}>
        <p data-testid="lot-recalled">
          {lot.recall_reason}. It is not offered, nor accepted, for any session from that day; the sessions before keep it on their record.
        </p>
        {undoError !== null && <p class="text-danger small">{errorMessage(undoError)}</p>}
        {props.writer && (
          <div class="form-actions">
            <Button small variant="secondary" busy={undoing} onClick={takeBack}>Take back the recall</Button>
          </div>
        )}
      </Alert>
    );
  if (!props.writer) return null;
  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack inset-form" aria-label={`Recall lot ${lot.lot_number}`}>
      <FormError error={error} fields={['reason']} blank={blank} />
      <TextField
        label="Stop using this lot"
        name="reason"
        value={reason}
        onValue={setReason}
        error={errorFor('reason')}
        placeholder="Why, e.g. manufacturer's recall notice 2026-014"
        hint="From today it is no longer offered, nor accepted, for a session. The patients below received it before."
      />
      <div class="form-actions">
        <Button type="submit" variant="danger" busy={busy}>Recall lot {lot.lot_number}</Button>
      </div>
    </form>
  );
}

/** The recall list as a spreadsheet: one row per session, with how to reach the patient. */
function downloadCsv(r: Recall) {
  // A cell a spreadsheet would read as a formula (=, +, -, @: "+34 611…", or
  // a name typed to inject one) is kept as text with a leading apostrophe.
  const cell = (v: unknown) => {
    let t = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(t)) t = `'${t}`;
    return /[",\n;']/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const rows = [
    ['Patient', 'Phone', 'Email', 'Session', 'Volume (mL)'],
    ...r.items.map((x) => [x.patient_name, x.phone, x.email, x.performed_at, x.volume_ml]),
  ];
  const blob = new Blob([rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'], { type: 'text/csv' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `recall-lot-${r.lot_number}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href)); // once the download has its copy
}
