/**
 * What activation creates of the execution panels: the serializer that
 * restores them after a reload, and the events tests read. The panels
 * themselves (executionPanel.ts, with the execution model, the timeline and
 * the page protocol) are a bundle of their own, dist/panel.js, loaded by the
 * first panel opened or restored.
 */
import * as vscode from 'vscode';
import { Webviews } from '../ids';
import type { ExecutionTarget } from '../inbox/taskGroups';
import type { ExecutionPanel, ExecutionPanels as PanelHost, ExecutionPanelsOptions, PostedMessage } from './executionPanel';

export class ExecutionPanels implements vscode.Disposable {
  private host: Promise<PanelHost> | undefined;
  private loaded: PanelHost | undefined;
  private disposed = false;
  private readonly posted = new vscode.EventEmitter<PostedMessage>();
  /** Every message posted to a page: for tests, which check what reaches the page. */
  readonly onDidPostMessage = this.posted.event;
  private readonly rendered = new vscode.EventEmitter<ExecutionPanel>();
  /** A page drew its first view of an execution. */
  readonly onDidRender = this.rendered.event;
  private readonly serializer: vscode.Disposable;

  private readonly options: ExecutionPanelsOptions;

  constructor(options: ExecutionPanelsOptions) {
    this.options = { ...options };
    this.serializer = vscode.window.registerWebviewPanelSerializer(Webviews.execution, {
      deserializeWebviewPanel: async (panel, state: unknown) => (await this.load()).restore(panel, state),
    });
  }

  /** The timer's period of panels opened from now on (undefined: 5 s); tests lengthen it to tell a root refresh's reads from the timer's. */
  get pollMs(): number | undefined {
    return this.options.pollMs;
  }

  set pollMs(ms: number | undefined) {
    this.options.pollMs = ms;
    if (this.loaded) this.loaded.pollMs = ms;
  }

  get all(): readonly ExecutionPanel[] {
    return this.loaded?.all ?? [];
  }

  get(target: ExecutionTarget): ExecutionPanel | undefined {
    return this.loaded?.get(target);
  }

  /** Opens the panel of `target`, or reveals it when it is open already. */
  async show(target: ExecutionTarget): Promise<ExecutionPanel> {
    return (await this.load()).show(target);
  }

  private load(): Promise<PanelHost> {
    this.host ??= import('./executionPanel').then((m) => {
      const host = new m.ExecutionPanels({ ...this.options });
      host.onDidPostMessage((m) => this.posted.fire(m));
      host.onDidRender((p) => this.rendered.fire(p));
      if (this.disposed) host.dispose();
      else this.loaded = host;
      return host;
    });
    return this.host;
  }

  dispose(): void {
    this.disposed = true;
    this.loaded?.dispose();
    this.serializer.dispose();
    this.posted.dispose();
    this.rendered.dispose();
  }
}
