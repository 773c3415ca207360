/**
 * One workflow execution as the execution panel shows it: its history folded
 * into the timeline model, read whole once, then incrementally (newest first,
 * stopping at the last known event) whenever `update` is called. Fires the
 * `TimelineDelta` of each read, so a view posts only what changed.
 *
 * Reads go through the gateway of the execution's own root connection. The
 * history holds no task token; the model never touches claims.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import * as vscode from 'vscode';
import { connectionLabel, rootId } from '../connection/connection';
import type { ExecutionTarget } from '../inbox/taskGroups';
import { readEventsAfter } from '../swf/taskLister';
import { applyEvents, createTimeline } from '../history/timelineFold';
import type { TimelineDelta, TimelineModel } from '../history/timelineModel';
import type { Connections } from './connections';

/** A history read after the first asks for a few events first: usually little happened. */
const INCREMENTAL_FIRST_PAGE = 20;

export class ExecutionModel implements vscode.Disposable {
  readonly key: string;
  readonly timeline: TimelineModel;
  /** Every event read, ascending: the event list pages through it. */
  readonly events: HistoryEvent[] = [];
  private readonly changed = new vscode.EventEmitter<TimelineDelta>();
  /** Fires after each read that found new events. */
  readonly onDidChange = this.changed.event;
  private reading: Promise<TimelineDelta | undefined> | undefined;
  /** The read after the one in flight: asked for while it ran, so it may have begun before what the caller wants to see. */
  private followUp: Promise<TimelineDelta | undefined> | undefined;
  private loaded = false;
  private readonly abort = new AbortController();

  constructor(
    readonly target: ExecutionTarget,
    private readonly connections: Connections,
  ) {
    this.key = executionModelKey(target);
    this.timeline = createTimeline(target.workflowId, target.runId);
  }

  get closed(): boolean {
    return this.timeline.header.status !== 'open';
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  get rootDescription(): { domain: string; connection: string } {
    return { domain: this.target.root.domain, connection: connectionLabel(this.target.root.connection) };
  }

  /**
   * Reads what is new (everything, the first time) and folds it in. A call
   * made while a read runs gets one more read after it (shared by every such
   * call): the read in flight may have begun before the change the caller
   * knows of, such as a signal just sent. A closed execution is not read again.
   */
  update(): Promise<TimelineDelta | undefined> {
    if (this.loaded && this.closed) return Promise.resolve(undefined);
    if (!this.reading) {
      this.reading = this.read().finally(() => (this.reading = undefined));
      return this.reading;
    }
    this.followUp ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.followUp = undefined;
        return this.update();
      });
    return this.followUp;
  }

  private async read(): Promise<TimelineDelta | undefined> {
    const { domain, connection } = this.target.root;
    const gateway = await this.connections.gateway(connection);
    const execution = { workflowId: this.target.workflowId, runId: this.target.runId };
    let fresh: HistoryEvent[];
    if (!this.loaded) {
      fresh = [];
      for await (const page of gateway.historyPages(domain, execution, { reverseOrder: false, pageSize: 1000, signal: this.abort.signal })) fresh.push(...page);
    } else {
      fresh = await readEventsAfter(gateway, domain, execution, this.timeline.lastEventId, { firstPageSize: INCREMENTAL_FIRST_PAGE, signal: this.abort.signal });
    }
    const first = !this.loaded;
    this.loaded = true;
    const delta = applyEvents(this.timeline, fresh);
    for (const event of fresh) if ((event.eventId ?? 0) > (this.events.at(-1)?.eventId ?? 0)) this.events.push(event);
    if (delta.eventsApplied > 0 || first) this.changed.fire(delta);
    return delta;
  }

  dispose(): void {
    this.abort.abort();
    this.changed.dispose();
  }
}

/** One panel per execution on one root. */
export function executionModelKey(target: ExecutionTarget): string {
  return `${rootId(target.root)}|${target.workflowId}|${target.runId}`;
}
