/**
 * The execution panel: one webview panel per workflow execution, rendering
 * its ExecutionModel (header, timeline, event list). It only renders: the
 * model reads SWF; the panel posts what the model holds, then after each read
 * only what it changed (new or changed bars and marks, the header fields that
 * changed, new rows of the event-list page shown: protocol.ts `deltaMessage`). Live while open: the execution's root refreshing, or a
 * short timer while the panel is visible and the execution open, reads what
 * is new.
 *
 * The page is dist/webview/execution.js under a strict CSP (nonce, no remote
 * resources, local resources from dist/webview only). It is not kept alive
 * when hidden (no retainContextWhenHidden): it asks again with `ready` when
 * shown, and restores after a window reload through the serializer.
 *
 * Bundled apart (dist/panel.js) and loaded by the first panel opened or
 * restored: executionPanels.ts is what activation creates.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { rootId, type RootSpec } from '../connection/connection';
import { Webviews } from '../ids';
import { shareL10nBundle } from '../l10nBundle';
import type { Connections } from '../model/connections';
import { ExecutionModel, executionModelKey } from '../model/executionModel';
import type { RootsModel } from '../model/roots';
import { describeSwfError, errorMessage, type SwfErrorKind } from '../swf/errors';
import type { ExecutionTarget } from '../inbox/taskGroups';
import type { TimelineBar, TimelineDelta } from '../history/timelineModel';
import { panelTitles } from './panelTitles';
import {
  deltaMessage,
  eventPage,
  type HostMessage,
  initMessage,
  isPageMessage,
  laneHead,
  type PageMessage,
  type PageStrings,
  type PanelState,
  postedState,
  toBarView,
  toEventView,
  type WorkflowAction,
} from '../webview/execution/protocol';

/** How often a visible panel of an open execution reads what is new. */
const DEFAULT_POLL_MS = 5_000;
/** Failing reads are retried at most this far apart. */
const MAX_BACKOFF_MS = 60_000;
/** Failures a re-read cannot mend: reads stop until the page's Retry. */
const HALTING_ERRORS: ReadonlySet<SwfErrorKind> = new Set(['unknownExecution', 'unknownDomain', 'notPermitted']);
/**
 * On the local sandbox, the execution is gone for good when no sandbox runs,
 * or when one that was read before is unknown (the sandbox was stopped and
 * started again): the sandbox runs inside this window and keeps everything in
 * memory, so its executions end with it, and a sandbox started later has new
 * ones. No Retry can bring them back.
 */
function sandboxExecutionGone(kind: SwfErrorKind, readBefore: boolean): boolean {
  return kind === 'sandboxStopped' || (readBefore && (kind === 'unknownExecution' || kind === 'unknownDomain'));
}

export type WorkflowActionHandler = (action: WorkflowAction, target: ExecutionTarget) => unknown;

export interface ExecutionPanelsOptions {
  extensionUri: vscode.Uri;
  connections: Connections;
  roots: RootsModel;
  log: vscode.LogOutputChannel;
  /** The panel's Signal, Request Cancel and Terminate buttons. */
  onAction: WorkflowActionHandler;
  pollMs?: number;
}

export interface PostedMessage {
  panel: ExecutionPanel;
  message: HostMessage;
}

