// FullCalendar (the vanilla build, which renders itself with its own copy
// of Preact) mounted in a div that this app's Preact never touches. The
// options are applied again whenever they change.
import { Calendar, type CalendarOptions } from '@fullcalendar/core';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import luxon3Plugin from '@fullcalendar/luxon3';
import timeGridPlugin from '@fullcalendar/timegrid';
import { useEffect, useRef } from 'preact/hooks';

const PLUGINS = [timeGridPlugin, dayGridPlugin, interactionPlugin, luxon3Plugin];

export function FullCalendarView(props: {
  options: CalendarOptions;
  view: string;
  /** `YYYY-MM-DD`: a day inside the range to show. */
  date: string;
  /** Receives the calendar once mounted (to refetch its events). */
  onCalendar?: (c: Calendar | null) => void;
  class?: string;
  label?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const calendar = useRef<Calendar | null>(null);

  useEffect(() => {
    const c = new Calendar(el.current!, {
      plugins: PLUGINS, locale: enGbLocale, ...props.options, initialView: props.view, initialDate: props.date,
    });
    c.render();
    calendar.current = c;
    props.onCalendar?.(c);
    return () => {
      props.onCalendar?.(null);
      c.destroy();
      calendar.current = null;
    };
  }, []);

  const first = useRef(true);
  useEffect(() => {
    const c = calendar.current;
    if (first.current || !c) {
      first.current = false;
      return;
    }
    c.resetOptions({ plugins: PLUGINS, locale: enGbLocale, ...props.options, initialView: props.view, initialDate: props.date });
  }, [props.options]);

  useEffect(() => {
    const c = calendar.current;
    if (!c) return;
    if (c.view.type !== props.view) c.changeView(props.view, props.date);
    else c.gotoDate(props.date);
  }, [props.view, props.date]);

  return <div ref={el} class={props.class} aria-label={props.label} role={props.label ? 'region' : undefined} />;
}
