/** The execution panels' tab titles: the workflow ID, and the run once two panels share a workflow ID. */
import * as assert from 'node:assert/strict';
import { panelTitles } from '../../../src/views/panelTitles';

describe('panelTitles', () => {
  it('names a tab after its workflow ID when no other panel shows that workflow', () => {
    assert.deepEqual(panelTitles([{ workflowId: 'order-7', runId: 'Ab12CdEf' }, { workflowId: 'order-8', runId: 'Zz99' }]), ['order-7', 'order-8']);
  });

  it('adds the run to each tab when two panels show runs of one workflow ID (a re-run under its own ID, on any root), and drops it once one closes', () => {
    assert.deepEqual(
      panelTitles([
        { workflowId: 'order-7', runId: 'Ab12CdEfGh' },
        { workflowId: 'order-8', runId: 'Zz99' },
        { workflowId: 'order-7', runId: 'Xy34ZwQr' },
      ]),
      ['order-7 · run Ab12Cd', 'order-8', 'order-7 · run Xy34Zw'],
    );
    assert.deepEqual(panelTitles([{ workflowId: 'order-7', runId: 'Xy34ZwQr' }]), ['order-7']);
  });

});
