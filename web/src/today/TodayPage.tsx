import { useSession } from '../session/session';
import { LinkButton } from '../ui/Button';
import { Card, PageHeader } from '../ui/Page';

/** The day view. Placeholder until course booking lands in the API. */
export function TodayPage() {
  const { me, clinic } = useSession();
  return (
    <div class="page">
      <PageHeader title="Today" subtitle={`${clinic.name} · times in ${clinic.timezone.replace(/_/g, ' ')}`} />
      <div class="grid-2">
        <Card title="Coming with course booking" class="placeholder-card">
          <p>
            When courses can be booked, this page will show the day at a glance:
          </p>
          <ul class="plain-list">
            <li>today's appointments for each practitioner;</li>
            <li>sessions missed;</li>
            <li>plans flagged for review;</li>
            <li>outcome evaluations due;</li>
            <li>open adverse events.</li>
          </ul>
        </Card>
        <Card title={`Welcome, ${me.name}`}>
          <p class="muted">Start from a patient: find them, or register someone new.</p>
          <div class="form-actions form-actions--spaced">
            <LinkButton href="/patients">Find a patient</LinkButton>
            <LinkButton href="/patients/new" variant="secondary">Register a patient</LinkButton>
          </div>
        </Card>
      </div>
    </div>
  );
}
