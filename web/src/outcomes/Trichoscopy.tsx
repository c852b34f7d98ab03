// Automated trichoscopy: upload an image of the marked site with its scale,
// watch it upload and be analysed, then read the figures beside the overlay
// (each hair drawn with its number and width). A second image of the same
// site 2-3 days after clipping gives the anagen share.
import { useState } from 'preact/hooks';
import { api, upload } from '../api/client';
import type { Page, Patient, Progress as PatientProgress, Trichoscopy } from '../api/types';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Alert, Badge, EmptyState, FormError, Progress } from '../ui/feedback';
import { FileField, MAX_IMAGE_BYTES, TextField } from '../ui/fields';
import { ReasonDialog } from '../ui/ReasonDialog';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';
import { figure, implausible } from './labels';

const SITES = ['vertex', 'frontal', 'mid_scalp', 'left_temporal', 'right_temporal', 'left_parietal', 'right_parietal', 'occipital'];

/** `progress`: the patient's series, to question a figure far from its baseline. */
export function TrichoscopyCard({ patient, progress, onMeasured }: { patient: Patient; progress?: PatientProgress | null; onMeasured: () => void }) {
  const { can, fmt } = useSession();
  const list = useAsync((signal) => api.get<Page<Trichoscopy>>(`/patients/${patient.id}/trichoscopy`, undefined, signal), [patient.id]);
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const writer = can('clinical:write');

  return (
    <Card title="Trichoscopy" actions={writer && !adding && <Button small onClick={() => setAdding(true)}>Analyse an image</Button>}>
      <div class="stack">
        {adding && (
          <TrichoscopyUpload
            patient={patient}
            onCancel={() => setAdding(false)}
            onDone={(t) => {
              setAdding(false);
              setSelected(t.id);
              list.reload();
              onMeasured();
            }}
          />
        )}
        <Async state={list} loading="Loading analyses…">
          {(page) => {
            // Newest shot first (by the date taken, then by upload): an image
            // entered later for an earlier visit takes its place in time.
            const items = [...page.items].sort((a, b) =>
              a.taken_on !== b.taken_on ? (a.taken_on < b.taken_on ? 1 : -1) : a.created_at < b.created_at ? 1 : -1,
            );
            const current = selected || items[0]?.id || null;
            if (items.length === 0 && !adding) {
              return (
                <EmptyState title="No image analysed yet.">
                  Upload a dermatoscope image of the marked site with its scale (micrometres per pixel): anagen counts the hairs, measures each shaft
                  and records density, diameters, vellus share and cumulative thickness as measurements.
                </EmptyState>
              );
            }
            return (
              <div class="stack">
                {current && <AnalysisView key={current} id={current} progress={progress} onMeasured={() => { list.reload(); onMeasured(); }} />}
                {items.length > 1 && (
                  <div class="table-wrap">
                    <table class="table table--compact table--stack" aria-label="Earlier analyses">
                      <thead>
                        <tr>
                          <th scope="col">Taken</th>
                          <th scope="col">Site</th>
                          <th scope="col" class="num">Hairs</th>
                          <th scope="col" class="num">Density</th>
                          <th scope="col" class="num">Mean diameter</th>
                          <th scope="col" class="num">Anagen</th>
                          <th scope="col"><span class="sr-only">Open</span></th>
                        </tr>
                      </thead>
                      <tbody>
                        {items.map((t) => (
                          <tr key={t.id} data-taken-on={t.taken_on} class={[t.id === current ? 'is-selected' : '', t.entered_in_error ? 'is-withdrawn' : ''].join(' ')}>
                            <td class="cell-title">
                              {fmt.date(t.taken_on)} {t.entered_in_error && <Badge tone="danger" title={t.entered_in_error.reason}>Entered in error</Badge>}
                            </td>
                            <td data-label="Site">{siteLabel(t.site)}</td>
                            <td data-label="Hairs" class="num">{t.result.hair_count}</td>
                            <td data-label="Density" class="num">{figure(t.result.density_per_cm2)}</td>
                            <td data-label="Mean diameter" class="num">{t.result.hair_count > 0 ? `${figure(t.result.mean_diameter_um)} µm` : '—'}</td>
                            <td data-label="Anagen" class="num">{t.result.anagen_percent != null ? `${figure(t.result.anagen_percent)}%` : '—'}</td>
                            <td class="cell-actions">
                              {t.id !== current && <Button small variant="ghost" onClick={() => setSelected(t.id)} aria-label={`Open the analysis of ${fmt.date(t.taken_on)} (${t.site})`}>Open</Button>}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </div>
            );
          }}
        </Async>
      </div>
    </Card>
  );
}

function siteLabel(site: string): string {
  const s = site.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

type Phase = { share: number | null } | null;

function phaseLabel(p: Phase, working: string): string {
  if (!p) return '';
  return p.share === null ? working : 'Uploading the image…';
}

function TrichoscopyUpload(props: { patient: Patient; onCancel: () => void; onDone: (t: Trichoscopy) => void }) {
  const { clinic } = useSession();
  const notify = useToast();
  const [site, setSite] = useState('vertex');
  const [scale, setScale] = useState('');
  const [takenOn, setTakenOn] = useState(clinic.today || '');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>(null);
  const { formRef, error, blank, submit, errorFor } = useFormSubmit({
    check: () => {
      const missing: Record<string, string> = {};
      if (!site.trim()) missing.site = 'Which marked site?';
      if (!scale.trim()) missing.um_per_px = 'The image scale, from the dermatoscope’s calibration.';
      if (!file) missing.body = 'Choose the image (JPEG or PNG).';
      return missing;
    },
    send: async () => {
      setPhase({ share: 0 });
      try {
        const t = await upload<Trichoscopy>(
          `/patients/${props.patient.id}/trichoscopy`,
          { site: site.trim(), um_per_px: scale.trim().replace(',', '.'), taken_on: takenOn },
          file!,
          (share) => setPhase({ share }),
        );
        notify(`Image analysed: ${t.result.hair_count} hairs, ${figure(t.result.density_per_cm2)} per cm².`);
        props.onDone(t);
      } catch (err) {
        setPhase(null);
        throw err;
      }
    },
  });
  const busy = phase !== null;
  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack inset-form" aria-label="Analyse a trichoscopy image">
      <FormError error={error} fields={['site', 'um_per_px', 'taken_on', 'body']} blank={blank} />
      <div class="form-grid">
        <TextField label="Site" name="site" list="trichoscopy-sites" value={site} onValue={setSite} hint="The marked site, the same every time (e.g. vertex)." error={errorFor('site')} disabled={busy} />
        <TextField label="Scale (µm per pixel)" name="um_per_px" inputMode="text" value={scale} onValue={setScale} hint="From the dermatoscope’s calibration, e.g. 6.5." error={errorFor('um_per_px')} disabled={busy} />
        <TextField label="Taken on" name="taken_on" type="date" max={clinic.today} value={takenOn} onValue={setTakenOn} error={errorFor('taken_on')} disabled={busy} />
        <FileField label="Image" name="body" maxBytes={MAX_IMAGE_BYTES} accept="image/jpeg,image/png" onFile={setFile} hint="JPEG or PNG, up to 25 MB." error={errorFor('body')} disabled={busy} />
      </div>
      <datalist id="trichoscopy-sites">{SITES.map((s) => <option key={s} value={s} />)}</datalist>
      {busy && <Progress label={phaseLabel(phase, 'Analysing the image: finding and measuring each hair…')} share={phase!.share} testId="analysis-progress" />}
      <div class="form-actions">
        <Button type="submit" busy={busy}>{busy ? 'Analysing…' : 'Analyse'}</Button>
        <Button variant="secondary" onClick={props.onCancel} disabled={busy}>Cancel</Button>
      </div>
    </form>
  );
}

function AnalysisView({ id, progress, onMeasured }: { id: string; progress?: PatientProgress | null; onMeasured: () => void }) {
  const { fmt, can } = useSession();
  const state = useAsync((signal) => api.get<Trichoscopy>(`/trichoscopy/${id}`, undefined, signal), [id]);
  const [showOriginal, setShowOriginal] = useState(false);
  const [marking, setMarking] = useState(false);
  return (
    <Async state={state} loading="Loading the analysis…">
      {(t) => {
        const r = t.result;
        const version = `?v=${t.paired ? 'paired' : 'single'}`;
        return (
          <section class="analysis" data-testid="trichoscopy-result" aria-label={`Analysis of ${fmt.date(t.taken_on)}`}>
            <div class="analysis-figures">
              <h3 class="subheading">
                {siteLabel(t.site)}, {fmt.date(t.taken_on)} {t.paired && <Badge tone="info">Paired, {t.hours} h</Badge>}
              </h3>
              {t.entered_in_error && (
                <Alert tone="warning" title="Entered in error">
                  {t.entered_in_error.reason} (marked {fmt.dateTime(t.entered_in_error.at)}). Its figures are no longer measurements of this patient;
                  the image and result stay on record.
                </Alert>
              )}
              <dl class={t.entered_in_error ? 'figures figures--withdrawn' : 'figures'}>
                <div><dt>Hairs counted</dt><dd data-figure="hair_count">{r.hair_count}</dd></div>
                <div><dt>Area</dt><dd>{figure(r.area_cm2, 3)} cm²</dd></div>
                <div><dt>Density</dt><dd data-figure="density">{figure(r.density_per_cm2)} <span>/cm²</span></dd></div>
                <div><dt>Terminal density</dt><dd>{figure(r.terminal_density)} <span>/cm²</span></dd></div>
                {/* Without hairs there is no diameter or share to give, not a zero. */}
                <div><dt>Mean diameter</dt><dd data-figure="mean_diameter">{r.hair_count > 0 ? <>{figure(r.mean_diameter_um)} <span>µm</span></> : '—'}</dd></div>
                <div><dt>Vellus hairs</dt><dd data-figure="vellus">{r.hair_count > 0 ? <>{figure(r.vellus_percent)}<span>%</span></> : '—'}</dd></div>
                <div><dt>Cumulative thickness</dt><dd>{figure(r.cumulative_thickness_mm, 2)} <span>mm/cm²</span></dd></div>
                <div>
                  <dt>Anagen hairs</dt>
                  <dd data-figure="anagen">{r.anagen_percent != null ? <>{figure(r.anagen_percent)}<span>%</span></> : <span class="muted">needs a 2nd image</span>}</dd>
                  {/* What the share is of: only the hairs followed between the shots. */}
                  {r.anagen_classified != null && (
                    <dd class="figure-note" data-figure="anagen_classified">of {r.anagen_classified} {r.anagen_classified === 1 ? 'hair' : 'hairs'} followed</dd>
                  )}
                </div>
              </dl>
              {!t.entered_in_error && r.hair_count === 0 && (
                <Alert tone="warning" title="No hair found">
                  Check the focus, the scale ({figure(t.um_per_px, 3)} µm per pixel) and that the image shows the marked site. Nothing was recorded as a measurement;
                  mark it entered in error and analyse a better image.
                </Alert>
              )}
              {!t.entered_in_error && r.hair_count > 0 && (() => {
                // Questioned as a typed figure would be: far from its baseline, the image or its scale may be wrong.
                const series = progress?.series.density;
                const others = series && { ...series, points: series.points.filter((p) => p.trichoscopy_id !== t.id) };
                const far = implausible('density', r.density_per_cm2, t.site, t.taken_on, others, fmt.date);
                return far && (
                  <Alert tone="warning" title="Check this analysis">
                    <span data-testid="trichoscopy-far">{far}</span> Check the image and its scale; if it is wrong, mark it entered in error.
                  </Alert>
                );
              })()}
              {!t.entered_in_error && r.hair_count > 0 && (
                <p class="small muted">Scale {figure(t.um_per_px, 3)} µm per pixel. The figures are recorded as measurements of this site and appear in the charts above.</p>
              )}
              {!t.paired && !t.entered_in_error && r.hair_count > 0 && can('clinical:write') && (
                <SecondImage
                  trichoscopy={t}
                  onDone={(u) => {
                    state.setData(u);
                    onMeasured();
                  }}
                />
              )}
              {!t.entered_in_error && can('clinical:write') && (
                <div>
                  <Button small variant="ghost" onClick={() => setMarking(true)}>Entered in error…</Button>
                </div>
              )}
              {marking && (
                <EnteredInErrorDialog
                  trichoscopy={t}
                  onClose={() => setMarking(false)}
                  onDone={(u) => {
                    setMarking(false);
                    state.setData(u);
                    onMeasured();
                  }}
                />
              )}
            </div>
            <figure class="analysis-image">
              {/* A tap opens it at full size (a phone shows it small). */}
              <a href={showOriginal ? t.image_url : t.overlay_url} target="_blank" rel="noopener">
                <img
                  src={(showOriginal ? t.image_url : t.overlay_url) + version}
                  alt={showOriginal ? 'The image as uploaded' : `Overlay: ${r.hair_count} hairs detected, each numbered with its width`}
                  data-testid={showOriginal ? 'trichoscopy-image' : 'trichoscopy-overlay'}
                />
              </a>
              <figcaption class="small">
                <Button small variant="ghost" onClick={() => setShowOriginal((v) => !v)}>{showOriginal ? 'Show the overlay' : 'Show the original'}</Button>
                <a href={showOriginal ? t.image_url : t.overlay_url} target="_blank" rel="noopener">Open full size</a>
              </figcaption>
            </figure>
          </section>
        );
      }}
    </Async>
  );
}

function SecondImage({ trichoscopy: t, onDone }: { trichoscopy: Trichoscopy; onDone: (t: Trichoscopy) => void }) {
  const notify = useToast();
  const [open, setOpen] = useState(false);
  const [hours, setHours] = useState('60');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>(null);
  const { formRef, error, blank, submit, errorFor } = useFormSubmit({
    check: () => {
      const missing: Record<string, string> = {};
      if (!hours.trim()) missing.hours = 'Hours between the two images.';
      if (!file) missing.body = 'Choose the second image.';
      return missing;
    },
    send: async () => {
      setPhase({ share: 0 });
      try {
        const u = await upload<Trichoscopy>(`/trichoscopy/${t.id}/second`, { hours: hours.trim() }, file!, (share) => setPhase({ share }));
        notify(u.result.anagen_percent != null ? `Anagen share: ${figure(u.result.anagen_percent)}%.` : 'Second image analysed.');
        onDone(u);
      } catch (err) {
        setPhase(null);
        throw err;
      }
    },
  });

  if (!open) {
    return (
      <div class="second-image-cta">
        <Button small variant="secondary" onClick={() => setOpen(true)}>Add second image</Button>
        <span class="small muted">The same site 2-3 days after clipping gives the share of growing (anagen) hairs.</span>
      </div>
    );
  }
  const busy = phase !== null;
  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack inset-form" aria-label="Add the second image">
      <FormError error={error} fields={['hours', 'body']} blank={blank} />
      <div class="form-grid">
        <TextField label="Hours after the first image" name="hours" inputMode="numeric" size="short" value={hours} onValue={setHours} hint="12 to 168; usually 48 to 72." error={errorFor('hours')} disabled={busy} />
        <FileField label="Second image" name="body" maxBytes={MAX_IMAGE_BYTES} accept="image/jpeg,image/png" onFile={setFile} hint="Same site and size as the first." error={errorFor('body')} disabled={busy} />
      </div>
      {busy && <Progress label={phaseLabel(phase, 'Comparing the two images: which hairs grew…')} share={phase!.share} testId="analysis-progress" />}
      <div class="form-actions">
        <Button type="submit" busy={busy}>{busy ? 'Analysing…' : 'Analyse the pair'}</Button>
        <Button variant="secondary" onClick={() => setOpen(false)} disabled={busy}>Cancel</Button>
      </div>
    </form>
  );
}

// Wrong patient, site or scale: the analysis and its measurements leave every
// figure; the image and result stay on record, marked, with the reason.
function EnteredInErrorDialog(props: { trichoscopy: Trichoscopy; onClose: () => void; onDone: (t: Trichoscopy) => void }) {
  const notify = useToast();
  return (
    <ReasonDialog
      title="Mark this analysis entered in error"
      warning={
        <>
          Its figures (density, diameters, vellus share{props.trichoscopy.paired ? ', anagen share' : ''}) leave the measurements and the progress charts. The
          image and result stay on record, marked with your reason. Upload the image again if it was the scale or site that was wrong.
        </>
      }
      placeholder="e.g. Wrong scale: the 20× lens is 5.1 µm per pixel, not 6.5."
      act="Mark entered in error"
      keep="Cancel"
      run={(reason) => api.post<Trichoscopy>(`/trichoscopy/${props.trichoscopy.id}/entered-in-error`, { reason })}
      onDone={(u) => {
        notify(`Analysis marked entered in error; ${u.measurements_withdrawn ?? 0} measurements withdrawn.`);
        props.onDone(u);
      }}
      onClose={props.onClose}
    />
  );
}
