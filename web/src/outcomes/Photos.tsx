// Standard photographs: upload one (view and date), and compare two dates
// side by side, view by view.
import { useEffect, useState } from 'preact/hooks';
import { api, upload } from '../api/client';
import type { Photo, PhotoView } from '../api/types';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { EmptyState, FormError, Progress } from '../ui/feedback';
import { FileField, MAX_IMAGE_BYTES, SelectField, TextField } from '../ui/fields';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';
import { VIEWS } from './labels';

type ByView = Partial<Record<PhotoView, Photo[]>>;

// `patient` words it for the patient's own portal (read only there).
export function PhotosCard({ patientId, patient }: { patientId: string; patient?: boolean }) {
  const { can } = useSession();
  const all = useAsync((signal) => api.get<{ views: ByView }>(`/patients/${patientId}/photos`, undefined, signal), [patientId]);
  const [adding, setAdding] = useState(false);
  return (
    <Card
      title={patient ? 'Your photos' : 'Standard photos'}
      actions={can('clinical:write') && !adding && <Button small onClick={() => setAdding(true)}>Upload a photo</Button>}
    >
      <div class="stack">
        {adding && <PhotoUpload patientId={patientId} onCancel={() => setAdding(false)} onDone={() => all.reload()} />}
        <Async state={all} loading="Loading photos…">
          {(data) => <Compare patientId={patientId} views={data.views} patient={patient} />}
        </Async>
      </div>
    </Card>
  );
}

function datesOf(views: ByView): string[] {
  const s = new Set<string>();
  for (const list of Object.values(views)) for (const p of list || []) s.add(p.taken_on);
  return [...s].sort();
}

function Compare({ patientId, views, patient }: { patientId: string; views: ByView; patient?: boolean }) {
  const { fmt } = useSession();
  const dates = datesOf(views);
  const [a, setA] = useState(dates[0] || '');
  const [b, setB] = useState(dates[dates.length - 1] || '');
  const [picked, setPicked] = useState(false);
  // New dates (an upload) move the pair to the first and the latest, unless
  // the person chose the dates to compare and those are still there.
  useEffect(() => {
    if (!picked || !dates.includes(a)) setA(dates[0] || '');
    if (!picked || !dates.includes(b)) setB(dates[dates.length - 1] || '');
  }, [dates.join()]);
  const pick = (set: (d: string) => void) => (d: string) => {
    setPicked(true);
    set(d);
  };
  const pair = useAsync(
    async (signal) => (a && b ? api.get<{ views: ByView }>(`/patients/${patientId}/photos`, { dates: `${a},${b}` }, signal) : null),
    [a, b, dates.join()],
  );

  if (dates.length === 0) {
    return patient ? (
      <EmptyState title="No photos yet.">Your clinic photographs your scalp at the start of the course and at each evaluation; they will show here to compare.</EmptyState>
    ) : (
      <EmptyState title="No photos yet.">Upload the standard views (frontal, vertex, top, left, right) at the start and at each evaluation.</EmptyState>
    );
  }
  const options = dates.map((d) => ({ value: d, label: fmt.date(d) }));
  return (
    <div class="stack">
      {dates.length > 1 ? (
        <div class="form-grid form-grid--3 compare-pick">
          <SelectField label="Compare" name="date_a" value={a} onValue={pick(setA)} options={options} />
          <SelectField label="with" name="date_b" value={b} onValue={pick(setB)} options={options} />
          <p class="muted small compare-note">{dates.length} dates with photos.</p>
        </div>
      ) : (
        <p class="muted small compare-note">{patient ? 'Only one date so far: the next photos will show beside these.' : 'Only one date so far: upload the same views on another day to compare.'}</p>
      )}
      <Async state={pair} loading="Loading the photos…">
        {(data) => {
          const got = data?.views || {};
          const rows = VIEWS.filter((v) => (got[v.value] || []).length > 0);
          if (rows.length === 0) return <EmptyState title="No photo on these dates." />;
          // One date chosen twice shows one column.
          const single = a === b ? ' photo-row--single' : '';
          return (
            <div class="photo-compare" data-testid="photo-compare">
              <div class={`photo-row photo-row--head${single}`} aria-hidden="true">
                <span />
                <span class="photo-date">{fmt.date(a)}</span>
                {a !== b && <span class="photo-date">{fmt.date(b)}</span>}
              </div>
              {rows.map((v) => {
                const list = got[v.value] || [];
                const left = list.filter((p) => p.taken_on === a).pop();
                const right = list.filter((p) => p.taken_on === b).pop();
                return (
                  <section key={v.value} class={`photo-row${single}`} aria-label={`${v.label} view`} data-view={v.value}>
                    <h3 class="photo-view">{v.label}</h3>
                    <PhotoCell photo={left} view={v.label} date={a} />
                    {a !== b && <PhotoCell photo={right} view={v.label} date={b} />}
                  </section>
                );
              })}
            </div>
          );
        }}
      </Async>
    </div>
  );
}

