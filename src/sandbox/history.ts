/**
 * An execution's event history. Events are typed with the SDK's own
 * HistoryEvent model, so an attribute name that the real service does not use
 * fails to compile.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';

export type EventTypeName = NonNullable<HistoryEvent['eventType']>;

/** `ActivityTaskScheduled` -> `activityTaskScheduledEventAttributes`, as on the wire. */
type AttributesKey<T extends EventTypeName> = `${Uncapitalize<T>}EventAttributes`;
export type AttributesOf<T extends EventTypeName> = AttributesKey<T> extends keyof HistoryEvent ? NonNullable<HistoryEvent[AttributesKey<T>]> : never;

export class History {
  readonly events: HistoryEvent[] = [];

  constructor(private readonly now: () => Date) {}

  /** Appends an event and returns its eventId (ids start at 1 and have no gaps). */
  record<T extends EventTypeName>(eventType: T, attributes: AttributesOf<T>): number {
    const eventId = this.events.length + 1;
    const key = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
    this.events.push({ eventId, eventTimestamp: this.now(), eventType, [key]: attributes });
    return eventId;
  }

  get lastEventId(): number {
    return this.events.length;
  }
}
