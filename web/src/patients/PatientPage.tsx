// One patient: a header with who they are and where they stand clinically,
// and tabs for details, screening and assessment (clinical tabs only for
// roles with clinical:read), and the course (plans and appointments).
import { useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Assessment, Page, Patient, Screening } from '../api/types';
import { AssessmentTab } from '../assessment/AssessmentTab';
import { CourseTab } from '../plans/CourseTab';
import { ScreeningTab } from '../screening/ScreeningTab';
import { OutcomeBadge } from '../screening/badges';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Badge, ErrorState } from '../ui/feedback';
import { fullName, SEX_LABELS } from '../ui/format';
import { PageHeader, TabNav } from '../ui/Page';
import { useAsync } from '../ui/useAsync';
import { DetailsTab } from './DetailsTab';

export function PatientPage() {
  const { params } = useRoute();
  const id = params.id;
  const tab = params.tab || 'details';
  const { can } = useSession();
  const patient = useAsync((signal) => api.get<Patient>(`/patients/${id}`, undefined, signal), [id]);
  const [revision, setRevision] = useState(0);
  const clinical = can('clinical:read');
  const scheduling = can('scheduling:read');
  const base = `/patients/${id}`;

  return (
    <div class="page">
      <Async state={patient} loading="Loading patient…">
        {(p) => (
          <>
            <PageHeader
              crumb={{ href: '/patients', label: 'Patients' }}
              title={fullName(p)}
              subtitle={<PatientFacts patient={p} />}
              actions={clinical ? <ClinicalSummary patientId={id} revision={revision} /> : undefined}
            />
            <TabNav
              label="Patient record"
              tabs={[
                { href: base, label: 'Details', current: tab === 'details' },
                ...(clinical
                  ? [
                      { href: `${base}/screening`, label: 'Screening', current: tab === 'screening' },
                      { href: `${base}/assessment`, label: 'Assessment', current: tab === 'assessment' },
                    ]
                  : []),
                ...(scheduling ? [{ href: `${base}/course`, label: 'Course', current: tab === 'course' }] : []),
              ]}
            />
            <div class="tab-panel">
              {tab === 'details' && <DetailsTab patient={p} onSaved={patient.setData} onReload={patient.reload} />}
              {tab === 'screening' &&
                (clinical ? <ScreeningTab patientId={id} onChanged={() => setRevision((r) => r + 1)} /> : <NoClinicalAccess />)}
              {tab === 'assessment' &&
                (clinical ? (
                  <AssessmentTab patient={p} onChanged={() => setRevision((r) => r + 1)} />
                ) : (
                  <NoClinicalAccess />
                ))}
              {tab === 'course' &&
                (scheduling ? (
                  <CourseTab patient={p} onChanged={() => setRevision((r) => r + 1)} />
                ) : (
                  <ErrorState title="Not available to your role" error={new Error('Courses are visible to clinic staff who book or treat.')} />
                ))}
              {!['details', 'screening', 'assessment', 'course'].includes(tab) && (
                <ErrorState title="Not found" error={new Error(`This patient record has no “${tab}” section.`)} />
              )}
            </div>
          </>
        )}
      </Async>
    </div>
  );
}

function PatientFacts({ patient: p }: { patient: Patient }) {
  const { fmt } = useSession();
  return (
    <span class="facts">
      <span>{p.age} years</span>
      <span>{SEX_LABELS[p.sex] || p.sex}</span>
      <span>Born {fmt.date(p.birth_date)}</span>
    </span>
  );
}

function NoClinicalAccess() {
  return (
    <ErrorState
      title="Not available to your role"
      error={new Error('Screenings and assessments are visible to clinicians and administrators only.')}
    />
  );
}

/** Current screening outcome and latest candidacy, at a glance. */
function ClinicalSummary({ patientId, revision }: { patientId: string; revision: number }) {
  const { fmt } = useSession();
  const state = useAsync(
    async (signal) => {
      // The list, not /screenings/current: "not screened yet" is a normal
      // state, not a failed (404) read in the audit trail.
      const [screenings, assessments] = await Promise.all([
        api.get<Page<Screening>>(`/patients/${patientId}/screenings`, undefined, signal),
        api.get<Page<Assessment>>(`/patients/${patientId}/assessments`, { limit: 1 }, signal),
      ]);
      const screening = screenings.items.find((s) => s.current) || null;
      return { screening, assessment: assessments.items[0] || null };
    },
    [patientId, revision],
  );
  if (!state.data) return null;
  const { screening, assessment } = state.data;
  return (
    <dl class="summary" aria-label="Clinical status">
      <div>
        <dt>Screening</dt>
        <dd>
          {screening ? (
            <>
              <OutcomeBadge screening={screening} />
              <span class="muted small">until {fmt.date(screening.expires_on)}</span>
            </>
          ) : (
            <Badge>Not screened</Badge>
          )}
        </dd>
      </div>
      <div>
        <dt>Candidate</dt>
        <dd>
          {assessment ? (
            <Badge tone={assessment.candidate ? 'success' : 'danger'}>{assessment.candidate ? 'Yes' : 'No'}</Badge>
          ) : (
            <Badge>Not assessed</Badge>
          )}
        </dd>
      </div>
    </dl>
  );
}
