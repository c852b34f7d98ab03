import { Card, PageHeader } from '../ui/Page';

/** Practitioners' calendars. Placeholder until course booking lands in the API. */
export function CalendarPage() {
  return (
    <div class="page">
      <PageHeader title="Calendar" />
      <Card title="Coming with course booking" class="placeholder-card">
        <p>
          Week and day views for each practitioner, and all of them side by side. Drag an appointment to move it
          (you will be asked whether the rest of the course moves too); click it to open the patient.
        </p>
      </Card>
    </div>
  );
}
