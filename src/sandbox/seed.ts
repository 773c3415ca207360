/**
 * The sample domain: open executions whose activity tasks are in every state
 * the extension shows (scheduled on several task lists, started by another
 * worker, cancel requested, rescheduled after a failure, short timeouts),
 * plus closed ones. Their decider, when one runs, is sampleDecider.ts.
 * Everything is driven through the sandbox's API, so histories are real.
 */
import {
  RecordActivityTaskHeartbeatCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  SignalWorkflowExecutionCommand,
  TerminateWorkflowExecutionCommand,
  type Decision,
} from '@aws-sdk/client-swf';
import type { SwfSandbox } from './sandbox';
import { schedule, SeedDriver, type WorkflowTypeRef } from './seedDriver';

export const SAMPLE_DOMAIN = 'sample-orders';
export const SAMPLE_REPORTS_DOMAIN = 'sample-reports';

const ORDER_WORKFLOW: WorkflowTypeRef = { name: 'OrderWorkflow', version: '1.0', decisionTaskList: 'order-decisions' };
const REPORT_WORKFLOW: WorkflowTypeRef = { name: 'NightlyReport', version: '2', decisionTaskList: 'report-decisions' };

/** Long enough that seeded tasks stay open for a whole session, short enough to look real. */
const DAY = String(24 * 3600);

/** The express orders' tasks: a heartbeat due every 2 minutes, 10 minutes to answer; an invoice due in 5 minutes. */
export const EXPRESS_CHARGE_TIMEOUTS = { heartbeatTimeout: '120', startToCloseTimeout: '600' };
export const EXPRESS_INVOICE_TIMEOUTS = { heartbeatTimeout: '60', startToCloseTimeout: '300' };

const CHARGE = { name: 'ChargeCard', version: '1.0' };
const SHIP = { name: 'ShipOrder', version: '1.0' };
const EMAIL = { name: 'SendEmail', version: '1.0' };
const INVOICE = { name: 'GenerateInvoice', version: '1.0' };
const REPORT = { name: 'BuildReport', version: '2' };

const activityDefaults = (taskList: string, description: string) => ({
  description,
  defaultTaskList: { name: taskList },
  defaultTaskScheduleToStartTimeout: DAY,
  defaultTaskScheduleToCloseTimeout: 'NONE',
  defaultTaskStartToCloseTimeout: DAY,
  defaultTaskHeartbeatTimeout: 'NONE',
});

const orderInput = (orderId: number, items: number): string =>
  JSON.stringify({
    orderId: `order-${orderId}`,
    customer: { id: `cust-${orderId * 7}`, email: `customer${orderId}@example.com` },
    items: Array.from({ length: items }, (_, i) => ({ sku: `SKU-${1000 + i}`, quantity: 1 + (i % 3), priceCents: 1299 + i * 100 })),
    currency: 'EUR',
  });

/** A shipping manifest of several kilobytes, to exercise long inputs. */
const longManifest = (orderId: number): string =>
  JSON.stringify({
    orderId: `order-${orderId}`,
    carrier: 'DHL',
    parcels: Array.from({ length: 60 }, (_, i) => ({ parcel: i + 1, weightGrams: 250 + i * 17, contents: `Assorted goods batch ${i + 1} - fragile, keep upright` })),
  });

const complete = (result: string): Decision => ({ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result } });