export class ExecutionPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ExecutionPanel>();
  private readonly posted = new vscode.EventEmitter<PostedMessage>();
  /** Every message posted to a page: for tests, which check what reaches the page. */
  readonly onDidPostMessage = this.posted.event;
  private readonly rendered = new vscode.EventEmitter<ExecutionPanel>();
  /** A page drew its first view of an execution. */
  readonly onDidRender = this.rendered.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The timer's period for panels opened from now on; tests lengthen it to tell the root refresh's reads from the timer's. */
  pollMs: number | undefined;

  constructor(private readonly options: ExecutionPanelsOptions) {
    this.pollMs = options.pollMs;
    shareL10nBundle();
    this.subscriptions.push(
      options.roots.onDidChangeRoot((root) => {
        for (const panel of this.panels.values()) if (rootId(panel.target.root) === root.id) panel.update();
      }),
    );
  }

  get all(): readonly ExecutionPanel[] {
    return [...this.panels.values()];
  }

  get(target: ExecutionTarget): ExecutionPanel | undefined {
    return this.panels.get(executionModelKey(target));
  }

  /** Opens the panel of `target`, or reveals it when it is open already. */
  show(target: ExecutionTarget): ExecutionPanel {
    const existing = this.get(target);
    if (existing) {
      existing.webviewPanel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(Webviews.execution, target.workflowId, vscode.ViewColumn.Active, webviewOptions(this.options.extensionUri));
    return this.adopt(panel, target);
  }

  /** A panel VS Code restored after a reload (the serializer of executionPanels.ts hands it over): shows its execution again. */
  restore(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    const target = targetOfState(state);
    if (target) this.adopt(webviewPanel, target);
    else webviewPanel.dispose();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, target: ExecutionTarget): ExecutionPanel {
    const key = executionModelKey(target);
    const model = new ExecutionModel(target, this.options.connections);
    const panel = new ExecutionPanel(webviewPanel, model, {
      ...this.options,
      pollMs: this.pollMs,
      post: (message) => this.posted.fire({ panel, message }),
      rendered: () => this.rendered.fire(panel),
      open: (linked) => void this.show(linked),
    });
    this.panels.set(key, panel);
    webviewPanel.onDidDispose(() => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
      this.retitle();
    });
    this.retitle();
    return panel;
  }

  /** Tabs of one workflow ID also name their runs (panelTitles). */
  private retitle(): void {
    const panels = [...this.panels.values()];
    const titles = panelTitles(panels.map((p) => p.target));
    panels.forEach((p, i) => {
      if (p.webviewPanel.title !== titles[i]) p.webviewPanel.title = titles[i];
    });
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.webviewPanel.dispose();
    this.panels.clear();
    for (const s of this.subscriptions) s.dispose();
    this.posted.dispose();
    this.rendered.dispose();
  }
}

interface PanelHooks extends ExecutionPanelsOptions {
  post(message: HostMessage): void;
  rendered(): void;
  /** A header link: the panel of another execution on the same root. */
  open(target: ExecutionTarget): void;
}

