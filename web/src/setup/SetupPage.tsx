// Clinic set-up: a section per concern, each guarded by the permission its
// API needs (receptionists and clinicians see practitioners' time off,
// holidays and protocols; editing hours and protocols is for admins).
import { useLocation, useRoute } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import type { Permission } from '../api/types';
import { AuditPage } from '../audit/AuditPage';
import { ClinicSettings } from '../clinic/ClinicSettings';
import { HolidaysPage } from '../practitioners/HolidaysPage';
import { PractitionersPage } from '../practitioners/PractitionersPage';
import { ProtocolsPage } from '../protocols/ProtocolsPage';
import { RulesPage } from '../screening/RulesPage';
import { useSession } from '../session/session';
import { ErrorState } from '../ui/feedback';
import { PageHeader, TabNav } from '../ui/Page';
import { UsersPage } from '../users/UsersPage';
import { AftercareDefaultsPage } from '../aftercare/DefaultsPage';
import { OutboxPage } from '../outbox/OutboxPage';
import { ProductsPage, RecallPage } from '../products/ProductsPage';
import { AdverseEventReportPage } from '../reports/AdverseEventReport';

const SECTIONS: { key: string; label: string; permission: Permission; component: () => preact.JSX.Element }[] = [
  { key: 'clinic', label: 'Clinic', permission: 'clinic:write', component: ClinicSettings },
  { key: 'users', label: 'Users and roles', permission: 'users:manage', component: UsersPage },
  { key: 'practitioners', label: 'Practitioners', permission: 'scheduling:read', component: PractitionersPage },
  { key: 'holidays', label: 'Holidays', permission: 'scheduling:read', component: HolidaysPage },
  { key: 'protocols', label: 'Protocols', permission: 'scheduling:read', component: ProtocolsPage },
  { key: 'screening-rules', label: 'Screening rules', permission: 'clinic:write', component: RulesPage },
  { key: 'products', label: 'Products and lots', permission: 'clinical:read', component: ProductsPage },
  { key: 'recall', label: 'Recall', permission: 'clinical:read', component: RecallPage },
  { key: 'side-effects', label: 'Side-effect report', permission: 'clinical:read', component: AdverseEventReportPage },
  { key: 'aftercare', label: 'Aftercare', permission: 'clinic:write', component: AftercareDefaultsPage },
  { key: 'outbox', label: 'Outbox', permission: 'users:manage', component: OutboxPage },
  { key: 'audit', label: 'Audit trail', permission: 'audit:read', component: AuditPage },
];

export function SetupPage() {
  const { params } = useRoute();
  const { route } = useLocation();
  const { can } = useSession();
  const allowed = SECTIONS.filter((s) => can(s.permission));
  const section = allowed.find((s) => s.key === params.section);

  useEffect(() => {
    if (!params.section && allowed.length) route(`/setup/${allowed[0].key}`, true);
  }, [params.section]);

  const Section = section?.component;
  return (
    <div class="page">
      <PageHeader title="Set-up" titleText={section ? `${section.label} · Set-up` : 'Set-up'} subtitle="How this clinic works in anagen." />
      {allowed.length > 0 && (
        <TabNav label="Set-up sections" tabs={allowed.map((s) => ({ href: `/setup/${s.key}`, label: s.label, current: s.key === params.section }))} />
      )}
      <div class="tab-panel">
        {Section ? (
          <Section />
        ) : allowed.length === 0 ? (
          <ErrorState title="Not available to your role" error={new Error('Clinic set-up is for administrators and scheduling staff.')} />
        ) : params.section ? (
          <ErrorState title="Not found" error={new Error('There is no such set-up section, or your role cannot open it.')} />
        ) : null}
      </div>
    </div>
  );
}