async function seedOrders(driver: SeedDriver): Promise<void> {
  const { client } = driver;
  await driver.registerDomain('Sample order processing workflows (local SWF sandbox)');
  await driver.registerWorkflowType(ORDER_WORKFLOW, 'Charges, ships and confirms one order');
  await driver.registerActivityType({ ...CHARGE, ...activityDefaults('payments', 'Charges the customer card') });
  await driver.registerActivityType({ ...SHIP, ...activityDefaults('shipping', 'Hands the parcels to the carrier') });
  await driver.registerActivityType({ ...EMAIL, ...activityDefaults('notifications', 'Sends a customer e-mail') });
  await driver.registerActivityType({ ...INVOICE, ...activityDefaults('payments', 'Renders the invoice PDF') });

  // Closed executions first: completed, failed, terminated.
  await driver.start(ORDER_WORKFLOW, 'order-0997', orderInput(997, 1), ['customer:cust-6979'], [schedule(CHARGE, 'charge-order-0997', orderInput(997, 1))]);
  await client.send(new RespondActivityTaskCompletedCommand({ taskToken: await driver.claim('payments', 'worker-2@ip-10-0-0-31', 'charge-order-0997'), result: '{"chargeId":"ch_997"}' }));
  await driver.decide(ORDER_WORKFLOW, 'order-0997', [complete('{"status":"SHIPPED"}')]);

  await driver.start(ORDER_WORKFLOW, 'order-0998', orderInput(998, 2), ['customer:cust-6986'], []);
  await client.send(new TerminateWorkflowExecutionCommand({ domain: driver.domain, workflowId: 'order-0998', reason: 'Duplicate order', details: 'Customer placed the same order twice' }));

  await driver.start(ORDER_WORKFLOW, 'order-0999', orderInput(999, 1), ['customer:cust-6993'], [
    { decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason: 'OutOfStock', details: 'SKU-1000 is not available' } },
  ]);

  // Started by another worker: visible, not claimable.
  await driver.start(ORDER_WORKFLOW, 'order-1003', orderInput(1003, 2), ['customer:cust-7021', 'priority:high'], [schedule(CHARGE, 'charge-order-1003', orderInput(1003, 2))]);
  await driver.claim('payments', 'worker-7@ip-10-0-0-12', 'charge-order-1003');

  // Started, then the decider asks to cancel: the worker will see cancelRequested on its next heartbeat.
  await driver.start(ORDER_WORKFLOW, 'order-1004', orderInput(1004, 3), ['customer:cust-7028'], [schedule(SHIP, 'ship-order-1004', longManifest(1004))]);
  const shipToken = await driver.claim('shipping', 'worker-3@ip-10-0-1-44', 'ship-order-1004');
  await client.send(new RecordActivityTaskHeartbeatCommand({ taskToken: shipToken, details: 'Label printed, waiting for pickup' }));
  // The customer cancels; the signal wakes the decider, which asks the shipping worker to stop.
  await client.send(new SignalWorkflowExecutionCommand({ domain: driver.domain, workflowId: 'order-1004', signalName: 'CustomerCancelled', input: '{"reason":"changed my mind"}' }));
  await driver.decide(ORDER_WORKFLOW, 'order-1004', [{ decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId: 'ship-order-1004' } }]);

  // A retry: the first attempt failed, the decider schedules the same activityId again.
  await driver.start(ORDER_WORKFLOW, 'order-1005', orderInput(1005, 1), ['customer:cust-7035'], [schedule(CHARGE, 'charge-order-1005', orderInput(1005, 1))]);
  const firstAttempt = await driver.claim('payments', 'worker-7@ip-10-0-0-12', 'charge-order-1005');
  await client.send(new RespondActivityTaskFailedCommand({ taskToken: firstAttempt, reason: 'GatewayTimeout', details: 'Payment provider did not answer within 30 s' }));
  await driver.decide(ORDER_WORKFLOW, 'order-1005', [schedule(CHARGE, 'charge-order-1005', orderInput(1005, 1))]);

  // Scheduled and waiting, on several task lists; last, so the worker polls above never pick them.
  await driver.start(ORDER_WORKFLOW, 'order-1001', orderInput(1001, 2), ['customer:cust-7007'], [schedule(CHARGE, 'charge-order-1001', orderInput(1001, 2))]);
  await driver.start(ORDER_WORKFLOW, 'order-1002', orderInput(1002, 4), ['customer:cust-7014'], [
    schedule(SHIP, 'ship-order-1002', longManifest(1002)),
    schedule(EMAIL, 'email-order-1002', 'Your order order-1002 is on its way!'),
  ]);
  await driver.start(ORDER_WORKFLOW, 'order-1006', orderInput(1006, 1), ['customer:cust-7042'], [schedule(INVOICE, 'invoice-order-1006', '{"orderId":"order-1006","format":"pdf"}')]);
  await driver.start(ORDER_WORKFLOW, 'order-1007', orderInput(1007, 1), [], [schedule(EMAIL, 'email-order-1007')]);

  // Express orders: short timeouts, so a claimed task's deadline and heartbeat warnings are seen within minutes
  // (they only run once the task is started). Scheduled last on payments: a worker polling it gets the others first.
  await driver.start(ORDER_WORKFLOW, 'order-1008', orderInput(1008, 1), ['customer:cust-7056', 'priority:express'], [
    schedule(CHARGE, 'charge-order-1008', orderInput(1008, 1), EXPRESS_CHARGE_TIMEOUTS),
  ]);
  await driver.start(ORDER_WORKFLOW, 'order-1009', orderInput(1009, 2), ['customer:cust-7063', 'priority:express'], [
    schedule(INVOICE, 'invoice-order-1009', '{"orderId":"order-1009","format":"pdf"}', EXPRESS_INVOICE_TIMEOUTS),
  ]);
}

async function seedReports(driver: SeedDriver): Promise<void> {
  await driver.registerDomain('Nightly reporting (local SWF sandbox)');
  await driver.registerWorkflowType(REPORT_WORKFLOW, 'Builds the nightly sales report');
  await driver.registerActivityType({ ...REPORT, ...activityDefaults('reports', 'Aggregates one day of sales') });
  await driver.start(REPORT_WORKFLOW, 'report-2024-06-01', '{"date":"2024-06-01"}', ['nightly'], [schedule(REPORT, 'build-report-2024-06-01', '{"date":"2024-06-01","regions":["eu","us"]}')]);
}

/**
 * Seeds {@link SAMPLE_DOMAIN} and a small second domain through the running
 * sandbox. Call it right after start(), before configuring faults or
 * throttling (seeding is ordinary API traffic and counts in stats()).
 */
export async function seedSampleDomain(sandbox: SwfSandbox): Promise<{ domains: string[] }> {
  for (const [domain, seed] of [
    [SAMPLE_DOMAIN, seedOrders],
    [SAMPLE_REPORTS_DOMAIN, seedReports],
  ] as const) {
    const driver = new SeedDriver(sandbox.endpoint, domain);
    try {
      await seed(driver);
    } finally {
      driver.destroy();
    }
  }
  return { domains: [SAMPLE_DOMAIN, SAMPLE_REPORTS_DOMAIN] };
}
