// Clinic holidays: days the whole clinic is closed (nobody is booked).
import { useSession } from '../session/session';
import { Card } from '../ui/Page';
import { Closures } from './Closures';

export function HolidaysPage() {
  const { clinic } = useSession();
  return (
    <Card title="Clinic holidays">
      <p class="muted">No session is booked on these days; a session whose whole window falls on them is reported as not bookable.</p>
      <Closures path="/clinic/holidays" noun="Holiday" empty="No clinic holidays yet." reasonPlaceholder="e.g. Good Friday" today={clinic.today} />
    </Card>
  );
}
