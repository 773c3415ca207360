/**
 * The status-bar item of claimed tasks: how many you hold and the nearest
 * deadline among them (`$(account) 2 claimed · 3m`), with a warning
 * background under a minute; clicking it reveals that task in the tree.
 * Hidden while nothing is claimed; claims gone with a stopped local sandbox
 * do not count.
 *
 * It renders the models only (the claim store, the roots' trees, the
 * keeper's heartbeats) and re-renders on a timer while something is claimed,
 * as the tree does; it never reads SWF.
 */
import * as vscode from 'vscode';
import { Commands, StatusBarItems } from '../ids';
import type { ClaimKeeper } from '../model/claimKeeper';
import type { RootsModel } from '../model/roots';
import type { ClaimedTask, ClaimStore } from '../claims/claims';
import { isUrgent, renderDelayMs, type RunningDeadline, taskDeadlines } from '../inbox/deadlines';
import { describeTask, type TaskRow, unwatchedClaimRows } from '../inbox/taskGroups';
import { formatSpan, formatTimeLeft } from '../tree/format';
import { taskRowId, timeoutName } from '../tree/treeItems';

export class ClaimsStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private claims: readonly ClaimedTask[] = [];
  private shown = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly roots: RootsModel,
    claimStore: ClaimStore,
    private readonly keeper: ClaimKeeper,
  ) {
    this.item = vscode.window.createStatusBarItem(StatusBarItems.claims, vscode.StatusBarAlignment.Left, 10);
    this.item.name = vscode.l10n.t('SWF Claimed Tasks');
    this.subscriptions.push(
      claimStore.onDidChange((all) => {
        this.claims = all;
        this.render();
      }),
      roots.onDidChangeRoots(() => this.render()),
      roots.onDidChangeRoot(() => this.render()),
      keeper.onDidBeat(() => this.render()),
      // The sandbox started or stopped: its claims became gone (or new ones live).
      keeper.onDidTrack(() => this.render()),
    );
    void claimStore.all().then((all) => {
      this.claims = all;
      this.render();
    });
  }

  /** Whether the item is shown (StatusBarItem does not say). */
  get visible(): boolean {
    return this.shown;
  }

  /**
   * Each live claim as the tree shows it: its row under the root that watches
   * it, else as recorded at the claim. Claims that are gone (their sandbox no
   * longer runs) are not counted: nothing can answer them.
   */
  private claimedRows(): TaskRow[] {
    const live = this.claims.filter((c) => !this.keeper.isGone(c));
    const shown = new Map<string, TaskRow>();
    for (const model of this.roots.roots) {
      for (const row of model.tree?.groups.flatMap((g) => g.tasks) ?? []) if (row.claim) shown.set(row.claim.taskToken, row);
    }
    // A claim whose root has not loaded (or whose row the last read missed) still counts, from what was recorded.
    const missing = live.filter((c) => !shown.has(c.taskToken));
    for (const row of unwatchedClaimRows([], missing)) if (row.claim) shown.set(row.claim.taskToken, row);
    return live.flatMap((c) => shown.get(c.taskToken) ?? []);
  }

  private render(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.claimedRows();
    this.shown = rows.length > 0;
    if (rows.length === 0) {
      this.item.hide();
      return;
    }
    const now = new Date();
    const withDeadlines = rows.map((row) => ({ row, next: taskDeadlines(row, now, row.claim && this.keeper.lastBeatAt(row.claim.taskToken)).next }));
    let nearest: { row: TaskRow; next?: RunningDeadline } = withDeadlines[0];
    for (const entry of withDeadlines) if (entry.next && (!nearest.next || entry.next.msLeft < nearest.next.msLeft)) nearest = entry;

    const count = vscode.l10n.t('{0} claimed', rows.length);
    const left = nearest.next ? (nearest.next.msLeft > 0 ? formatSpan(nearest.next.msLeft) : vscode.l10n.t('overdue')) : undefined;
    this.item.text = left ? `$(account) ${count} · ${left}` : `$(account) ${count}`;
    this.item.backgroundColor = isUrgent(nearest.next) ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;

    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(vscode.l10n.t('Tasks you claimed, nearest deadline first. Click to show the first one.'));
    tooltip.appendMarkdown('\n\n');
    const ordered = [...withDeadlines].sort((a, b) => (a.next?.msLeft ?? Infinity) - (b.next?.msLeft ?? Infinity));
    for (const { row, next } of ordered) {
      const deadline = next ? vscode.l10n.t('{0} ({1})', formatTimeLeft(next.msLeft), timeoutName(next.kind)) : vscode.l10n.t('no deadline known');
      tooltip.appendMarkdown('- ');
      tooltip.appendText(`${describeTask(row.task)}: ${deadline}`);
      tooltip.appendMarkdown('\n');
    }
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: left ? vscode.l10n.t('{0} SWF tasks claimed, nearest deadline in {1}', rows.length, left) : vscode.l10n.t('{0} SWF tasks claimed', rows.length) };
    // The row's id, not the row: a command argument never carries a claim's token.
    this.item.command = { command: Commands.revealTask, title: vscode.l10n.t('Reveal Task'), arguments: [taskRowId(nearest.row)] };
    this.item.show();

    const delay = renderDelayMs(withDeadlines.flatMap((e) => (e.next ? [e.next.msLeft] : [])));
    if (delay !== undefined) this.timer = setTimeout(() => this.render(), delay);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