export class ExecutionPanel {
  /** When the panel was asked for, and how long its page took to draw the execution the first time (ms). */
  readonly openedAt = performance.now();
  firstRenderMs: number | undefined;
  private pageReady = false;
  private initSent = false;
  private disposed = false;
  /** Reads failed in a row: the timer backs off (pollMs × 2^n, at most a minute). */
  private failures = 0;
  private nextReadAt = 0;
  /** A failure no re-read can mend (unknown execution, no permission): no reads until the page's Retry. */
  private halted = false;
  /** The execution's local sandbox is gone: nothing will ever read it again. */
  private gone = false;
  /** The failure the page shows, posted again when the page (re)loads: a message posted before it listens is lost. */
  private shownError: HostMessage | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** What the page has been told, so a delta leaves it out. */
  private readonly posted = postedState();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly webviewPanel: vscode.WebviewPanel,
    readonly model: ExecutionModel,
    private readonly hooks: PanelHooks,
  ) {
    const { webview } = webviewPanel;
    webview.options = webviewOptions(hooks.extensionUri);
    webviewPanel.iconPath = vscode.Uri.joinPath(hooks.extensionUri, 'media', 'swf.svg');
    webview.html = pageHtml(webview, hooks.extensionUri);
    this.subscriptions.push(
      webview.onDidReceiveMessage((m: unknown) => {
        if (isPageMessage(m)) void this.receive(m);
      }),
      webviewPanel.onDidChangeViewState(() => this.schedule()),
      model.onDidChange((delta) => this.changed(delta)),
    );
    webviewPanel.onDidDispose(() => this.dispose());
    this.update();
    this.schedule();
  }

  get target(): ExecutionTarget {
    return this.model.target;
  }

  /**
   * Reads what is new. A failed read shows in the page and the log once per
   * failure; the timer then backs off, and stops for failures a re-read
   * cannot mend until the person presses Retry.
   */
  update(): void {
    if (this.disposed || this.halted) return;
    this.model.update().then(
      () => {
        if (this.disposed) return;
        this.failures = 0;
        this.nextReadAt = 0;
        this.shownError = undefined;
        this.schedule();
      },
      (error: unknown) => this.readFailed(error),
    );
  }

  private readFailed(error: unknown): void {
    if (this.disposed) return;
    const info = describeSwfError(error);
    if (info.kind === 'cancelled') return;
    if (this.target.root.connection.kind === 'sandbox' && sandboxExecutionGone(info.kind, this.model.isLoaded)) {
      this.gone = true;
      this.halted = true;
      this.hooks.log.info(`The execution panel of ${this.target.workflowId}: its local sandbox is gone (${info.title}); reads stopped.`);
      this.postError({
        type: 'error',
        gone: true,
        message: vscode.l10n.t(
          'This execution ran in the local SWF sandbox, which is no longer running. The sandbox lives inside this VS Code window and starts afresh each time (stopping it or reloading the window ends it), so this execution and its history are gone. Close this panel; Start Local Sandbox gives new sample workflows.',
        ),
      });
      this.schedule();
      return;
    }
    this.failures += 1;
    this.nextReadAt = Date.now() + Math.min(MAX_BACKOFF_MS, (this.hooks.pollMs ?? DEFAULT_POLL_MS) * 2 ** this.failures);
    this.halted = HALTING_ERRORS.has(info.kind);
    const message = errorMessage(info);
    this.hooks.log.warn(`Could not read the history of ${this.target.workflowId}: ${message}${this.halted ? ' (reads stopped until Retry)' : ''}`);
    this.postError({ type: 'error', message, ...(this.halted && { retry: vscode.l10n.t('Retry') }) });
    this.schedule();
  }

  /** Whether reads stopped after a failure a re-read cannot mend (tests check it). */
  get stopped(): boolean {
    return this.halted;
  }

  /** Whether the panel's execution is gone for good (its local sandbox no longer runs): no reads, no Retry. */
  get endpointGone(): boolean {
    return this.gone;
  }

  /** What the page sent; public so tests can press the page's buttons without a browser. */
  async receive(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        this.initSent = false;
        if (this.model.isLoaded) this.sendInit();
        // A panel restored after a reload is read before its page listens: say again what went wrong.
        if (this.shownError) this.post(this.shownError);
        break;
      case 'rendered':
        if (this.firstRenderMs === undefined) {
          this.firstRenderMs = performance.now() - this.openedAt;
          // An internal timing, not news for the person: debug level (shown only when the channel's level is Debug or Trace).
          this.hooks.log.debug(`Execution panel of ${this.target.workflowId}: ${message.eventCount} events drawn ${this.firstRenderMs.toFixed(0)} ms after it was opened.`);
        }
        this.hooks.rendered();
        break;
      case 'requestEvents': {
        const page = eventPage(this.model.events, message.offset, message.filter);
        // Deltas grow this page from now on.
        this.posted.shown = { offset: page.offset, filter: page.filter };
        this.post({ type: 'events', page });
        break;
      }
      case 'selectBar': {
        const bar = findBar(this.model, message.barId);
        if (!bar) break;
        this.post({ type: 'details', barId: message.barId, label: bar.label, events: bar.eventIds.flatMap((id) => this.eventView(id)) });
        break;
      }
      case 'action':
        await this.hooks.onAction(message.action, this.target);
        break;
      case 'openExecution': {
        // Only an execution the header links to: the page asks, the host decides.
        const { header } = this.posted;
        const linked = [...(header?.parent ? [header.parent] : []), ...(header?.children ?? [])].some((e) => e.workflowId === message.workflowId && e.runId === message.runId);
        if (linked) this.hooks.open({ kind: 'execution', root: this.target.root, workflowId: message.workflowId, runId: message.runId });
        break;
      }
      case 'retry':
        if (this.gone) break;
        this.halted = false;
        this.failures = 0;
        this.nextReadAt = 0;
        this.update();
        this.schedule();
        break;
    }
  }

  private eventView(id: number) {
    const event = this.model.timeline.events.get(id);
    return event ? [toEventView(event)] : [];
  }

  private changed(delta: TimelineDelta): void {
    if (!this.pageReady) return;
    if (!this.initSent) {
      this.sendInit();
      return;
    }
    this.post(deltaMessage(this.model.timeline, delta, this.model.events, this.model.rootDescription, this.posted));
  }

  private sendInit(): void {
    this.initSent = true;
    this.post(initMessage(this.model.timeline, this.model.events, this.model.rootDescription, { strings: pageStrings(), state: stateOf(this.target) }, this.posted));
  }

  private postError(message: HostMessage & { type: 'error' }): void {
    this.shownError = message;
    this.post(message);
  }

  private post(message: HostMessage): void {
    if (this.disposed) return;
    this.hooks.post(message);
    void this.webviewPanel.webview.postMessage(message);
  }

  /** The timer runs while the panel is visible, the execution open and reads not stopped; after failures it skips ticks. */
  private schedule(): void {
    if (this.disposed) return;
    const wanted = this.webviewPanel.visible && !this.halted && !(this.model.isLoaded && this.model.closed);
    if (wanted && !this.timer) {
      this.timer = setInterval(() => {
        if (Date.now() >= this.nextReadAt) this.update();
      }, this.hooks.pollMs ?? DEFAULT_POLL_MS);
    }
    if (!wanted && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Whether the timer runs (tests check it stops once the execution closed). */
  get polling(): boolean {
    return this.timer !== undefined;
  }

  private dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const s of this.subscriptions) s.dispose();
    this.model.dispose();
  }
}