function PhotoCell({ photo, view, date }: { photo?: Photo; view: string; date: string }) {
  const { fmt } = useSession();
  if (!photo) {
    return <div class="photo-cell photo-cell--empty"><span class="muted small">{`No ${view.toLowerCase()} photo on ${fmt.date(date)}`}</span></div>;
  }
  return (
    <figure class="photo-cell" data-date={photo.taken_on}>
      <a href={photo.url} target="_blank" rel="noopener">
        <img src={photo.url} alt={`${view}, ${fmt.date(photo.taken_on)}`} width={photo.width} height={photo.height} loading="lazy" />
      </a>
      <figcaption class="small muted">{fmt.date(photo.taken_on)} · {photo.width}×{photo.height}</figcaption>
    </figure>
  );
}

function PhotoUpload(props: { patientId: string; onCancel: () => void; onDone: (p: Photo) => void }) {
  const { clinic, fmt } = useSession();
  const notify = useToast();
  const [view, setView] = useState<PhotoView | ''>('');
  const [takenOn, setTakenOn] = useState(clinic.today || '');
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [share, setShare] = useState<number | null | undefined>(undefined);
  const { formRef, error, blank, submit, errorFor } = useFormSubmit({
    check: () => {
      const missing: Record<string, string> = {};
      if (!view) missing.view = 'Which view is it?';
      if (!file) missing.body = 'Choose the photo (JPEG or PNG).';
      return missing;
    },
    send: async () => {
      setShare(0);
      try {
        const p = await upload<Photo>(`/patients/${props.patientId}/photos`, { view, taken_on: takenOn }, file!, setShare);
        notify(`${VIEWS.find((v) => v.value === p.view)?.label} photo of ${fmt.date(p.taken_on)} saved.`);
        setFile(null);
        setFileKey((k) => k + 1);
        props.onDone(p);
      } finally {
        setShare(undefined);
      }
    },
  });
  const busy = share !== undefined;
  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack inset-form" aria-label="Upload a photo">
      <FormError error={error} fields={['view', 'taken_on', 'body']} blank={blank} />
      <div class="form-grid form-grid--3">
        <SelectField label="View" name="view" value={view} onValue={(v) => setView(v as PhotoView)} options={VIEWS} placeholder="Choose…" error={errorFor('view')} />
        <TextField label="Taken on" name="taken_on" type="date" max={clinic.today} value={takenOn} onValue={setTakenOn} error={errorFor('taken_on')} />
        <FileField label="Photo" name="body" maxBytes={MAX_IMAGE_BYTES} accept="image/jpeg,image/png" fileKey={fileKey} onFile={setFile} hint="JPEG or PNG, up to 25 MB." error={errorFor('body')} disabled={busy} />
      </div>
      {busy && <Progress label={share === null ? 'Saving the photo…' : 'Uploading the photo…'} share={share} testId="photo-progress" />}
      <div class="form-actions">
        <Button type="submit" busy={busy}>Upload</Button>
        <Button variant="secondary" onClick={props.onCancel} disabled={busy}>Done</Button>
      </div>
    </form>
  );
}
