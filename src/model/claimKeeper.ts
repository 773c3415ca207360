/**
 * Keeps every claimed task alive, whatever the views show: a claim whose
 * task has a heartbeat timeout gets RecordActivityTaskHeartbeat through the
 * connection that issued its token (setting `swfTasks.keepClaimedTasksAlive`),
 * three times per timeout, also when its execution lies past the execution
 * limit, its root is collapsed, or no root watches its domain any more. Until
 * the task's timeouts are read from its history, it is beaten as if its
 * heartbeat timeout were a minute; a claim without one is beaten every five
 * minutes, to learn whether it is still open.
 *
 * What a heartbeat learns is passed on as events: a cancel request, or the
 * task closed. Closed is evidence from the claim's own connection
 * (UnknownResourceFault to that token), so the claim is dropped then.
 *
 * A claim made on a local sandbox that no longer runs in this window is gone
 * (`claimIsGone`): it is not beaten, and the views show it as gone and leave
 * it out of their counts. Start Local Sandbox forgets such claims.
 */
import * as vscode from 'vscode';
import { claimIsGone, type ClaimedTask, type ClaimStore } from '../claims/claims';
import { describeSwfError, errorMessage } from '../swf/errors';
import { HeartbeatKeeper, heartbeatTargets } from '../claims/heartbeats';
import { describeTask } from '../inbox/taskGroups';
import { readActivityTimeouts } from '../swf/taskLister';
import { shortToken } from '../swf/tokens';
import { affectsSetting, readSetting } from './config';
import type { Connections } from './connections';

/**
 * A claimed task with no heartbeat timeout cannot time out that way, but it
 * can close elsewhere (answered, its execution terminated). A beat this
 * often tells, from the claim's own connection, and learns a cancel request
 * too; a claim no root watches has no other way to find out.
 */
const LIVENESS_INTERVAL_MS = 5 * 60_000;
/** A failed read of a claim's timeouts is tried again this much later (sooner if the claims or connections change). */
const TIMEOUTS_RETRY_MS = 30_000;

export class ClaimKeeper implements vscode.Disposable {
  private readonly cancelRequested = new vscode.EventEmitter<ClaimedTask>();
  /** The first heartbeat that sees a cancel request of a claimed task. */
  readonly onDidRequestCancel = this.cancelRequested.event;
  private readonly closed = new vscode.EventEmitter<ClaimedTask>();
  /** A claimed task turned out closed elsewhere; its claim has been dropped. */
  readonly onDidClose = this.closed.event;
  private readonly beaten = new vscode.EventEmitter<ClaimedTask>();
  /** A heartbeat of a claimed task succeeded: its heartbeat deadline moved (see `lastBeatAt`). */
  readonly onDidBeat = this.beaten.event;
  private readonly trackedChanged = new vscode.EventEmitter<void>();
  /** The claims kept alive changed: a claim came or went, or became gone (the sandbox stopped). */
  readonly onDidTrack = this.trackedChanged.event;