function findBar(model: ExecutionModel, id: number) {
  for (const lane of model.timeline.lanes.values()) {
    const bar = lane.bars.find((b) => b.id === id) ?? lane.marks.find((m) => m.id === id);
    if (bar) return { label: 'kind' in bar && lane.bars.includes(bar as TimelineBar) ? toBarView(bar as TimelineBar).summary : laneHead(lane).label, eventIds: bar.eventIds };
  }
  return undefined;
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

function stateOf(target: ExecutionTarget): PanelState {
  return { root: target.root, workflowId: target.workflowId, runId: target.runId };
}

function targetOfState(state: unknown): ExecutionTarget | undefined {
  const s = state as Partial<PanelState> | null | undefined;
  const root = s?.root as Partial<RootSpec> | undefined;
  if (typeof s?.workflowId !== 'string' || typeof s.runId !== 'string' || typeof root?.domain !== 'string' || typeof root.connection !== 'object') return undefined;
  return { kind: 'execution', root: root as RootSpec, workflowId: s.workflowId, runId: s.runId };
}

function nonce(): string {
  return randomBytes(18).toString('base64');
}

function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const n = nonce();
  const base = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(base, 'execution.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(base, 'execution.css'));
  const csp = [`default-src 'none'`, `script-src 'nonce-${n}'`, `style-src ${webview.cspSource} 'nonce-${n}'`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${n}" href="${style.toString()}">
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">${escapeHtml(vscode.l10n.t('Reading the history…'))}</p></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function pageStrings(): PageStrings {
  const t = vscode.l10n.t;
  return {
    header: t('Execution'),
    timeline: t('Timeline'),
    events: t('Events'),
    details: t('Details'),
    type: t('Workflow type'),
    workflowId: t('Workflow ID'),
    runId: t('Run ID'),
    status: t('Status'),
    started: t('Started'),
    closed: t('Closed'),
    timeouts: t('Timeouts'),
    childPolicy: t('Child policy'),
    tags: t('Tags'),
    input: t('Input'),
    openCounts: t('Open'),
    openActivity: t('1 activity'),
    openActivities: t('{0} activities'),
    openDecision: t('1 decision'),
    openDecisions: t('{0} decisions'),
    openTimer: t('1 timer'),
    openTimers: t('{0} timers'),
    openChild: t('1 child'),
    openChildren: t('{0} children'),
    domain: t('Domain'),
    signal: t('Signal…'),
    requestCancel: t('Request Cancel…'),
    terminate: t('Terminate…'),
    rerun: t('Re-run…'),
    allTypes: t('All event types'),
    filterByType: t('Filter by event type'),
    previous: t('Previous'),
    next: t('Next'),
    rangeOf: t('{0}–{1} of {2}'),
    selectBar: t('Select a bar (click, or arrow keys and Enter) to see its events.'),
    noEvents: t('No events'),
    executionClosed: t('The execution closed: {0}.'),
    loading: t('Reading the history…'),
    none: t('none'),
    closeReason: t('Reason'),
    parent: t('Parent'),
    children: t('Children'),
  };
}
