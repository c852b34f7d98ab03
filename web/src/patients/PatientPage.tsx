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
import { AdverseEventsTab } from '../adverse/AdverseEventsTab';
import { AftercareView } from '../aftercare/AftercareView';
import { OutcomesTab } from '../outcomes/OutcomesTab';
import { ChartSessionPage } from '../sessions/ChartSessionPage';
import { SessionRecordPage, SessionsTab } from '../sessions/SessionRecord';
import { PortalInviteCard, PortalStatusCard } from '../portal/InviteCard';

const TABS = ['details', 'screening', 'assessment', 'course', 'chart', 'sessions', 'side-effects', 'outcomes', 'aftercare'];

export function PatientPage() {
  const { params } = useRoute();
  const id = params.id;
  const tab = params.tab || 'details';
  const item = params.item;
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
                ...(scheduling ? [{ href: `${base}/course`, label: 'Course', current: tab === 'course' || tab === 'chart' }] : []),
                ...(clinical
                  ? [
                      { href: `${base}/sessions`, label: 'Sessions', current: tab === 'sessions' },
                      { href: `${base}/side-effects`, label: 'Side effects', current: tab === 'side-effects' },
                      { href: `${base}/outcomes`, label: 'Outcomes', current: tab === 'outcomes' },
                    ]
                  : []),
                ...(scheduling ? [{ href: `${base}/aftercare`, label: 'Aftercare', current: tab === 'aftercare' }] : []),
              ]}
            />
            <div class="tab-panel">
              {tab === 'details' && (
                <div class="stack-lg">
                  <DetailsTab patient={p} onSaved={patient.setData} onReload={patient.reload} />
                  {can('clinical:read') ? <PortalInviteCard patient={p} /> : <PortalStatusCard patient={p} />}
                </div>
              )}
              {tab === 'screening' &&
                (clinical ? <ScreeningTab patientId={id} sex={p.sex} onChanged={() => setRevision((r) => r + 1)} /> : <NoClinicalAccess />)}
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
              {tab === 'chart' &&
                (can('clinical:write') && item ? (
                  <ChartSessionPage patient={p} appointmentId={item} />
                ) : (
                  <ErrorState title="Not available to your role" error={new Error('Sessions are charted by clinicians.')} />
                ))}
              {tab === 'sessions' &&
                (!clinical ? <NoClinicalAccess /> : item ? <SessionRecordPage patient={p} sessionId={item} /> : <SessionsTab patient={p} />)}
              {tab === 'side-effects' && (clinical ? <AdverseEventsTab patient={p} onChanged={() => setRevision((r) => r + 1)} /> : <NoClinicalAccess />)}
              {tab === 'outcomes' && (clinical ? <OutcomesTab patient={p} /> : <NoClinicalAccess />)}
              {tab === 'aftercare' &&
                (scheduling ? (
                  <AftercareView patientId={p.id} canMark={can('scheduling:write')} />
                ) : (
                  <ErrorState title="Not available to your role" error={new Error('Aftercare is visible to clinic staff.')} />
                ))}
              {!TABS.includes(tab) && (
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
      error={new Error('Clinical records (screening, assessment, sessions, side effects, outcomes) are visible to clinicians and administrators only.')}
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
      const expired = !screening && screenings.items.length > 0 ? screenings.items[0] : null;
      return { screening, expired, assessment: assessments.items[0] || null };
    },
    [patientId, revision],
  );
  if (!state.data) return null;
  const { screening, expired, assessment } = state.data;
  return (
    <dl class="summary" aria-label="Clinical status">
      <div>
        <dt>Screening</dt>
        <dd>
          {screening ? (
            <>
              <OutcomeBadge screening={screening} />
              <span class="muted small">valid until {fmt.date(screening.expires_on)}</span>
            </>
          ) : expired ? (
            <>
              <Badge tone="warning">Expired</Badge>
              <span class="muted small">on {fmt.date(expired.expires_on)}; screen again</span>
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
