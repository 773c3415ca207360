/**
 * Scenario 5: "SWF: Refresh" from the Command Palette shows what changed in
 * SWF meanwhile (auto-refresh is off in this session, so nothing else would).
 */
import { TestDomain } from '../integration/helpers/swf';
import { stepper, UI_WAIT_MS, uiSession, Workbench } from './workbench';

const OTHER_WORKER = 'worker-9@ui-test';

describe('Command Palette (as a person)', () => {
  it('SWF: Refresh shows a task another worker started meanwhile', async () => {
    const step = stepper('palette-refresh');
    const workbench = new Workbench();
    const { swf, domain } = uiSession();

    const activityId = await step('another worker starts a notifications task', async () => {
      const started = await new TestDomain(swf, domain).pollAsWorker('notifications', OTHER_WORKER);
      // Nothing refreshed the tree yet: it still shows the task waiting.
      await workbench.treeRow(started.activityId).filter({ hasText: 'scheduled' }).waitFor({ timeout: UI_WAIT_MS });
      return started.activityId;
    });
    await step('run SWF: Refresh from the palette', async () => {
      await workbench.runCommand('SWF: Refresh');
      await workbench.treeRow(activityId).filter({ hasText: `by ${OTHER_WORKER}` }).waitFor({ timeout: UI_WAIT_MS });
    });
  });
});