  private readonly keeper: HeartbeatKeeper;
  private claimsByToken = new Map<string, ClaimedTask>();
  /** Claims whose timeouts were asked for this session: asked once, not at every change. */
  private readonly timeoutsAsked = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly claims: ClaimStore,
    private readonly connections: Connections,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.keeper = new HeartbeatKeeper(
      async (token) => {
        const claim = this.claimsByToken.get(token);
        if (!claim) throw new Error('The claim was released.');
        return this.connections.gateway(claim.connection);
      },
      {
        cancelRequested: (token) => {
          const claim = this.claimsByToken.get(token);
          if (!claim) return;
          this.log.info(`Heartbeat: cancellation was requested for ${describeTask(claim)}.`);
          this.cancelRequested.fire(claim);
        },
        closed: (token) => void this.dropClosed(token),
        beaten: (token) => {
          const claim = this.claimsByToken.get(token);
          if (claim) this.beaten.fire(claim);
        },
        failed: (token, error) => {
          const claim = this.claimsByToken.get(token);
          this.log.warn(`Heartbeat for ${claim ? describeTask(claim) : `token ${shortToken(token)}`} failed; trying again at the next beat: ${errorMessage(describeSwfError(error))}`);
        },
      },
      LIVENESS_INTERVAL_MS,
    );
    this.subscriptions.push(
      claims.onDidChange((all) => this.track(all)),
      connections.onDidReset(() => void claims.all().then((all) => this.track(all))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSetting(e, 'keepClaimedTasksAlive')) void claims.all().then((all) => this.track(all));
      }),
    );
    void claims.all().then((all) => this.track(all));
  }

  /** The tokens being kept alive now. */
  get tracked(): ReadonlySet<string> {
    return this.keeper.tracked;
  }

  /** When the last successful heartbeat of this claim was sent, in this window; undefined before the first. */
  lastBeatAt(taskToken: string): Date | undefined {
    return this.keeper.lastBeatAt(taskToken);
  }

  /** A claim that can never be answered: issued by a local sandbox that is not running in this window (see `claimIsGone`). */
  isGone(claim: Pick<ClaimedTask, 'connection'>): boolean {
    return claimIsGone(claim, this.connections.sandboxEndpoint !== undefined);
  }

  private track(all: readonly ClaimedTask[]): void {
    this.claimsByToken = new Map(all.map((c) => [c.taskToken, c]));
    const enabled = readSetting('keepClaimedTasksAlive');
    // A gone claim's beats could only fail: its endpoint has nothing to say about it any more.
    const live = all.filter((c) => !this.isGone(c));
    this.keeper.track(enabled ? heartbeatTargets(live) : []);
    for (const claim of live) if (!claim.timeouts && !this.timeoutsAsked.has(claim.taskToken)) void this.learnTimeouts(claim);
    this.trackedChanged.fire();
  }

  /** PollForActivityTask does not give a task's timeouts: read them from its history, through its own connection. */
  private async learnTimeouts(claim: ClaimedTask): Promise<void> {
    this.timeoutsAsked.add(claim.taskToken);
    try {
      const gateway = await this.connections.gateway(claim.connection);
      const timeouts = await readActivityTimeouts(gateway, claim.domain, { workflowId: claim.workflowId, runId: claim.runId }, claim.startedEventId);
      if (!timeouts) {
        this.log.warn(`The history of ${describeTask(claim)} does not show the task's scheduling; its heartbeat timeout is unknown.`);
        return;
      }
      this.log.debug(`${describeTask(claim)}: heartbeat timeout ${timeouts.heartbeat ?? 'of the type'}, start-to-close ${timeouts.startToClose ?? 'of the type'}.`);
      await this.claims.update(claim.taskToken, { timeouts });
    } catch (error) {
      // Asked again soon, or at the next change of claims or connections (the sandbox started, say).
      this.timeoutsAsked.delete(claim.taskToken);
      this.retryLater();
      this.log.warn(`Could not read the timeouts of ${describeTask(claim)}: ${errorMessage(describeSwfError(error))}`);
    }
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.claims.all().then((all) => this.track(all));
    }, TIMEOUTS_RETRY_MS);
    this.retryTimer.unref?.();
  }

  private async dropClosed(token: string): Promise<void> {
    const claim = this.claimsByToken.get(token);
    if (!claim) return;
    this.log.warn(`Heartbeat: ${describeTask(claim)} is closed in SWF (answered, timed out or canceled elsewhere); forgot its token.`);
    await this.claims.remove(token);
    this.closed.fire(claim);
  }

  dispose(): void {
    clearTimeout(this.retryTimer);
    this.keeper.dispose();
    this.cancelRequested.dispose();
    this.closed.dispose();
    this.beaten.dispose();
    this.trackedChanged.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
