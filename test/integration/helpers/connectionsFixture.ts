/**
 * What the two halves of the connections suite share across the window
 * reload: the domain both peers register under one name, and the task.
 * A module of its own: importing one test file from another would register
 * its suites twice.
 */
export const SHARED_DOMAIN = 'shared-orders';
export const TASK_LIST = 'reviews';
export const TYPE = { name: 'ReviewOrder', version: '1' };
/**
 * The sandbox enforces it: without heartbeats the claimed task would time out
 * within the suite. Long enough to span the window reload, between the old
 * extension host's last beat and the new one's first (a reload took 4-9 s
 * here; at 6 s the suite failed about one run in two).
 */
export const HEARTBEAT_TIMEOUT = '15';
/** Typed into a Complete prompt and backed out of before the reload; offered again after it. */
export const DRAFT_BEFORE_RELOAD = 'approved, pending the manager (typed before the reload)';
/** The sandbox's execution, left open in a panel before the reload; the serializer restores it after. */
export const PANEL_WORKFLOW_ID = 'order-on-sandbox';
/**
 * The in-host local sandbox (Start Local Sandbox) before the reload: the first
 * payments task claimed and its execution left open in a panel. The reload
 * ends that sandbox, so after it both are gone for good.
 */
export const IN_HOST_SANDBOX_CLAIM = 'charge-order-1005';
export const IN_HOST_SANDBOX_WORKFLOW = 'order-1005';
